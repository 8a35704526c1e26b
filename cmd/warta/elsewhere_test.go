package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/warta-news/warta/internal/pgtest"
	"github.com/warta-news/warta/store"
	"github.com/warta-news/warta/store/postgres"
	"github.com/warta-news/warta/store/sqlite"
)

// `warta once` while another process holds the claim on some sources
// (a daemon's cycle, another once): it says how many it left, which, and
// why, in one warning of its log and in its summary, on both stores.
func TestOnceSaysWhichSourcesAnotherProcessHolds(t *testing.T) {
	for _, driver := range []string{"sqlite", "postgres"} {
		t.Run(driver, func(t *testing.T) {
			site := newNewsSite(t)
			site.serve("/rss", "application/rss+xml; charset=utf-8", rss("IDN Times", []rssItem{seedItem(t, site.URL+"/news/1")}))
			dir := t.TempDir()
			sources := []testSource{
				{Name: "Alpha", URL: site.URL + "/rss?a", Language: "id"},
				{Name: "Beta", URL: site.URL + "/rss?b", Language: "id"},
			}
			storage := map[string]any{"driver": "sqlite", "dsn": filepath.Join(dir, "warta.db")}
			if driver == "postgres" {
				storage = map[string]any{"driver": "postgres", "dsn": pgtest.DSN(t)}
			}
			cfg := writeConfig(t, dir, sources, map[string]any{"storage": storage})
			mustWarta(t, "-config", cfg, "once") // the store exists

			ctx := context.Background()
			var st store.Store
			var err error
			if driver == "postgres" {
				st, err = postgres.Open(ctx, storage["dsn"].(string))
			} else {
				st, err = sqlite.Open(ctx, storage["dsn"].(string))
			}
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			// Another process's cycle claims both sources (on SQLite the
			// claim takes the whole store), after the first once's.
			now := time.Now()
			claimed, release, err := st.Claim(ctx, store.ClaimRequest{Owner: "other-process",
				Units: []string{"source:Alpha", "source:Beta"}, Now: now, Since: now, Lease: time.Hour})
			if err != nil || len(claimed) != 2 {
				t.Fatalf("claim: %v, %v", claimed, err)
			}
			defer release(ctx, nil)
			code, out, errOut := warta(t, ctx, "", "-config", cfg, "once")
			if code != 0 {
				t.Errorf("exit %d: the sources are another process's, nothing failed", code)
			}
			if !strings.Contains(out, "2 sources not fetched here (Alpha, Beta): another process") {
				t.Errorf("once's summary does not say which 2 sources were left to another process:\nstdout:\n%s\nstderr:\n%s", out, errOut)
			}
			var warned []string
			for line := range strings.Lines(errOut) {
				if strings.Contains(line, "level=WARN") && strings.Contains(line, "another process") {
					warned = append(warned, line)
				}
			}
			if len(warned) != 1 || !strings.Contains(warned[0], "sources=2") || !strings.Contains(warned[0], `names="Alpha, Beta"`) {
				t.Errorf("want one warning naming the 2 sources (Alpha, Beta), got %q:\n%s", warned, errOut)
			}
		})
	}
}
