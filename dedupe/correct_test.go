package dedupe

import (
	"testing"
	"time"

	"github.com/warta-news/warta/article"
)

// A corrected article is matched by its new text, in the index that
// followed the correction, after an Expire, and in one rebuilt from the
// sketches Correct gave (AddSketched), whether it led its story or joined
// one; its story ID stays. Its first text no longer matches it.
func TestCorrectMatchesTheNewText(t *testing.T) {
	for _, c := range []struct {
		name string
		lead bool // the corrected article leads its story
	}{{"lead", true}, {"copy", false}, {"interned lead", true}} {
		t.Run(c.name, func(t *testing.T) {
			ix := NewIndex(Options{Window: 24 * time.Hour})
			// An earlier story, for Expire to drop.
			ix.Assign(art(hexID(3), "Harga beras naik menjelang akhir tahun di pasar tradisional",
				"Harga beras medium naik di pasar tradisional menjelang akhir tahun, kata pedagang.", t0.Add(-2*time.Hour)))
			leadID := hexID(1)
			if c.name == "interned lead" {
				leadID = "story-a"
			}
			lead := art(leadID, idTitle, idText, t0)
			ix.Assign(lead)
			fixed := lead
			var stored []*article.Article // as the store keeps them, first seen first
			stored = append(stored, lead)
			if !c.lead {
				fixed = art(hexID(2), idTitle+" | Antara", idText, t0.Add(time.Minute))
				ix.Assign(fixed)
				if fixed.StoryID != lead.ID {
					t.Fatalf("copy in story %s, want %s", fixed.StoryID, lead.ID)
				}
				stored = append(stored, fixed)
			}
			live := ix.Len()
			fixed.Title, fixed.Text = enTitle, enText
			if n := ix.Correct(fixed); n != 1 {
				t.Fatalf("Correct replaced %d entries, want 1", n)
			}
			if ix.Len() != live {
				t.Errorf("Len %d after the correction, want %d", ix.Len(), live)
			}
			if n := ix.Correct(fixed, art("unknown", enTitle, enText, t0)); n != 0 || ix.Len() != live {
				t.Errorf("Correct again with the same text, and of an article not indexed: %d replaced, Len %d; want 0, %d", n, ix.Len(), live)
			}
			check := func(when string, ix *Index, n int) {
				t.Helper()
				copyOfNew := art(hexID(10+n), enTitle+" - Reuters", enText, t0.Add(time.Duration(n)*time.Hour))
				ix.Assign(copyOfNew)
				if copyOfNew.StoryID != lead.ID || copyOfNew.StoryMatch.MatchedID != fixed.ID {
					t.Errorf("%s: a copy of the corrected text in story %s matched %s, want story %s via %s",
						when, copyOfNew.StoryID, copyOfNew.StoryMatch.MatchedID, lead.ID, fixed.ID)
				}
				copyOfOld := art(hexID(20+n), idTitle+" - Kompas", idText, t0.Add(time.Duration(n)*time.Hour))
				ix.Assign(copyOfOld)
				if c.lead && copyOfOld.StoryID == lead.ID {
					t.Errorf("%s: a copy of the first text joined the corrected story %s", when, lead.ID)
				}
				if !c.lead && copyOfOld.StoryID != lead.ID {
					// The lead still says the first text.
					t.Errorf("%s: a copy of the lead's text in story %s, want %s", when, copyOfOld.StoryID, lead.ID)
				}
			}
			// The index rebuilt from what the store keeps: each article's
			// sketch, the corrected one's as Correct left it.
			rebuilt := NewIndex(Options{Window: 24 * time.Hour})
			for _, a := range stored {
				if !rebuilt.AddSketched(&article.Article{ID: a.ID, StoryID: a.StoryID, FirstSeen: a.FirstSeen, Published: a.Published, Sketch: a.Sketch}) {
					t.Fatalf("sketch of %s not usable", a.ID)
				}
			}
			check("live", ix, 1)
			check("rebuilt", rebuilt, 1)
			before := ix.Len()
			ix.Expire(t0.Add(23 * time.Hour)) // the earlier story leaves, the rest stays
			if ix.Len() != before-1 {
				t.Fatalf("Expire left %d of %d, want one dropped", ix.Len(), before)
			}
			check("after an Expire", ix, 7)
		})
	}
}
