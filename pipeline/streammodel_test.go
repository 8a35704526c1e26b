package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/store"
	"github.com/warta-news/warta/topic"
)

// teachingSite serves feeds whose every answer carries new items: half report
// on embassies, half on football (confidently "world" or "sport" for
// streamTopics), so that each cycle teaches the stream model.
func teachingSite(t *testing.T) *httptest.Server {
	var mu sync.Mutex
	served := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		served++
		round := served
		mu.Unlock()
		var b strings.Builder
		b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>`)
		for i := range 2 * topic.StreamMinExamples {
			title, text := fmt.Sprintf("Embassy reopens in city %d", i), "The embassy of the country reopened on Monday, the foreign ministry said in a statement to reporters in the capital."
			if i%2 == 1 {
				title, text = fmt.Sprintf("Local team wins football match %d", i), "The team won the football match on Sunday in front of thousands of fans at the stadium, the coach said."
			}
			fmt.Fprintf(&b, `<item><title>%s</title><link>https://news.example%s/%d/%d</link><description>%s</description></item>`,
				title, r.URL.Path, round, i, text)
		}
		b.WriteString(`</channel></rss>`)
		w.Write([]byte(b.String()))
	}))
	t.Cleanup(srv.Close)
	return srv
}

// streamTopics are world and sport, with rules for embassies and football.
var streamTopics = []topic.Spec{testWorld, {Slug: "sport", Title: "Sport", Terms: map[string][]string{"en": {"football^5"}}}}

// snapshotOf returns the stream model's snapshot as stored, failing the
// test when there is none of the store's cycle epoch.
func snapshotOf(t *testing.T, st store.Store) []byte {
	t.Helper()
	ctx := context.Background()
	version, data, ok, err := st.Model(ctx, streamModel)
	epoch, _, _ := st.Meta(ctx, metaCycleEpoch)
	if err != nil || !ok || version != epoch {
		t.Fatalf("stored snapshot: version %q, stored %v, %v; want one of the cycle epoch %q", version, ok, err, epoch)
	}
	return data
}

// relearned is the stream model p's rules learn from every article in st.
func relearned(t *testing.T, p *Pipeline, st store.Store) *topic.Stream {
	t.Helper()
	s := p.tagger.NewStreamFor(p.hints)
	if n, err := learnStored(context.Background(), p.cfg, st, s, time.Now()); err != nil || n == 0 {
		t.Fatalf("relearning: %d articles taught, %v", n, err)
	}
	return s
}

