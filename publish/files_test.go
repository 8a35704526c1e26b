package publish

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
)

func TestRefreshWritesFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public", "feeds") // created by Refresh
	p, lister := newTestPublisher(t, Options{Dir: dir})
	ctx := context.Background()
	if err := p.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	h := p.Handler()
	check := func() {
		t.Helper()
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		feeds := []string{"all.atom", "economy.atom", "international-relations.atom", "sport.atom"}
		if want := append([]string{manifestFile}, feeds...); !slices.Equal(names, want) {
			t.Fatalf("files = %q, want %q (no temporary files left)", names, want)
		}
		for _, name := range feeds {
			path := filepath.Join(dir, name)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			served := get(t, h, "GET", "/feeds/"+name, nil).Body.Bytes()
			if !bytes.Equal(data, served) {
				t.Errorf("%s differs from the served feed", name)
			}
			info, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if info.Mode().Perm() != 0o644 {
				t.Errorf("%s mode = %v, want 0644", name, info.Mode().Perm())
			}
		}
	}
	check()
	jingValidate(t, filepath.Join(dir, "all.atom"))
	feedparserCheck(t, filepath.Join(dir, "all.atom"), 3)

	// A second refresh with new content replaces the files in place.
	lister.set(testStories()[:1])
	if err := p.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	check()
	feedparserCheck(t, filepath.Join(dir, "all.atom"), 1)
}

func TestRefreshFileError(t *testing.T) {
	// Dir is a regular file: the feeds are still served, the error is told.
	file := filepath.Join(t.TempDir(), "not-a-dir")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	p, _ := newTestPublisher(t, Options{Dir: file})
	if err := p.Refresh(context.Background()); err == nil {
		t.Fatal("Refresh succeeded though Dir cannot be created")
	}
	if rec := get(t, p.Handler(), "GET", "/feeds/all.atom", nil); rec.Code != 200 {
		t.Errorf("feeds not served after a file error: %d", rec.Code)
	}
}

// A publisher that only writes files writes what a serving one writes.
func TestFilesOnlyWritesTheSameFiles(t *testing.T) {
	ctx := context.Background()
	read := func(opts Options) map[string][]byte {
		t.Helper()
		opts.Dir = t.TempDir()
		opts.Now = func() time.Time { return time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC) }
		p, _ := newTestPublisher(t, opts)
		if err := p.Refresh(ctx); err != nil {
			t.Fatal(err)
		}
		files := map[string][]byte{}
		entries, err := os.ReadDir(opts.Dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if files[e.Name()], err = os.ReadFile(filepath.Join(opts.Dir, e.Name())); err != nil {
				t.Fatal(err)
			}
		}
		return files
	}
	served, only := read(Options{}), read(Options{FilesOnly: true})
	if len(served) == 0 || len(only) != len(served) {
		t.Fatalf("files only: %d files, serving: %d", len(only), len(served))
	}
	for name, data := range served {
		if !bytes.Equal(only[name], data) {
			t.Errorf("%s differs", name)
		}
	}
}

// A publisher that only writes files does not count the feeds' stories:
// only the pages and the status, which it does not render, show the count.
func TestFilesOnlyCountsNoStories(t *testing.T) {
	ctx := context.Background()
	for _, filesOnly := range []bool{false, true} {
		p, lister := newTestPublisher(t, Options{Dir: t.TempDir(), FilesOnly: filesOnly})
		if err := p.Refresh(ctx); err != nil {
			t.Fatal(err)
		}
		if counted := lister.counts > 0; counted == filesOnly {
			t.Errorf("files only %v: stories counted %d times", filesOnly, lister.counts)
		}
	}
}

// A refresh leaves a feed's file alone when its document did not change,
// and replaces it when it did.
func TestRefreshRewritesOnlyChangedFiles(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	p, lister := newTestPublisher(t, Options{Dir: dir})
	stat := func(name string) os.FileInfo {
		t.Helper()
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return fi
	}
	if err := p.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	all, sport := stat("all.atom"), stat("sport.atom")
	if err := p.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if !os.SameFile(all, stat("all.atom")) || !os.SameFile(sport, stat("sport.atom")) {
		t.Error("an unchanged feed's file was replaced")
	}
	lister.set(testStories()[:1])
	if err := p.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if os.SameFile(all, stat("all.atom")) {
		t.Error("a changed feed's file was not replaced")
	}
}

