package publish

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
)

// stampRun is one files-only publisher's run, as `warta once` makes it:
// the stamp taken, then the feeds refreshed at a version.
type stampRun struct {
	opts    Options
	feeds   []FeedInfo
	stories []*article.Story
	version string
}

// filesOnlyRun runs r in dir and returns how often it read the stories.
func filesOnlyRun(t *testing.T, dir string, r stampRun) int {
	t.Helper()
	opts := r.opts
	opts.Dir, opts.FilesOnly = dir, true
	if opts.Build == "" {
		opts.Build = "build 1"
	}
	if opts.BaseURL == "" {
		opts.BaseURL = testBase
	}
	if opts.Now == nil {
		opts.Now = newClock(tRefresh).Now
	}
	if r.feeds == nil {
		r.feeds = testFeeds()
	}
	if r.stories == nil {
		r.stories = testStories()
	}
	if r.version == "" {
		r.version = "v1"
	}
	lister := &fakeLister{stories: r.stories}
	p := New(opts, r.feeds, lister, nil)
	if err := p.TakeStamp(); err != nil {
		t.Fatal(err)
	}
	if err := p.RefreshVersion(context.Background(), r.version); err != nil {
		t.Fatal(err)
	}
	return lister.calls
}

// dirFile is a file's content and modification time.
type dirFile struct {
	data     string
	modified time.Time
}

// dirFiles reads every file in dir.
func dirFiles(t *testing.T, dir string) map[string]dirFile {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]dirFile{}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		fi, err := e.Info()
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = dirFile{data: string(data), modified: fi.ModTime()}
	}
	return out
}

// A second files-only run whose stories, options and build are those of
// the first reads and renders nothing and leaves every feed file alone.
func TestUnchangedFeedsRenderNothing(t *testing.T) {
	dir := t.TempDir()
	if n := filesOnlyRun(t, dir, stampRun{}); n == 0 {
		t.Fatal("the first run read no stories")
	}
	before := dirFiles(t, dir)
	if _, ok := before[stampFile]; !ok {
		t.Fatalf("no stamp written: %v", before)
	}
	if n := filesOnlyRun(t, dir, stampRun{opts: Options{Now: newClock(tRefresh.Add(time.Hour)).Now}}); n != 0 {
		t.Fatalf("an unchanged run read the stories %d times", n)
	}
	after := dirFiles(t, dir)
	for name, was := range before {
		if name != stampFile && after[name] != was {
			t.Errorf("%s was rewritten", name)
		}
	}
	if len(after) != len(before) {
		t.Errorf("files %d, were %d", len(after), len(before))
	}
}

