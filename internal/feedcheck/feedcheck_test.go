package feedcheck

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/warta-news/warta/internal/testenv"
)

const validAtom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>t</title><id>urn:x:feed</id><updated>2026-11-30T00:00:00Z</updated>
  <author><name>a</name></author>
  <entry><title>e</title><id>urn:x:1</id><updated>2026-11-30T00:00:00Z</updated><summary>s</summary></entry>
</feed>`

func write(t *testing.T, doc string) string {
	path := filepath.Join(t.TempDir(), "feed.atom")
	if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// The embedded schema accepts valid Atom and refuses an entry without an id.
func TestJingWithTheEmbeddedSchema(t *testing.T) {
	Jing(t, write(t, validAtom))

	var r testenv.Recorder
	Jing(&r, write(t, strings.Replace(validAtom, "<id>urn:x:1</id>", "", 1)))
	if !strings.Contains(r.Fatal, "not valid Atom") {
		t.Errorf("an entry without atom:id: fatal %q, skip %q", r.Fatal, r.Skip)
	}
}

func TestFeedparserReadsAtom(t *testing.T) {
	p := Feedparser(t, write(t, validAtom))
	if p.Version != "atom10" || len(p.EntryIDs) != 1 || p.EntryIDs[0] != "urn:x:1" {
		t.Errorf("feedparser read %+v", p)
	}
}
