package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/warta-news/warta/config"
)

// importSite is a news site of three outlets' feeds and another reader's
// OPML export of them: one the config already has (its scheme in capitals),
// two new in folders, one listed twice, one whose URL no config takes, and
// a link that subscribes to nothing.
// extra is more of the config's keys, written before its sources.
func importSite(t *testing.T, extra string) (site *newsSite, cfgPath, opmlPath string) {
	t.Helper()
	site = newNewsSite(t)
	for i, path := range []string{"/dunia", "/world", "/ekonomi"} {
		item := rssItem{Title: fmt.Sprintf("Berita %d dari %s", i, path), Link: site.URL + path + "/berita-" + fmt.Sprint(i),
			Description: "<p>Menteri Luar Negeri menerima Duta Besar Jepang untuk membahas kerja sama bilateral.</p>",
			PubDate:     "Fri, 20 Nov 2026 10:00:00 +0700"}
		site.serve(path, "application/rss+xml", rss("Feed "+path, []rssItem{item}))
	}
	dir := t.TempDir()
	cfgPath = filepath.Join(dir, "config.yaml")
	cfg := fmt.Sprintf(`# my config
schedule: "@every 15m"
storage: {driver: sqlite, dsn: %q}
%s
sources:
  # the one I had
  - name: Dunia
    url: %s/dunia

# fetch politely
fetch: {timeout: 5s, per_host: 2}
`, filepath.Join(dir, "warta.db"), extra, site.URL)
	if err := os.WriteFile(cfgPath, []byte(cfg), 0o640); err != nil {
		t.Fatal(err)
	}
	upper := strings.Replace(site.URL, "http://", "HTTP://", 1)
	opmlPath = filepath.Join(dir, "subscriptions.opml")
	list := fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>Exported</title></head>
  <body>
    <outline text="Indonesia">
      <outline type="rss" text="Dunia (old)" xmlUrl="%[2]s/dunia"/>
      <outline type="rss" text="Ekonomi" title="Outlet Ekonomi" xmlUrl="%[1]s/ekonomi"/>
    </outline>
    <outline text="English">
      <outline type="rss" text="Dunia" xmlUrl="%[1]s/world"/>
      <outline type="rss" text="World again" xmlUrl="%[1]s/world"/>
      <outline type="rss" text="Gopher" xmlUrl="gopher://example.org/feed"/>
      <outline type="HTML+XPath" text="Scraped" xmlUrl="%[1]s/news.html" xmlns:frss="https://freshrss.org/opml" frss:xPathItem="//article"/>
    </outline>
    <outline type="link" text="a page" url="%[1]s/"/>
  </body>
</opml>
`, site.URL, upper)
	if err := os.WriteFile(opmlPath, []byte(list), 0o644); err != nil {
		t.Fatal(err)
	}
	site.serve("/subscriptions.opml", "text/x-opml", []byte(list))
	return site, cfgPath, opmlPath
}

// `warta import -write` adds another reader's feeds to the config file,
// leaving out the one it has, the one listed twice and the one it would
// refuse, its other lines, comments and mode as they were; the next cycle
// fetches and stores the new sources' articles.
func TestImportWritesTheNewFeedsIntoTheConfig(t *testing.T) {
	_, cfgPath, opmlPath := importSite(t, "")
	before, err := os.ReadFile(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	code, out, errOut := warta(t, context.Background(), "", "-config", cfgPath, "import", "-write", opmlPath)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if out != "" {
		t.Errorf("-write printed %q", out)
	}
	for _, want := range []string{
		"subscriptions.opml:12: \"Gopher\" left out: URL \"gopher://example.org/feed\": scheme \"gopher\": want http or https",
		"subscriptions.opml:13: \"Scraped\" left out: its type \"HTML+XPath\" is no feed warta reads",
		"6 feeds: 2 new, 1 already sources, 1 listed twice, 2 refused",
		"added 2 sources; a running daemon takes them at its next reload",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	after, err := os.ReadFile(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	head, tail, _ := strings.Cut(string(before), "\n# fetch politely\n")
	if !strings.HasPrefix(string(after), head) || !strings.HasSuffix(string(after), "\n# fetch politely\n"+tail) {
		t.Errorf("the config's own lines changed:\n%s", after)
	}
	for _, want := range []string{"  # Indonesia\n  - {name: \"Outlet Ekonomi\", url: ", "  # English\n  - {name: \"Dunia (2)\", url: "} {
		if !strings.Contains(string(after), want) {
			t.Errorf("the config lacks %q:\n%s", want, after)
		}
	}
	if info, err := os.Stat(cfgPath); err != nil || info.Mode().Perm() != 0o640 {
		t.Errorf("the config's mode is %v (%v), want 0640", info.Mode().Perm(), err)
	}

	mustWarta(t, "-config", cfgPath, "once")
	var sources []string
	for _, r := range exported(t, cfgPath) {
		sources = append(sources, r.Source)
	}
	slices.Sort(sources)
	if want := []string{"Dunia", "Dunia (2)", "Outlet Ekonomi"}; !slices.Equal(sources, want) {
		t.Errorf("stored articles of %v, want one of each of %v", sources, want)
	}

	// Imported again, the list adds nothing and leaves the file alone.
	code, _, errOut = warta(t, context.Background(), "", "-config", cfgPath, "import", "-write", opmlPath)
	if code != 0 || !strings.Contains(errOut, "6 feeds: 0 new, 4 already sources, 0 listed twice, 2 refused") {
		t.Errorf("a second import: exit %d, %s", code, errOut)
	}
	if again, _ := os.ReadFile(cfgPath); string(again) != string(after) {
		t.Error("a second import changed the config")
	}
}

// Without -write the new feeds are printed as a sources: block, which
// pasted into a config loads; the list may come on standard input, and
// with no config file at all nothing is checked against it.
func TestImportPrintsTheNewFeeds(t *testing.T) {
	site, cfgPath, opmlPath := importSite(t, "")
	list, err := os.ReadFile(opmlPath)
	if err != nil {
		t.Fatal(err)
	}
	code, out, errOut := warta(t, context.Background(), string(list), "-config", cfgPath, "import", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want := fmt.Sprintf("sources:\n  # Indonesia\n  - {name: \"Outlet Ekonomi\", url: \"%[1]s/ekonomi\"}\n  # English\n  - {name: \"Dunia (2)\", url: \"%[1]s/world\"}\n", site.URL)
	if out != want {
		t.Errorf("printed\n%s\nwant\n%s", out, want)
	}
	if !strings.Contains(errOut, "paste the entries under sources: in "+cfgPath+", or let warta import -write add them") {
		t.Errorf("no word on where the entries go:\n%s", errOut)
	}
	pasted := filepath.Join(t.TempDir(), "pasted.yaml")
	if err := os.WriteFile(pasted, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := warta(t, context.Background(), "", "-config", pasted, "check"); code != 0 {
		t.Errorf("the printed block does not load: %s", errOut)
	}

	// The same list at a URL, whose key is not shown.
	code, fetched, errOut := warta(t, context.Background(), "", "-config", cfgPath, "import", site.URL+"/subscriptions.opml?key=s3cret0123456789")
	if code != 0 || fetched != want || !strings.Contains(errOut, "/subscriptions.opml: 6 feeds") || strings.Contains(errOut, "s3cret") {
		t.Errorf("the list at a URL: exit %d\n%s\n%s", code, fetched, errOut)
	}

	code, out, errOut = warta(t, context.Background(), "", "-config", filepath.Join(t.TempDir(), "none.yaml"), "import", opmlPath)
	if code != 0 || strings.Count(out, "\n  - ") != 3 || !strings.Contains(errOut, "6 feeds: 3 new, 0 already sources, 1 listed twice, 2 refused") {
		t.Errorf("with no config: exit %d\n%s\n%s", code, out, errOut)
	}
}

// A config that does not load, a list that is no OPML, a missing file: a
// clear error, the config untouched.
func TestImportRefuses(t *testing.T) {
	site, cfgPath, opmlPath := importSite(t, "")
	broken := filepath.Join(filepath.Dir(cfgPath), "broken.yaml")
	brokenText := "sources:\n  - name: A\n    url: https://a.example/feed\n    langauge: en\n"
	if err := os.WriteFile(broken, []byte(brokenText), 0o644); err != nil {
		t.Fatal(err)
	}
	notOPML := filepath.Join(filepath.Dir(cfgPath), "feed.xml")
	if err := os.WriteFile(notOPML, rss("A feed", nil), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"a config that does not load", []string{"-config", broken, "import", "-write", opmlPath}, exitConfig, "broken.yaml:4:5: sources[0].langauge: unknown field"},
		{"no config file to write", []string{"-config", filepath.Join(filepath.Dir(cfgPath), "none.yaml"), "import", "-write", opmlPath}, exitFail, "no such file"},
		{"a feed, not a list", []string{"-config", cfgPath, "import", notOPML}, exitFail, "feed.xml: opml: line 2: the document is <rss>, not <opml>"},
		{"no list", []string{"-config", cfgPath, "import", filepath.Join(filepath.Dir(cfgPath), "none.opml")}, exitFail, "no such file"},
		{"two lists", []string{"-config", cfgPath, "import", opmlPath, opmlPath}, exitConfig, "give one OPML file"},
		{"a URL that answers 404", []string{"-config", cfgPath, "import", site.URL + "/gone.opml"}, exitFail, "404"},
	} {
		t.Run(c.name, func(t *testing.T) {
			cfgBefore, _ := os.ReadFile(cfgPath)
			code, out, errOut := warta(t, context.Background(), "", c.args...)
			if code != c.code || !strings.Contains(errOut, c.want) || out != "" {
				t.Errorf("exit %d, stdout %q, stderr:\n%s\nwant exit %d and %q", code, out, errOut, c.code, c.want)
			}
			if after, _ := os.ReadFile(cfgPath); string(after) != string(cfgBefore) {
				t.Error("the config changed")
			}
			if after, _ := os.ReadFile(broken); string(after) != brokenText {
				t.Error("the broken config changed")
			}
		})
	}
}

// A config reached through a symbolic link is changed where it lives; the
// link stays a link.
func TestImportFollowsALinkedConfig(t *testing.T) {
	_, cfgPath, opmlPath := importSite(t, "")
	link := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.Symlink(cfgPath, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if code, _, errOut := warta(t, context.Background(), "", "-config", link, "import", "-write", opmlPath); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link is no longer a link: %v %v", info.Mode(), err)
	}
	data, err := os.ReadFile(cfgPath)
	if err != nil || !strings.Contains(string(data), "Outlet Ekonomi") {
		t.Errorf("the linked file was not changed: %v\n%s", err, data)
	}
}

// A running daemon fetches the imported feeds after the reload -write
// asks for.
func TestImportIntoARunningDaemon(t *testing.T) {
	addr := freeAddr(t)
	site, cfgPath, opmlPath := importSite(t, fmt.Sprintf("server: {listen: %q}\n", addr))
	reloads, log := startDaemon(t, cfgPath)
	all := "http://" + addr + "/feeds/all.atom"
	eventually(t, "the configured source's article", log, func() bool {
		_, body := get(all)
		return strings.Contains(body, site.URL+"/dunia/berita-0")
	})
	if code, _, errOut := warta(t, context.Background(), "", "-config", cfgPath, "import", "-write", opmlPath); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	reloads <- syscall.SIGHUP
	eventually(t, "the imported sources' articles", log, func() bool {
		_, body := get(all)
		return strings.Contains(body, site.URL+"/world/berita-1") && strings.Contains(body, site.URL+"/ekonomi/berita-2")
	})
}

// Feeds of one name are numbered on from the config's own numbered names,
// each name once.
func TestImportNumbersFeedsOfOneName(t *testing.T) {
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, "config.yaml")
	cfg := "sources:\n  - {name: News, url: \"https://a.example/1\"}\n  - {name: \"news (3)\", url: \"https://a.example/2\"}\n"
	if err := os.WriteFile(cfgPath, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	var list strings.Builder
	list.WriteString("<opml><body>")
	const n = 500
	for i := range n {
		fmt.Fprintf(&list, `<outline text="News" xmlUrl="https://b.example/%d"/>`, i)
	}
	list.WriteString("</body></opml>")
	code, _, errOut := warta(t, context.Background(), list.String(), "-config", cfgPath, "import", "-write", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	loaded, err := config.Load(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range loaded.Sources[2:] {
		names = append(names, s.Name)
	}
	if len(names) != n || names[0] != "News (2)" || names[1] != "News (4)" || names[n-1] != fmt.Sprintf("News (%d)", n+2) {
		t.Errorf("%d names: %v … %v", len(names), names[:min(3, len(names))], names[max(0, len(names)-2):])
	}
}
