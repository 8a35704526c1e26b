package main

import (
	"strings"
	"testing"

	"github.com/warta-news/warta/internal/fixtures"
)

// A new user's daemon over real Indonesian general feeds (review 23,
// finding 1): the held-out 2025 snapshots of detikNews, Kompas.com and
// Tempo.co and the 2017 and older Indonesian snapshots (Detik, Tempo, Viva,
// Antara) in one first cycle. Domestic news with none of world's terms
// lands in world: the world desk model's "rest" feature (the scores of
// crime, disaster, politics …) accepts it near its cut, and the stream
// model, which never sees it as a negative of world, agrees or adds
// (BENCHMARKS.md, branch fixworld). A reader expects none; neither variant
// tried there held the research figures, so the finding is open and this
// test holds today's count (58 of 181, the reviewer's Ambon landslide among
// them) so that it only gets better.
func TestStreamWorldWithoutWorldTerms(t *testing.T) {
	names, err := fixtures.Snapshots(fixtures.HeldOut14StreamDir)
	if err != nil {
		t.Fatal(err)
	}
	names = append(names, "detik_news_2017-04-28.xml", "tempo_rss2_2017-04-06.xml", "tempo_terkini_rss091_2017-04-28.xml",
		"viva_all_2017-04-28.xml", "antara_jambi_terkini_2022-08-28.xml", "detik_news_2014-04-29_feedsportal.xml")
	cfg := snapshotCycle(t, names, "id")

	// Named by the reviewer (review 23), not chosen from the stream.
	domestic := []string{"Tertabrak KRL di Perlintasan Pejaten", "Mengaku 'Ring Satu Istana'", "Longsor Timpa 3 Rumah di Ambon"}
	world, bare := 0, 0
	for _, r := range exported(t, cfg) {
		for _, tm := range r.Topics {
			if tm.Slug != "world" {
				continue
			}
			world++
			if len(tm.Terms) == 0 && !tm.Forced {
				bare++
				t.Logf("world without a world term: %s (%s)", r.Title, r.Source)
			}
			for _, d := range domestic {
				if strings.Contains(r.Title, d) {
					t.Logf("domestic news in world (review 23): %q", r.Title)
				}
			}
		}
	}
	t.Logf("world: %d items, %d without a world term", world, bare)
	const todays = 58
	if bare > todays {
		t.Errorf("%d of %d world items have none of world's terms, want at most %d (today's; a reader expects none)", bare, world, todays)
	}
}
