package pipeline

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/store"
	"github.com/warta-news/warta/store/sqlite"
	"github.com/warta-news/warta/store/storetest"
)

// sinceCounter counts the walks over whole stored articles.
type sinceCounter struct {
	store.Store
	since *atomic.Int32
}

func (s sinceCounter) Since(ctx context.Context, t time.Time, fn func(*article.Article) error) error {
	s.since.Add(1)
	return s.Store.Since(ctx, t, fn)
}

// copyOfOneItem is oneItem as another outlet republishes it.
var copyOfOneItem = strings.Replace(strings.Replace(oneItem, "https://news.example/embassy", "https://other.example/world/embassy-kabul", 1),
	"Embassy reopens in Kabul", "Embassy reopens in Kabul - Other News", 1)

func serve(t *testing.T, body string) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(body)) }))
	t.Cleanup(srv.Close)
	return srv.URL
}

// restartAndJoin starts a pipeline on dsn, runs a cycle over a copy of
// oneItem and checks that the copy joined the stored story. It returns how
// often rebuilding the story index from the store read whole articles.
func restartAndJoin(t *testing.T, dsn string) int32 {
	t.Helper()
	st := storetest.Open(t, sqlite.Open, dsn)
	var since atomic.Int32
	cfg := &config.Config{Dedupe: config.Dedupe{Window: 72 * time.Hour}}
	if _, _, err := loadStoryIndex(context.Background(), sinceCounter{st, &since}, cfg, nil, time.Now(), true); err != nil {
		t.Fatal(err)
	}
	p := newTestPipelineWith(t, st, serve(t, copyOfOneItem))
	if _, err := p.RunCycle(context.Background()); err != nil {
		t.Fatal(err)
	}
	stories, err := st.Stories(context.Background(), "", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(stories) != 1 || len(stories[0].Copies) != 1 {
		t.Fatalf("after restart: %d stories, want the copy joined to the stored one", len(stories))
	}
	return since.Load()
}

// A restart rebuilds the story index from the stored sketches, without
// reading the articles' text, and copies still join their story.
func TestRestartRebuildsIndexFromSketches(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "w.db")
	first, st := newTestPipelineOn(t, dsn, serve(t, oneItem))
	if _, err := first.RunCycle(context.Background()); err != nil {
		t.Fatal(err)
	}
	var sketched int
	st.Sketches(context.Background(), time.Time{}, func(a *article.Article) error {
		if len(a.Sketch) > 0 {
			sketched++
		}
		return nil
	})
	if sketched != 1 {
		t.Fatalf("%d stored articles with a sketch, want 1", sketched)
	}
	if walks := restartAndJoin(t, dsn); walks != 0 {
		t.Errorf("rebuilding the story index read whole articles %d times, want the sketches only", walks)
	}
}

// Articles stored without a sketch (by an older build) are sketched from
// their text at start.
func TestRestartWithoutSketchesRebuildsFromText(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "w.db")
	first, st := newTestPipelineOn(t, dsn, serve(t, oneItem))
	if _, err := first.RunCycle(context.Background()); err != nil {
		t.Fatal(err)
	}
	old, err := st.Article(context.Background(), article.IDFromURL("news.example/embassy"))
	if err != nil {
		t.Fatal(err)
	}
	// The same article as an older build stored it, in a fresh database.
	dsn = filepath.Join(t.TempDir(), "old.db")
	oldStore, err := sqlite.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	old.Sketch = nil
	old.FirstSeen = time.Now().Add(-time.Hour)
	if _, err := oldStore.SaveSource(context.Background(), "A", store.FetchState{}, []*article.Article{old}); err != nil {
		t.Fatal(err)
	}
	oldStore.Close()
	if walks := restartAndJoin(t, dsn); walks == 0 {
		t.Error("rebuilding the story index did not read the articles' text")
	}
}

// After an upgrade that changed the sketch format, the first start
// rebuilds the story index from the articles' text and stores their new
// sketches, so that the next start reads the sketches alone (both
// drivers).
func TestRebuiltSketchesAreWrittenBack(t *testing.T) {
	for _, d := range storeDrivers() {
		t.Run(d.name, func(t *testing.T) {
			ctx := context.Background()
			first, scratch := newTestPipeline(t, serve(t, oneItem))
			if _, err := first.RunCycle(ctx); err != nil {
				t.Fatal(err)
			}
			old, err := scratch.Article(ctx, article.IDFromURL("news.example/embassy"))
			if err != nil {
				t.Fatal(err)
			}
			// The article as a build with the previous sketch format stored it.
			old.Sketch[0]--
			old.FirstSeen = time.Now().Add(-time.Hour)
			st := d.open(t)()
			if _, err := st.SaveSource(ctx, "A", store.FetchState{}, []*article.Article{old}); err != nil {
				t.Fatal(err)
			}
			cfg := &config.Config{Dedupe: config.Dedupe{Window: 72 * time.Hour}}
			for start, want := range []indexRebuild{{fromText: 1, written: 1}, {}} {
				var since atomic.Int32
				_, rb, err := loadStoryIndex(ctx, sinceCounter{st, &since}, cfg, nil, time.Now(), true)
				if err != nil {
					t.Fatal(err)
				}
				if rb != want || since.Load() != min(1, int32(want.fromText)) {
					t.Errorf("start %d: %+v after %d walks of the articles' text, want %+v", start+1, rb, since.Load(), want)
				}
			}
		})
	}
}

// A stored sketch damaged at any byte (a disk fault, another writer) never
// stops a start: the story index takes it as it reads or rebuilds the
// article from its text, and then goes on assigning articles.
func TestDamagedStoredSketchNeverStopsAStart(t *testing.T) {
	ctx := context.Background()
	first, st := newTestPipeline(t, serve(t, oneItem))
	if _, err := first.RunCycle(ctx); err != nil {
		t.Fatal(err)
	}
	stored, err := st.Article(ctx, article.IDFromURL("news.example/embassy"))
	if err != nil {
		t.Fatal(err)
	}
	good := stored.Sketch
	cfg := &config.Config{Dedupe: config.Dedupe{Window: 72 * time.Hour}}
	for p := range len(good) {
		for _, v := range []byte{good[p] ^ 0xff, '0'} {
			bad := slices.Clone(good)
			bad[p] = v
			if err := st.SetSketches(ctx, map[string][]byte{stored.ID: bad}); err != nil {
				t.Fatal(err)
			}
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Fatalf("byte %d of %d set to %#x: %v", p, len(good), v, r)
					}
				}()
				ix, _, err := loadStoryIndex(ctx, st, cfg, nil, time.Now(), false)
				if err != nil {
					t.Fatal(err)
				}
				ix.Assign(&article.Article{ID: article.IDFromURL("other.example/embassy"), Title: "Embassy reopens in Kabul",
					Text: stored.Text, FirstSeen: time.Now(), Published: time.Now()})
			}()
		}
	}
}
