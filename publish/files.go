package publish

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/warta-news/warta/internal/atomicfile"
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
	p.removeLeftTemporaries()
	written := make([]string, 0, len(p.feeds))
	for _, f := range p.feeds {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("publish: write files: %w", err)
		}
		path := p.filePath(f.Slug)
		written = append(written, filepath.Base(path))
		body := snap.resources[feedPath(f.Slug, "atom")].body
		if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, body) {
			continue
		}
		if err := writeFileAtomic(path, body); err != nil {
			return err
		}
	}
	return p.removeUnconfigured(written)
}

// manifestFile names the list, in Dir, of the files warta wrote there
// last: the only files it removes. A dot file, so that it is not taken
// for a feed.
const manifestFile = ".warta-files"

// removeUnconfigured removes the files the manifest lists that are not
// among written (the feeds configured now: a topic disabled or renamed,
// a defined feed removed), so that a static copy does not serve a feed
// that never changes again; then it lists written. It removes before
// listing: a process that dies between the two leaves the old list, and
// the next one removes what is left.
func (p *Publisher) removeUnconfigured(written []string) error {
	path := filepath.Join(p.opts.Dir, manifestFile)
	old, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("publish: %w", err)
	}
	for _, name := range strings.Split(string(old), "\n") {
		// Only a feed file name, never a path: the manifest is warta's,
		// but it is a file anyone with the directory could edit.
		slug, ok := strings.CutSuffix(name, ".atom")
		if !ok || !ValidSlug(slug) || slices.Contains(written, name) {
			continue
		}
		err := os.Remove(filepath.Join(p.opts.Dir, name))
		switch {
		case err == nil:
			p.logger.Info("publish: removed the file of a feed no longer configured", "file", filepath.Join(p.opts.Dir, name))
		case !errors.Is(err, os.ErrNotExist):
			return fmt.Errorf("publish: remove the file of a feed no longer configured: %w", err)
		}
	}
	list := []byte(strings.Join(written, "\n") + "\n")
	if bytes.Equal(old, list) {
		return nil
	}
	return writeFileAtomic(path, list)
}

// leftTemporaryAge is how old a temporary file of writeFileAtomic must be
// to be taken for one a killed process left: another process sharing Dir
// may be writing one now, and a write takes well under a second.
const leftTemporaryAge = time.Minute

// removeLeftTemporaries removes the temporary files of writeFileAtomic in
// Dir that a process killed between their creation and their rename left
// (they would stay forever, and a web server serving Dir serves them):
// only those of warta's files (a feed's, the stamp, the manifest), older
// than leftTemporaryAge. A failure only costs a file left: it is logged.
func (p *Publisher) removeLeftTemporaries() {
	entries, err := os.ReadDir(p.opts.Dir)
	if err != nil {
		p.logger.Warn("publish: temporary files left by interrupted writes not removed", "err", err)
		return
	}
	for _, e := range entries {
		if !e.Type().IsRegular() || !isOurTemporary(e.Name()) {
			continue
		}
		info, err := e.Info()
		if err != nil || time.Since(info.ModTime()) < leftTemporaryAge {
			continue
		}
		path := filepath.Join(p.opts.Dir, e.Name())
		if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
			p.logger.Warn("publish: temporary file left by an interrupted write not removed", "file", path, "err", err)
		}
	}
}

// isOurTemporary reports a name writeFileAtomic gives a temporary file of
// one of warta's files in Dir: "." + the name + "." + digits + ".tmp".
func isOurTemporary(name string) bool {
	rest, ok := strings.CutPrefix(name, ".")
	if !ok {
		return false
	}
	rest, ok = strings.CutSuffix(rest, ".tmp")
	dot := strings.LastIndexByte(rest, '.')
	if !ok || dot < 0 || dot == len(rest)-1 || strings.Trim(rest[dot+1:], "0123456789") != "" {
		return false
	}
	base := rest[:dot]
	slug, isFeed := strings.CutSuffix(base, ".atom")
	return isFeed && ValidSlug(slug) || base == stampFile || base == manifestFile
}

// filePath is where writeFiles writes the Atom document of feed slug.
func (p *Publisher) filePath(slug string) string {
	return filepath.Join(p.opts.Dir, slug+".atom")
}

// writeFileAtomic replaces path with data; feeds are public documents.
func writeFileAtomic(path string, data []byte) error {
	if err := atomicfile.Write(path, data, 0o644); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	return nil
}
