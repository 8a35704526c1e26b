package publish

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// stampFile names the stamp in Dir: what its Atom files were rendered
// from. A dot file, so that it is not taken for a feed.
const stampFile = ".warta-stamp"

// stampFormat changes when what a stamp covers changes, so that an older
// stamp never matches.
const stampFormat = 1

// stamp is what the Atom files in Dir were rendered from (inputs: the
// stories' version, the options, the feeds, the build, the archive day)
// and what they hold (files): both hashes, hex.
type stamp struct{ inputs, files string }

// TakeStamp reads the stamp of the Atom files in Dir and removes it from
// Dir, keeping it for RefreshVersion. Call it before anything may change
// the stored stories: a process that dies after changing them and before
// publishing leaves no stamp, and the next one renders. Only a FilesOnly
// Publisher with a Dir keeps a stamp.
func (p *Publisher) TakeStamp() error {
	if !p.opts.FilesOnly || p.opts.Dir == "" {
		return nil
	}
	p.refreshMu.Lock()
	defer p.refreshMu.Unlock()
	path := filepath.Join(p.opts.Dir, stampFile)
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	if err := os.Remove(path); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	inputs, files, ok := strings.Cut(strings.TrimSpace(string(data)), " ")
	if ok {
		p.stamp = &stamp{inputs: inputs, files: files}
	}
	return nil
}

// RefreshVersion is Refresh of stories whose version is feedsVersion, a
// value that changes whenever the stored stories do ("" when unknown). A
// FilesOnly Publisher with Dir and Build renders nothing when the stamp it
// took covers feedsVersion, its options, feeds, Build and the archive day,
// and the files in Dir still hold what it says; it writes the stamp again
// after either.
func (p *Publisher) RefreshVersion(ctx context.Context, feedsVersion string) error {
	if !p.opts.FilesOnly || p.opts.Dir == "" || p.opts.Build == "" || feedsVersion == "" {
		return p.Refresh(ctx)
	}
	p.refreshMu.Lock()
	defer p.refreshMu.Unlock()
	// One reading of the clock dates the stamp's archive day and what is
	// rendered.
	start := p.opts.Now()
	inputs := hex.EncodeToString(p.stampInputs(feedsVersion, start))
	if p.stamp != nil && p.stamp.inputs == inputs {
		if files, err := p.hashFiles(p.readFile); err == nil && files == p.stamp.files {
			p.logger.Info("publish: feeds unchanged since their files were written; nothing rendered",
				"took", p.opts.Now().Sub(start))
			return p.writeStamp(&stamp{inputs: inputs, files: files})
		}
	}
	if err := p.refresh(ctx, start); err != nil {
		return err
	}
	snap := p.snap.Load()
	files, err := p.hashFiles(func(slug string) ([]byte, error) {
		return snap.resources[feedPath(slug, "atom")].body, nil
	})
	if err != nil {
		return err
	}
	return p.writeStamp(&stamp{inputs: inputs, files: files})
}

// stampInputs hashes everything the Atom files are rendered from besides
// the stories, at now: feedsVersion stands for those.
func (p *Publisher) stampInputs(feedsVersion string, now time.Time) []byte {
	in := struct {
		Format              int
		FeedsVersion, Build string
		BaseURL, Title, Hub string
		MaxItems, Pages     int
		Feeds               []FeedInfo
		Sources             []SourceInfo
		ArchiveCutoff       string
	}{stampFormat, feedsVersion, p.opts.Build, p.opts.BaseURL, p.opts.Title, p.opts.Hub,
		p.opts.MaxItems, p.opts.Pages, p.feeds, p.opts.Sources, archiveCutoff(now)}
	data, err := json.Marshal(in)
	if err != nil {
		// Plain strings, ints and slices of them always encode.
		panic(fmt.Sprintf("publish: stamp: %v", err))
	}
	sum := sha256.Sum256(data)
	return sum[:]
}

// hashFiles hashes every feed's Atom file as read, in feed order.
func (p *Publisher) hashFiles(read func(slug string) ([]byte, error)) (string, error) {
	h := sha256.New()
	for _, f := range p.feeds {
		data, err := read(f.Slug)
		if err != nil {
			return "", err
		}
		writeHashed(h, f.Slug, data)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// readFile reads feed slug's Atom file in Dir.
func (p *Publisher) readFile(slug string) ([]byte, error) {
	data, err := os.ReadFile(p.filePath(slug))
	if err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	return data, nil
}

// writeHashed adds a named file to h, its name and length first so that
// no two sets of files hash alike by shifting bytes between them.
func writeHashed(h hash.Hash, name string, data []byte) {
	fmt.Fprintf(h, "%d:%s:%d:", len(name), name, len(data))
	h.Write(data)
}

// writeStamp writes s to Dir and keeps it.
func (p *Publisher) writeStamp(s *stamp) error {
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "%s %s\n", s.inputs, s.files)
	if err := writeFileAtomic(filepath.Join(p.opts.Dir, stampFile), buf.Bytes()); err != nil {
		return err
	}
	p.stamp = s
	return nil
}