// An empty feed has the same bytes in every publisher (each `warta once` is
// a new one): its file is left alone while it stays empty, and a feed that
// empties takes the same fixed updated time.
func TestEmptyFeedKeepsItsFileAcrossPublishers(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	refresh := func(at time.Time, filesOnly bool, stories []*article.Story) {
		t.Helper()
		p, lister := newTestPublisher(t, Options{Dir: dir, FilesOnly: filesOnly, Now: newClock(at).Now})
		lister.set(stories)
		if err := p.Refresh(ctx); err != nil {
			t.Fatal(err)
		}
	}
	read := func(name string) ([]byte, os.FileInfo) {
		t.Helper()
		path := filepath.Join(dir, name)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		return data, fi
	}
	refresh(tRefresh, true, testStories())
	sport, sportInfo := read("sport.atom") // no story of the tests is tagged sport
	fixed := []byte("<updated>" + emptyFeedUpdated.Format(time.RFC3339) + "</updated>")
	if !bytes.Contains(sport, fixed) {
		t.Fatalf("an empty feed's file is not updated at the fixed time:\n%s", sport)
	}
	for i, filesOnly := range []bool{true, false} {
		refresh(tRefresh.Add(time.Duration(i+1)*time.Hour), filesOnly, testStories())
		again, againInfo := read("sport.atom")
		if !bytes.Equal(again, sport) || !os.SameFile(sportInfo, againInfo) {
			t.Fatalf("files only %v: the empty feed's file was replaced:\n%s", filesOnly, again)
		}
	}
	// Every feed empties: "economy" had stories, so it is updated now.
	emptied := tRefresh.Add(5 * time.Hour)
	refresh(emptied, true, nil)
	economy, _ := read("economy.atom")
	if !bytes.Contains(economy, fixed) {
		t.Fatalf("a feed that emptied is not updated at the fixed time:\n%s", economy)
	}
	if again, _ := read("sport.atom"); !bytes.Equal(again, sport) {
		t.Fatalf("the feed that stayed empty changed:\n%s", again)
	}
}

// The Atom file of a feed no longer configured (a topic disabled or
// renamed, a defined feed removed) is removed, and the removal logged: a
// static copy must not keep serving a feed that never changes again.
// Files warta did not write stay.
func TestRefreshRemovesFilesOfFeedsNoLongerConfigured(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	theirs := filepath.Join(dir, "notes.atom")
	if err := os.WriteFile(theirs, []byte("<feed/>"), 0o644); err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	refresh := func(feeds []FeedInfo) {
		t.Helper()
		logs.Reset()
		p := New(Options{Dir: dir, BaseURL: testBase, Now: newClock(tRefresh).Now}, feeds,
			&fakeLister{stories: testStories()}, slog.New(slog.NewTextHandler(&logs, nil)))
		if err := p.Refresh(ctx); err != nil {
			t.Fatal(err)
		}
	}
	exists := func(name string) bool {
		_, err := os.Stat(filepath.Join(dir, name))
		return err == nil
	}
	refresh(testFeeds())
	if !exists("sport.atom") {
		t.Fatal("sport.atom not written")
	}
	withoutSport := slices.DeleteFunc(testFeeds(), func(f FeedInfo) bool { return f.Slug == "sport" })
	refresh(withoutSport)
	if exists("sport.atom") {
		t.Error("sport.atom is left though sport is no longer configured")
	}
	if !strings.Contains(logs.String(), "sport.atom") {
		t.Errorf("the removal is not logged:\n%s", logs.String())
	}
	for _, name := range []string{"all.atom", "economy.atom", "international-relations.atom", "notes.atom"} {
		if !exists(name) {
			t.Errorf("%s removed", name)
		}
	}
	refresh(testFeeds())
	if !exists("sport.atom") {
		t.Error("sport.atom not written again once sport is configured again")
	}
}

// A process killed between a temporary file's creation and its rename
// leaves the temporary file: the next refresh removes those of warta's
// files (a feed's, the stamp, the manifest) old enough that no process is
// still writing them, and nothing else (review 12: F8).
func TestRefreshRemovesLeftTemporaryFiles(t *testing.T) {
	dir := t.TempDir()
	stale := []string{".all.atom.123456.tmp", "..warta-stamp.42.tmp", "..warta-files.9.tmp", ".economy.atom.7.tmp"}
	kept := []string{".sport.atom.55.tmp", ".notes.tmp", ".all.atom.x1.tmp", "notes.atom.3.tmp"}
	old := time.Now().Add(-10 * time.Minute)
	for _, name := range append(slices.Clone(stale), kept...) {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte("<feed>"), 0o600); err != nil {
			t.Fatal(err)
		}
		if name != ".sport.atom.55.tmp" { // being written now by another process
			if err := os.Chtimes(path, old, old); err != nil {
				t.Fatal(err)
			}
		}
	}
	p := New(Options{Dir: dir, BaseURL: testBase, Now: newClock(tRefresh).Now}, testFeeds(), &fakeLister{stories: testStories()}, nil)
	if err := p.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, name := range stale {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			t.Errorf("%s left", name)
		}
	}
	for _, name := range kept {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("%s: %v, want it kept", name, err)
		}
	}
}
