package main

import (
	"path/filepath"
	"testing"

	"github.com/warta-news/warta/internal/pgtest"
)

// The whole cycle on PostgreSQL: two daemons' worth of cycles share one
// database, articles and stories come out as on SQLite.
func TestPostgresEndToEnd(t *testing.T) {
	site := newNewsSite(t)
	seedLink := site.URL + "/news/world/kuba-rusia-makin-mesra-01"
	site.serve("/rss", "application/rss+xml; charset=utf-8", rss("IDN Times", []rssItem{seedItem(t, seedLink)}))
	dir := t.TempDir()
	dsn := pgtest.DSN(t)
	cfg := writeConfig(t, dir, []testSource{{Name: "IDN Times", URL: site.URL + "/rss", Language: "id"}},
		map[string]any{"storage": map[string]any{"driver": "postgres", "dsn": dsn}})
	mustWarta(t, "-config", cfg, "once")
	mustWarta(t, "-config", cfg, "once")
	recs := exported(t, cfg)
	if len(recs) != 1 || !hasTopic(recs[0], "international-relations") || recs[0].Story != recs[0].ID {
		t.Fatalf("export on postgres: %+v", recs)
	}
	ir := readAtom(t, filepath.Join(dir, "feeds", "international-relations.atom"))
	if !hasLink(ir, seedLink) {
		t.Fatal("seed article missing from the international-relations feed on postgres")
	}
	validateAll(t, filepath.Join(dir, "feeds"))
}
