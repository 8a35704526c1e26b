package schema

import (
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/warta-news/warta/article"
)

// DecodeTerms reads a topic's terms column (json.Marshal of
// []article.TermHit). Publishing reads them for every story of every
// feed, where encoding/json's reflection was half the cost of reading the
// topics, so the form json.Marshal writes is read directly; anything else
// (an escape, a space, another key order) goes to encoding/json, and the
// result is the same.
func DecodeTerms(s string) ([]article.TermHit, error) {
	if hits, ok := decodeTermsFast(s); ok {
		return hits, nil
	}
	var hits []article.TermHit
	if err := json.Unmarshal([]byte(s), &hits); err != nil {
		return nil, err
	}
	return hits, nil
}

// decodeTermsFast reads s when it is exactly what json.Marshal writes for
// hits without escapes: ok is false for anything else.
func decodeTermsFast(s string) (hits []article.TermHit, ok bool) {
	switch s {
	case "null":
		return nil, true
	case "[]":
		return []article.TermHit{}, true
	}
	rest, found := strings.CutPrefix(s, "[")
	if !found {
		return nil, false
	}
	hits = make([]article.TermHit, 0, strings.Count(s, `{"term":`))
	for {
		var h article.TermHit
		if rest, ok = cutString(rest, `{"term":`, &h.Term); !ok {
			return nil, false
		}
		if rest, ok = cutString(rest, `,"field":`, &h.Field); !ok {
			return nil, false
		}
		if rest, ok = cutNumber(rest, `,"weight":`, &h.Weight); !ok {
			return nil, false
		}
		hits = append(hits, h)
		switch {
		case rest == "}]":
			return hits, true
		case strings.HasPrefix(rest, "},"):
			rest = rest[2:]
		default:
			return nil, false
		}
	}
}

// cutString reads prefix then a JSON string without escapes into v.
func cutString(s, prefix string, v *string) (rest string, ok bool) {
	s, found := strings.CutPrefix(s, prefix+`"`)
	if !found {
		return "", false
	}
	end := strings.IndexByte(s, '"')
	if end < 0 {
		return "", false
	}
	str := s[:end]
	for i := 0; i < len(str); i++ {
		if c := str[i]; c == '\\' || c < 0x20 {
			return "", false
		}
	}
	if !utf8.ValidString(str) {
		return "", false
	}
	*v = str
	return s[end+1:], true
}

// cutNumber reads prefix then a JSON number into v.
func cutNumber(s, prefix string, v *float64) (rest string, ok bool) {
	s, found := strings.CutPrefix(s, prefix)
	if !found {
		return "", false
	}
	end := strings.IndexByte(s, '}')
	if end < 0 || !jsonNumber(s[:end]) {
		return "", false
	}
	f, err := strconv.ParseFloat(s[:end], 64)
	if err != nil {
		return "", false
	}
	*v = f
	return s[end:], true
}

// jsonNumber reports whether n is a number by JSON's grammar:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func jsonNumber(n string) bool {
	digits := func(i int) int {
		for i < len(n) && n[i] >= '0' && n[i] <= '9' {
			i++
		}
		return i
	}
	i := 0
	if i < len(n) && n[i] == '-' {
		i++
	}
	switch {
	case i < len(n) && n[i] == '0':
		i++
	case i < len(n) && n[i] >= '1' && n[i] <= '9':
		i = digits(i)
	default:
		return false
	}
	if i < len(n) && n[i] == '.' {
		j := digits(i + 1)
		if j == i+1 {
			return false
		}
		i = j
	}
	if i < len(n) && (n[i] == 'e' || n[i] == 'E') {
		i++
		if i < len(n) && (n[i] == '+' || n[i] == '-') {
			i++
		}
		j := digits(i)
		if j == i {
			return false
		}
		i = j
	}
	return i == len(n)
}