func marshal(t *testing.T, s *topic.Stream) []byte {
	t.Helper()
	b, err := s.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// The stream model's snapshot, stored by every cycle, is the model learned
// from every stored article's text, whichever process stored it: a
// restarted process loads it instead of relearning, a process that finds
// another's cycle stored since its own reloads it, and both tag as a model
// relearned from the text. On both drivers.
func TestStreamModelSnapshotIsTheRelearnedModel(t *testing.T) {
	for _, driver := range storeDrivers() {
		t.Run(driver.name, func(t *testing.T) {
			ctx := context.Background()
			open := driver.open(t)
			site := teachingSite(t)
			urls := []string{site.URL + "/a", site.URL + "/b"}
			minutes := 0
			cycle := func(p *Pipeline) {
				t.Helper()
				minutes += 2 // past the claims of the cycle before
				p.now = func() time.Time { return time.Now().Add(time.Duration(minutes) * time.Minute) }
				rep, err := p.RunCycle(ctx)
				if err != nil || rep.New == 0 {
					t.Fatalf("cycle: %d new, %v", rep.New, err)
				}
			}
			var walksA, walksB atomic.Int32
			stA := open()
			a := newTestPipelineTopics(t, sinceCounter{stA, &walksA}, streamTopics, urls...)
			cycle(a)
			snap := snapshotOf(t, stA)
			if want := marshal(t, relearned(t, a, stA)); !bytes.Equal(snap, want) {
				t.Fatal("the stored snapshot is not the model relearned from the stored articles")
			}

			// A restart loads the snapshot: no walk over the articles' text.
			stB := open()
			b := newTestPipelineTopics(t, sinceCounter{stB, &walksB}, streamTopics, urls...)
			if walksB.Load() != 0 {
				t.Errorf("a restart read the stored articles %d times, want the snapshot only", walksB.Load())
			}
			if !bytes.Equal(marshal(t, b.stream), snap) {
				t.Error("the restarted model is not the stored snapshot")
			}

			// Two processes take turns: each catches up with what the other
			// stored and learned, without relearning from the text.
			cycle(b)
			walksA.Store(0)
			cycle(a)
			if walksA.Load() != 0 {
				t.Errorf("catching up read the stored articles %d times, want the other's snapshot only", walksA.Load())
			}
			want := relearned(t, a, stA)
			if got := snapshotOf(t, stA); !bytes.Equal(got, marshal(t, want)) || !bytes.Equal(marshal(t, a.stream), got) {
				t.Fatal("after two processes' cycles the model is not the one relearned from every stored article")
			}
			probes := []*article.Article{
				{Title: "Foreign ministry statement", Text: "The foreign ministry of the country said in a statement to reporters in the capital on Monday that talks would resume.", Language: "en"},
				{Title: "Coach praises fans", Text: "The coach thanked thousands of fans at the stadium after the team won on Sunday.", Language: "en"},
			}
			lifted := 0
			for _, pr := range probes {
				got, w := a.stream.Tag(pr, a.hints["A"]), want.Tag(pr, a.hints["A"])
				if fmt.Sprint(got) != fmt.Sprint(w) {
					t.Errorf("%q: the loaded model tags %+v, the relearned one %+v", pr.Title, got, w)
				}
				lifted += len(got)
			}
			if lifted == 0 {
				t.Error("the model lifted no topic: the comparison of tags shows nothing")
			}
		})
	}
}

// A snapshot is trusted only when it is of the store as it is and of the
// rules in use; otherwise the model learns from the stored articles again.
func TestStreamModelSnapshotNotTrusted(t *testing.T) {
	ctx := context.Background()
	site := teachingSite(t)
	p, st := newTestPipeline(t, site.URL+"/a")
	if _, err := p.RunCycle(ctx); err != nil {
		t.Fatal(err)
	}
	load := func(tagger *topic.Tagger) StreamLoad {
		t.Helper()
		l, err := LoadStream(ctx, p.cfg, st, tagger.NewStream(), time.Now())
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
	if l := load(p.tagger); !l.Snapshot {
		t.Fatalf("the current snapshot was not used: %+v", l)
	}
	other, err := topic.New([]topic.Spec{{Slug: "world", Title: "World", Terms: map[string][]string{"en": {"embassy^4"}}}})
	if err != nil {
		t.Fatal(err)
	}
	if l := load(other); l.Snapshot || l.Learned == 0 || !strings.Contains(l.Why, "other topic rules") {
		t.Errorf("other rules: %+v, want relearned from the stored articles", l)
	}
	// Another process stored articles and died before its snapshot.
	if err := st.SetMeta(ctx, metaCycleEpoch, "gone/1"); err != nil {
		t.Fatal(err)
	}
	if l := load(p.tagger); l.Snapshot || l.Learned == 0 || !strings.Contains(l.Why, "older") {
		t.Errorf("older snapshot: %+v, want relearned from the stored articles", l)
	}
}

// A restart whose sources' hints changed re-tags the stored articles, and
// with a stream model relearned under the new hints, not the snapshot
// learned under the old ones: both follow the fingerprint re-tagging
// checks (topic.Tagger.FingerprintWith).
func TestStreamModelSnapshotOfOtherHintsRelearned(t *testing.T) {
	ctx := context.Background()
	site := teachingSite(t)
	st := newSQLiteStore(t)
	src := config.Source{Name: "A", URL: site.URL + "/a"}
	p := newTestPipelineSources(t, st, streamTopics, []config.Source{src})
	if rep, err := p.RunCycle(ctx); err != nil || rep.New == 0 {
		t.Fatalf("cycle: %d new, %v", rep.New, err)
	}
	snapshotOf(t, st)
	src.Topics = []string{"sport"}
	var walks atomic.Int32
	restarted := newTestPipelineSources(t, sinceCounter{st, &walks}, streamTopics, []config.Source{src})
	// One walk re-tags; the snapshot refused, another relearns.
	if n := walks.Load(); n != 2 {
		t.Errorf("the restart read the stored articles %d times, want 2: relearning and re-tagging", n)
	}
	if !bytes.Equal(marshal(t, restarted.stream), marshal(t, relearned(t, restarted, st))) {
		t.Error("the restarted model is not the one relearned under the new hints")
	}
}
