package main

import (
	"bufio"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/normalize"
	"github.com/warta-news/warta/pipeline"
	"github.com/warta-news/warta/store"
	"github.com/warta-news/warta/topic"
)

// labelRecord is a reader's label as `warta label -list -json` and
// `warta explain -json` print it.
type labelRecord struct {
	Story string    `json:"story"`
	Topic string    `json:"topic"`
	Of    bool      `json:"of"`
	Note  string    `json:"note,omitempty"`
	At    time.Time `json:"at"`
}

func newLabelRecord(l article.Label) labelRecord {
	return labelRecord{Story: l.Story, Topic: l.Topic, Of: l.Of, Note: l.Note, At: l.At}
}

// cmdLabel sets, clears or lists readers' labels: a story is, or is not,
// of a topic whatever the tagger says, for every article of it, those
// that join it later included. The label applies to the stored articles
// at once (a running daemon's feeds show it at their next request); every
// cycle applies it again.
func cmdLabel(ctx context.Context, e *env) (err error) {
	fs := e.flags("label")
	not := fs.Bool("not", false, "the story is not of the topics (default: it is)")
	clearIt := fs.Bool("clear", false, "remove the story's labels on the topics: the tagger decides them again")
	note := fs.String("note", "", "the reason, kept with the label")
	list := fs.Bool("list", false, "print every label (no arguments)")
	asJSON := fs.Bool("json", false, "with -list: print JSON Lines")
	if err := e.parse(fs, true); err != nil {
		return err
	}
	switch {
	case *list && fs.NArg() > 0:
		return &usageError{"-list takes no arguments"}
	case !*list && fs.NArg() < 2:
		return &usageError{"give a story and at least one topic"}
	case *not && *clearIt:
		return &usageError{"-not and -clear exclude each other"}
	case *clearIt && *note != "":
		return &usageError{"-note goes with a label, not with -clear"}
	}
	cfg, tagger, err := loadConfig(e.configPath)
	if err != nil {
		return err
	}
	access := readOnly
	if !*list {
		// A label is of a stored story: the database must be there
		// already, and a mistyped -config creates none.
		probe, err := openStore(ctx, cfg.Storage, readOnly)
		if err != nil {
			return err
		}
		if err := probe.Close(); err != nil {
			return err
		}
		access = readWrite
	}
	st, err := openStore(ctx, cfg.Storage, access)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, st.Close()) }()
	out := bufio.NewWriter(e.stdout)
	defer func() { err = errors.Join(err, out.Flush()) }()
	if *list {
		return listLabels(ctx, out, st, cfg, *asJSON)
	}
	topics := fs.Args()[1:]
	for _, slug := range topics {
		if _, ok := cfg.TopicBySlug(slug); !ok {
			return &usageError{fmt.Sprintf("no topic %q in %s (its topics: %s)", slug, e.configPath, strings.Join(topicSpecSlugs(cfg), ", "))}
		}
	}
	story, err := storyOf(ctx, st, fs.Arg(0))
	if err != nil {
		return err
	}
	l := labeller{cfg: cfg, tagger: tagger, store: st, story: story, now: time.Now()}
	for _, slug := range topics {
		msg, err := l.label(ctx, slug, !*not, *clearIt, *note)
		if err != nil {
			return err
		}
		fmt.Fprintln(out, normalize.StripControl(msg))
	}
	return nil
}

// storyOf returns the ID of the stored story id names: a story's ID, or
// the ID of any article of it.
func storyOf(ctx context.Context, st store.Store, id string) (string, error) {
	_, err := st.Story(ctx, id)
	if err == nil {
		return id, nil
	}
	if !errors.Is(err, store.ErrNotFound) {
		return "", err
	}
	a, err := st.Article(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return "", fmt.Errorf("no stored story or article %q (a story's page, its feed entries and `warta export` give its ID)", id)
	}
	if err != nil {
		return "", err
	}
	return cmp.Or(a.StoryID, a.ID), nil
}

// labeller sets and clears the labels of one stored story.
type labeller struct {
	cfg    *config.Config
	tagger *topic.Tagger
	store  store.Store
	story  string
	now    time.Time
	stream *topic.Stream // the store's stream model, read on first need
}

// label sets (of) or clears the story's label on slug, applies the
// labels to its stored articles and says what it did.
func (l *labeller) label(ctx context.Context, slug string, of, clearIt bool, note string) (string, error) {
	var tag func(*article.Article) []article.TopicMatch
	cleared := ""
	if clearIt {
		had, err := l.store.DeleteLabel(ctx, l.story, slug)
		if err != nil {
			return "", err
		}
		if !had {
			return fmt.Sprintf("story %s: no label on %s", l.story, slug), nil
		}
		// Back to the tagger's verdict, as a re-tag would store it.
		if l.stream == nil {
			l.stream = l.tagger.NewStreamFor(pipeline.SourceHints(l.cfg))
			if _, err := pipeline.LoadStream(ctx, l.cfg, l.store, l.stream, l.now); err != nil {
				return "", err
			}
		}
		hints := pipeline.SourceHints(l.cfg)
		cleared, tag = slug, func(a *article.Article) []article.TopicMatch { return l.stream.Tag(a, hints[a.Source]) }
	} else if err := l.store.SetLabel(ctx, article.Label{Story: l.story, Topic: slug, Of: of, Note: note, At: l.now.UTC()}); err != nil {
		return "", err
	}
	labels, err := pipeline.ConfiguredLabels(ctx, l.store, l.cfg.TopicBySlug)
	if err != nil {
		return "", err
	}
	n, err := pipeline.LabelStory(ctx, l.store, l.story, labels, cleared, tag)
	if err != nil {
		return "", err
	}
	what := "of"
	switch {
	case clearIt:
		what = "no longer labelled on"
	case !of:
		what = "not of"
	}
	return fmt.Sprintf("story %s: %s %s (%d stored %s changed)", l.story, what, slug, n, plural(n, "article", "articles")), nil
}

// plural is one when n is 1, else many.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// listLabels prints every label, by story then topic; a label of a topic
// the config does not have is marked so (it applies to nothing).
func listLabels(ctx context.Context, w io.Writer, st store.Store, cfg *config.Config, asJSON bool) error {
	ls, err := st.Labels(ctx)
	if err != nil {
		return err
	}
	for _, l := range ls {
		if asJSON {
			b, err := json.Marshal(newLabelRecord(l))
			if err != nil {
				return err
			}
			fmt.Fprintf(w, "%s\n", b)
			continue
		}
		what := "of"
		if !l.Of {
			what = "not of"
		}
		line := fmt.Sprintf("%s\t%s %s\t%s", l.Story, what, l.Topic, l.At.Format(time.RFC3339))
		if _, ok := cfg.TopicBySlug(l.Topic); !ok {
			line += "\t(no such topic in the config: applies to nothing)"
		}
		if l.Note != "" {
			line += "\t" + l.Note
		}
		fmt.Fprintln(w, normalize.StripControl(line))
	}
	return nil
}

// topicSpecSlugs are the slugs of cfg's topics, in its order.
func topicSpecSlugs(cfg *config.Config) []string {
	out := make([]string, 0, len(cfg.Topics))
	for _, t := range cfg.Topics {
		out = append(out, t.Slug)
	}
	return out
}
