package main

import (
	"context"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/warta-news/warta/topic"
)

// A story keeps its entry and entry id when another outlet's copy arrives
// in a later cycle; the copy shows as a related link and in the content.
func TestLaterCopyJoinsTheStoryEntry(t *testing.T) {
	site := newNewsSite(t)
	lead := rssItem{Title: "Indonesia dan Jepang teken perjanjian kerja sama pertahanan",
		Link:        site.URL + "/antara/indonesia-jepang-teken-perjanjian",
		Description: "<p>JAKARTA (ANTARA) - Menteri Pertahanan Indonesia dan Menteri Pertahanan Jepang menandatangani perjanjian kerja sama pertahanan di Tokyo pada Selasa, yang mencakup latihan bersama, alih teknologi dan pertukaran perwira.</p><p>Kedua menteri juga membahas keamanan kawasan Laut China Selatan.</p>",
		PubDate:     "Tue, 17 Nov 2026 09:00:00 +0700"}
	site.serve("/antara", "application/rss+xml", rss("Antara", []rssItem{lead}))
	site.serve("/tempo", "application/rss+xml", rss("Tempo", nil))
	dir := t.TempDir()
	cfg := writeConfig(t, dir, []testSource{
		{Name: "Antara", URL: site.URL + "/antara", Language: "id"},
		{Name: "Tempo", URL: site.URL + "/tempo", Language: "id"},
	}, nil)
	mustWarta(t, "-config", cfg, "once")
	before := readAtom(t, filepath.Join(dir, "feeds", "all.atom"))
	if len(before.Items) != 1 {
		t.Fatalf("first cycle: %d entries", len(before.Items))
	}

	copyItem := lead
	copyItem.Title = "Indonesia dan Jepang Teken Perjanjian Kerja Sama Pertahanan - Tempo.co"
	copyItem.Link = site.URL + "/tempo/nasional/indonesia-jepang-perjanjian-pertahanan"
	copyItem.Description = "<p>Menteri Pertahanan Indonesia dan Menteri Pertahanan Jepang menandatangani perjanjian kerja sama pertahanan di Tokyo pada Selasa, yang mencakup latihan bersama, alih teknologi dan pertukaran perwira.</p><p>Baca juga: Prabowo kunjungi pabrik kapal selam</p>"
	copyItem.PubDate = "Tue, 17 Nov 2026 11:30:00 +0700"
	site.serve("/tempo", "application/rss+xml", rss("Tempo", []rssItem{copyItem}))
	mustWarta(t, "-config", cfg, "once")

	recs := exported(t, cfg)
	if len(recs) != 2 || recs[0].Story != recs[1].Story {
		t.Fatalf("the copy did not join the story: %+v", recs)
	}
	after := readAtom(t, filepath.Join(dir, "feeds", "all.atom"))
	if len(after.Items) != 1 {
		t.Fatalf("second cycle: %d entries, want 1 per story", len(after.Items))
	}
	if after.Items[0].GUID != before.Items[0].GUID {
		t.Errorf("entry id changed from %q to %q when a copy arrived", before.Items[0].GUID, after.Items[0].GUID)
	}
	if after.Items[0].Link != lead.Link {
		t.Errorf("entry link %q, want the first-seen copy %q", after.Items[0].Link, lead.Link)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "feeds", "all.atom"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(raw), `rel="related"`) || !strings.Contains(string(raw), copyItem.Link) {
		t.Errorf("no related link to the copy in:\n%s", raw)
	}
	if !strings.Contains(after.Items[0].Content, "Tempo") {
		t.Errorf("content does not say the copy's outlet: %q", after.Items[0].Content)
	}
	validateAll(t, filepath.Join(dir, "feeds"))

	// explain names the story the copy joined and why.
	out := mustWarta(t, "-config", cfg, "explain", "-json", copyItem.Link+"?utm_source=x")
	var ex explanation
	if err := json.Unmarshal([]byte(out), &ex); err != nil {
		t.Fatalf("explain -json: %v\n%s", err, out)
	}
	if !ex.Stored || ex.Story == nil || ex.Story.ID != recs[0].Story || ex.Story.Matched == nil || ex.Story.Matched.URL != recs[0].URL || ex.Story.Similarity <= 0 {
		t.Fatalf("explain story: %+v", ex.Story)
	}
	// The feeds that carry the story: all, and the lead's topic.
	var carriers []string
	for _, f := range ex.Feeds {
		carriers = append(carriers, f.Slug+": "+f.Why)
	}
	if !slices.Contains(carriers, "all: every story") || !slices.Contains(carriers, "international-relations: tagged international-relations") {
		t.Errorf("explain feeds %q", carriers)
	}
	text := mustWarta(t, "-config", cfg, "explain", copyItem.Link)
	if !strings.Contains(text, "similar to") || !strings.Contains(text, "international-relations") || !strings.Contains(text, "feeds:\n  all") {
		t.Errorf("explain text:\n%s", text)
	}
}