// Whatever the files are rendered from, when it changed, or when the files
// are not what the stamp says, the next run renders and writes what a
// publisher without a stamp writes.
func TestStampInvalidation(t *testing.T) {
	renamed := testFeeds()
	renamed[1].Title = "Economy"
	cases := []struct {
		name string
		run  stampRun
		// before changes dir after the first run.
		before func(t *testing.T, dir string)
	}{
		{name: "stories changed", run: stampRun{version: "v2", stories: testStories()[:1]}},
		{name: "topic title", run: stampRun{feeds: renamed}},
		{name: "feed size", run: stampRun{opts: Options{MaxItems: 1}}},
		{name: "pages", run: stampRun{opts: Options{Pages: 2}}},
		{name: "base URL", run: stampRun{opts: Options{BaseURL: "https://news.example"}}},
		{name: "title", run: stampRun{opts: Options{Title: "berita"}}},
		{name: "sources", run: stampRun{opts: Options{Sources: []SourceInfo{{Name: "tempo"}}}}},
		{name: "build", run: stampRun{opts: Options{Build: "build 2"}}},
		{name: "archive day", run: stampRun{opts: Options{Now: newClock(tRefresh.Add(48 * time.Hour)).Now}}},
		{name: "file deleted", before: func(t *testing.T, dir string) {
			if err := os.Remove(filepath.Join(dir, "economy.atom")); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "file damaged", before: func(t *testing.T, dir string) {
			path := filepath.Join(dir, "all.atom")
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, data[:len(data)/2], 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "stamp damaged", before: func(t *testing.T, dir string) {
			if err := os.WriteFile(filepath.Join(dir, stampFile), []byte("x y\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		// A run that took the stamp and died before publishing (after
		// storing articles, say) leaves none.
		{name: "run died", before: func(t *testing.T, dir string) {
			p := New(Options{Dir: dir, FilesOnly: true, Build: "build 1"}, testFeeds(), &fakeLister{}, nil)
			if err := p.TakeStamp(); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			filesOnlyRun(t, dir, stampRun{})
			if c.before != nil {
				c.before(t, dir)
			}
			// The same files without a stamp: what a render gives.
			ref := t.TempDir()
			for name, body := range dirFiles(t, dir) {
				if name == stampFile {
					continue
				}
				if err := os.WriteFile(filepath.Join(ref, name), []byte(body.data), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if n := filesOnlyRun(t, dir, c.run); n == 0 {
				t.Fatal("nothing rendered")
			}
			filesOnlyRun(t, ref, c.run)
			got, want := dirFiles(t, dir), dirFiles(t, ref)
			if len(got) != len(want) {
				t.Errorf("%d files, want %d", len(got), len(want))
			}
			for name, w := range want {
				if got[name].data != w.data {
					t.Errorf("%s differs from a render without a stamp:\n%s", name, got[name].data)
				}
			}
		})
	}
}

// Without a version, or without a build, a files-only publisher renders
// every time.
func TestNoVersionNoSkip(t *testing.T) {
	dir := t.TempDir()
	filesOnlyRun(t, dir, stampRun{})
	p := New(Options{Dir: dir, FilesOnly: true, Build: "build 1", BaseURL: testBase, Now: newClock(tRefresh).Now},
		testFeeds(), &fakeLister{stories: testStories()}, nil)
	if err := p.TakeStamp(); err != nil {
		t.Fatal(err)
	}
	lister := p.stories.(*fakeLister)
	if err := p.RefreshVersion(context.Background(), ""); err != nil {
		t.Fatal(err)
	}
	if lister.calls == 0 {
		t.Fatal("no version, and nothing rendered")
	}
}

// The stamp is dated by the one reading of the clock that dates what is
// rendered: a run whose clock passes midnight as it works (each reading a
// second later, the first a second before the archive day turns, so that
// a second reading is the next archive day) renders the files a run whose clock
// stays at its start renders, and a run at that instant finds them up to
// date.
func TestStampDatedAsRendered(t *testing.T) {
	dir := t.TempDir()
	start := tRefresh.Truncate(24 * time.Hour).Add(24*time.Hour + archiveGrace - time.Second)
	if archiveCutoff(start.Add(time.Second)) == archiveCutoff(start) {
		t.Fatal("a second after start is the same archive day")
	}
	ticking := newClock(start)
	filesOnlyRun(t, dir, stampRun{opts: Options{Now: func() time.Time {
		now := ticking.Now()
		ticking.Add(time.Second)
		return now
	}}})
	fixed := t.TempDir()
	filesOnlyRun(t, fixed, stampRun{opts: Options{Now: newClock(start).Now}})
	got, want := dirFiles(t, dir), dirFiles(t, fixed)
	atoms := 0
	for name, w := range want {
		if !strings.HasSuffix(name, ".atom") {
			continue
		}
		atoms++
		if got[name].data != w.data {
			t.Errorf("%s rendered with the clock passing midnight differs from one rendered at its start:\n%s\nwant\n%s", name, got[name].data, w.data)
		}
	}
	if atoms == 0 {
		t.Fatal("no Atom file rendered")
	}
	if n := filesOnlyRun(t, dir, stampRun{opts: Options{Now: newClock(start).Now}}); n != 0 {
		t.Errorf("a run at the instant the stamped one began read the stories %d times", n)
	}
}
