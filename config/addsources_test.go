package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var added = []SourceEntry{
	{Source: Source{Name: `Outlet "World": news #1`, URL: "https://feeds.outlet.example/news/world/rss.xml"}, Comment: "World"},
	{Source: Source{Name: `Tempo \ Dunia – ünïcode`, URL: "https://rss.tempo.co/dunia?a=1&b=2#x"}, Comment: "World"},
	{Source: Source{Name: "- [x]: {y}", URL: "https://example.org/feed.xml"}, Comment: "Other\nfolder"},
}

// checkAdded checks that out is data with the entries' lines put in at
// one place, that it loads, and that its sources are data's and then the
// entries', as written.
func checkAdded(t *testing.T, data, out []byte, entries []SourceEntry) {
	t.Helper()
	before, err := Parse("c.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	after, err := Parse("c.yaml", out)
	if err != nil {
		t.Fatalf("the result does not load: %v\n%s", err, out)
	}
	if len(after.Sources) != len(before.Sources)+len(entries) {
		t.Fatalf("%d sources, want %d", len(after.Sources), len(before.Sources)+len(entries))
	}
	for i, e := range entries {
		s := after.Sources[len(before.Sources)+i]
		if s.Name != e.Source.Name || s.URL != e.Source.URL {
			t.Errorf("added source %d is %q %q, want %q %q", i, s.Name, s.URL, e.Source.Name, e.Source.URL)
		}
	}
	// Only whole lines were put in, one block of them.
	old, now := strings.SplitAfter(string(data), "\n"), strings.SplitAfter(string(out), "\n")
	head := 0
	for head < len(old) && head < len(now) && old[head] == now[head] {
		head++
	}
	tail := 0
	for tail < len(old)-head && old[len(old)-1-tail] == now[len(now)-1-tail] {
		tail++
	}
	if head+tail < len(old)-1 { // a last line without its line end gets one
		t.Errorf("lines of the file changed: %d kept at the head and %d at the tail of %d", head, tail, len(old))
	}
}

// The repository's config.yaml: sources are its last key, after comments.
func TestAddSourcesToTheRepositorysConfig(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "config.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	out, err := AddSources("config.yaml", data, added)
	if err != nil {
		t.Fatal(err)
	}
	checkAdded(t, data, out, added)
	if !strings.HasSuffix(string(out), "  # Other folder\n  - {name: \"- [x]: {y}\", url: \"https://example.org/feed.xml\"}\n") {
		t.Errorf("the file ends\n%s", out[len(out)-200:])
	}
	if strings.Count(string(out), "# World\n") != 1 {
		t.Error("the folder's comment is not written once above its two sources")
	}
}

// The sources list in the middle of the file, between keys whose comments
// stay with them, in the layouts YAML allows.
func TestAddSourcesLayouts(t *testing.T) {
	for _, c := range []struct{ name, file, after string }{
		{"between keys", `schedule: "@every 15m"
sources:
  - name: A
    url: https://a.example/feed

    # a comment inside the list
  - {name: B, url: "https://b.example/feed"}  # a comment after

# the store
storage: {driver: sqlite, dsn: x.db}
`, `  - {name: B, url: "https://b.example/feed"}  # a comment after
`},
		{"dashes at the key's column", `sources:
- name: A
  url: https://a.example/feed
publish: {title: t}
`, `  url: https://a.example/feed
`},
		{"deeper dashes, the last entry a block", `sources:
    -   name: A
        url: https://a.example/feed
        boost:
            world: 1.5
# commented-out:
#    - {name: old, url: https://old.example/feed}
`, `            world: 1.5
`},
		{"no line end at the end", "sources:\n  - {name: A, url: \"https://a.example/feed\"}", `  - {name: A, url: "https://a.example/feed"}`},
		{"CRLF", "sources:\r\n  - name: A\r\n    url: https://a.example/feed\r\nschedule: \"@hourly\"\r\n", "    url: https://a.example/feed\r\n"},
		{"a byte order mark", "\ufeffsources:\r\n  - {name: A, url: \"https://a.example/feed\"}\r\n", "  - {name: A, url: \"https://a.example/feed\"}\r\n"},
		{"an anchored list, topics and boosts last", "sources: &s\n  - name: A\n    url: https://a.example/feed\n    topics: [sport]\n    boost: {world: 2}\n", "    boost: {world: 2}\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			out, err := AddSources("c.yaml", []byte(c.file), added)
			if err != nil {
				t.Fatal(err)
			}
			checkAdded(t, []byte(c.file), out, added)
			i := strings.Index(string(out), c.after)
			if i < 0 {
				t.Fatalf("no %q in\n%s", c.after, out)
			}
			rest := string(out[i+len(c.after):])
			if strings.HasSuffix(c.file, c.after) && !strings.HasSuffix(c.after, "\n") {
				rest = strings.TrimLeft(rest, "\r\n")
			}
			if !strings.HasPrefix(strings.TrimLeft(rest, " "), "# World") {
				t.Errorf("the entries are not right after %q:\n%s", c.after, out)
			}
			eol := "\n"
			if strings.Contains(c.file, "\r\n") {
				eol = "\r\n"
				if strings.Count(string(out), "\n") != strings.Count(string(out), "\r\n") {
					t.Error("a line end without its CR in a CRLF file")
				}
			}
			if !strings.Contains(string(out), eol) {
				t.Error("no line end")
			}
		})
	}
}

