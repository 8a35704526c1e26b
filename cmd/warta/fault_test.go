package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

// faultSource is one source of the fault test: how the site serves it and
// what the cycle must say of it.
type faultSource struct {
	name, path string
	handler    func(w http.ResponseWriter, r *http.Request)
	// site serves it; nil for the shared one.
	site *newsSite
	// problem matches the source's line in the cycle summary; "" for a
	// source whose articles must all be stored.
	problem string
}

// One cycle of the real binary over a site with every fault a feed can
// have beside a dozen healthy sources: it finishes, stores every healthy
// source's articles, reports each faulty source with its reason and stays
// under 300 MB. A second cycle backs off, honours Retry-After, keeps the
// gone source retired and follows the permanent move.
func TestFaultCycleEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and serves 30 MB of hostile feeds")
	}
	bin := buildWarta(t)
	site := newNewsSite(t)
	feed := func(name string, n int, link bool) []byte {
		items := make([]rssItem, n)
		for i := range items {
			items[i] = rssItem{
				Title:       fmt.Sprintf("%s kabar nomor %d", name, i+1),
				Description: fmt.Sprintf("<p>Laporan %d dari %s tentang harga beras, cuaca dan jalan tol di kota %d.</p>", i+1, name, i),
				PubDate:     "Sun, 29 Nov 2026 10:00:00 +0700",
			}
			if link {
				items[i].Link = fmt.Sprintf("%s/news/%s/%d", site.URL, strings.ToLower(name), i+1)
			}
		}
		return rss(name, items)
	}
	serve := func(contentType string, body []byte) func(http.ResponseWriter, *http.Request) {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", contentType)
			w.Write(body)
		}
	}
	status := func(code int, header ...string) func(http.ResponseWriter, *http.Request) {
		return func(w http.ResponseWriter, r *http.Request) {
			for i := 0; i+1 < len(header); i += 2 {
				w.Header().Set(header[i], header[i+1])
			}
			w.WriteHeader(code)
		}
	}
	redirect := func(to string, code int) func(http.ResponseWriter, *http.Request) {
		return func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, to, code) }
	}

	// The slow source sends its headers and a start, then holds the
	// connection far past the fetch timeout.
	slow := func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Slow</title>`))
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-time.After(2 * time.Minute):
		}
	}
	// The huge source streams 12 MiB of items, past the 10 MiB cap, with
	// no Content-Length.
	hugeItem := []byte("<item><title>Banyak</title><description>" + strings.Repeat("isi berita panjang ", 50) + "</description></item>")
	huge := func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Huge</title>`))
		for n := 0; n < 12<<20; n += len(hugeItem) {
			if _, err := w.Write(hugeItem); err != nil {
				return
			}
		}
		w.Write([]byte("</channel></rss>"))
	}
	// The gzip bomb: 200 KB on the wire, 256 MiB decompressed.
	var bomb bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&bomb, gzip.BestCompression)
	zw.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Bomb</title><description>`))
	zeros := make([]byte, 1<<20)
	for i := range zeros {
		zeros[i] = ' '
	}
	for range 256 {
		zw.Write(zeros)
	}
	zw.Close()
	// A feed with a character reference XML 1.0 forbids in one title.
	ctrl := bytes.Replace(feed("Kontrol", 3, true), []byte("Kontrol kabar nomor 2"), []byte("Kontrol kabar&#1; nomor 2"), 1)
	// A latin-1 feed that declares no encoding, served without a charset.
	latin1 := []byte("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Latin</title><link>https://latin.example/</link><description>x</description>" +
		"<item><title>Caf\xe9 \xe0 Jakarta: r\xe9sum\xe9 na\xefve</title><link>https://latin.example/cafe</link><description>Le caf\xe9 ouvre \xe0 8 h.</description></item>" +
		"<item><title>Se\xf1or Garc\xeda visite Bandung</title><link>https://latin.example/garcia</link><description>Une visite.</description></item>" +
		"</channel></rss>")
	html := []byte("<!DOCTYPE html><html><head><title>Beranda</title></head><body><h1>Berita terkini</h1><p>Bukan umpan.</p></body></html>")
	invalid := []byte(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Rusak</title><item><title>Satu</title>` +
		`<description>awal <<<>>> </item></chan` + "\x00\x00")
	para := "<p>" + strings.Repeat("Menteri luar negeri bertemu diplomat membahas sanksi dan kerja sama militer. ", 12) + "</p>\n"
	bigItem := rss("BigItem", []rssItem{{Title: "Sembilan megabita", Link: site.URL + "/news/big", PubDate: "Sun, 29 Nov 2026 10:00:00 +0700",
		Description: strings.Repeat(para, 9<<20/len(para)+1)}})

	// Nearly two million unclosed extension elements under the 10 MiB cap
	// overflowed gofeed's recursion (a fatal error that took the daemon
	// down on every start); closed nesting 900k deep cost over a gigabyte.
	deepHead := `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:x="http://x.example/"><channel><title>Deep</title>`
	deep := []byte(deepHead + strings.Repeat("<x:a>", 1950000))
	deepClosed := []byte(deepHead + "<item><title>Dalam</title>" + strings.Repeat("<x:a>", 900000) + strings.Repeat("</x:a>", 900000) + "</item></channel></rss>")

	// A "billion laughs": stored before with "&j;" as its title.
	laughs := []byte(`<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "ha"><!ENTITY j "&a;&a;&a;&a;&a;&a;&a;&a;">]>` +
		`<rss version="2.0"><channel><title>Laughs</title><item><title>&j;</title><link>https://laughs.example/1</link></item></channel></rss>`)

	// Valid feeds the pre-scan once refused whole: a DOCTYPE declaring a
	// plain entity, and unescaped "<br>" 300 times in a description.
	entity := []byte(`<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY nbsp "&#160;"><!ENTITY kota "Bandung">]>` +
		`<rss version="2.0"><channel><title>Entitas</title><item><title>Hujan&nbsp;deras di &kota;</title><link>` + site.URL + `/news/entitas/1</link></item></channel></rss>`)
	breaks := rss("Baris", []rssItem{{Title: "Tiga ratus baris", Link: site.URL + "/news/baris/1", PubDate: "Sun, 29 Nov 2026 10:00:00 +0700",
		Description: strings.Repeat("baris berita<br>", 300)}})
	breaks = bytes.ReplaceAll(breaks, []byte("&lt;br&gt;"), []byte("<br>"))

	sources := []faultSource{
		{name: "Laughs", path: "/laughs", handler: serve("application/rss+xml", laughs), problem: `Laughs failed \(parse: the document declares entities warta does not expand: "j" references "a"\); 1 failure, next attempt `},
		{name: "Entitas", path: "/entitas", handler: serve("application/rss+xml", entity)},
		{name: "Baris", path: "/baris", handler: serve("application/rss+xml", breaks)},
		{name: "Deep", path: "/deep", handler: serve("application/rss+xml", deep), problem: `Deep failed \(parse: nested too deep: over 256 levels\); 1 failure, next attempt `},
		{name: "DeepClosed", path: "/deepclosed", handler: serve("application/rss+xml", deepClosed), problem: `DeepClosed failed \(parse: nested too deep: over 256 levels\); 1 failure, next attempt `},
		{name: "Slow", path: "/slow", handler: slow, problem: `Slow failed \(fetch: .*/slow: context deadline exceeded \(timeout 10s\)\); 1 failure, next attempt `},
		{name: "Huge", path: "/huge", handler: huge, problem: `Huge failed \(fetch: response body too large: .*/huge: over 10485760 bytes\); 1 failure, next attempt `},
		{name: "Bomb", path: "/bomb", handler: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/rss+xml")
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(bomb.Bytes())
		}, problem: `Bomb failed \(fetch: response body too large: .*/bomb: over 10485760 bytes decompressed\); 1 failure, next attempt `},
		{name: "Loop", path: "/loop/a", handler: redirect("/loop/b", http.StatusFound), problem: `Loop failed \(fetch: too many redirects: .*/loop/a: more than 5\); 1 failure, next attempt `},
		{name: "Moved", path: "/moved/1", handler: redirect("/moved/2", http.StatusMovedPermanently)},
		// A Retry-After holds back its whole server: Busy has one of its own.
		{name: "Busy", path: "/busy", site: newNewsSite(t), handler: status(http.StatusTooManyRequests, "Retry-After", "7200"), problem: `Busy failed \(fetch: http 429 Too Many Requests\); 1 failure, next attempt `},
		{name: "Broken", path: "/broken", handler: status(http.StatusInternalServerError), problem: `Broken failed \(fetch: http 500 Internal Server Error\); 1 failure, next attempt `},
		{name: "Gone", path: "/gone", handler: status(http.StatusGone), problem: `Gone retired \(fetch: http 410 Gone\); 1 failure; not fetched again until its url changes in the config`},
		{name: "Invalid", path: "/invalid", handler: serve("application/rss+xml", invalid), problem: `Invalid failed \(parse: XML syntax error on line 1: .*\); 1 failure, next attempt `},
		{name: "Control", path: "/control", handler: serve("application/rss+xml", ctrl)},
		{name: "Latin", path: "/latin", handler: serve("application/rss+xml", latin1)},
		{name: "Page", path: "/page", handler: serve("text/html", html), problem: `Page failed \(parse: an HTML page, not a feed\); 1 failure, next attempt `},
		{name: "BigItem", path: "/bigitem", handler: serve("application/rss+xml", bigItem)},
		{name: "Bulletin", path: "/bulletin", handler: serve("application/rss+xml", feed("Bulletin", 3, false))},
	}
	site.handle("/loop/b", redirect("/loop/a", http.StatusFound))
	site.handle("/moved/2", redirect("/moved/3", http.StatusMovedPermanently))
	site.handle("/moved/3", serve("application/rss+xml", feed("Moved", 3, true)))
	for i := 1; i <= 12; i++ {
		name := fmt.Sprintf("Sehat%02d", i)
		sources = append(sources, faultSource{name: name, path: "/healthy/" + name, handler: serve("application/rss+xml", feed(name, 4, true))})
	}
	var cfgSources []testSource
	for _, s := range sources {
		if s.site == nil {
			s.site = site
		}
		s.site.handle(s.path, s.handler)
		cfgSources = append(cfgSources, testSource{Name: s.name, URL: s.site.URL + s.path, Language: "id"})
	}
	dir := t.TempDir()
	cfg := writeConfig(t, dir, cfgSources, map[string]any{
		"fetch": map[string]any{"timeout": "10s", "connect_timeout": "5s", "concurrency": 4, "per_host": 2},
	})

	start := time.Now()
	code, out, errOut, rss1 := runWarta(t, bin, "-config", cfg, "once")
	took := time.Since(start)
	end := time.Now()
	t.Logf("first cycle: %s, peak RSS %d MB\n%s\n%s", took.Round(time.Millisecond), rss1>>20, out, errOut)
	if code != 0 {
		t.Fatalf("warta once: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	if took > time.Minute {
		t.Errorf("the cycle took %s, over a minute", took)
	}
	if rss1 > 300<<20 {
		t.Errorf("peak RSS %d MB, over 300 MB", rss1>>20)
	}
	wantFailed := 0
	for _, s := range sources {
		if s.problem == "" {
			continue
		}
		if s.name != "Gone" {
			wantFailed++
		}
		if !regexp.MustCompile(`(?m)^  ` + s.problem).MatchString(out) {
			t.Errorf("%s: no line matching %q in the summary", s.name, s.problem)
		}
	}
	if want := fmt.Sprintf("sources %d: fetched %d, not modified 0, backing off 0, failed %d, retired 1;", len(sources), len(sources)-wantFailed-1, wantFailed); !strings.HasPrefix(out, want) {
		t.Errorf("summary starts %q, want %q", strings.SplitN(out, "\n", 2)[0], want)
	}
	// The log warns of each faulty source and of nothing else: no healthy
	// source's item is skipped.
	for _, s := range sources {
		warned := regexp.MustCompile(`(?m)^time=\S+ level=(WARN|ERROR) .*\bsource=` + s.name + ` `).MatchString(errOut)
		if warned != (s.problem != "") {
			t.Errorf("%s: warned in the log: %v, faulty: %v", s.name, warned, s.problem != "")
		}
	}
	// Retry-After: 7200 is the next attempt, not the first backoff minute.
	if m := regexp.MustCompile(`(?m)^  Busy failed .*next attempt (\S+)$`).FindStringSubmatch(out); m != nil {
		next, err := time.Parse(time.RFC3339, m[1])
		if err != nil {
			t.Fatal(err)
		}
		if next.Before(start.Add(2*time.Hour).Truncate(time.Second)) || next.After(end.Add(2*time.Hour)) {
			t.Errorf("Busy: next attempt %s, want two hours after the failure (cycle %s to %s)", next, start, end)
		}
	}

	recs := exported(t, cfg)
	bySource := map[string][]exportRecord{}
	for _, r := range recs {
		bySource[r.Source] = append(bySource[r.Source], r)
	}
	for _, s := range sources {
		n := len(bySource[s.name])
		switch {
		case s.problem != "" && n != 0:
			t.Errorf("%s: %d articles stored from a faulty source", s.name, n)
		case strings.HasPrefix(s.name, "Sehat") && n != 4:
			t.Errorf("%s: %d articles stored, want 4", s.name, n)
		}
	}
	titles := map[string]exportRecord{}
	for _, r := range recs {
		titles[r.Title] = r
	}
	for _, want := range []struct{ source, title, url string }{
		{"Moved", "Moved kabar nomor 1", site.URL + "/news/moved/1"},
		{"Control", "Kontrol kabar nomor 2", site.URL + "/news/kontrol/2"},
		{"Control", "Kontrol kabar nomor 3", site.URL + "/news/kontrol/3"},
		{"Latin", "Café à Jakarta: résumé naïve", "https://latin.example/cafe"},
		{"Latin", "Señor García visite Bandung", "https://latin.example/garcia"},
		{"BigItem", "Sembilan megabita", site.URL + "/news/big"},
		{"Entitas", "Hujan deras di Bandung", site.URL + "/news/entitas/1"},
		{"Baris", "Tiga ratus baris", site.URL + "/news/baris/1"},
		{"Bulletin", "Bulletin kabar nomor 1", ""},
		{"Bulletin", "Bulletin kabar nomor 3", ""},
	} {
		r, ok := titles[want.title]
		if !ok {
			t.Errorf("%s: %q not stored", want.source, want.title)
			continue
		}
		if r.Source != want.source || r.URL != want.url {
			t.Errorf("%q stored from %s at %q, want %s at %q", want.title, r.Source, r.URL, want.source, want.url)
		}
	}
	for src, n := range map[string]int{"Moved": 3, "Control": 3, "Latin": 2, "BigItem": 1, "Bulletin": 3, "Entitas": 1, "Baris": 1} {
		if len(bySource[src]) != n {
			t.Errorf("%s: %d articles stored, want %d", src, len(bySource[src]), n)
		}
	}

	// The second cycle tries nothing that failed: each backs off with the
	// next attempt the first cycle reported, and the gone source stays
	// retired without a request.
	site.mu.Lock()
	goneHits := site.hits["/gone"]
	site.mu.Unlock()
	secondStart := time.Now()
	code, out2, errOut2, rss2 := runWarta(t, bin, "-config", cfg, "once")
	t.Logf("second cycle: peak RSS %d MB\n%s", rss2>>20, out2)
	if code != 0 {
		t.Fatalf("second warta once: exit %d\nstderr:\n%s", code, errOut2)
	}
	for _, s := range sources {
		if s.problem == "" {
			continue
		}
		first := regexp.MustCompile(`(?m)^  ` + regexp.QuoteMeta(s.name) + ` \S+ .*$`).FindString(out)
		second := regexp.MustCompile(`(?m)^  ` + regexp.QuoteMeta(s.name) + ` \S+ .*$`).FindString(out2)
		if s.name == "Gone" {
			if second != first {
				t.Errorf("Gone: second cycle %q, want %q", second, first)
			}
			continue
		}
		// A source whose reported next attempt has come by the second
		// cycle (a slow machine, a one-minute backoff) is tried again.
		next, err := time.Parse(time.RFC3339, first[strings.LastIndex(first, " ")+1:])
		if err != nil {
			t.Fatalf("%s: %q: %v", s.name, first, err)
		}
		want := strings.Replace(first, s.name+" failed", s.name+" backing off", 1)
		if !next.After(secondStart) {
			want = first[:strings.Index(first, ";")] + "; 2 failures, next attempt "
			if !strings.HasPrefix(second, want) {
				t.Errorf("%s: second cycle %q, want it tried again: %q…", s.name, second, want)
			}
			continue
		}
		if second != want {
			t.Errorf("%s: second cycle %q, want %q", s.name, second, want)
		}
	}
	site.mu.Lock()
	if h := site.hits["/gone"]; h != goneHits {
		t.Errorf("the retired source was requested again (%d requests, %d before)", h, goneHits)
	}
	site.mu.Unlock()
	if !strings.Contains(errOut2, "feed moved permanently") || !strings.Contains(errOut2, site.URL+"/moved/3") {
		t.Errorf("the second 301 chain was not logged as a move:\n%s", errOut2)
	}
	if n := len(exported(t, cfg)); n != len(recs) {
		t.Errorf("%d articles after the second cycle, %d after the first", n, len(recs))
	}
}
