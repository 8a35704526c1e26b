package pipeline

import (
	"bytes"
	"context"
	"log/slog"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/genre"
	"github.com/warta-news/warta/internal/fixtures"
	"github.com/warta-news/warta/normalize"
)

// bodies matches the item bodies of RSS and Atom, and languageTag the
// feed's declared language.
var (
	bodies      = regexp.MustCompile(`(?s)<(description|content:encoded|summary|content)\b[^>]*>.*?</(description|content:encoded|summary|content)>|<(description|content:encoded|summary|content)\b[^>]*/>`)
	languageTag = regexp.MustCompile(`(?s)<language>.*?</language>`)
	channelOpen = regexp.MustCompile(`<channel\b[^>]*>`)
)

// titleOnly is the snapshot name with its item bodies removed and the
// language it declares replaced by declared: a feed of headlines alone.
func titleOnly(t *testing.T, name, declared string) []byte {
	t.Helper()
	b, err := fixtures.Read(name)
	if err != nil {
		t.Fatal(err)
	}
	b = languageTag.ReplaceAll(bodies.ReplaceAll(b, nil), nil)
	loc := channelOpen.FindIndex(b)
	if loc == nil {
		t.Fatalf("%s: no <channel>", name)
	}
	out := append([]byte{}, b[:loc[1]]...)
	out = append(out, "<language>"+declared+"</language>"...)
	return append(out, b[loc[1]:]...)
}

// prepareTitleOnly prepares the title-only form of the snapshot name as
// declaring declared, and counts its articles by language.
func prepareTitleOnly(t *testing.T, name, declared string) (map[string]int, Prepared) {
	t.Helper()
	f := Feed{Body: titleOnly(t, name, declared), FetchedAt: time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)}
	prep, err := PrepareFeed(context.Background(), normalize.New(normalize.Caps{}), genre.New(), f, config.Source{Name: "s", URL: "https://s.test/rss"})
	if err != nil {
		t.Fatal(err)
	}
	langs := map[string]int{}
	for _, a := range prep.Articles {
		if a.Text != "" {
			t.Fatalf("%s: item %q kept a body", name, a.Title)
		}
		langs[a.Language]++
	}
	return langs, prep
}

// Many Indonesian feeds declare "en" and give headlines only: a headline is
// often too short to be detected confidently, but when the confident ones
// clearly agree on Indonesian, the feed is Indonesian, every item of it.
func TestTitleOnlyIndonesianFeedDeclaringEnglishIsIndonesian(t *testing.T) {
	for _, name := range []string{
		"tempo_terkini_rss091_2017-04-28.xml",
		"viva_all_2017-04-28.xml",
		"antara_jambi_terkini_2022-08-28.xml",
		"detik_news_2014-04-29_feedsportal.xml",
	} {
		t.Run(name, func(t *testing.T) {
			langs, prep := prepareTitleOnly(t, name, "en")
			n := len(prep.Articles)
			if n == 0 || langs["id"] != n {
				t.Errorf("%v of %d items; want all id", langs, n)
			}
			o := prep.LanguageOverride
			if o == nil || o.Declared != "en" || o.Voted != "id" || o.Items != n || o.Overruled != n || o.Votes < minOverrulingVotes || o.DeclaredVotes != 0 {
				t.Errorf("override %+v; want en overruled by id for all %d items", o, n)
			}
		})
	}
}

// An English feed of headlines alone stays English, though most of its
// headlines are too short to be detected confidently, also one about
// Indonesia, full of Indonesian names.
func TestTitleOnlyEnglishFeedStaysEnglish(t *testing.T) {
	for _, name := range []string{
		"stream-heldout3/philstar_2021-10-17.xml",
		"stream-heldout3/jakarta_globe_prospect_2026-03-24.xml",
		"stream/cnn_international_2020-06-09.xml",
	} {
		t.Run(name, func(t *testing.T) {
			langs, prep := prepareTitleOnly(t, name, "en")
			if n := len(prep.Articles); n == 0 || langs["en"] != n || prep.LanguageOverride != nil {
				t.Errorf("%v of %d items, override %+v; want all en", langs, n, prep.LanguageOverride)
			}
		})
	}
}

// The rule of the feed-wide vote, on counts: a few stray confident votes
// do not overrule the declared language, votes that clearly agree do.
func TestFeedLanguage(t *testing.T) {
	for _, c := range []struct {
		declared string
		votes    map[string]int
		items    int
		want     string
	}{
		{"en", map[string]int{"id": 2}, 30, "en"},           // too few to be sure
		{"en", map[string]int{"id": 3}, 30, "id"},           // few, but all agree
		{"en", map[string]int{"id": 3, "en": 1}, 30, "id"},  // more than twice the declared
		{"en", map[string]int{"id": 4, "en": 2}, 30, "en"},  // not more than twice
		{"en", map[string]int{"id": 6, "en": 4}, 10, "id"},  // most of the items
		{"id", map[string]int{"id": 20, "en": 1}, 30, "id"}, // the declared one wins
		{"", map[string]int{"en": 3}, 30, "en"},
		{"fr", map[string]int{"en": 4, "id": 4}, 8, "en"}, // a tie: the same answer every time
	} {
		confident := 0
		for _, n := range c.votes {
			confident += n
		}
		if got := feedLanguage(c.declared, c.votes, confident, c.items); got != c.want {
			t.Errorf("declared %q, votes %v of %d items: %q, want %q", c.declared, c.votes, c.items, got, c.want)
		}
	}
}

// The cycle's log names a feed whose declared language its items overrule
// at Info; a feed that declares none is only told its language by the
// vote, which is no news for the operator (Debug).
func TestOnlyADeclaredLanguageOverruledIsLoggedAtInfo(t *testing.T) {
	const name, msg = "tempo_terkini_rss091_2017-04-28.xml", "declared language overruled"
	for _, c := range []struct {
		declared string
		want     bool
	}{{"en", true}, {"", false}} {
		p := newTestPipelineWith(t, newSQLiteStore(t), serve(t, string(titleOnly(t, name, c.declared))))
		var logs bytes.Buffer
		p.logger = slog.New(slog.NewTextHandler(&logs, nil))
		if _, err := p.RunCycle(context.Background()); err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(logs.String(), msg); got != c.want {
			t.Errorf("declared %q: override logged at Info %v, want %v:\n%s", c.declared, got, c.want, logs.String())
		}
	}
}
