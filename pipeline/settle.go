package pipeline

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/warta-news/warta/article"
)

const (
	// settleBatch is how many articles' topics one SetTopics call of the
	// settle step stores: one transaction each, bounded memory.
	settleBatch = 500
	// settleMax bounds the articles one settle step tags again: a first
	// ingest's model learns its topics within its first few thousand
	// articles. Past it the later articles keep their one-pass topics.
	settleMax = 5000
)

// settleMark follows, as a cycle tags its articles in FirstSeen order,
// how much the stream model had learned when it tagged each (Learned,
// which never falls while it learns): the articles it tagged before
// reaching the count it has at the cycle's end are a prefix of the cycle.
type settleMark struct {
	learned int       // Learned when the last article was tagged, or at the cycle's start
	first   time.Time // the cycle's first tagged article's FirstSeen; zero: none yet
	until   time.Time // the first article's FirstSeen tagged under learned; zero: no change this cycle
}

// tagging records that the article first seen at firstSeen is tagged by
// a model whose Learned is learned.
func (m *settleMark) tagging(firstSeen time.Time, learned int) {
	if m.first.IsZero() {
		m.first = firstSeen
	}
	if learned != m.learned {
		m.learned, m.until = learned, firstSeen
	}
}

// errSettled stops the settle step's walk of the store.
var errSettled = errors.New("settled")

// settle tags again, with the stream model as the cycle left it and
// without learning, the cycle's articles it tagged before it had learned
// every topic it knows now (at most settleMax of them, oldest first), and
// stores the topics that changed. A model that had not yet learned a topic
// could not lift it or decide its unsure zone, as the first articles of a
// first ingest show; the model that learned the whole cycle decides them
// as it will decide the next cycle's. It returns how many articles'
// topics changed.
func (p *Pipeline) settle(ctx context.Context) (int, error) {
	m := p.settling
	if m.first.IsZero() {
		return 0, nil
	}
	whole := p.stream.Learned() != m.learned // the last article taught it a topic
	if !whole && m.until.IsZero() {
		return 0, nil // the model knew at the first article what it knows now
	}
	batch := make(map[string][]article.TopicMatch, settleBatch)
	stored, walked := 0, 0
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if err := p.store.SetTopics(ctx, batch); err != nil {
			return err
		}
		stored += len(batch)
		clear(batch)
		return nil
	}
	err := p.store.Since(ctx, m.first, func(a *article.Article) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if walked >= settleMax || !whole && !a.FirstSeen.Before(m.until) {
			return errSettled
		}
		walked++
		topics := p.stream.Tag(a, p.hints[a.Source])
		if sameTopics(topics, a.Topics) {
			return nil
		}
		batch[a.ID] = topics
		if len(batch) >= settleBatch {
			return flush()
		}
		return nil
	})
	if err != nil && !errors.Is(err, errSettled) {
		return stored, fmt.Errorf("pipeline: settle: %w", err)
	}
	if err := flush(); err != nil {
		return stored, fmt.Errorf("pipeline: settle: %w", err)
	}
	return stored, nil
}

// sameTopics reports whether two taggings are the same: topics, scores,
// matched terms and whether the source forced them, in order.
func sameTopics(x, y []article.TopicMatch) bool {
	return slices.EqualFunc(x, y, func(a, b article.TopicMatch) bool {
		return a.Slug == b.Slug && a.Score == b.Score && a.Forced == b.Forced && slices.Equal(a.Terms, b.Terms)
	})
}
