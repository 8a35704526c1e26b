package schema

import (
	"errors"
	"fmt"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/store"
)

// FailedSources are the sources of a SaveSources batch that cannot be
// written, by index in the batch, with their errors. A driver's write
// returns it, after rolling back, to have the batch written again without
// them.
type FailedSources map[int]error

func (f FailedSources) Error() string {
	return fmt.Sprintf("store: %d sources of the batch cannot be written", len(f))
}

// SaveBatch runs one SaveSources: write is called with the sources to
// leave out (failed[i] set) and writes the others in one transaction,
// filling out[i].Inserted; when it returns FailedSources it has written
// nothing, and is called again without them. Each round leaves out at
// least one more source, so it ends.
func SaveBatch(batch []store.SourceWrite, write func(failed []bool, out []store.SourceSaved) error) ([]store.SourceSaved, error) {
	out := make([]store.SourceSaved, len(batch))
	failed := make([]bool, len(batch))
	for i, w := range batch {
		if err := CheckIDs(w); err != nil {
			out[i].Err, failed[i] = err, true
		}
	}
	for {
		for i := range out {
			out[i].Inserted = nil
		}
		err := write(failed, out)
		var fs FailedSources
		if !errors.As(err, &fs) {
			if err != nil {
				return nil, err
			}
			return out, nil
		}
		if len(fs) == 0 {
			return nil, errors.New("store: a write failed no source of the batch")
		}
		for i, e := range fs {
			if failed[i] {
				return nil, fmt.Errorf("store: source %s failed twice: %w", batch[i].Source, e)
			}
			out[i].Err, failed[i] = e, true
		}
	}
}

// CheckIDs fails when an article of w has no ID.
func CheckIDs(w store.SourceWrite) error {
	for i, a := range w.Articles {
		if a == nil || a.ID == "" {
			return fmt.Errorf("store: source %s: article %d has no ID", w.Source, i)
		}
	}
	return nil
}

// Owners returns, for every article ID of the sources not failed, the
// index of the first source holding it: within a batch too, the first copy
// wins.
func Owners(batch []store.SourceWrite, failed []bool) map[string]int {
	owner := map[string]int{}
	for i, w := range batch {
		if failed[i] {
			continue
		}
		for _, a := range w.Articles {
			if _, ok := owner[a.ID]; !ok {
				owner[a.ID] = i
			}
		}
	}
	return owner
}

// Inserted lists, in the order of arts, the articles of source i that done
// holds: the IDs the batch inserted for it.
func Inserted(arts []*article.Article, i int, owner map[string]int, done map[string]bool) []string {
	var ids []string
	for _, a := range arts {
		if owner[a.ID] == i && done[a.ID] {
			ids = append(ids, a.ID)
			delete(done, a.ID) // an ID twice in arts is inserted once
		}
	}
	return ids
}

// SaveOne is SaveSource over save, a driver's SaveSources.
func SaveOne(save func([]store.SourceWrite) ([]store.SourceSaved, error), source string, st store.FetchState, arts []*article.Article) ([]string, error) {
	res, err := save([]store.SourceWrite{{Source: source, State: st, Articles: arts}})
	if err != nil {
		return nil, err
	}
	return res[0].Inserted, res[0].Err
}

// Carriers returns, for the sources of batch not failed, the (article ID,
// source) pairs SaveSources records as carried: each source's articles
// (under their own Source) and its SourceWrite.Carried, each pair once,
// in batch order.
func Carriers(batch []store.SourceWrite, failed []bool) (ids, sources []string) {
	type pair struct{ id, source string }
	seen := map[pair]bool{}
	add := func(id, source string) {
		if p := (pair{id, source}); id != "" && source != "" && !seen[p] {
			seen[p] = true
			ids, sources = append(ids, id), append(sources, source)
		}
	}
	for i, w := range batch {
		if failed[i] {
			continue
		}
		for _, a := range w.Articles {
			add(a.ID, a.Source)
		}
		for _, id := range w.Carried {
			add(id, w.Source)
		}
	}
	return ids, sources
}
