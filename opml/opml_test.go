package opml

import (
	"bytes"
	"encoding/xml"
	"reflect"
	"strings"
	"testing"
)

// A list as readers export it: feeds in folders and at the top level, the
// URL attribute in three spellings, a bare & in a query, an HTML entity,
// links and includes that subscribe to nothing.
func TestReadExports(t *testing.T) {
	doc := `<?xml version="1.0" encoding="UTF-8"?>
<!-- exported by a reader -->
<opml version="2.0">
  <head><title>Subscriptions</title></head>
  <body>
    <outline text="World" title="World">
      <outline type="rss" text="BBC" title="BBC World" xmlUrl="https://feeds.bbci.co.uk/news/world/rss.xml" htmlUrl="https://www.bbc.co.uk/news"/>
      <outline text="Regions">
        <outline text="Antara  &#10; Dunia" xmlURL=" https://www.antaranews.com/rss/dunia.xml "/>
      </outline>
    </outline>
    <outline type="rss" text="Tempo&nbsp;Dunia" xmlurl="https://rss.tempo.co/dunia?a=1&b=2"/>
    <outline type="link" text="A page" url="https://example.com/"/>
    <outline type="include" text="More" url="https://example.com/more.opml"/>
    <outline xmlUrl="https://example.org/feed.xml"/>
  </body>
</opml>`
	got, err := Read(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	want := []Feed{
		{Name: "BBC World", URL: "https://feeds.bbci.co.uk/news/world/rss.xml", Folder: "World", Type: "rss", Line: 7},
		{Name: "Antara Dunia", URL: "https://www.antaranews.com/rss/dunia.xml", Folder: "World / Regions", Line: 9},
		{Name: "Tempo Dunia", URL: "https://rss.tempo.co/dunia?a=1&b=2", Type: "rss", Line: 12},
		{Name: "", URL: "https://example.org/feed.xml", Line: 15},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%+v\nwant\n%+v", got, want)
	}
}

// What warta publishes at /opml reads back as the feeds it lists.
func TestReadWhatWartaWrites(t *testing.T) {
	doc := Document{Version: "2.0", Title: "warta feeds", Body: []Outline{
		{Type: FeedType, Text: "All", Title: "All", XMLURL: "http://127.0.0.1:8080/feeds/all.atom"},
		{Type: FeedType, Text: "Hubungan internasional", Title: "International relations", XMLURL: "http://127.0.0.1:8080/feeds/international-relations.atom"},
	}}
	out, err := xml.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Read(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Name != "All" || got[1].Name != "International relations" || got[1].URL != doc.Body[1].XMLURL {
		t.Errorf("read back %+v", got)
	}
}

// A list in another charset is read as its declaration says.
func TestReadLatin1(t *testing.T) {
	doc := "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<opml version=\"1.0\"><body>" +
		"<outline text=\"Le Monde \xe9dition\" xmlUrl=\"https://www.lemonde.fr/rss/une.xml\"/></body></opml>"
	got, err := Read(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Name != "Le Monde édition" {
		t.Errorf("got %+v", got)
	}
}

// Names are a line of printable text of bounded length: spaces of any
// kind collapsed, invisible characters dropped.
func TestReadCleansNames(t *testing.T) {
	long := strings.Repeat("ab ", 100)
	doc := `<opml><body><outline text="a&#x200b;b` + "\t\t" + `c" xmlUrl="https://a.example/f"/>` +
		`<outline text="` + long + `" xmlUrl="https://b.example/f"/></body></opml>`
	got, err := Read(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Name != "ab c" {
		t.Errorf("name %q, want %q", got[0].Name, "ab c")
	}
	if n := len([]rune(got[1].Name)); n > maxNameRunes || strings.HasSuffix(got[1].Name, " ") {
		t.Errorf("long name kept as %d runes: %q", n, got[1].Name)
	}
}

// What is no subscription list is refused with a reason, and its line
// where it has one.
func TestReadRefuses(t *testing.T) {
	for _, c := range []struct{ name, doc, want string }{
		{"empty", "", "empty document"},
		{"a comment only", "<?xml version=\"1.0\"?><!-- nothing -->", "empty document"},
		{"a feed, not a list", "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel/></rss>", "line 2: the document is <rss>, not <opml>"},
		{"HTML", "<!DOCTYPE html>\n<html><body>Sign in</body></html>", "not <opml>"},
		{"broken", "<opml>\n<body>\n<outline text=\"a\" xmlUrl=\"https://a.example/f\"\n</body></opml>", "line 4"},
		{"too large", "<opml><body>" + strings.Repeat("<outline text=\"x\"/>", MaxBytes/19+1) + "</body></opml>", "larger than 16 MiB"},
	} {
		t.Run(c.name, func(t *testing.T) {
			feeds, err := Read(strings.NewReader(c.doc))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("Read = %v, %v; want an error with %q", feeds, err, c.want)
			}
		})
	}
}

// A list of exactly MaxBytes is read whole.
func TestReadAtTheBound(t *testing.T) {
	head := `<opml><body><outline text="x" xmlUrl="https://a.example/f"/>`
	tail := `</body></opml>`
	doc := head + strings.Repeat(" ", MaxBytes-len(head)-len(tail)) + tail
	got, err := Read(strings.NewReader(doc))
	if err != nil || len(got) != 1 {
		t.Fatalf("Read = %v, %v", got, err)
	}
}

func FuzzRead(f *testing.F) {
	f.Add(`<opml><body><outline text="World"><outline text="BBC" xmlUrl="https://a.example/f"/></outline></body></opml>`)
	f.Add(`<opml><body><outline xmlUrl=" "/><outline text="&amp" xmlURL="x"></body>`)
	f.Add("<?xml version=\"1.0\" encoding=\"windows-1252\"?><opml><body><outline text=\"\x93q\x94\" xmlUrl=\"u\"/></body></opml>")
	f.Fuzz(func(t *testing.T, doc string) {
		feeds, err := Read(strings.NewReader(doc))
		if err != nil {
			if feeds != nil {
				t.Fatal("feeds with an error")
			}
			return
		}
		for _, fd := range feeds {
			if fd.URL == "" || fd.URL != strings.TrimSpace(fd.URL) {
				t.Fatalf("URL %q", fd.URL)
			}
			if fd.Name != strings.Join(strings.Fields(fd.Name), " ") || len([]rune(fd.Name)) > maxNameRunes {
				t.Fatalf("name %q", fd.Name)
			}
			if fd.Line < 1 {
				t.Fatalf("line %d", fd.Line)
			}
			// At most maxFolderDepth names of at most maxNameRunes runes.
			if len(fd.Folder) > maxFolderDepth*(4*maxNameRunes+len(" / ")) {
				t.Fatalf("folder of %d bytes", len(fd.Folder))
			}
		}
	})
}

// A reader's own types for what is no feed are told from feeds'.
func TestIsFeed(t *testing.T) {
	for typ, want := range map[string]bool{"": true, "rss": true, "RSS": true, "atom": true, "json": true,
		"HTML+XPath": false, "XML+XPath": false, "JSON+DotNotation": false, "link": false, "include": false} {
		if got := (Feed{Type: typ}).IsFeed(); got != want {
			t.Errorf("type %q: IsFeed %v, want %v", typ, got, want)
		}
	}
}

// A list nested deeper than any reader's folders names each feed's folder
// by its outermost maxFolderDepth outlines: a hostile list of 16 MiB of
// nested outlines would otherwise have every feed carry every outline
// above it, and reading it take time and memory by the square of its depth.
func TestReadDeepNesting(t *testing.T) {
	const depth = 2000
	doc := "<opml><body>" + strings.Repeat(`<outline text="f" xmlUrl="https://a.example/f">`, depth) +
		strings.Repeat("</outline>", depth) + "</body></opml>"
	feeds, err := Read(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if len(feeds) != depth {
		t.Fatalf("%d feeds, want %d", len(feeds), depth)
	}
	for _, f := range feeds {
		if n := len(strings.Split(f.Folder, " / ")); n > maxFolderDepth {
			t.Fatalf("a feed's folder names %d outlines, want at most %d", n, maxFolderDepth)
		}
	}
}
