package dedupe

import (
	"testing"
	"time"

	"github.com/warta-news/warta/article"
)

// FuzzStoredSketch: whatever bytes a store hands back as an article's
// sketch (a damaged row, another writer), AddSketched takes them or
// refuses them, and the index goes on assigning articles.
func FuzzStoredSketch(f *testing.F) {
	a := art(hexID(1), "Suap 3 Hakim, Pengacara Divonis 11 Tahun Penjara", "", t0)
	NewIndex(Options{}).Assign(a)
	f.Add(a.Sketch)
	b := art(hexID(2), enTitle, enText, t0)
	NewIndex(Options{}).Assign(b)
	f.Add(b.Sketch)
	f.Fuzz(func(t *testing.T, sk []byte) {
		ix := NewIndex(Options{})
		stored := &article.Article{ID: hexID(3), StoryID: hexID(3), FirstSeen: t0, Published: t0, Sketch: sk}
		ix.AddSketched(stored)
		for i, title := range []string{"Suap 3 Hakim, Pengacara Divonis 11 Tahun Penjara", enTitle} {
			next := art(hexID(10+i), title, "", t0.Add(time.Hour))
			ix.Assign(next)
		}
		// The stored article corrected, then the window moved past it.
		corrected := art(hexID(3), enTitle, enText, t0)
		corrected.StoryID = hexID(3)
		ix.Correct(corrected)
		ix.Expire(t0.Add(30 * 24 * time.Hour))
	})
}
