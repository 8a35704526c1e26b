package dedupe

import (
	"testing"
	"time"
)

// FuzzAssign: whatever title and text a feed gives, the index assigns the
// article a story, with a sketch it can read back, and goes on assigning;
// Nearest explains it without changing the index.
func FuzzAssign(f *testing.F) {
	for _, s := range []string{"Suap 3 Hakim, Pengacara Divonis 11 Tahun Penjara", enTitle,
		"Tiga Negara Eropa Akui Negara Palestina", "Spanyol, Irlandia dan Norwegia Resmi Akui Palestina",
		"Dua Puluh Ribu Warga Mengungsi: Rp 1,5 Juta per Orang?", "Israel Kembali Serang Rafah, 20 Tewas"} {
		f.Add(s, enText)
	}
	f.Fuzz(func(t *testing.T, title, text string) {
		ix := NewIndex(Options{})
		for i := range 3 {
			a := art(hexID(i+1), title, text, t0.Add(time.Duration(i)*time.Hour))
			ix.Assign(a)
			if a.StoryID == "" || !SketchUsable(a.Sketch) {
				t.Fatalf("%q: story %q, sketch usable %v", title, a.StoryID, SketchUsable(a.Sketch))
			}
			// Explaining it changes nothing and says something coherent.
			n, ok := ix.Nearest(a)
			if ix.Len() != i+1 {
				t.Fatalf("%q: Nearest changed the index: %d articles, want %d", title, ix.Len(), i+1)
			}
			if ok && n.StoryID != "" && (n.ArticleID == "" || n.StoryID == a.StoryID || n.Bar < DefaultEventThreshold) {
				t.Fatalf("%q: nearest %+v of an article in story %s", title, n, a.StoryID)
			}
		}
	})
}
