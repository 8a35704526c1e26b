package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/internal/sqlitefault"
	"github.com/warta-news/warta/store"
	"github.com/warta-news/warta/store/sqlite"
	"github.com/warta-news/warta/store/storetest"
)

// storageConfig writes a config whose SQLite file is dsn.
func storageConfig(t *testing.T, dir, dsn string) string {
	t.Helper()
	return writeConfig(t, dir, []testSource{{Name: "X", URL: "https://x.example/rss"}},
		map[string]any{"storage": map[string]any{"driver": "sqlite", "dsn": dsn}})
}

// Reading commands never create a database: export says there is none and
// what to do; explain of a file judges it against an empty store.
func TestReadingCommandsCreateNoDatabase(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "data", "warta.db")
	cfg := storageConfig(t, dir, db)
	code, out, errOut := warta(t, context.Background(), "", "-config", cfg, "export")
	if code != exitFail || out != "" {
		t.Errorf("export without a database: exit %d, stdout %q", code, out)
	}
	if !strings.Contains(errOut, "no database at "+db) || !strings.Contains(errOut, "warta once") {
		t.Errorf("export without a database says %q; want the path and `warta once`", errOut)
	}
	mustWarta(t, "-config", cfg, "explain", seedArticleFile(t))
	if _, err := os.Stat(filepath.Join(dir, "data")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a reading command created %s (%v)", filepath.Join(dir, "data"), err)
	}
}

// Deleting the database under the daemon: the next cycle fails with an
// error that says so, instead of reporting new articles written into the
// deleted file. After a restart the articles are stored again in the new
// file.
func TestDeletedDatabaseStopsTheCycle(t *testing.T) {
	ctx := context.Background()
	site := newNewsSite(t)
	var items []rssItem
	for i := range 5 {
		items = append(items, rssItem{Title: fmt.Sprintf("Berita nomor %d tentang ekonomi", i),
			Link: fmt.Sprintf("%s/berita/%d", site.URL, i), Description: "<p>Isi berita ekonomi.</p>"})
	}
	site.serve("/rss", "application/rss+xml", rss("Berita", items))
	dir := t.TempDir()
	db := filepath.Join(dir, "warta.db")
	cfg := writeConfig(t, dir, []testSource{{Name: "Berita", URL: site.URL + "/rss"}}, nil)
	e := &env{stdout: io.Discard, stderr: io.Discard, configPath: cfg, logger: slog.New(slog.DiscardHandler)}

	err := withApp(ctx, e, modeOnce, "", func(a *app) error {
		if rep, err := a.pipeline.RunCycle(ctx); err != nil || rep.New != len(items) {
			t.Fatalf("first cycle: %+v, %v", rep, err)
		}
		if err := os.Remove(db); err != nil {
			t.Fatal(err)
		}
		site.serve("/rss", "application/rss+xml", rss("Berita", append(items, rssItem{
			Title: "Berita baru", Link: site.URL + "/berita/baru", Description: "<p>Baru.</p>"})))
		rep, err := a.pipeline.RunCycle(ctx)
		if !errors.Is(err, store.ErrFileReplaced) || !strings.Contains(err.Error(), db) {
			t.Errorf("cycle after the database was deleted: %+v, %v; want store.ErrFileReplaced naming %s", rep, err, db)
		}
		if rep.New != 0 {
			t.Errorf("the cycle reported %d new articles written into a deleted file", rep.New)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	mustWarta(t, "-config", cfg, "once")
	if n := len(exported(t, cfg)); n != len(items)+1 {
		t.Errorf("after a restart %d articles are stored, want %d", n, len(items)+1)
	}
}

// A damaged database: export fails saying to run doctor; doctor reports
// the damage and salvages every readable article into a new file, which
// then exports cleanly.
func TestDoctorOnDamagedDatabase(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "warta.db")
	const total = 300
	s, err := sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	arts := make([]*article.Article, total)
	for i := range arts {
		arts[i] = storetest.BenchArticle(i+1, i+1, "economy")
	}
	if _, err := s.SaveSource(ctx, "src", store.FetchState{}, arts); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	cfg := storageConfig(t, dir, db)

	out := mustWarta(t, "-config", cfg, "doctor")
	if !doctorSays(out, "integrity", "ok") || !doctorSays(out, "articles", fmt.Sprintf("%d rows", total)) {
		t.Errorf("doctor on a healthy database:\n%s", out)
	}

	lost := sqlitefault.CorruptLeaf(t, db, "articles", 10)
	code, _, errOut := warta(t, ctx, "", "-config", cfg, "export")
	if code != exitFail || !strings.Contains(errOut, "corrupt") || !strings.Contains(errOut, "warta doctor -salvage") {
		t.Errorf("export of a damaged database: exit %d, stderr %q; want advice to run warta doctor", code, errOut)
	}
	code, out, errOut = warta(t, ctx, "", "-config", cfg, "doctor")
	if code != exitFail || !strings.Contains(out, "problems:") || !strings.Contains(errOut, "-salvage") {
		t.Errorf("doctor on a damaged database: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}

	salvaged := filepath.Join(dir, "salvaged.db")
	out = mustWarta(t, "-config", cfg, "doctor", "-salvage", salvaged)
	if !doctorSays(out, "articles", fmt.Sprintf("%d rows", total-lost)) {
		t.Errorf("doctor -salvage:\n%s", out)
	}
	cfg = storageConfig(t, dir, salvaged)
	if n := len(exported(t, cfg)); n != total-lost {
		t.Errorf("the salvaged database exports %d articles, want %d", n, total-lost)
	}
	if out := mustWarta(t, "-config", cfg, "doctor"); !doctorSays(out, "integrity", "ok") {
		t.Errorf("doctor on the salvaged database:\n%s", out)
	}
}

// doctorSays reports whether doctor's output has a line "key  value".
func doctorSays(out, key, value string) bool {
	for _, line := range strings.Split(out, "\n") {
		if k, v, ok := strings.Cut(line, " "); ok && k == key && strings.TrimSpace(v) == value {
			return true
		}
	}
	return false
}