// explain reads a plain-text article from a file: the seed article passes
// international-relations and not sport, with the matched terms shown.
func TestExplainSeedArticleFile(t *testing.T) {
	dir := t.TempDir()
	cfg := writeConfig(t, dir, []testSource{{Name: "X", URL: "https://x.example/rss"}}, map[string]any{
		"feeds": []map[string]any{
			{"slug": "kuba-rusia", "title": "Kuba dan Rusia", "filter": `topic:international-relations lang:id "kuba rusia"`},
			{"slug": "english-world", "title": "World in English", "filter": "topic:international-relations lang:en"},
		},
	})
	out := mustWarta(t, "-config", cfg, "explain", "-json", seedArticleFile(t))
	var ex explanation
	if err := json.Unmarshal([]byte(out), &ex); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if ex.Article.Language != "id" || ex.Article.Title != "Semakin Ditekan Barat, Kuba-Rusia Makin Mesra" {
		t.Errorf("article %+v", ex.Article)
	}
	passed := map[string]bool{}
	for _, e := range ex.Topics {
		passed[e.Slug] = e.Passed
		if e.Slug == "international-relations" && len(e.Terms) == 0 {
			t.Error("international-relations passed with no matched terms shown")
		}
	}
	if !passed["international-relations"] || passed["sport"] {
		t.Errorf("passed topics %v", passed)
	}
	if ex.Story == nil || !ex.Story.Would {
		t.Errorf("story %+v: want what it would join", ex.Story)
	}
	// The feeds that would carry it, and why: a defined feed by its filter.
	var carriers []string
	for _, f := range ex.Feeds {
		carriers = append(carriers, f.Slug+": "+f.Why)
	}
	for _, want := range []string{"all: every story", "international-relations: tagged international-relations",
		`kuba-rusia: filter topic:international-relations lang:id "kuba rusia"`} {
		if !slices.Contains(carriers, want) {
			t.Errorf("explain feeds %q lack %q", carriers, want)
		}
	}
	if slices.ContainsFunc(carriers, func(c string) bool { return strings.HasPrefix(c, "english-world") }) {
		t.Errorf("an English-only feed carries an Indonesian article: %q", carriers)
	}
}

