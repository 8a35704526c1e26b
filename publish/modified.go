package publish

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"time"
)

// MetaKeeper keeps small values by key in the store every process sharing
// it reads; store.Store satisfies it. A StoryLister that also implements
// it keeps what each document's bytes were (its ETag) and since when
// (Last-Modified) across restarts and daemons: otherwise a process's
// first render knows only its articles' times, and answers 304 to an
// If-Modified-Since for bytes a new configuration changed.
type MetaKeeper interface {
	Meta(ctx context.Context, key string) (string, bool, error)
	SetMeta(ctx context.Context, key, value string) error
}

// metaModified is the meta key (MetaKeeper) of the documents' modifications.
const metaModified = "publish_modified"

// modification is what a document's bytes were (its plain ETag) and since
// when.
type modification struct {
	ETag     string    `json:"etag"`
	Modified time.Time `json:"modified"`
}

// modifications maps a document's request path to its modification.
type modifications map[string]modification

// recordedModifications returns the modifications the last render by any
// process sharing the store recorded; nil when the StoryLister keeps
// none.
func (p *Publisher) recordedModifications(ctx context.Context) (modifications, error) {
	keeper, ok := p.stories.(MetaKeeper)
	if !ok {
		return nil, nil
	}
	raw, ok, err := keeper.Meta(ctx, metaModified)
	if err != nil {
		return nil, fmt.Errorf("publish: read the documents' modifications: %w", err)
	}
	mods := modifications{}
	if !ok {
		return mods, nil
	}
	if err := json.Unmarshal([]byte(raw), &mods); err != nil {
		// Rewritten by this render: Last-Modified falls back on the
		// articles' times once, as before it was kept.
		p.logger.Warn("publish: the documents' modifications are unreadable; recording them anew", "err", err)
		return modifications{}, nil
	}
	return mods, nil
}

// recordModifications stores snap's modifications over recorded (nil:
// none are kept) when they differ. The documents snap lacks keep their
// records: a process that writes only the Atom files shares the store
// with daemons that serve every format.
func (p *Publisher) recordModifications(ctx context.Context, snap *snapshot, recorded modifications) error {
	keeper, ok := p.stories.(MetaKeeper)
	if !ok || recorded == nil {
		return nil
	}
	mods := maps.Clone(recorded)
	changed := false
	for path, r := range snap.resources {
		m := modification{ETag: r.etag, Modified: r.modified.UTC()}
		if old, ok := mods[path]; !ok || old.ETag != m.ETag || !old.Modified.Equal(m.Modified) {
			mods[path] = m
			changed = true
		}
	}
	if !changed {
		return nil
	}
	raw, err := json.Marshal(mods)
	if err != nil {
		return fmt.Errorf("publish: record the documents' modifications: %w", err)
	}
	if err := keeper.SetMeta(ctx, metaModified, string(raw)); err != nil {
		return fmt.Errorf("publish: record the documents' modifications: %w", err)
	}
	return nil
}
