package topic

import (
	"fmt"
	"reflect"
	"sync"
	"testing"

	"github.com/warta-news/warta/article"
)

// concurrentArticles are items of both languages that reach the actors,
// word and stream models: relations between states in title and lead,
// capitalised and shouted names, a dotted abbreviation, and items of
// other topics.
func concurrentArticles() []*article.Article {
	return []*article.Article{
		{Title: "U.S. and China resume trade talks in Geneva", Text: "Trade ministers of the United States and China met on Tuesday to discuss tariffs and exports.", Language: "en"},
		{Title: "Japan's prime minister visits Jakarta", Text: "The Japanese prime minister met President Joko Widodo to sign an agreement on maritime security.", Language: "en"},
		{Title: "RUSSIA AND UKRAINE TRADE PRISONERS", Text: "Moscow and Kyiv exchanged prisoners of war after talks brokered by Turkey.", Language: "en"},
		{Title: "Striker scores twice as the club wins the league", Text: "The football club's striker scored two goals in the stadium.", Language: "en"},
		{Title: "Inflation rises as the central bank holds rates", Text: "The central bank governor said inflation would rise.", Language: "en"},
		{Title: "UN Security Council meets on Gaza ceasefire", Language: "en"},
		{Title: "Presiden Jokowi bertemu Perdana Menteri Jepang di Tokyo", Text: "Kedua pemimpin sepakat memperkuat kerja sama perdagangan dan keamanan maritim antara Indonesia dan Jepang.", Language: "id"},
		{Title: "Menlu Retno: Indonesia dan Malaysia Sepakati Batas Laut", Text: "Menteri Luar Negeri Retno Marsudi mengatakan kedua negara menandatangani perjanjian perbatasan.", Language: "id"},
		{Title: "AMERIKA SERIKAT DAN CHINA BAHAS TARIF", Language: "id"},
		{Title: "Harga beras naik menjelang Lebaran", Text: "Bank Indonesia mencatat inflasi naik karena harga pangan.", Language: "id"},
		{Title: "Timnas Indonesia menang 2-0 atas Vietnam", Text: "Pemain timnas mencetak dua gol di stadion Gelora Bung Karno.", Language: "id"},
		{Title: "Élysée hosts EU summit on Ukraine aid", Text: "Leaders of the European Union agreed on aid to Ukraine at the Élysée Palace.", Language: "en"},
	}
}

// A Tagger is shared by the daemon's goroutines, each call taking its
// working memory from the Tagger's pool (features sorted on first need,
// pairs, odds) and the actor recogniser's: tagging, explaining and
// sampling concurrently give each item what they give it alone. A Stream
// is shared too; what it returns depends on the order it learns in, so
// its calls here are for the race detector (go test -race) only.
func TestConcurrentCallsAreSerialCalls(t *testing.T) {
	tg := defaultTagger(t)
	arts := concurrentArticles()
	tags := make([][]article.TopicMatch, len(arts))
	explained := make([][]Explanation, len(arts))
	samples := make([]WordSample, len(arts))
	for i, a := range arts {
		tags[i], explained[i] = tg.Tag(a, Hints{}), tg.Explain(a, Hints{})
		samples[i], _ = tg.WordSampleOf(a, true)
	}
	st := tg.NewStream()
	var mu sync.Mutex
	var failures []string
	fail := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		failures = append(failures, fmt.Sprintf(format, args...))
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for k := range 3 * len(arts) {
				i := (k*(2*g+1) + g) % len(arts) // each goroutine in its own order
				a := arts[i]
				if got := tg.Tag(a, Hints{}); !reflect.DeepEqual(got, tags[i]) {
					fail("Tag(%q) = %+v, alone %+v", a.Title, got, tags[i])
				}
				if got := tg.Explain(a, Hints{}); !reflect.DeepEqual(got, explained[i]) {
					fail("Explain(%q) differs from its explanation alone", a.Title)
				}
				if got, _ := tg.WordSampleOf(a, true); !reflect.DeepEqual(got, samples[i]) {
					fail("WordSampleOf(%q) = %+v, alone %+v", a.Title, got, samples[i])
				}
				st.TagAndObserve(a, Hints{})
				st.Explain(a, Hints{})
			}
		})
	}
	wg.Wait()
	for _, f := range failures {
		t.Error(f)
	}
	// The items reach the models whose memory is pooled: international
	// relations in both languages, and the word model's features.
	ir := 0
	for _, ms := range tags {
		for _, m := range ms {
			if m.Slug == "international-relations" {
				ir++
			}
		}
	}
	if ir < 4 {
		t.Errorf("%d items tagged international relations, want most of the relations'", ir)
	}
	for i, s := range samples {
		if len(s.Feats) == 0 {
			t.Errorf("%q: a word sample without features", arts[i].Title)
		}
	}
}
