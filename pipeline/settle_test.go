package pipeline

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/topic"
)

// settlingSite serves one feed for a first ingest: its oldest item, decided
// first, reports a match without naming football, so no rule knows it for
// sport; the newer items, football reports in the same words and embassy
// reports (streamTopics' world), teach the stream model sport's words only
// after the oldest was tagged.
// The items are written for the test.
func settlingSite(t *testing.T) *httptest.Server {
	const early = "Team wins on Sunday"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var b strings.Builder
		b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>`)
		day := time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC)
		item := func(i int, title, text string) {
			fmt.Fprintf(&b, `<item><title>%s</title><link>https://news.example/%d</link><pubDate>%s</pubDate><description>%s</description></item>`,
				title, i, day.Add(time.Duration(i)*time.Minute).Format(time.RFC1123Z), text)
		}
		item(0, early, "The team won on Sunday in front of thousands of fans at the stadium, the coach said.")
		for i := 1; i <= 2*topic.StreamMinExamples; i++ {
			title, text := fmt.Sprintf("Embassy reopens in city %d", i), "The embassy of the country reopened on Monday, the foreign ministry said in a statement to reporters in the capital."
			if i%2 == 1 {
				title, text = fmt.Sprintf("Local team wins football match %d", i), "The team won the football match on Sunday in front of thousands of fans at the stadium, the coach said."
			}
			item(i, title, text)
		}
		b.WriteString(`</channel></rss>`)
		w.Write([]byte(b.String()))
	}))
	t.Cleanup(srv.Close)
	return srv
}

// storedTopics returns the slugs of the stored article titled title.
func storedTopics(t *testing.T, p *Pipeline, title string) []string {
	t.Helper()
	var slugs []string
	found := false
	err := p.store.Since(context.Background(), time.Time{}, func(a *article.Article) error {
		if a.Title == title {
			found = true
			for _, m := range a.Topics {
				slugs = append(slugs, m.Slug)
			}
		}
		return nil
	})
	if err != nil || !found {
		t.Fatalf("article %q: found %v, %v", title, found, err)
	}
	return slugs
}

// A first ingest's oldest article is tagged before the stream model has
// learned anything; the settle step, before publishing, tags the cycle's
// articles again with the model the cycle taught and stores the topics
// that changed, as the next cycle's model would decide them. On both
// drivers.
func TestFirstIngestSettledByTheCyclesModel(t *testing.T) {
	for _, driver := range storeDrivers() {
		t.Run(driver.name, func(t *testing.T) {
			site := settlingSite(t)
			p := newTestPipelineTopics(t, driver.open(t)(), streamTopics, site.URL+"/feed")
			early := &article.Article{Title: "Team wins on Sunday", Text: "The team won on Sunday in front of thousands of fans at the stadium, the coach said.", Language: "en"}
			if got := p.stream.Tag(early, p.hints["A"]); len(got) != 0 {
				t.Fatalf("an untrained stream model tags the early item %+v: the test shows nothing", got)
			}
			rep, err := p.RunCycle(context.Background())
			if err != nil || rep.New != 2*topic.StreamMinExamples+1 {
				t.Fatalf("cycle: %d new, %v", rep.New, err)
			}
			if got := storedTopics(t, p, early.Title); len(got) != 1 || got[0] != "sport" {
				t.Errorf("the early article's stored topics: %v, want [sport] as the cycle's model decides", got)
			}
			if rep.Settled != 1 {
				t.Errorf("settled %d articles, want the early one only", rep.Settled)
			}
		})
	}
}
