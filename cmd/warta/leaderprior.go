package main

import (
	"context"
	"fmt"
	"go/format"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/internal/topiceval"
	"github.com/warta-news/warta/topic"
)

// leaderSnapshots loads every labelled stream in streamsDir (labels in
// labelsDir) but topiceval.LeaderPriorHeldOutStreams, and the loose feed
// snapshots beside them: what the leaders prior is learned from, dated as
// the word model's (an undated item's date orders same-title items, so
// the prior is the snapshots', not the day's).
func leaderSnapshots(ctx context.Context, cfg *config.Config, tagger *topic.Tagger, streamsDir, labelsDir string) ([]*topiceval.LabelledStream, topiceval.LeaderGroup, error) {
	names, err := topiceval.LabelledStreams(streamsDir, labelsDir)
	if err != nil {
		return nil, topiceval.LeaderGroup{}, err
	}
	names = slices.DeleteFunc(names, func(name string) bool { return slices.Contains(topiceval.LeaderPriorHeldOutStreams(), name) })
	now := topiceval.WordStreamsFetchedAt()
	var streams []*topiceval.LabelledStream
	for _, name := range names {
		s, err := topiceval.LoadStream(ctx, cfg, tagger, filepath.Join(streamsDir, name), labelsDir, now)
		if err != nil {
			return nil, topiceval.LeaderGroup{}, err
		}
		streams = append(streams, s)
	}
	loose, err := topiceval.LoadLooseSnapshots(ctx, cfg, tagger, streamsDir, now)
	return streams, loose, err
}

// fitLeaderPrior learns the leaders prior from leaderSnapshots' streams
// and loose snapshots and writes it as Go source to path.
func fitLeaderPrior(ctx context.Context, cfg *config.Config, tagger *topic.Tagger, streamsDir, labelsDir, path string, minArticles int) error {
	streams, loose, err := leaderSnapshots(ctx, cfg, tagger, streamsDir, labelsDir)
	if err != nil {
		return err
	}
	groups := []topiceval.LeaderGroup{loose}
	var names []string
	for _, s := range streams {
		groups = append(groups, topiceval.LeaderGroup{Name: s.Name, Articles: s.Articles})
		names = append(names, s.Name)
	}
	prior := topiceval.LearnLeaderPrior(tagger, groups, minArticles)
	header := fmt.Sprintf(`learnedLeaderPrior is the anchors every new Stream starts with
(leaders.go), %d of them, learned by the anchor rule as a stream model
counts them, one stream model per group, from the public feed snapshots
of internal/fixtures/testdata: the streams %s, and the loose
snapshots; a name is kept where it was anchored to the state in at least
%d distinct articles. No name is listed by hand. Regenerate with
go generate -run fit-leaders ./topic (needs only the repository).`, len(prior), strings.Join(names, ", "), minArticles)
	src, err := format.Source(topic.LeaderPriorSource(prior, header))
	if err != nil {
		return fmt.Errorf("fit-leaders: %w", err)
	}
	return os.WriteFile(path, src, 0o644)
}

// leaderPriorLOSO prints, for each labelled stream, the international-
// relations tallies without a leaders prior and with the prior learned
// from every other group, and both pooled (BENCHMARKS.md, branch
// leaderprior).
func leaderPriorLOSO(ctx context.Context, e *env, cfg *config.Config, tagger *topic.Tagger, streamsDir, labelsDir string, minArticles int) error {
	streams, loose, err := leaderSnapshots(ctx, cfg, tagger, streamsDir, labelsDir)
	if err != nil {
		return err
	}
	without, with := topiceval.LeaderPriorLOSO(tagger, streams, loose, minArticles)
	for _, run := range []struct {
		name   string
		scores []topiceval.StreamScore
	}{{"main", without}, {"prior", with}} {
		for _, s := range run.scores {
			fmt.Fprintf(e.stdout, "leaders-loso %-5s %-16s%s\n", run.name, s.Stream, tallyColumns(s.Tallies))
		}
		fmt.Fprintf(e.stdout, "leaders-loso %-5s %-16s%s\n", run.name, "pooled", tallyColumns(topiceval.PoolStreams(run.scores)))
	}
	return nil
}