// tag prints one line per input line, with the id as given and the topics
// with their matched terms; no store is created.
func TestTagJSONLines(t *testing.T) {
	dir := t.TempDir()
	cfg := writeConfig(t, dir, []testSource{{Name: "X", URL: "https://x.example/rss"}}, nil)
	in := `{"id": "a1", "title": "Sri Mulyani: inflasi dan suku bunga Bank Indonesia terkendali", "summary": "Menteri Keuangan menyebut inflasi, nilai tukar rupiah dan pertumbuhan ekonomi terjaga.", "language": "id"}
{"id": 7, "title": "Manchester United beat Liverpool 2-1 in the Premier League", "summary": "A late goal won the match at Old Trafford.", "language": "en"}
`
	code, out, errOut := warta(t, context.Background(), in, "-config", cfg, "tag")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d output lines:\n%s", len(lines), out)
	}
	want := []struct{ id, topic string }{{`"a1"`, "economy"}, {`7`, "sport"}}
	for i, l := range lines {
		var o struct {
			ID     json.RawMessage `json:"id"`
			Topics []struct {
				Slug  string `json:"slug"`
				Terms []struct {
					Term string `json:"term"`
				} `json:"terms"`
			} `json:"topics"`
		}
		if err := json.Unmarshal([]byte(l), &o); err != nil {
			t.Fatal(err)
		}
		if string(o.ID) != want[i].id {
			t.Errorf("line %d: id %s, want %s", i, o.ID, want[i].id)
		}
		found := false
		for _, tp := range o.Topics {
			if tp.Slug == want[i].topic && len(tp.Terms) > 0 {
				found = true
			}
		}
		if !found {
			t.Errorf("line %d: topics %s lack %s with terms", i, l, want[i].topic)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "warta.db")); err == nil {
		t.Error("tag created a store")
	}
	code, _, errOut = warta(t, context.Background(), "{not json\n", "-config", cfg, "tag")
	if code == 0 || !strings.Contains(errOut, "line 1") {
		t.Errorf("bad input: exit %d, %s", code, errOut)
	}
}

// eval-topics scores labelled lines and writes predictions that the
// maintainers' scorer reads.
func TestEvalTopicsCommand(t *testing.T) {
	dir := t.TempDir()
	cfg := writeConfig(t, dir, []testSource{{Name: "X", URL: "https://x.example/rss"}}, nil)
	articles := filepath.Join(dir, "a.jsonl")
	os.WriteFile(articles, []byte(`{"id": "s1", "source": "test", "url": "https://x.example/1", "title": "Liverpool win the Champions League final", "summary": "The striker scored twice as the club lifted the trophy.", "language": "en", "label": "sport"}
{"id": "e1", "source": "test", "url": "https://x.example/2", "title": "Stocks fall as oil prices and inflation rise", "summary": "Shares on Wall Street dropped after the central bank signalled higher interest rates.", "language": "en", "label": "economy"}
`), 0o644)
	preds := filepath.Join(dir, "pred.jsonl")
	out := mustWarta(t, "-config", cfg, "eval-topics", "-articles", articles, "-predictions", preds)
	if !strings.Contains(out, "sport") || !strings.Contains(out, "summary") {
		t.Errorf("report:\n%s", out)
	}
	p, err := os.ReadFile(preds)
	if err != nil || !strings.Contains(string(p), `"s1"`) || !strings.Contains(string(p), `"sport"`) {
		t.Errorf("predictions %q (%v)", p, err)
	}
}

