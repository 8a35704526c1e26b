package pipeline

import (
	"testing"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/dedupe"
)

// A copy dated a year back (a typo in the year, a stale CMS date) that
// arrives in the same batch as a correctly dated copy must not lead the
// story: the story would be filed, with every outlet's copy, a year back
// (review 14). A date more than the dedupe window before the batch is
// first seen is not trusted to order the batch. The text is invented.
func TestWrongPastDateDoesNotLeadItsStory(t *testing.T) {
	now := time.Date(2026, 12, 1, 5, 0, 0, 0, time.UTC)
	text := "Tim SAR gabungan menemukan pendaki asal Yogyakarta yang hilang selama tiga hari di Gunung Merbabu dalam keadaan selamat. Pendaki tersebut ditemukan di jalur pendakian Selo pada Senin pagi dan langsung dibawa ke posko untuk mendapatkan perawatan medis."
	wrong := &article.Article{ID: "g", Source: "Outlet G", Title: "Pendaki yang Hilang di Merbabu Ditemukan Selamat", Text: text,
		Published: now.Add(-365*24*time.Hour - time.Hour)}
	right := &article.Article{ID: "h", Source: "Outlet H", Title: "Pendaki Hilang di Merbabu Ditemukan Selamat", Text: text,
		Published: now.Add(-55 * time.Minute)}
	arts := []*article.Article{wrong, right}
	OrderForStories(arts, func(string) int { return 0 }, now.Add(-dedupe.DefaultWindow))
	ix := dedupe.NewIndex(dedupe.Options{})
	for i, a := range arts {
		a.FirstSeen = now.Add(time.Duration(i) * time.Microsecond)
		ix.Assign(a)
	}
	if wrong.StoryID != "h" || right.StoryID != "h" {
		t.Errorf("stories: wrongly dated copy %q, correctly dated %q; want both in the correctly dated copy's story", wrong.StoryID, right.StoryID)
	}
}
