package publish

import (
	"context"
	"log/slog"
	"net/http"
	"sync"
	"testing"
	"time"
)

// metaLister is a fakeLister that keeps meta values, as a shared store.
type metaLister struct {
	*fakeLister
	mu   sync.Mutex
	meta map[string]string
}

func (l *metaLister) Meta(ctx context.Context, key string) (string, bool, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	v, ok := l.meta[key]
	return v, ok, nil
}

func (l *metaLister) SetMeta(ctx context.Context, key, value string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.meta[key] = value
	return nil
}

// Two publishers sharing a store, as two daemons (or one restarted) with
// different titles: each render of other bytes than the store recorded
// moves Last-Modified past the recorded one, so that no If-Modified-Since
// of the other's bytes is answered 304; the same bytes keep it.
func TestLastModifiedFollowsTheBytesAcrossPublishers(t *testing.T) {
	lister := &metaLister{fakeLister: &fakeLister{stories: testStories()}, meta: map[string]string{}}
	clk := newClock(tRefresh)
	publisher := func(title string) *Publisher {
		logger := slog.New(slog.NewTextHandler(testWriter{t}, nil))
		return New(Options{BaseURL: testBase + "/", Title: title, Now: clk.Now}, testFeeds(), lister, logger)
	}
	// lastModified refreshes p and returns its all.atom's Last-Modified,
	// checking that it answers 304 to it.
	lastModified := func(p *Publisher) string {
		t.Helper()
		if err := p.Refresh(context.Background()); err != nil {
			t.Fatal(err)
		}
		lm := get(t, p.Handler(), "GET", "/feeds/all.atom", nil).Header().Get("Last-Modified")
		if rec := get(t, p.Handler(), "GET", "/feeds/all.atom", map[string]string{"If-Modified-Since": lm}); rec.Code != http.StatusNotModified {
			t.Errorf("If-Modified-Since its own Last-Modified %s: %d", lm, rec.Code)
		}
		return lm
	}
	answers := func(p *Publisher, ims string) int {
		return get(t, p.Handler(), "GET", "/feeds/all.atom", map[string]string{"If-Modified-Since": ims}).Code
	}

	a := publisher("Warta")
	first := lastModified(a)
	// When the newest article was stored, as without a record.
	if first != "Fri, 20 Nov 2026 10:31:00 GMT" {
		t.Errorf("first Last-Modified %q", first)
	}
	if again := lastModified(publisher("Warta")); again != first {
		t.Errorf("the same bytes by another publisher: Last-Modified %q, want %q", again, first)
	}
	b := publisher("Kabar")
	renamed := lastModified(b)
	if renamed == first || answers(b, first) != http.StatusOK {
		t.Errorf("other bytes: Last-Modified %q (the first %q), %d to the first", renamed, first, answers(b, first))
	}
	// a renders its bytes again, no longer those the store recorded.
	clk.Add(time.Minute)
	back := lastModified(a)
	if answers(a, renamed) != http.StatusOK {
		t.Errorf("a's bytes again: %d to b's Last-Modified %q (a's now %q)", answers(a, renamed), renamed, back)
	}

	// An unreadable record is written anew; Last-Modified falls back on
	// the articles' times.
	lister.meta[metaModified] = "{"
	if lm := lastModified(publisher("Warta")); lm != first {
		t.Errorf("after an unreadable record: Last-Modified %q, want %q", lm, first)
	}
	if lister.meta[metaModified] == "{" {
		t.Error("the unreadable record was not replaced")
	}
}
