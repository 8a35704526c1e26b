package parse

import (
	"testing"
)

// XML §4.6 tells documents to declare the predefined entities as
// double-escaped character references. They keep their meaning (XML
// never rebinds them), so text and links read as they would undeclared,
// and an entity of the feed's own that uses "&amp;" is no longer refused
// as referencing another. A double-escaped value of the feed's own reads
// as its character (§4.5).
func TestParseRedeclaredPredefinedEntities(t *testing.T) {
	doc := `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY amp "&#38;#38;"><!ENTITY lt "&#38;#60;"><!ENTITY org "A&amp;B"><!ENTITY copy "&#38;#169;">]>` +
		`<rss version="2.0"><channel><title>&org;</title><item><title>AT&amp;T &lt;b&gt; &copy;</title><link>https://a.example/?a=1&amp;b=2</link></item></channel></rss>`
	f, err := Parse([]byte(doc), "", fetched)
	if err != nil || len(f.Items) != 1 {
		t.Fatalf("redeclared amp and lt: %v, %+v", err, f)
	}
	if it := f.Items[0]; f.Title != "A&B" || it.Title != "AT&T <b> ©" || it.Link != "https://a.example/?a=1&b=2" {
		t.Errorf("redeclared amp and lt: feed %q, item %q at %q", f.Title, it.Title, it.Link)
	}
}

// The XHTML Latin-1 include is a parameter entity naming an external file
// warta does not read: the declaration is skipped and "&eacute;" is left to
// the decoder's HTML entities, as before entities were expanded. An unused
// external entity is skipped the same way; neither refuses the feed, and
// the plain entities next to them are still expanded.
func TestParseSkipsParameterAndExternalEntities(t *testing.T) {
	head := `<?xml version="1.0"?><!DOCTYPE rss [`
	tail := `]><rss version="2.0"><channel><title>x</title><item><title>caf&eacute; &site;</title><link>https://a.example/1</link></item></channel></rss>`
	for name, subset := range map[string]string{
		"xhtml lat1": `<!ENTITY % HTMLlat1 PUBLIC "-//W3C//ENTITIES Latin 1 for XHTML//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml-lat1.ent"> %HTMLlat1;<!ENTITY site "Warta">`,
		"external":   `<!ENTITY ext SYSTEM "http://a.example/ext.ent"><!ENTITY site "Warta">`,
		"parameter":  `<!ENTITY % p "<!ENTITY x 'y'>"> %p;<!ENTITY site "Warta">`,
	} {
		f, err := Parse([]byte(head+subset+tail), "", fetched)
		if err != nil || len(f.Items) != 1 || f.Items[0].Title != "café Warta" {
			t.Errorf("%s: %v, %+v", name, err, f)
		}
	}
}
