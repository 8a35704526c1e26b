package pipeline

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/store"
	"github.com/warta-news/warta/topic"
)

// streamModel names the stream model's snapshot among the store's models.
// Its version is the cycle epoch (metaCycleEpoch) of the store it was
// taken of: every cycle that stores articles stores the model after them,
// under the stories lock, so a snapshot whose version is the stored epoch
// has learned from every stored article, whichever process stored it. A
// snapshot of an older epoch (a process that stored articles and died
// before its snapshot, or a build without snapshots) or of other rules is
// not trusted: the model learns from the stored articles' text again.
// Pruning does not unlearn: like a running daemon's, the model keeps what
// pruned articles taught it until it learns from the text again.
const streamModel = "topic_stream"

// StreamLoad says how a stream model was readied from the store.
type StreamLoad struct {
	// Snapshot is true when the model was loaded from the stored snapshot.
	Snapshot bool
	// Learned is how many stored articles taught the model something when
	// it learned from their text instead.
	Learned int
	// Why says why the snapshot was not used.
	Why string
}

// LoadStream readies s with what the stream model learned from the stored
// articles: from the snapshot the last cycle stored, when it is of the
// store as it is and of s's rules, or else by learning from every article
// stored within the retention window (learnStored). The daemon at start
// and `warta explain` load the same model.
func LoadStream(ctx context.Context, cfg *config.Config, st store.Store, s *topic.Stream, now time.Time) (StreamLoad, error) {
	epoch, _, err := st.Meta(ctx, metaCycleEpoch)
	if err != nil {
		return StreamLoad{}, fmt.Errorf("pipeline: %w", err)
	}
	return loadStream(ctx, cfg, st, s, epoch, now)
}

// loadStream is LoadStream for a store whose cycle epoch is epoch.
func loadStream(ctx context.Context, cfg *config.Config, st store.Store, s *topic.Stream, epoch string, now time.Time) (StreamLoad, error) {
	version, data, ok, err := st.Model(ctx, streamModel)
	if err != nil {
		return StreamLoad{}, fmt.Errorf("pipeline: stream model: %w", err)
	}
	var why string
	switch {
	case !ok:
		why = "no snapshot stored"
	case version != epoch:
		why = "the snapshot is older than the stored articles"
	default:
		err := s.UnmarshalBinary(data)
		if err == nil {
			return StreamLoad{Snapshot: true}, nil
		}
		why = "snapshot refused: " + err.Error()
		if errors.Is(err, topic.ErrOtherModel) {
			why = "the snapshot is of other topic rules or sources' hints"
		}
	}
	n, err := learnStored(ctx, cfg, st, s, now)
	return StreamLoad{Learned: n, Why: why}, err
}

// learnStored shows the stream model every article stored within the
// retention window, as the daemon saw them, and returns how many taught it
// something.
func learnStored(ctx context.Context, cfg *config.Config, st store.Store, s *topic.Stream, now time.Time) (int, error) {
	hints := SourceHints(cfg)
	since := retentionStart(cfg, now)
	n := 0
	err := st.Since(ctx, since, func(a *article.Article) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if s.Observe(a, hints[a.Source]) {
			n++
		}
		return nil
	})
	if err != nil {
		return n, fmt.Errorf("pipeline: learn stored articles: %w", err)
	}
	return n, nil
}

// saveStream stores the stream model's snapshot as of the cycle epoch the
// pipeline is up to date with. It runs under the stories lock, after the
// cycle's articles are stored. A snapshot that cannot be stored costs the
// next start a relearning, not an article: it is logged.
func (p *Pipeline) saveStream(ctx context.Context) {
	data, err := p.stream.MarshalBinary()
	if err == nil {
		err = p.store.SetModel(ctx, streamModel, p.epoch, data)
	}
	if err != nil {
		p.logger.Warn("stream model not stored: the next start learns from the stored articles", "err", err)
	}
}