// eval-topics -fit writes the weights of both models as Go source, and
// -cv with -view scores each view asked for. The labelled items are
// written for the test.
func TestEvalTopicsFitAndViews(t *testing.T) {
	dir := t.TempDir()
	cfg := writeConfig(t, dir, []testSource{{Name: "X", URL: "https://x.example/rss"}}, nil)
	var arts, irs strings.Builder
	for i := range 12 {
		fmt.Fprintf(&arts, `{"id": "s%d", "source": "t", "title": "United win the cup final %d-0", "summary": "The striker scored twice. The coach praised the team after the match.", "language": "en", "label": "sport"}`+"\n", i, i)
		fmt.Fprintf(&arts, `{"id": "e%d", "source": "t", "title": "Shares fall as inflation rises %d percent", "summary": "Stocks dropped after the central bank raised interest rates. Investors sold bonds.", "language": "en", "label": "economy"}`+"\n", i, i)
		fmt.Fprintf(&arts, `{"id": "d%d", "source": "t", "title": "Foreign ministers of France and Japan hold talks %d", "summary": "The two countries agreed to deepen cooperation. They signed a treaty in Paris.", "language": "en", "label": "world"}`+"\n", i, i)
		fmt.Fprintf(&arts, `{"id": "w%d", "source": "t", "title": "Floods kill %d in France", "summary": "Rescue teams searched villages in France after heavy rain. Homes were swept away.", "language": "en", "label": "world"}`+"\n", i, i)
		fmt.Fprintf(&irs, "{\"id\": \"d%d\", \"ir\": 1}\n{\"id\": \"w%d\", \"ir\": 0}\n", i, i)
	}
	articles, labels := filepath.Join(dir, "a.jsonl"), filepath.Join(dir, "ir.jsonl")
	if err := os.WriteFile(articles, []byte(arts.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(labels, []byte(irs.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	weights := filepath.Join(dir, "weights.go")
	out := mustWarta(t, "-config", cfg, "eval-topics", "-articles", articles, "-ir", labels, "-fit", weights, "-folds", "2")
	if !strings.Contains(out, "actors model full") || !strings.Contains(out, "desk model sport") {
		t.Errorf("fit report:\n%s", out)
	}
	src, err := os.ReadFile(weights)
	if err != nil {
		t.Fatal(err)
	}
	f, err := parser.ParseFile(token.NewFileSet(), weights, src, 0)
	if err != nil {
		t.Fatalf("the fitted weights are not Go: %v\n%s", err, src)
	}
	var funcs []string
	for _, d := range f.Decls {
		if name := declName(d); name != "" {
			funcs = append(funcs, name)
		}
	}
	if !slices.Contains(funcs, "fittedIRWeights") || !slices.Contains(funcs, "fittedDeskWeights") {
		t.Errorf("the fitted weights declare %v", funcs)
	}
	out = mustWarta(t, "-config", cfg, "eval-topics", "-articles", articles, "-ir", labels, "-cv", "2", "-view", "title,sentence")
	if !strings.Contains(out, "view title") || !strings.Contains(out, "view sentence") || strings.Contains(out, "view full") {
		t.Errorf("views report:\n%s", out)
	}
}

// explain reads JSON Lines on stdin with "-".
func TestExplainStdin(t *testing.T) {
	dir := t.TempDir()
	cfg := writeConfig(t, dir, []testSource{{Name: "X", URL: "https://x.example/rss"}}, nil)
	in := `{"id": "s1", "title": "Indonesia beat Vietnam 2-0 in the AFF Cup semi-final", "summary": "Two second-half goals sent the national football team into the final.", "language": "en"}` + "\n"
	code, out, errOut := warta(t, context.Background(), in, "-config", cfg, "explain", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "+ sport") || strings.Contains(out, "+ international-relations") {
		t.Errorf("explain output:\n%s", out)
	}
}

// By default `warta tag` learns from its whole input before tagging: an
// article that only the stream teaches (its words come with confident
// sport reports further down) gets sport. With -stream it answers line by
// line, and the first line has nothing learned yet.
func TestTagTwoPassesAndStream(t *testing.T) {
	dir := t.TempDir()
	cfg := writeConfig(t, dir, []testSource{{Name: "X", URL: "https://x.example/rss"}}, nil)
	var in strings.Builder
	in.WriteString(`{"id": "target", "title": "Persikota pamit dari tribun selatan", "summary": "Persikota berterima kasih kepada Kopikota di tribun selatan.", "language": "id"}` + "\n")
	for i := range topic.StreamMinExamples + 5 {
		fmt.Fprintf(&in, `{"id": "s%d", "title": "Liga 1: Persikota menang 2-0, gelandang cetak gol", "summary": "Gelandang Persikota mencetak gol di depan Kopikota di tribun selatan; pelatih memuji pemain dan tim dalam pertandingan sepak bola itu.", "language": "id"}`+"\n", i)
		fmt.Fprintf(&in, `{"id": "e%d", "title": "Inflasi naik, Bank Indonesia tahan suku bunga", "summary": "Bank Indonesia menahan suku bunga acuan karena inflasi dan nilai tukar rupiah melemah, kata gubernur bank sentral.", "language": "id"}`+"\n", i)
	}
	topicsOf := func(out string) map[string][]string {
		got := map[string][]string{}
		for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
			var o struct {
				ID     string `json:"id"`
				Topics []struct {
					Slug string `json:"slug"`
				} `json:"topics"`
			}
			if err := json.Unmarshal([]byte(l), &o); err != nil {
				t.Fatal(err)
			}
			got[o.ID] = []string{}
			for _, tm := range o.Topics {
				got[o.ID] = append(got[o.ID], tm.Slug)
			}
		}
		return got
	}
	twoPass := topicsOf(mustWartaIn(t, in.String(), "-config", cfg, "tag"))
	stream := topicsOf(mustWartaIn(t, in.String(), "-config", cfg, "tag", "-stream"))
	if len(twoPass) != 2*(topic.StreamMinExamples+5)+1 || len(stream) != len(twoPass) {
		t.Fatalf("%d and %d answers", len(twoPass), len(stream))
	}
	if !slices.Contains(twoPass["target"], "sport") {
		t.Errorf("two passes: target got %v, want sport (learned from the stream)", twoPass["target"])
	}
	if len(stream["target"]) != 0 {
		t.Errorf("-stream: the first line got %v before anything was learned", stream["target"])
	}
}

// mustWartaIn runs the command line with stdin and fails the test on a
// non-zero exit.
func mustWartaIn(t *testing.T, stdin string, args ...string) string {
	t.Helper()
	code, out, errOut := warta(t, context.Background(), stdin, args...)
	if code != 0 {
		t.Fatalf("warta %v: exit %d\nstderr:\n%s", args, code, errOut)
	}
	return out
}

// declName is the name of a function declaration, or "".
func declName(d ast.Decl) string {
	if fn, ok := d.(*ast.FuncDecl); ok {
		return fn.Name.Name
	}
	return ""
}

// `warta once` renders the feeds only for publish.dir: without one they
// would be dropped unread at exit. The cycle stores its articles either way.
func TestOncePublishesOnlyToADir(t *testing.T) {
	site := newNewsSite(t)
	site.serve("/a", "application/rss+xml", rss("A", []rssItem{{Title: "Kedutaan besar Jepang dibuka kembali di Kabul",
		Link: site.URL + "/a/kedutaan", Description: "<p>Kedutaan besar Jepang dibuka kembali setelah dua tahun.</p>"}}))
	const rendered = "publish: feeds refreshed"
	for _, withDir := range []bool{true, false} {
		dir := t.TempDir()
		cfg := writeConfig(t, dir, []testSource{{Name: "A", URL: site.URL + "/a", Language: "id"}}, nil)
		if !withDir {
			cfg = writeConfig(t, dir, []testSource{{Name: "A", URL: site.URL + "/a", Language: "id"}},
				map[string]any{"publish": map[string]any{"max_items": 100}})
		}
		code, _, errOut := warta(t, context.Background(), "", "-config", cfg, "once")
		if code != 0 {
			t.Fatalf("dir %v: exit %d\n%s", withDir, code, errOut)
		}
		if got := strings.Contains(errOut, rendered); got != withDir {
			t.Errorf("dir %v: feeds rendered %v; log:\n%s", withDir, got, errOut)
		}
		if _, err := os.Stat(filepath.Join(dir, "feeds", "all.atom")); (err == nil) != withDir {
			t.Errorf("dir %v: all.atom written: %v", withDir, err)
		}
		if recs := exported(t, cfg); len(recs) != 1 {
			t.Errorf("dir %v: %d articles stored, want 1", withDir, len(recs))
		}
	}
}
