package topiceval

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/topic"
)

func TestReadStreamLabels(t *testing.T) {
	labels, err := ReadStreamLabels(strings.NewReader("# comment\n\na.xml\t1\t1\t1\ten\tTwo  states\tsign a treaty\nb.xml\t2\t0\t0\tid\tA podcast\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]StreamLabel{"Two states sign a treaty": {IR: true, News: true, Lang: "en"}, "A podcast": {Lang: "id"}}
	if len(labels) != len(want) {
		t.Fatalf("labels %v, want %v", labels, want)
	}
	for title, l := range want {
		if labels[title] != l {
			t.Errorf("%q: %+v, want %+v", title, labels[title], l)
		}
	}
	for _, bad := range []string{
		"a.xml\t1\t1\t1\ten\n",                           // a column short
		"a.xml\t1\t1\t1\ten\tT\nb.xml\t2\t0\t1\ten\tT\n", // one title labelled twice, differently
	} {
		if _, err := ReadStreamLabels(strings.NewReader(bad)); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func TestWeighStreams(t *testing.T) {
	research := []topic.IRSample{{ID: "a", Weight: 1}, {ID: "b", Weight: 0.5}, {ID: "c"}} // total 2.5
	streams := [][]topic.IRSample{{{ID: "s1"}, {ID: "s2"}}, {{ID: "t1"}}}
	if got := WeighStreams(research, streams, 0); len(got) != len(research) {
		t.Errorf("share 0: %d samples, want the %d research samples alone", len(got), len(research))
	}
	got := WeighStreams(research, streams, 0.4) // the streams weigh 1, each 0.5
	byStream := map[byte]float64{}
	for _, s := range got[len(research):] {
		byStream[s.ID[0]] += s.Weight
	}
	if len(got) != 6 || math.Abs(byStream['s']-0.5) > 1e-12 || math.Abs(byStream['t']-0.5) > 1e-12 {
		t.Errorf("share 0.4: %d samples, stream weights %v, want 6 and 0.5 each", len(got), byStream)
	}
	if got[1].Weight != 0.5 || streams[0][0].Weight != 0 {
		t.Errorf("the research samples' or the caller's stream samples' weights changed")
	}
}

// A stream directory is prepared as a cycle meets it: items in their
// published order across feeds, one per title for the labels; the samples
// and tallies count its labelled items in English or Indonesian. The feed
// is written for the test.
func TestLoadAndScoreStream(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "stream-x")
	labelsDir := filepath.Dir(dir)
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	item := func(title, link, date string) string {
		return "<item><title>" + title + "</title><link>" + link + "</link><pubDate>" + date + "</pubDate><description>" + title + ".</description></item>"
	}
	feed := `<?xml version="1.0"?><rss version="2.0"><channel><title>World</title><link>https://news.invalid/</link><language>en</language>` +
		item("Indonesia and Malaysia sign a border treaty", "https://news.invalid/1", "Tue, 03 Jan 2023 10:00:00 GMT") +
		item("Local team wins the cup final", "https://news.invalid/2", "Mon, 02 Jan 2023 10:00:00 GMT") +
		item("Local team wins the cup final", "https://news.invalid/3", "Wed, 04 Jan 2023 10:00:00 GMT") +
		`</channel></rss>`
	for name, body := range map[string]string{"a.xml": feed, "SOURCES.tsv": "not a feed\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	labels := "a.xml\t1\t1\t1\ten\tIndonesia and Malaysia sign a border treaty\na.xml\t2\t0\t1\ten\tLocal team wins the cup final\n"
	if err := os.WriteFile(filepath.Join(labelsDir, StreamLabelsFile(dir)), []byte(labels), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(filepath.Join("..", "..", "config.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	tg := defaultTagger(t)
	s, err := LoadStream(context.Background(), cfg, tg, dir, labelsDir, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, a := range s.Articles {
		titles = append(titles, a.URL)
	}
	if s.Name != "stream-x" || strings.Join(titles, " ") != "https://news.invalid/2 https://news.invalid/1 https://news.invalid/3" {
		t.Errorf("stream %q, articles %v, want stream-x and the published order", s.Name, titles)
	}
	samples := s.IRSamples(tg)
	if len(samples) != 2 || samples[0].Y || !samples[1].Y || samples[0].View != StreamView {
		t.Errorf("samples %+v, want the cup final (no) and the treaty (yes), one each", samples)
	}
	tallies := ScoreStream(tg, s)
	if c := tallies["en"]; c.TP+c.FN != 1 || c.TP+c.FP+c.FN > 2 {
		t.Errorf("en tallies %+v, want one IR item of two", *c)
	}
}
