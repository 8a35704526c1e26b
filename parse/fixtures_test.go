package parse

import (
	"strings"
	"testing"
	"time"

	"github.com/warta-news/warta/internal/fixtures"
)

var fetched = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

func parseFixture(t *testing.T, name string) *Feed {
	t.Helper()
	b, err := fixtures.Read(name)
	if err != nil {
		t.Fatalf("read fixture: %v", err)
	}
	f, err := Parse(b, "application/rss+xml", fetched)
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	return f
}

func wantTime(t *testing.T, what string, got, want time.Time) {
	t.Helper()
	if !got.Equal(want) {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

func TestFixtureAntara(t *testing.T) {
	f := parseFixture(t, "antara_jambi_terkini_2022-08-28.xml")
	if len(f.Items) != 20 || f.Language != "id" || f.Title != "ANTARA News Jambi Terkini" {
		t.Fatalf("items=%d lang=%q title=%q", len(f.Items), f.Language, f.Title)
	}
	a := f.Items[0]
	// Sun, 28 Aug 2022 21:39:36 +0700
	wantTime(t, "item 0 published", a.Published, time.Date(2022, 8, 28, 14, 39, 36, 0, time.UTC))
	if !a.Updated.IsZero() {
		t.Errorf("updated = %v, want zero (feed gives none)", a.Updated)
	}
	// Sat, 27 Aug 2022 17:42:50 +0700
	wantTime(t, "item 19 published", f.Items[19].Published, time.Date(2022, 8, 27, 10, 42, 50, 0, time.UTC))
	if a.Language != "id" {
		t.Errorf("item language = %q", a.Language)
	}
	// Antara's content:encoded is no full text: it repeats the truncated
	// description ("Saya bisa ..."), entities and all.
	if !strings.HasSuffix(a.Content, "&ldquo;Saya bisa ...</p>") || a.Summary != a.Content {
		t.Errorf("content/summary not kept raw: %.80q / %.80q", a.Content, a.Summary)
	}
}

func TestFixtureDetikFeedsportal(t *testing.T) {
	f := parseFixture(t, "detik_news_2014-04-29_feedsportal.xml")
	// The whole feed is on one line after a stylesheet PI; it declares "en"
	// although every item is Indonesian: the declaration is kept as given.
	if len(f.Items) != 25 || f.Language != "en" {
		t.Fatalf("items=%d lang=%q", len(f.Items), f.Language)
	}
	a := f.Items[0]
	wantTime(t, "item 0 published", a.Published, time.Date(2014, 4, 29, 1, 10, 40, 0, time.UTC))
	// Link is the feedsportal redirector; the real URL is only in the
	// non-permalink GUID. Both are kept raw for normalize to choose.
	if !strings.HasPrefix(a.Link, "http://detik.feedsportal.com/c/33613/") {
		t.Errorf("link = %q", a.Link)
	}
	if a.GUID != "http://news.detik.com/read/2014/04/29/080540/2568253/10/perjalanan-ipod-nurhadi-dari-amerika-hingga-disita-kpk" {
		t.Errorf("guid = %q", a.GUID)
	}
	// No content:encoded: the description is both Summary and Content.
	if a.Content != a.Summary || !strings.Contains(a.Summary, "gratifikasi") {
		t.Errorf("content = %.80q", a.Content)
	}
	// Mon, 28 Apr 2014 12:20:26 GMT (19:20:26 WIB, as the URL's path says).
	wantTime(t, "item 24 published", f.Items[24].Published, time.Date(2014, 4, 28, 12, 20, 26, 0, time.UTC))
}

func TestFixtureDetik2017(t *testing.T) {
	f := parseFixture(t, "detik_news_2017-04-28.xml")
	if len(f.Items) != 10 || f.Language != "" {
		t.Fatalf("items=%d lang=%q", len(f.Items), f.Language)
	}
	a := f.Items[0]
	if a.Title != "Situs Telkomsel Diretas, Ini Reaksi Manajemen" || a.Link != a.GUID {
		t.Errorf("title=%q link=%q guid=%q", a.Title, a.Link, a.GUID)
	}
	// Fri, 28 Apr 2017 07:50:21 +0700
	wantTime(t, "item 0 published", a.Published, time.Date(2017, 4, 28, 0, 50, 21, 0, time.UTC))
	// Fri, 28 Apr 2017 06:21:03 +0700 crosses midnight UTC.
	wantTime(t, "item 1 published", f.Items[1].Published, time.Date(2017, 4, 27, 23, 21, 3, 0, time.UTC))
}

func TestFixtureTempoRSS2(t *testing.T) {
	// No XML declaration; titles and descriptions are CDATA padded with
	// newlines and tabs (cleaned later by normalize, kept raw here).
	f := parseFixture(t, "tempo_rss2_2017-04-06.xml")
	if len(f.Items) != 50 || f.Language != "id" {
		t.Fatalf("items=%d lang=%q", len(f.Items), f.Language)
	}
	a := f.Items[0]
	if strings.TrimSpace(a.Title) != "Ada Drone Intai Teluk Bintuni, Kodam akan Bangun Detasemen Rudal" {
		t.Errorf("title = %q", a.Title)
	}
	if !strings.Contains(a.Content, "<figure>") || strings.Contains(a.Summary, "<figure>") {
		t.Errorf("content should be content:encoded with its figure, summary the description")
	}
	wantTime(t, "item 0 published", a.Published, time.Date(2017, 4, 6, 3, 39, 8, 0, time.UTC))
	wantTime(t, "item 49 published", f.Items[49].Published, time.Date(2017, 4, 6, 0, 41, 2, 0, time.UTC))
}

func TestFixtureTempoRSS091WrongOffset(t *testing.T) {
	f := parseFixture(t, "tempo_terkini_rss091_2017-04-28.xml")
	if len(f.Items) != 30 {
		t.Fatalf("items=%d", len(f.Items))
	}
	// Tempo stamps Jakarta wall-clock times with +0100. Wrong, but it is
	// the feed's explicit statement and is kept: 01:38:02 +0100.
	a := f.Items[0]
	wantTime(t, "item 0 published", a.Published, time.Date(2017, 4, 28, 0, 38, 2, 0, time.UTC))
	if _, off := a.Published.Zone(); off != 3600 {
		t.Errorf("offset = %d, want 3600 (kept as given)", off)
	}
	// Thu, 27 Apr 2017 23:46:29 +0100
	wantTime(t, "item 29 published", f.Items[29].Published, time.Date(2017, 4, 27, 22, 46, 29, 0, time.UTC))
	if a.Link == "" || a.GUID != a.Link {
		t.Errorf("link=%q guid=%q", a.Link, a.GUID)
	}
}

func TestFixtureViva(t *testing.T) {
	f := parseFixture(t, "viva_all_2017-04-28.xml")
	// Declares en-us for an Indonesian feed: kept as given, language
	// detection later decides.
	if len(f.Items) != 200 || f.Language != "en-us" {
		t.Fatalf("items=%d lang=%q", len(f.Items), f.Language)
	}
	a := f.Items[0]
	wantTime(t, "item 0 published", a.Published, time.Date(2017, 4, 28, 1, 16, 1, 0, time.UTC))
	wantTime(t, "item 199 published", f.Items[199].Published, time.Date(2017, 4, 27, 9, 19, 16, 0, time.UTC))
	// The description mixes escaped HTML with a CDATA section: both halves
	// must survive.
	if !strings.Contains(a.Summary, "<img") || !strings.Contains(a.Summary, "Terkenal karena menjadi objek wisata.") {
		t.Errorf("summary = %q", a.Summary)
	}
	// Categories are the site's numeric section ids; author falls back on
	// the channel's managingEditor.
	if len(a.Categories) != 1 || a.Categories[0] != "33" {
		t.Errorf("categories = %q", a.Categories)
	}
	if a.Author != "Redaksi VIVA.co.id" {
		t.Errorf("author = %q", a.Author)
	}
}
