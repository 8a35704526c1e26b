package pipeline

import (
	"context"
	"slices"
	"testing"

	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/topic"
)

// RetagDue does not call for a re-tag when only the order of the sources
// or of a source's forced topics changed (or a forced topic is listed
// twice): a forced topic is looked up, never ranked, so no article's
// topics can change. A changed list still calls for one. Both drivers.
func TestRetagDueIgnoresOrderOfSourcesAndForcedTopics(t *testing.T) {
	sport := topic.Spec{Slug: "sport", Title: "Sport", Terms: map[string][]string{"en": {"football^5"}}}
	topics := []topic.Spec{hardWorld, sport}
	sources := func() []config.Source {
		return []config.Source{
			{Name: "radio", URL: "https://radio.example.com/rss", Topics: []string{"world", "sport"}},
			{Name: "paper", URL: "https://paper.example.com/rss", Topics: []string{"sport"}, Genre: "news"},
		}
	}
	for _, d := range storeDrivers() {
		t.Run(d.name, func(t *testing.T) {
			ctx := context.Background()
			st := d.open(t)()
			p := newTestPipelineSources(t, st, topics, sources())
			due := func(what string, srcs []config.Source, want bool) {
				t.Helper()
				cfg := &config.Config{Topics: topics, Sources: srcs}
				got, err := RetagDue(ctx, st, cfg, p.tagger)
				if err != nil {
					t.Fatal(err)
				}
				if got != want {
					t.Errorf("%s: RetagDue %t, want %t", what, got, want)
				}
			}
			due("as recorded", sources(), false)
			reordered := sources()
			slices.Reverse(reordered)
			due("sources reordered", reordered, false)
			reordered = sources()
			reordered[0].Topics = []string{"sport", "world"}
			due("a source's topics reordered", reordered, false)
			reordered[0].Topics = []string{"sport", "world", "sport"}
			due("a source's topic listed twice", reordered, false)
			changed := sources()
			changed[0].Topics = []string{"world"}
			due("a source's topics changed", changed, true)
			changed = sources()
			changed[1].Topics = []string{"sport", "world"}
			due("a topic added to a source", changed, true)
		})
	}
}
