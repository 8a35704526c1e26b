package main

import (
	"slices"
	"strings"
	"testing"

	"github.com/warta-news/warta/internal/fixtures"
	"github.com/warta-news/warta/topic"
)

// worldStreamSnapshots are a new user's Indonesian general feeds (review 23,
// finding 1): the held-out 2025 snapshots of detikNews, Kompas.com and
// Tempo.co and the 2017 and older Indonesian snapshots (Detik, Tempo, Viva,
// Antara).
func worldStreamSnapshots(t *testing.T) []string {
	t.Helper()
	names, err := fixtures.Snapshots(fixtures.HeldOut14StreamDir)
	if err != nil {
		t.Fatal(err)
	}
	return append(names, "detik_news_2017-04-28.xml", "tempo_rss2_2017-04-06.xml", "tempo_terkini_rss091_2017-04-28.xml",
		"viva_all_2017-04-28.xml", "antara_jambi_terkini_2022-08-28.xml", "detik_news_2014-04-29_feedsportal.xml")
}

// reviewersDomesticNews are three domestic reports review 23 named, not
// chosen from the stream.
var reviewersDomesticNews = []string{"Tertabrak KRL di Perlintasan Pejaten", "Mengaku 'Ring Satu Istana'", "Longsor Timpa 3 Rumah di Ambon"}

// worldItems runs one first cycle over worldStreamSnapshots with the config's
// extra keys and returns its config, its world items, those of them with
// none of world's terms, and the reviewer's domestic reports among them.
func worldItems(t *testing.T, extra map[string]any) (cfg string, world, bare int, domestic []string) {
	t.Helper()
	cfg = snapshotCycle(t, worldStreamSnapshots(t), "id", extra)
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
			for _, d := range reviewersDomesticNews {
				if strings.Contains(r.Title, d) {
					domestic = append(domestic, r.Title)
				}
			}
		}
	}
	t.Logf("world: %d items, %d without a world term; the reviewer's domestic reports: %q", world, bare, domestic)
	return cfg, world, bare, domestic
}

// The built-in world over those feeds: domestic news with none of world's
// terms lands in it. The world desk model's "rest" feature (the scores of
// crime, disaster, politics …) accepts it near its cut, and the stream
// model, which never sees it as a negative of world, agrees or adds
// (BENCHMARKS.md, branch fixworld). Requiring another country for the
// built-in world lost world's recall on the research data's headlines
// ("abroad"), so it is a config's choice (next test); this holds today's
// count (49 of 160 since softworld, which keeps world from articles whose
// only evidence is the soft topics'; 56 of 168 since the twenty-fourth
// session, 58 of 181 when it was written; the reviewer's Ambon landslide
// among them) so that it only gets better.
func TestStreamWorldWithoutWorldTerms(t *testing.T) {
	_, world, bare, _ := worldItems(t, nil)
	const todays = 49
	if bare > todays {
		t.Errorf("%d of %d world items have none of world's terms, want at most %d (today's; a reader expects none)", bare, world, todays)
	}
}

// The same feeds with world needing another country (`{slug: world,
// foreign: true}` in the config): none of the reviewer's domestic reports
// is in world, and `warta explain` finds every world item about another
// country — by world's own terms or a state other than Indonesia or an
// international body it names — and says so.
func TestStreamWorldNeedsAnotherCountry(t *testing.T) {
	_, builtinWorld, _, builtinDomestic := worldItems(t, nil)
	cfg, world, _, domestic := worldItems(t, map[string]any{"topics": []any{map[string]any{"slug": "world", "foreign": true}}})
	if len(builtinDomestic) == 0 {
		t.Fatal("the built-in world takes none of the reviewer's domestic reports: this test shows nothing")
	}
	if len(domestic) > 0 {
		t.Errorf("domestic reports in world: %q", domestic)
	}
	if world == 0 || world >= builtinWorld {
		t.Errorf("world holds %d items, the built-in world %d: want fewer, and some", world, builtinWorld)
	}
	passed, missing := 0, 0
	for _, ex := range explainedSources(t, cfg) {
		i := slices.IndexFunc(ex.Topics, func(e topic.Explanation) bool { return e.Slug == "world" })
		if i < 0 {
			t.Fatalf("%s: no explanation of world", ex.Article.Title)
		}
		switch e := ex.Topics[i]; {
		case e.Passed && e.Foreign != "met":
			t.Errorf("%s: in world with foreign %q", ex.Article.Title, e.Foreign)
		case e.Passed:
			passed++
		case e.Foreign == "missing":
			missing++
		}
	}
	// Explain reads each article with the stream model as the cycle left
	// it, so it may pass a few more than the cycle stored.
	if passed == 0 || missing == 0 {
		t.Errorf("explain: %d items in world, %d kept out for naming no other country; want some of each", passed, missing)
	}
}
