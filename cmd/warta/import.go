package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/fetch"
	"github.com/warta-news/warta/internal/atomicfile"
	"github.com/warta-news/warta/opml"
	"github.com/warta-news/warta/pipeline"
)

// cmdImport reads another reader's OPML subscription list (Miniflux,
// FreshRSS, Feedly, Inoreader… export one; a file, standard input or a
// URL) and prints the feeds the config does not hold yet as a sources:
// block, or with -write adds them to the config file, whose other lines
// and comments stay as they were. A feed the config already has (by URL),
// one listed twice, one whose URL a config refuses and a reader's own
// kind of source that is no feed are left out and said; a name the
// config already uses gets a number.
func cmdImport(ctx context.Context, e *env) error {
	fs := e.flags("import")
	write := fs.Bool("write", false, "add the feeds to the config file (-config) instead of printing them")
	if err := e.parse(fs, true); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return &usageError{"give one OPML file, - to read it from standard input, or its http(s) URL"}
	}
	list := fs.Arg(0)
	// What messages call the list: a URL's credentials are not shown.
	shown := list
	if isHTTPURL(list) {
		shown = fetch.RedactURL(list)
	}

	data, err := os.ReadFile(e.configPath)
	var cfg *config.Config
	switch {
	case err == nil:
		cfg, err = config.Parse(e.configPath, data)
		if err != nil && *write {
			return &configError{err}
		}
		if err != nil {
			e.logger.Warn("the config does not load: the feeds are not checked against its sources", "config", e.configPath, "err", err)
		}
	case errors.Is(err, os.ErrNotExist) && !*write:
		e.logger.Info("no config file: the feeds are not checked against its sources", "config", e.configPath)
	default:
		return err
	}

	feeds, err := readSubscriptions(ctx, e, list, shown, cfg)
	if err != nil {
		return err
	}
	entries, tally := newSources(feeds, cfg, e.stderr, shown)
	fmt.Fprintf(e.stderr, "%s: %d feeds: %d new, %d already sources, %d listed twice, %d refused\n",
		shown, len(feeds), len(entries), tally.known, tally.twice, tally.refused)
	if !*write {
		if len(entries) == 0 {
			return nil
		}
		if cfg != nil {
			fmt.Fprintf(e.stderr, "paste the entries under sources: in %s, or let warta import -write add them\n", e.configPath)
		}
		_, err := io.WriteString(e.stdout, config.FormatSources(entries))
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	out, err := config.AddSources(e.configPath, data, entries)
	if err != nil {
		return &configError{err}
	}
	if err := replaceConfig(e.configPath, out); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "%s: added %d sources; a running daemon takes them at its next reload (kill -HUP, systemctl reload warta)\n", e.configPath, len(entries))
	return nil
}

// readSubscriptions reads the OPML list named (shown so in messages): a
// file, - for standard input, or an http(s) URL, fetched as the config
// fetches its sources (cfg nil: the fetcher's defaults).
func readSubscriptions(ctx context.Context, e *env, name, shown string, cfg *config.Config) ([]opml.Feed, error) {
	var r io.Reader
	switch {
	case name == "-":
		r = e.stdin
	case isHTTPURL(name):
		opts := fetch.Options{}
		if cfg != nil {
			opts = pipeline.FetchOptions(cfg)
		}
		f := fetch.New(opts, e.logger)
		defer f.Close()
		res, err := f.Fetch(ctx, fetch.Request{URL: name})
		if err != nil {
			return nil, fmt.Errorf("%s: %w", shown, err)
		}
		r = bytes.NewReader(res.Body)
	default:
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	feeds, err := opml.Read(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", shown, err)
	}
	return feeds, nil
}

// isHTTPURL reports whether the list named is one to fetch.
func isHTTPURL(name string) bool {
	return strings.HasPrefix(name, "http://") || strings.HasPrefix(name, "https://")
}

// importTally counts the feeds of a list left out.
type importTally struct{ known, twice, refused int }

// newSources picks the list's feeds that are not yet sources of cfg (nil:
// none are), each named uniquely: its name in the list, else its host,
// with " (2)", " (3)"… when the name is taken. A refused feed is said on
// w with its line.
func newSources(feeds []opml.Feed, cfg *config.Config, w io.Writer, list string) ([]config.SourceEntry, importTally) {
	names := map[string]bool{}
	urls := map[string]bool{} // the config's
	if cfg != nil {
		for _, s := range cfg.Sources {
			names[config.NameKey(s.Name)] = true
			if k, err := config.URLKey(s.URL); err == nil {
				urls[k] = true
			}
		}
	}
	listed := map[string]bool{}
	next := map[string]int{} // by name key: the last number given
	var (
		out   []config.SourceEntry
		tally importTally
	)
	for _, f := range feeds {
		key, err := config.URLKey(f.URL)
		switch {
		case !f.IsFeed():
			tally.refused++
			fmt.Fprintf(w, "%s:%d: %q left out: its type %q is no feed warta reads\n", list, f.Line, f.Name, f.Type)
			continue
		case err != nil:
			tally.refused++
			fmt.Fprintf(w, "%s:%d: %q left out: URL %q: %v\n", list, f.Line, f.Name, f.URL, err)
			continue
		case urls[key]:
			tally.known++
			continue
		case listed[key]:
			tally.twice++
			continue
		}
		listed[key] = true
		name := f.Name
		if name == "" {
			u, _ := url.Parse(f.URL) // URLKey parsed it
			name = u.Hostname()
		}
		// Numbered from where the last feed of this name stopped: a list
		// of thousands of feeds of one name takes linear time.
		unique, base := name, config.NameKey(name)
		for names[config.NameKey(unique)] {
			next[base] = max(next[base], 1) + 1
			unique = name + " (" + strconv.Itoa(next[base]) + ")"
		}
		names[config.NameKey(unique)] = true
		out = append(out, config.SourceEntry{Source: config.Source{Name: unique, URL: f.URL}, Comment: f.Folder})
	}
	return out, tally
}

// replaceConfig writes a config file's new bytes at once, keeping its
// mode; a symbolic link is followed, so the file it names changes.
func replaceConfig(path string, data []byte) error {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return err
	}
	info, err := os.Stat(real)
	if err != nil {
		return err
	}
	return atomicfile.Write(real, data, info.Mode().Perm())
}
