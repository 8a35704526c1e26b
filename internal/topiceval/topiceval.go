// Package topiceval scores a topic tagger against labelled articles, as the
// maintainers' score_topics.py does, so that `warta eval-topics` and the
// tests report the same figures. The slugs it scores are those of the
// labelled data; the tagger itself knows none.
package topiceval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/topic"
)

// Evaluated topics and groups, as in the maintainers' score_topics.py.
var evalTopics = [...]string{"world", "sport", "economy", "science-technology"}

const irSlug = "international-relations"

// Tagger is what Evaluate scores: *topic.Tagger.
type Tagger interface {
	Tag(a *article.Article, h topic.Hints) []article.TopicMatch
}

// irGold is one international-relations label.
type irGold struct {
	ID string `json:"id"`
	IR int    `json:"ir"`
}

// readLabelled reads labelled articles and IR labels.
func readLabelled(articles, irLabels io.Reader) ([]evalItem, []irGold, error) {
	items, err := readJSONL[evalItem](articles)
	if err != nil {
		return nil, nil, fmt.Errorf("topiceval: articles: %w", err)
	}
	gold, err := readJSONL[irGold](irLabels)
	if err != nil {
		return nil, nil, fmt.Errorf("topiceval: ir labels: %w", err)
	}
	return items, gold, nil
}

