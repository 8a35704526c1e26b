package pipeline

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/store"
)

// ErrOneStory is JoinStories' error when the stories named are one.
var ErrOneStory = errors.New("the stories named are one story")

// ErrNotJoined is UnjoinStory's error when no join of the story is stored.
var ErrNotJoined = errors.New("no reader joined this story into another")

// ErrStoriesBusy is JoinStories' and UnjoinStory's error when the stories
// lock was not free within the wait given: a cycle is deciding stories.
var ErrStoriesBusy = errors.New("a cycle is deciding stories now")

// lockStoriesWithin is LockStories, waiting at most wait (0: as long as
// ctx allows); ErrStoriesBusy when the wait ended first.
func lockStoriesWithin(ctx context.Context, st store.Store, wait time.Duration) (func(), error) {
	if wait <= 0 {
		return LockStories(ctx, st)
	}
	lctx, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	release, err := LockStories(lctx, st)
	if err != nil && ctx.Err() == nil && lctx.Err() != nil {
		return nil, fmt.Errorf("pipeline: waited %s for the stories lock: %w", wait, ErrStoriesBusy)
	}
	return release, err
}

// StoryOf returns the stored story id names: a story's ID, the ID of any
// article of it, or the ID of a story a reader joined into it. The error
// wraps store.ErrNotFound when it names none.
func StoryOf(ctx context.Context, st store.Store, id string) (*article.Story, error) {
	s, err := st.Story(ctx, id)
	if !errors.Is(err, store.ErrNotFound) {
		return s, err
	}
	a, err := st.Article(ctx, id)
	if err == nil {
		return st.Story(ctx, cmp.Or(a.StoryID, a.ID))
	}
	if !errors.Is(err, store.ErrNotFound) {
		return nil, err
	}
	// A joined story whose lead is no longer stored is still known by
	// its join.
	joins, err := st.StoryJoins(ctx, id)
	if err != nil {
		return nil, err
	}
	if i := slices.IndexFunc(joins, func(j article.Join) bool { return j.Story == id }); i >= 0 {
		return st.Story(ctx, joins[i].Into)
	}
	return nil, fmt.Errorf("pipeline: story %q: %w", id, store.ErrNotFound)
}

// JoinStories folds the stories ids name (StoryOf) into one, a reader's
// verdict that they are one event: the story whose lead was first seen
// first keeps its ID (a story's ID never changes), and every article of
// the others becomes its article (store.JoinStory), with the labels it
// has applied at once. It holds the stories lock meanwhile, so that no
// cycle decides a story from an index that has not seen the join; a
// daemon rebuilds its story index from the store when it next takes the
// lock (the stories' version changed). It waits at most wait for the
// lock (0: as long as ctx allows; ErrStoriesBusy). It returns the joins
// made, into the same story, each with the labels kept for its undo
// (article.Join.Labels), and the labels of the configured topics the
// story joined into has after them, those it applied; ErrOneStory when
// the IDs name fewer than two stories.
func JoinStories(ctx context.Context, st store.Store, cfg *config.Config, ids []string, note string, at time.Time, wait time.Duration) (joins []article.Join, labels article.LabelSet, err error) {
	release, err := lockStoriesWithin(ctx, st, wait)
	if err != nil {
		return nil, nil, err
	}
	defer release()
	var stories []*article.Story
	for _, id := range ids {
		s, err := StoryOf(ctx, st, id)
		if err != nil {
			return nil, nil, fmt.Errorf("pipeline: join: %w", err)
		}
		if !slices.ContainsFunc(stories, func(o *article.Story) bool { return o.ID == s.ID }) {
			stories = append(stories, s)
		}
	}
	if len(stories) < 2 {
		return nil, nil, fmt.Errorf("pipeline: join %v: %w", ids, ErrOneStory)
	}
	// The story first seen first: an index rebuilt from the store, oldest
	// article first, meets its lead before any article joined to it. A
	// story whose lead is no longer stored is shown nowhere; it can be
	// joined into one, not keep its ID.
	into := slices.MinFunc(stories, func(a, b *article.Story) int {
		if (a.Lead == nil) != (b.Lead == nil) {
			if a.Lead == nil {
				return 1
			}
			return -1
		}
		if a.Lead == nil {
			return cmp.Compare(a.ID, b.ID)
		}
		return cmp.Or(a.Lead.FirstSeen.Compare(b.Lead.FirstSeen), cmp.Compare(a.ID, b.ID))
	})
	if into.Lead == nil {
		return nil, nil, fmt.Errorf("pipeline: join %v: no story named has its lead stored (none is shown): %w", ids, store.ErrNotFound)
	}
	for _, s := range stories {
		if s == into {
			continue
		}
		j, err := st.JoinStory(ctx, article.Join{Story: s.ID, Into: into.ID, Note: note, At: at.UTC()})
		if err != nil {
			return joins, nil, fmt.Errorf("pipeline: %w", err)
		}
		joins = append(joins, j)
	}
	labels, err = ConfiguredStoryLabels(ctx, st, cfg, into.ID)
	if err != nil {
		return joins, nil, err
	}
	if _, err := LabelStory(ctx, st, into.ID, labels, "", nil); err != nil {
		return joins, labels, err
	}
	return joins, labels, nil
}

