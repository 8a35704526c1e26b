package publish

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// writeFiles writes every feed's Atom document to <Dir>/<slug>.atom. Each
// file is replaced atomically (temporary file, fsync, rename), so a reader
// or web server never sees half a feed; a file that already holds the
// document is left alone (no fsync, and its mtime still says when the feed
// last changed).
func (p *Publisher) writeFiles(ctx context.Context, snap *snapshot) error {
	if err := os.MkdirAll(p.opts.Dir, 0o755); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	for _, f := range p.feeds {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("publish: write files: %w", err)
		}
		path := p.filePath(f.Slug)
		body := snap.resources[feedPath(f.Slug, "atom")].body
		if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, body) {
			continue
		}
		if err := writeFileAtomic(path, body); err != nil {
			return err
		}
	}
	return nil
}

// filePath is where writeFiles writes the Atom document of feed slug.
func (p *Publisher) filePath(slug string) string {
	return filepath.Join(p.opts.Dir, slug+".atom")
}

// fileEmptySince is the updated time of feed slug's file in Dir when the
// file holds no entry: since when an earlier publisher has found the feed
// empty. Rendering the feed with it again gives the same file, which is
// then left alone. Not ok without Dir, file or a time before now.
func (p *Publisher) fileEmptySince(slug string, now time.Time) (time.Time, bool) {
	if p.opts.Dir == "" {
		return time.Time{}, false
	}
	data, err := os.ReadFile(p.filePath(slug))
	if err != nil {
		return time.Time{}, false
	}
	var doc atomFeed
	if err := xml.Unmarshal(data, &doc); err != nil || len(doc.Entries) > 0 {
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339, doc.Updated)
	if err != nil || t.After(now) {
		return time.Time{}, false
	}
	return t, true
}

// writeFileAtomic replaces path with data.
func writeFileAtomic(path string, data []byte) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("publish: write %s: %w", path, err)
	}
	// CreateTemp makes the file private; feeds are public documents.
	if err = tmp.Chmod(0o644); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("publish: sync %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("publish: close %s: %w", path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	return nil
}
