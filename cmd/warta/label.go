package main

import (
	"bufio"
	"context"
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

// cmdLabel sets, clears or lists readers' labels: a story is, or is not,
// of a topic whatever the tagger says, for every article of it, those
// that join it later included. The label applies to the stored articles
// at once (a running daemon's feeds and pages follow within seconds); a
// cycle applies it to every article it decides.
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
	case !article.NoteFits(*note):
		return &usageError{fmt.Sprintf("-note must be UTF-8 text of at most %d characters: a reason, not an essay", article.MaxLabelNote)}
	case *asJSON && !*list:
		return &usageError{"-json goes with -list"}
	}
	cfg, tagger, err := loadConfig(e.configPath)
	if err != nil {
		return err
	}
	topics := fs.Args()[min(1, fs.NArg()):]
	for _, slug := range topics {
		if _, ok := cfg.TopicBySlug(slug); !ok {
			return &usageError{fmt.Sprintf("no topic %q in %s (its topics: %s)", slug, e.configPath, strings.Join(topicSpecSlugs(cfg), ", "))}
		}
	}
	st, err := openStoriesStore(ctx, cfg.Storage, !*list)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, st.Close()) }()
	out := bufio.NewWriter(e.stdout)
	defer func() { err = errors.Join(err, out.Flush()) }()
	if *list {
		return listLabels(ctx, out, st, cfg, *asJSON)
	}
	story, err := storyOf(ctx, st, fs.Arg(0))
	if err != nil {
		return err
	}
	l := labeller{cfg: cfg, tagger: tagger, store: st, at: time.Now()}
	for _, slug := range topics {
		if *clearIt {
			had, n, err := l.clear(ctx, story, slug)
			if err != nil {
				return err
			}
			if !had {
				fmt.Fprintf(out, "story %s: no label on %s\n", story, slug)
				continue
			}
			fmt.Fprintf(out, "story %s: no longer labelled on %s (%s changed)\n", story, slug, storedArticles(n))
			continue
		}
		n, err := l.set(ctx, story, slug, !*not, *note)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "story %s: %s (%s changed)\n", story, labelVerdict(article.Label{Topic: slug, Of: !*not}), storedArticles(n))
	}
	return nil
}

// labelVerdict says what label l says of its story: "of TOPIC" or "not
// of TOPIC".
func labelVerdict(l article.Label) string {
	if l.Of {
		return "of " + l.Topic
	}
	return "not of " + l.Topic
}

// openStoriesStore opens the store of the stories a reader labels or
// joins: read-only, or, to write, only once a read-only open found the
// database there (a label or a join is of stored stories, and a mistyped
// -config creates none).
func openStoriesStore(ctx context.Context, storage config.Storage, write bool) (store.Store, error) {
	if !write {
		return openStore(ctx, storage, readOnly)
	}
	probe, err := openStore(ctx, storage, readOnly)
	if err != nil {
		return nil, err
	}
	if err := probe.Close(); err != nil {
		return nil, err
	}
	return openStore(ctx, storage, readWrite)
}

// storedArticles says n stored articles.
func storedArticles(n int) string {
	if n == 1 {
		return "1 stored article"
	}
	return fmt.Sprintf("%d stored articles", n)
}

// storyOf returns the ID of the stored story id names (pipeline.StoryOf),
// saying where story IDs are found when it names none.
func storyOf(ctx context.Context, st store.Store, id string) (string, error) {
	story, err := pipeline.StoryOf(ctx, st, id)
	if errors.Is(err, store.ErrNotFound) {
		return "", fmt.Errorf("no stored story or article %q (a story's page, its feed entries and `warta export` give its ID)", id)
	}
	if err != nil {
		return "", err
	}
	return story.ID, nil
}

// labeller sets and clears readers' labels and applies them to the
// stored articles of their story at once: `warta label` and the daemon's
// labels API (publish.StoryLabeller).
type labeller struct {
	cfg    *config.Config
	tagger *topic.Tagger
	store  store.Store
	at     time.Time // when its labels are set
}

// set labels story as of (or not of) topic slug and returns how many of
// its stored articles' topics changed.
func (l *labeller) set(ctx context.Context, story, slug string, of bool, note string) (int, error) {
	if err := l.store.SetLabel(ctx, article.Label{Story: story, Topic: slug, Of: of, Note: note, At: l.at.UTC()}); err != nil {
		return 0, err
	}
	return l.apply(ctx, story, "", nil)
}

// clear removes story's label on slug, if any, and gives each of its
// stored articles the tagger's verdict on slug again, as a re-tag would
// store it. It reports whether there was a label and how many articles'
// topics changed.
func (l *labeller) clear(ctx context.Context, story, slug string) (bool, int, error) {
	had, err := l.store.DeleteLabel(ctx, story, slug)
	if err != nil || !had {
		return false, 0, err
	}
	tag, err := l.storedStream(ctx)
	if err != nil {
		return true, 0, err
	}
	n, err := l.apply(ctx, story, slug, tag)
	return true, n, err
}

// apply applies the stored labels to story (pipeline.LabelStory).
func (l *labeller) apply(ctx context.Context, story, cleared string, tag func(*article.Article) []article.TopicMatch) (int, error) {
	labels, err := pipeline.ConfiguredStoryLabels(ctx, l.store, l.cfg, story)
	if err != nil {
		return 0, err
	}
	return pipeline.LabelStory(ctx, l.store, story, labels, cleared, tag)
}

// unjoin undoes the join of story (pipeline.UnjoinStory), waiting at most
// wait for a cycle deciding stories; the stories' articles take the
// tagger's verdicts with the stream model the store keeps, read only when
// labels call for it.
func (l *labeller) unjoin(ctx context.Context, story string, wait time.Duration) (article.Join, error) {
	return pipeline.UnjoinStory(ctx, l.store, l.cfg, story, l.storedStream, wait)
}

// storedStream returns a tagger of stored articles with the stream model
// the store keeps, as `warta explain` reads it (pipeline.LoadStream): a
// command has no live one, and the daemon's pipeline replaces its own
// when it reloads.
func (l *labeller) storedStream(ctx context.Context) (func(*article.Article) []article.TopicMatch, error) {
	hints := pipeline.SourceHints(l.cfg)
	stream := l.tagger.NewStreamFor(hints)
	if _, err := pipeline.LoadStream(ctx, l.cfg, l.store, stream, l.at); err != nil {
		return nil, err
	}
	return func(a *article.Article) []article.TopicMatch { return stream.Tag(a, hints[a.Source]) }, nil
}

// listLabels prints every label, by story then topic; a label of a topic
// the config does not have is marked so (it applies to nothing).
func listLabels(ctx context.Context, w io.Writer, st store.Store, cfg *config.Config, asJSON bool) error {
	ls, err := st.Labels(ctx)
	if err != nil {
		return err
	}
	return writeEach(w, ls, asJSON, func(w io.Writer, l article.Label) error {
		line := fmt.Sprintf("%s\t%s\t%s", l.Story, labelVerdict(l), l.At.Format(time.RFC3339))
		if _, ok := cfg.TopicBySlug(l.Topic); !ok {
			line += "\t(no such topic in the config: applies to nothing)"
		}
		if l.Note != "" {
			line += "\t" + l.Note
		}
		_, err := fmt.Fprintln(w, normalize.StripControl(line))
		return err
	})
}

// topicSpecSlugs are the slugs of cfg's topics, in its order.
func topicSpecSlugs(cfg *config.Config) []string {
	out := make([]string, 0, len(cfg.Topics))
	for _, t := range cfg.Topics {
		out = append(out, t.Slug)
	}
	return out
}