// Retagger returns the tagger's verdicts on a stored article, readied
// when first needed: a command or a request readies the stream model the
// store keeps (LoadStream), which only a change of labels calls for.
type Retagger func(ctx context.Context) (func(*article.Article) []article.TopicMatch, error)

// UnjoinStory undoes the join of story (the ID it had): the articles that
// came with it, and those joined to them since (article.Story.JoinedFrom),
// are its again, and so are the labels it had when joined (store
// .UnjoinStory). Its articles' verdicts on the topics the story it was
// joined into is labelled on go back to the tagger's, then its own labels
// apply; the story it was joined into takes the tagger's verdicts again on
// the topics of the labels that went back. tagger is readied only when
// that story has labels, before anything changes. It holds
// the stories lock meanwhile and waits for it as JoinStories does. It
// returns the join undone; ErrNotJoined when story is not joined.
func UnjoinStory(ctx context.Context, st store.Store, cfg *config.Config, story string, tagger Retagger, wait time.Duration) (article.Join, error) {
	release, err := lockStoriesWithin(ctx, st, wait)
	if err != nil {
		return article.Join{}, err
	}
	defer release()
	joins, err := st.StoryJoins(ctx, story)
	if err != nil {
		return article.Join{}, err
	}
	i := slices.IndexFunc(joins, func(j article.Join) bool { return j.Story == story })
	if i < 0 {
		return article.Join{}, fmt.Errorf("pipeline: undo the join of %q: %w", story, ErrNotJoined)
	}
	j := joins[i]
	whole, err := st.Story(ctx, j.Into)
	if err != nil {
		return j, fmt.Errorf("pipeline: undo the join of %q: %w", story, err)
	}
	before, err := ConfiguredStoryLabels(ctx, st, cfg, j.Into)
	if err != nil {
		return j, err
	}
	// The articles given back carry the verdicts of the labels of the
	// story they were in, and the story they leave those of the labels
	// that go back with them: where no label of their own decides, those
	// topics go back to the tagger, readied first so that a failure
	// changes nothing.
	var tag func(*article.Article) []article.TopicMatch
	if len(before.Of(j.Into)) > 0 {
		if tag, err = tagger(ctx); err != nil {
			return j, fmt.Errorf("pipeline: undo the join of %q: the tagger: %w", story, err)
		}
	}
	if err := st.UnjoinStory(ctx, story, whole.JoinedFrom(story)); err != nil {
		return j, fmt.Errorf("pipeline: %w", err)
	}
	after, err := ConfiguredStoryLabels(ctx, st, cfg, story, j.Into)
	if err != nil {
		return j, err
	}
	for _, s := range []string{story, j.Into} {
		for _, l := range before.Of(j.Into) {
			if _, own := after[s][l.Topic]; own {
				continue
			}
			if _, err := LabelStory(ctx, st, s, after, l.Topic, tag); err != nil && !errors.Is(err, store.ErrNotFound) {
				return j, err
			}
		}
	}
	if len(after.Of(story)) == 0 {
		return j, nil
	}
	if _, err := LabelStory(ctx, st, story, after, "", nil); err != nil && !errors.Is(err, store.ErrNotFound) {
		return j, err
	}
	return j, nil
}

// followJoins rebuilds the story index from the store when a reader
// joined two stories or undid a join since it was built (the stories'
// version differs): the index would file a new copy of a joined story
// under its old ID. A load Start left for later reads the store as it is
// when it begins; one under way is waited for; one that failed left no
// index to follow (a batch that needs it fails with the load's error, and
// a cycle with none logs it).
func (p *Pipeline) followJoins(ctx context.Context) error {
	if l := p.indexLoad.Load(); l != nil {
		if !l.begun() || l.wait() != nil {
			return nil
		}
	}
	v, _, err := p.store.Meta(ctx, store.MetaStoriesVersion)
	if err != nil {
		return fmt.Errorf("pipeline: %w", err)
	}
	p.indexMu.Lock()
	built := p.storiesVersion
	p.indexMu.Unlock()
	if v == built {
		return nil
	}
	if l := p.indexLoad.Swap(nil); l != nil {
		l.settle()
	}
	p.logger.Info("a reader joined stories or undid a join: rebuilding the story index")
	ix, rb, err := loadStoryIndex(ctx, p.store, p.cfg, p.actors, p.now(), true)
	if err != nil {
		return err
	}
	p.setIndex(ix, rb)
	// The labels' sweep and the fetch workers read a reload here.
	p.loads.Add(1)
	return nil
}
