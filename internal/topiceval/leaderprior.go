package topiceval

import (
	"cmp"
	"context"
	"maps"
	"path/filepath"
	"slices"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/topic"
)

// LeaderGroup is one group of feed snapshots the leaders prior is learned
// from: a labelled stream's directory, or the loose snapshots.
type LeaderGroup struct {
	Name     string
	Articles []*article.Article
}

// LooseSnapshots is the name of the group of the feed snapshots that lie
// in the streams' directory itself, beside the streams' directories.
const LooseSnapshots = "loose snapshots"

// LoadLooseSnapshots prepares the feed snapshots directly in dir
// (internal/fixtures/testdata) as LoadStream does; text files (a seed
// article) are no feeds.
func LoadLooseSnapshots(ctx context.Context, cfg *config.Config, t *topic.Tagger, dir string, now time.Time) (LeaderGroup, error) {
	arts, err := loadSnapshots(ctx, cfg, t, dir, now, func(name string) bool { return filepath.Ext(name) == ".txt" })
	return LeaderGroup{Name: LooseSnapshots, Articles: arts}, err
}

// ShippedLeaderMinArticles is how many distinct articles a name must be
// anchored to a state in for the shipped leaders prior to keep it: a name
// the anchor rule took from one headline only is as often a phrase after
// an office ("sebut teror terowongan") as a name; at 2 every key is a
// leader's name (V3 of branch leaderprior2, 68 keys; at 1, 178 keys with
// about 15 such phrases). It is the default of eval-topics
// -leaders-min-articles, so go generate ./topic writes the shipped prior.
const ShippedLeaderMinArticles = 2

// leaderKey is a name and a state it was anchored to.
type leaderKey struct{ name, state string }

// leaderTally is how many anchors tied a leaderKey, and the titles (see
// StreamTitle) of the articles they were found in.
type leaderTally struct {
	n      uint32
	titles map[string]bool
}

// groupAnchors counts the anchors of g's articles as a new Stream of t
// (which has no prior) counts them, leaving out the articles whose title
// skip holds, and notes the articles each key was anchored in.
func groupAnchors(t *topic.Tagger, g LeaderGroup, skip map[string]bool) map[leaderKey]*leaderTally {
	st := t.NewStream()
	seen := map[leaderKey]uint32{}
	out := map[leaderKey]*leaderTally{}
	for _, a := range g.Articles {
		title := StreamTitle(a.Title)
		if skip[title] {
			continue
		}
		st.TagAndObserve(a, topic.Hints{})
		for _, la := range st.LeaderAnchors() {
			k := leaderKey{la.Name, la.State}
			if la.N > seen[k] {
				tl := out[k]
				if tl == nil {
					tl = &leaderTally{titles: map[string]bool{}}
					out[k] = tl
				}
				tl.titles[title] = true
			}
			seen[k] = la.N
		}
	}
	for k, n := range seen {
		if tl := out[k]; tl != nil {
			tl.n = n
		}
	}
	return out
}

// sumAnchors sums the groups' counts, by name, then state, keeping the
// keys anchored in minArticles distinct articles (by title) or more.
func sumAnchors(counts []map[leaderKey]*leaderTally, minArticles int) []topic.LeaderAnchors {
	sum := map[leaderKey]*leaderTally{}
	for _, c := range counts {
		for k, tl := range c {
			s := sum[k]
			if s == nil {
				s = &leaderTally{titles: map[string]bool{}}
				sum[k] = s
			}
			s.n += tl.n
			maps.Copy(s.titles, tl.titles)
		}
	}
	maps.DeleteFunc(sum, func(_ leaderKey, s *leaderTally) bool { return len(s.titles) < minArticles })
	keys := slices.SortedFunc(maps.Keys(sum), func(x, y leaderKey) int {
		return cmp.Or(cmp.Compare(x.name, y.name), cmp.Compare(x.state, y.state))
	})
	out := make([]topic.LeaderAnchors, len(keys))
	for i, k := range keys {
		out[i] = topic.LeaderAnchors{Name: k.name, State: k.state, N: sum[k].n}
	}
	return out
}

// LearnLeaderPrior counts the anchors of the groups' articles as the
// stream model counts them: per group a new Stream of t without a prior
// tags and observes its articles in order; the counts are summed over
// the groups, by name, then state, and a key anchored in fewer than
// minArticles distinct articles is left out.
func LearnLeaderPrior(t *topic.Tagger, groups []LeaderGroup, minArticles int) []topic.LeaderAnchors {
	t = t.WithLeaderPrior(nil)
	counts := make([]map[leaderKey]*leaderTally, len(groups))
	for i, g := range groups {
		counts[i] = groupAnchors(t, g, nil)
	}
	return sumAnchors(counts, minArticles)
}

// LeaderPriorLOSO scores each stream twice: by t without a leaders prior
// (main) and by t with the prior learned from every other stream and the
// loose snapshots, leaving out every article whose title is among the
// scored stream's, and the keys anchored in fewer than minArticles
// articles (BENCHMARKS.md, branches leaderprior and leaderprior2). A group that shares
// no title with the scored stream keeps the counts learned from all of it.
func LeaderPriorLOSO(t *topic.Tagger, streams []*LabelledStream, loose LeaderGroup, minArticles int) (without, with []StreamScore) {
	bare := t.WithLeaderPrior(nil)
	groups := []LeaderGroup{loose}
	for _, s := range streams {
		groups = append(groups, LeaderGroup{Name: s.Name, Articles: s.Articles})
	}
	whole := make([]map[leaderKey]*leaderTally, len(groups))
	for i, g := range groups {
		whole[i] = groupAnchors(bare, g, nil)
	}
	for i, s := range streams {
		own := map[string]bool{}
		for _, a := range s.Articles {
			own[StreamTitle(a.Title)] = true
		}
		var counts []map[leaderKey]*leaderTally
		for j, g := range groups {
			switch {
			case j == i+1:
				continue
			case slices.ContainsFunc(g.Articles, func(a *article.Article) bool { return own[StreamTitle(a.Title)] }):
				counts = append(counts, groupAnchors(bare, g, own))
			default:
				counts = append(counts, whole[j])
			}
		}
		prior := sumAnchors(counts, minArticles)
		without = append(without, StreamScore{Stream: s.Name, Tallies: ScoreStream(bare, s)})
		with = append(with, StreamScore{Stream: s.Name, Tallies: ScoreStream(t.WithLeaderPrior(prior), s)})
	}
	return without, with
}