// Score is precision, recall and F1 of one topic in one language group.
type Score struct {
	Topic     string  `json:"topic"`
	Lang      string  `json:"lang"`
	Positives int     `json:"positives"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

// Report is the result of Evaluate. It computes exactly what
// score_topics.py computes: per-topic scores by language for world, sport,
// economy and science-technology (outlet-section headlines, sources
// "nara…", and items labelled national left out), international-relations
// over the hand-labelled ids, world-or-IR on the headlines, and how often
// the two languages of a pair get the same topics.
type Report struct {
	Rows        []Score             `json:"rows"`
	MacroF1EN   float64             `json:"macro_f1_en"`
	MacroF1ID   float64             `json:"macro_f1_id"`
	IR          Score               `json:"ir"`
	HeadlinesF1 float64             `json:"headlines_f1"`
	Parity      float64             `json:"parity"`
	Articles    int                 `json:"articles"`
	Untagged    float64             `json:"untagged"`
	Predictions map[string][]string `json:"-"`
}

// evalItem is one labelled article. The tagger only sees id, url, title,
// summary and language.
type evalItem struct {
	ID       string `json:"id"`
	Source   string `json:"source"`
	URL      string `json:"url"`
	Title    string `json:"title"`
	Summary  string `json:"summary"`
	Language string `json:"language"`
	Label    string `json:"label"`
	Pair     string `json:"pair"`
}

// Evaluate tags every article of a JSONL file (one object per line with id,
// source, url, title, summary, language, label and optionally pair) and
// scores the result against the labels and against irLabels (JSONL with id
// and ir 0/1).
func Evaluate(t Tagger, articles io.Reader, irLabels io.Reader) (*Report, error) {
	items, gold, err := readLabelled(articles, irLabels)
	if err != nil {
		return nil, err
	}

	rep := &Report{Articles: len(items), Predictions: make(map[string][]string, len(items))}
	pred := make(map[string]map[string]bool, len(items))
	byID := make(map[string]*evalItem, len(items))
	untagged := 0
	for i := range items {
		it := &items[i]
		byID[it.ID] = it
		a := &article.Article{ID: it.ID, URL: it.URL, Title: it.Title, Text: it.Summary, Language: it.Language}
		set := map[string]bool{}
		var slugs []string
		for _, m := range t.Tag(a, topic.Hints{}) {
			set[m.Slug] = true
			slugs = append(slugs, m.Slug)
		}
		if len(slugs) == 0 {
			untagged++
		}
		pred[it.ID] = set
		rep.Predictions[it.ID] = slugs
	}
	if len(items) > 0 {
		rep.Untagged = float64(untagged) / float64(len(items))
	}

	f1 := map[string]float64{}
	for _, slug := range evalTopics {
		for _, lang := range [...]string{"en", "id"} {
			var c counts
			for i := range items {
				it := &items[i]
				if it.Language != lang || !deskScored(it) {
					continue
				}
				c.add(it.Label == slug, pred[it.ID][slug])
			}
			s := c.score(slug, lang)
			f1[lang] += s.F1 / float64(len(evalTopics))
			rep.Rows = append(rep.Rows, s)
		}
	}
	rep.MacroF1EN, rep.MacroF1ID = f1["en"], f1["id"]

	var all counts
	byLang := map[string]*counts{"en": {}, "id": {}}
	for _, g := range gold {
		lang := "en"
		if it := byID[g.ID]; it != nil {
			lang = it.Language
		}
		y, yhat := g.IR == 1, pred[g.ID][irSlug]
		all.add(y, yhat)
		if c := byLang[lang]; c != nil {
			c.add(y, yhat)
		}
	}
	rep.IR = all.score(irSlug, "all")
	rep.Rows = append(rep.Rows, rep.IR, byLang["en"].score(irSlug, "en"), byLang["id"].score(irSlug, "id"))

	var nara counts
	for i := range items {
		it := &items[i]
		if isHeadline(it) {
			nara.add(it.Label == "world", pred[it.ID]["world"] || pred[it.ID][irSlug])
		}
	}
	hs := nara.score("world|IR headlines", "id")
	rep.HeadlinesF1 = hs.F1
	rep.Rows = append(rep.Rows, hs)

	pairs := map[string]map[string]map[string]bool{}
	for i := range items {
		it := &items[i]
		if it.Pair == "" {
			continue
		}
		if pairs[it.Pair] == nil {
			pairs[it.Pair] = map[string]map[string]bool{}
		}
		pairs[it.Pair][it.Language] = pred[it.ID]
	}
	agree, n := 0, 0
	for _, p := range pairs {
		en, okEN := p["en"]
		id, okID := p["id"]
		if len(p) != 2 || !okEN || !okID {
			continue
		}
		n++
		if sameSet(en, id) {
			agree++
		}
	}
	if n > 0 {
		rep.Parity = float64(agree) / float64(n)
	}
	return rep, nil
}

// isHeadline reports whether it is an outlet-section headline (sources
// "nara…"), scored as world-or-IR only.
func isHeadline(it *evalItem) bool { return strings.HasPrefix(it.Source, "nara") }

// deskScored reports whether the desks are scored on it: not a headline,
// not labelled national.
func deskScored(it *evalItem) bool { return !isHeadline(it) && it.Label != "national" }

func sameSet(a, b map[string]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

// counts tallies one topic's decisions (topic.Tally, shared with the fit of
// the actors model).
type counts struct{ topic.Tally }

func (c *counts) add(y, yhat bool) { c.Add(y, yhat) }

func (c *counts) score(slug, lang string) Score {
	p, r, f1 := c.Scores()
	return Score{Topic: slug, Lang: lang, Positives: c.TP + c.FN, Precision: p, Recall: r, F1: f1}
}

// readJSONL decodes one T per non-blank line of r.
func readJSONL[T any](r io.Reader) ([]T, error) {
	var out []T
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
	line := 0
	for sc.Scan() {
		line++
		b := sc.Bytes()
		if len(strings.TrimSpace(string(b))) == 0 {
			continue
		}
		var v T
		if err := json.Unmarshal(b, &v); err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		out = append(out, v)
	}
	return out, sc.Err()
}

// Write prints the report as score_topics.py does: a table, then a summary
// line.
func (r *Report) Write(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%-28s %-4s %5s %6s %6s %6s\n", "topic", "lang", "pos", "prec", "rec", "F1")
	for _, s := range r.Rows {
		fmt.Fprintf(&b, "%-28s %-4s %5d %6.3f %6.3f %6.3f\n", s.Topic, s.Lang, s.Positives, s.Precision, s.Recall, s.F1)
	}
	fmt.Fprintf(&b, "articles %d untagged %.3f\n", r.Articles, r.Untagged)
	fmt.Fprintf(&b, "summary: macroF1_en=%.3f macroF1_id=%.3f IR_F1=%.3f IR_P=%.3f IR_R=%.3f parity=%.3f headlinesF1=%.3f\n",
		r.MacroF1EN, r.MacroF1ID, r.IR.F1, r.IR.Precision, r.IR.Recall, r.Parity, r.HeadlinesF1)
	_, err := io.WriteString(w, b.String())
	if err != nil {
		return fmt.Errorf("topiceval: %w", err)
	}
	return nil
}

// WritePredictions writes one JSON line per article, {"id", "topics"}, the
// format `warta tag` prints and score_topics.py reads, in id order.
func (r *Report) WritePredictions(w io.Writer) error {
	ids := make([]string, 0, len(r.Predictions))
	for id := range r.Predictions {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	enc := json.NewEncoder(w)
	for _, id := range ids {
		topics := r.Predictions[id]
		if topics == nil {
			topics = []string{}
		}
		if err := enc.Encode(struct {
			ID     string   `json:"id"`
			Topics []string `json:"topics"`
		}{id, topics}); err != nil {
			return fmt.Errorf("topiceval: %w", err)
		}
	}
	return nil
}
