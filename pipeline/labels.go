package pipeline

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"maps"
	"slices"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/store"
)

// loadLabels reads the readers' labels of the configured topics into
// p.labels; a label of a topic the config no longer has is kept in the
// store (the topic may come back) and applies to nothing. It returns the
// labels p.labels held that are gone from the store: cleared since this
// process last read them.
func (p *Pipeline) loadLabels(ctx context.Context) ([]article.Label, error) {
	labels, err := ConfiguredLabels(ctx, p.store, p.cfg)
	if err != nil {
		return nil, err
	}
	var cleared []article.Label
	for story := range p.labels {
		for _, l := range p.labels.Of(story) {
			if _, ok := labels.Verdict(story, l.Topic); !ok {
				cleared = append(cleared, l)
			}
		}
	}
	p.labels = labels
	return cleared, nil
}

// ConfiguredLabels reads the store's labels of cfg's topics as the label
// set a cycle applies.
func ConfiguredLabels(ctx context.Context, st store.Store, cfg *config.Config) (article.LabelSet, error) {
	all, err := st.Labels(ctx)
	if err != nil {
		return nil, fmt.Errorf("pipeline: labels: %w", err)
	}
	return article.NewLabelSet(configuredOnly(all, cfg)), nil
}

// ConfiguredStoryLabels reads the labels of cfg's topics on the stories
// named, and no others', as ConfiguredLabels would find them: what a
// change to a few stories needs, read by their index, however many
// stories readers labelled.
func ConfiguredStoryLabels(ctx context.Context, st store.Store, cfg *config.Config, stories ...string) (article.LabelSet, error) {
	var all []article.Label
	for _, story := range stories {
		ls, err := st.StoryLabels(ctx, story)
		if err != nil {
			return nil, fmt.Errorf("pipeline: labels of story %s: %w", story, err)
		}
		all = append(all, ls...)
	}
	return article.NewLabelSet(configuredOnly(all, cfg)), nil
}

// configuredOnly leaves out of ls the labels of topics cfg does not
// have: kept in the store (the topic may come back), they apply to
// nothing.
func configuredOnly(ls []article.Label, cfg *config.Config) []article.Label {
	return slices.DeleteFunc(ls, func(l article.Label) bool {
		_, ok := cfg.TopicBySlug(l.Topic)
		return !ok
	})
}

// applyLabels gives every stored article of a labelled story the topics
// its labels say. `warta label` applies a label to the stored articles
// itself; this catches the copies a cycle of another process wrote with
// the labels it had read before, and a label set while the re-tag of a
// rules change ran. It reads every labelled story (about half a
// millisecond each on SQLite: BENCHMARKS.md), so it does so only when the
// labels or the store changed under this process since it last did: the
// labels read differ, or it caught up with another process's writes. A
// story no longer stored is passed over: the prune that deleted its last
// article deleted its labels, or will (a label set as it ran).
//
// A label cleared since this process last read its labels (cleared, from
// loadLabels) gives its topic back to the tagger on its story's stored
// articles again: `warta label -clear` did so for the articles stored when
// it ran, but a copy this process decided meanwhile was stored with the
// label applied.
func (p *Pipeline) applyLabels(ctx context.Context, cleared []article.Label) error {
	tag := func(a *article.Article) []article.TopicMatch { return p.stream.Tag(a, p.hints[a.Source]) }
	for _, l := range cleared {
		if _, err := LabelStory(ctx, p.store, l.Story, p.labels, l.Topic, tag); err != nil && !errors.Is(err, store.ErrNotFound) {
			return err
		}
	}
	key := labelsKey(p.labels, p.loads.Load())
	if key == p.labelsApplied {
		return nil
	}
	for story := range p.labels {
		if _, err := LabelStory(ctx, p.store, story, p.labels, "", nil); err != nil && !errors.Is(err, store.ErrNotFound) {
			return err
		}
	}
	p.labelsApplied = key
	return nil
}

// labelsKey names what applyLabels applied: the labels (story, topic and
// verdict; a note changes nothing) after loads reloads of the store.
func labelsKey(labels article.LabelSet, loads uint64) string {
	h := fnv.New64a()
	for _, story := range slices.Sorted(maps.Keys(labels)) {
		for _, l := range labels.Of(story) {
			fmt.Fprintf(h, "%s\x00%s\x00%t\x00", l.Story, l.Topic, l.Of)
		}
	}
	return fmt.Sprintf("%x/%d", h.Sum64(), loads)
}

// LabelStory gives the stored articles of story the topics labels say
// (article.LabelSet.Apply) and returns how many it changed. cleared names
// a topic whose label was just removed, "" for none: each article's
// verdict on it goes back to tag's (the tagger's verdict today), the
// other topics stay as stored. The error wraps store.ErrNotFound when
// no stored article is of story.
func LabelStory(ctx context.Context, st store.Store, story string, labels article.LabelSet, cleared string, tag func(*article.Article) []article.TopicMatch) (int, error) {
	s, err := st.Story(ctx, story)
	if err != nil {
		return 0, fmt.Errorf("pipeline: label story %s: %w", story, err)
	}
	changed := map[string][]article.TopicMatch{}
	for _, a := range s.Articles() {
		topics := a.Topics
		if cleared != "" {
			topics = slices.DeleteFunc(slices.Clone(topics), func(m article.TopicMatch) bool { return m.Slug == cleared })
			for _, m := range tag(a) {
				if m.Slug == cleared {
					topics = append(topics, m)
				}
			}
		}
		topics, _ = labels.Apply(story, topics)
		if !sameTopics(topics, a.Topics) {
			changed[a.ID] = topics
		}
	}
	if len(changed) == 0 {
		return 0, nil
	}
	if err := st.SetTopics(ctx, changed); err != nil {
		return 0, fmt.Errorf("pipeline: label story %s: %w", story, err)
	}
	return len(changed), nil
}

// sameTopics reports whether x and y name the same topics, in any order.
func sameTopics(x, y []article.TopicMatch) bool {
	if len(x) != len(y) {
		return false
	}
	for _, m := range x {
		if !slices.ContainsFunc(y, func(n article.TopicMatch) bool { return n.Slug == m.Slug }) {
			return false
		}
	}
	return true
}
