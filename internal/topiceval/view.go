package topiceval

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/warta-news/warta/internal/textcut"
)

// View is how much of each labelled article the tagger is shown. The
// labelled news carries a title and a summary of a few hundred characters;
// real feed streams often carry a title alone, or a title and a sentence or
// two, and the shorter views measure what a tagger does with those.
type View int

// The views.
const (
	ViewFull     View = iota // title and summary as labelled
	ViewTitle                // the title alone
	ViewSentence             // the title and the summary's first sentence
	ViewLead                 // the title and the summary's first LeadChars characters, cut at a word
)

// LeadChars is the length of the summary ViewLead keeps: about what a feed
// shows in one or two lines of description.
const LeadChars = 200

// Views lists every view, the full one first.
func Views() []View { return []View{ViewFull, ViewTitle, ViewSentence, ViewLead} }

func (v View) String() string {
	switch v {
	case ViewTitle:
		return "title"
	case ViewSentence:
		return "sentence"
	case ViewLead:
		return fmt.Sprintf("lead%d", LeadChars)
	}
	return "full"
}

// ParseView returns the view named s (as View.String names it).
func ParseView(s string) (View, error) {
	for _, v := range Views() {
		if v.String() == s {
			return v, nil
		}
	}
	return 0, fmt.Errorf("topiceval: unknown view %q (want full, title, sentence or lead%d)", s, LeadChars)
}

// apply returns the summary the view keeps of summary.
func (v View) apply(summary string) string {
	switch v {
	case ViewTitle:
		return ""
	case ViewSentence:
		return firstSentence(summary)
	case ViewLead:
		return textcut.AtWord(summary, LeadChars)
	}
	return summary
}

// Apply rewrites labelled articles (JSON Lines) as the view shows them:
// every field but the summary is kept as it is.
func (v View) Apply(articles []byte) ([]byte, error) {
	if v == ViewFull {
		return articles, nil
	}
	var out bytes.Buffer
	sc := bufio.NewScanner(bytes.NewReader(articles))
	sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
	line := 0
	for sc.Scan() {
		line++
		b := sc.Bytes()
		if len(bytes.TrimSpace(b)) == 0 {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			return nil, fmt.Errorf("topiceval: articles: line %d: %w", line, err)
		}
		s, _ := m["summary"].(string)
		m["summary"] = v.apply(s)
		enc, err := json.Marshal(m)
		if err != nil {
			return nil, fmt.Errorf("topiceval: articles: line %d: %w", line, err)
		}
		out.Write(enc)
		out.WriteByte('\n')
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("topiceval: articles: %w", err)
	}
	return out.Bytes(), nil
}

// minSentence is the least length of a first sentence: a dateline
// ("WASHINGTON. ") or an initial is no sentence.
const minSentence = 40

// firstSentence returns s up to the end of its first sentence: a full stop,
// question or exclamation mark followed by a space and a capital or digit,
// not after an initial ("U.S. officials"). Without one, s cut at
// 2×LeadChars.
func firstSentence(s string) string {
	for i := minSentence; i+2 < len(s); i++ {
		switch s[i] {
		case '.', '!', '?':
		default:
			continue
		}
		if s[i+1] != ' ' {
			continue
		}
		next, _ := utf8.DecodeRuneInString(s[i+2:])
		if !unicode.IsUpper(next) && !unicode.IsDigit(next) && next != '"' && next != '\'' {
			continue
		}
		if s[i] == '.' && isInitial(s[:i]) {
			continue
		}
		return s[:i+1]
	}
	return textcut.AtWord(s, 2*LeadChars)
}

// isInitial reports whether s ends in one capital letter after a space or
// a dot ("U.S", " J"): the dot after it abbreviates.
func isInitial(s string) bool {
	r, n := utf8.DecodeLastRuneInString(s)
	if !unicode.IsUpper(r) {
		return false
	}
	rest := s[:len(s)-n]
	return rest == "" || strings.HasSuffix(rest, " ") || strings.HasSuffix(rest, ".")
}
