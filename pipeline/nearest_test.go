package pipeline

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/config"
)

// A story page asks the live story index for the stories near a story's
// articles (Nearest) while cycles assign new articles to it: the index is
// read under its lock (go test -race reads every access), and after the
// cycle one meeting told in two outlets' own words finds the other's story,
// near enough to list; a done context asks nothing.
func TestNearestBesideACycle(t *testing.T) {
	now := time.Now().UTC()
	var items strings.Builder
	for i := range 300 {
		fmt.Fprintf(&items, "<item><title>Kabar daerah nomor %d dari kabupaten %d</title><link>https://news.example/%d</link><pubDate>%s</pubDate></item>\n",
			i, i, i, now.Add(-time.Duration(i)*time.Minute).Format(time.RFC1123Z))
	}
	meeting := `<item><title>PM Malaysia Anwar Ibrahim Temui Prabowo di Istana, Bahas Konflik Timur Tengah</title><link>https://news.example/anwar-1</link><pubDate>` +
		now.Add(-3*time.Hour).Format(time.RFC1123Z) + `</pubDate></item>` +
		`<item><title>Anwar Ibrahim Bertemu Prabowo, Sepakat Redakan Konflik di Timur Tengah</title><link>https://news.example/anwar-2</link><pubDate>` +
		now.Add(-2*time.Hour).Format(time.RFC1123Z) + `</pubDate></item>`
	body := `<?xml version="1.0"?><rss version="2.0"><channel><title>Kabar</title><language>id</language>` + items.String() + meeting + `</channel></rss>`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(body)) }))
	defer srv.Close()
	p, st := newTestPipeline(t)
	p.cfg.Sources = []config.Source{{Name: "Kabar", URL: srv.URL}}
	ctx := context.Background()

	asking := []*article.Article{{ID: "x", Title: "Anwar Ibrahim Bertemu Prabowo Bahas Konflik Timur Tengah", Published: now, FirstSeen: now}}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		for {
			select {
			case <-stop:
				return
			default:
				p.Nearest(ctx, asking)
			}
		}
	})
	rep, err := p.RunCycle(ctx)
	close(stop)
	wg.Wait()
	if err != nil || rep.Fetched != 1 {
		t.Fatalf("cycle: %+v, %v", rep, err)
	}

	stored := map[string]*article.Article{}
	if err := st.Since(ctx, time.Time{}, func(a *article.Article) error {
		stored[a.URL] = a
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	first, second := stored["https://news.example/anwar-1"], stored["https://news.example/anwar-2"]
	if first == nil || second == nil || first.StoryID == second.StoryID {
		t.Fatalf("the two meetings stored as %+v and %+v; the test wants them two stories", first, second)
	}
	near := p.Nearest(ctx, []*article.Article{second, first})
	if near[0].StoryID != first.StoryID || !near[0].Related() || near[1].StoryID != second.StoryID || !near[1].Related() {
		t.Errorf("nearest of the two meetings: %+v; want each the other's story, near enough to list", near)
	}
	done, cancel := context.WithCancel(ctx)
	cancel()
	if near := p.Nearest(done, []*article.Article{second}); len(near) != 1 || near[0].StoryID != "" || near[0].Share != 0 {
		t.Errorf("a done context: %+v, want one zero Nearest", near)
	}
}
