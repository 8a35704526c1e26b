package publish

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
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