// What cannot be added a line each, or would not load, is refused and
// nothing is returned.
func TestAddSourcesRefuses(t *testing.T) {
	for _, c := range []struct {
		name, file string
		entries    []SourceEntry
		want       string
	}{
		{"a flow list", "sources: [{name: A, url: \"https://a.example/feed\"}]\n", added, "c.yaml:1: sources is written as a flow list"},
		{"a tagged list", "sources: !!seq\n  - {name: A, url: \"https://a.example/feed\"}\n", added, "c.yaml:1: sources is not a list written here"},
		{"a block scalar's line", "sources:\n  - url: https://a.example/feed\n    name: >-\n      A\n\n      # not a comment\n", added, "would change sources[0]"},
		{"a file that does not load", "sources:\n  - {name: A}\n", added, "url is required"},
		{"a name the file has", "sources:\n  - {name: A, url: \"https://a.example/feed\"}\n",
			[]SourceEntry{{Source: Source{Name: "a", URL: "https://b.example/feed"}}}, "duplicate source name"},
		{"a URL no config takes", "sources:\n  - {name: A, url: \"https://a.example/feed\"}\n",
			[]SourceEntry{{Source: Source{Name: "B", URL: "ftp://b.example/feed"}}}, "nothing written"},
	} {
		t.Run(c.name, func(t *testing.T) {
			out, err := AddSources("c.yaml", []byte(c.file), c.entries)
			if err == nil || !strings.Contains(err.Error(), c.want) || out != nil {
				t.Fatalf("AddSources = %q, %v; want an error with %q", out, err, c.want)
			}
		})
	}
}

// FormatSources' block, pasted into a file as its sources, loads as them.
func TestFormatSourcesLoads(t *testing.T) {
	block := FormatSources(added)
	cfg, err := Parse("c.yaml", []byte(block))
	if err != nil {
		t.Fatalf("%v\n%s", err, block)
	}
	for i, s := range cfg.Sources {
		if s.Name != added[i].Source.Name || s.URL != added[i].Source.URL {
			t.Errorf("source %d is %q %q", i, s.Name, s.URL)
		}
	}
}

// Whatever a source's name and URL, AddSources either refuses or gives a
// file that loads with the source added as it was given.
func FuzzAddSources(f *testing.F) {
	f.Add("BBC World", "https://feeds.bbci.co.uk/news/world/rss.xml", "World")
	f.Add("\"'#:{}[]&*!|>%@`", "http://a.example/?q=\"x\"&y=#z", "a\nb")
	f.Add("\x00\u2028\ufeff", "https://\u00e9.example/\x7f", "")
	base := []byte("sources:\n  - name: A\n    url: https://a.example/feed\nschedule: \"@hourly\"\n")
	f.Fuzz(func(t *testing.T, name, url, comment string) {
		entries := []SourceEntry{{Source: Source{Name: name, URL: url}, Comment: comment}}
		out, err := AddSources("c.yaml", base, entries)
		if err != nil {
			return
		}
		checkAdded(t, base, out, entries)
	})
}
