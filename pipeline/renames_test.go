package pipeline

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/store"
)

// carryCounter counts a store's CarryAs calls.
type carryCounter struct {
	store.Store
	calls int
}

func (c *carryCounter) CarryAs(ctx context.Context, from, to string) (int, error) {
	c.calls++
	return c.Store.CarryAs(ctx, from, to)
}

// A source renamed in the config carries what its earlier name did once,
// not at every cycle: the earlier name's note goes once the renamed source
// is fetched, and with it the rename's trace (both drivers).
func TestRenameIsCarriedOnce(t *testing.T) {
	for _, driver := range storeDrivers() {
		t.Run(driver.name, func(t *testing.T) {
			site := newURLSite(t, func(w http.ResponseWriter, r *http.Request) {
				w.Write([]byte(itemFeed("Jembatan baru menghubungkan dua desa")))
			})
			st := driver.open(t)()
			ctx := context.Background()
			old := newTestPipelineSources(t, st, nil, []config.Source{{Name: "Lama", URL: site.URL + "/feed"}})
			if _, err := old.RunCycle(ctx); err != nil {
				t.Fatal(err)
			}
			counter := &carryCounter{Store: st}
			p := newTestPipelineSources(t, counter, nil, []config.Source{{Name: "Baru", URL: site.URL + "/feed"}})
			clock := time.Now()
			p.now = func() time.Time { return clock }
			for range 3 {
				if _, err := p.RunCycle(ctx); err != nil {
					t.Fatal(err)
				}
				clock = clock.Add(2 * time.Hour)
			}
			if counter.calls != 1 {
				t.Errorf("CarryAs called %d times over three cycles, want once", counter.calls)
			}
			n, err := st.ArticlesBySource(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if n["Baru"] != 1 {
				t.Errorf("articles by source %v, want Baru carrying the one item", n)
			}
		})
	}
}
