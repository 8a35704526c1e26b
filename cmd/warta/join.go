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
	"github.com/warta-news/warta/normalize"
	"github.com/warta-news/warta/pipeline"
	"github.com/warta-news/warta/store"
)

// cmdJoin joins stored stories that tell one event into one, undoes a
// join, or lists the joins. The story index keeps stories told in other
// words apart unless the evidence is strong; a reader who has read them
// folds them. The join is in the store at once (the feeds and pages of a
// running daemon follow within seconds); the daemon's next cycle rebuilds
// its story index from the store, so that later copies of any of them
// join the one story.
func cmdJoin(ctx context.Context, e *env) (err error) {
	fs := e.flags("join")
	undo := fs.Bool("undo", false, "give the joined story STORY (the ID it had) its articles and labels back")
	note := fs.String("note", "", "the reason, kept with the join")
	list := fs.Bool("list", false, "print every join (no arguments)")
	asJSON := fs.Bool("json", false, "with -list: print JSON Lines")
	if err := e.parse(fs, true); err != nil {
		return err
	}
	switch {
	case *list && fs.NArg() > 0:
		return &usageError{"-list takes no arguments"}
	case *list && *undo:
		return &usageError{"-list and -undo exclude each other"}
	case *undo && fs.NArg() != 1:
		return &usageError{"-undo takes one story: the ID it had before it was joined"}
	case *undo && *note != "":
		return &usageError{"-note goes with a join, not with -undo"}
	case !*list && !*undo && fs.NArg() < 2:
		return &usageError{"give at least two stories to join"}
	case !article.NoteFits(*note):
		return &usageError{fmt.Sprintf("-note must be UTF-8 text of at most %d characters: a reason, not an essay", article.MaxLabelNote)}
	case *asJSON && !*list:
		return &usageError{"-json goes with -list"}
	}
	cfg, tagger, err := loadConfig(e.configPath)
	if err != nil {
		return err
	}
	st, err := openStoriesStore(ctx, cfg.Storage, !*list)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, st.Close()) }()
	out := bufio.NewWriter(e.stdout)
	defer func() { err = errors.Join(err, out.Flush()) }()
	if *list {
		return listJoins(ctx, out, st, *asJSON)
	}
	if *undo {
		l := labeller{cfg: cfg, tagger: tagger, store: st, at: time.Now()}
		j, err := l.unjoin(ctx, fs.Arg(0), 0)
		if errors.Is(err, pipeline.ErrNotJoined) {
			return fmt.Errorf("story %q is not joined into another (`warta join -list` prints the joins)", fs.Arg(0))
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "story %s: no longer joined into %s\n", j.Story, j.Into)
		return nil
	}
	// Each story is named before the lock is waited for: a typo is told
	// at once, not after a running cycle ends.
	for _, id := range fs.Args() {
		if _, err := storyOf(ctx, st, id); err != nil {
			return err
		}
	}
	joins, labels, err := pipeline.JoinStories(ctx, st, cfg, fs.Args(), *note, time.Now(), 0)
	if errors.Is(err, pipeline.ErrOneStory) {
		return fmt.Errorf("%v name one story: nothing to join", fs.Args())
	}
	// The joins made are said even when a later step failed, and the
	// error says they hold.
	printJoins(out, joins, labels)
	if err != nil && len(joins) > 0 {
		return fmt.Errorf("the joins above are made, but: %w", err)
	}
	return err
}

// printJoins says what each of joins did, and which of its story's
// labels (those the store kept with the join, which its undo gives back)
// gave way to a label of the story it joined into: labels, that story's
// after the joins (nil when they could not be read: nothing is said of
// them).
func printJoins(w io.Writer, joins []article.Join, labels article.LabelSet) {
	for _, j := range joins {
		fmt.Fprintf(w, "story %s: joined into %s\n", j.Story, j.Into)
		for _, l := range j.Labels {
			if other, ok := labels[j.Into][l.Topic]; ok && other.Of != l.Of {
				fmt.Fprintf(w, "  its label %q gives way to %s's %q (kept with the join: an undo gives it back)\n", labelVerdict(l), j.Into, labelVerdict(other))
			}
		}
	}
}

// listJoins prints every join, by the joined story's ID.
func listJoins(ctx context.Context, w io.Writer, st store.Store, asJSON bool) error {
	js, err := st.Joins(ctx)
	if err != nil {
		return err
	}
	return writeEach(w, js, asJSON, func(w io.Writer, j article.Join) error {
		line := fmt.Sprintf("%s\tjoined into %s\t%s", j.Story, j.Into, j.At.Format(time.RFC3339))
		if j.Note != "" {
			line += "\t" + j.Note
		}
		if kept := keptLabels(j); kept != "" {
			line += "\t" + kept
		}
		_, err := fmt.Fprintln(w, normalize.StripControl(line))
		return err
	})
}

// keptLabels says which labels join j keeps for its undo; "" for none.
func keptLabels(j article.Join) string {
	if len(j.Labels) == 0 {
		return ""
	}
	verdicts := make([]string, len(j.Labels))
	for i, l := range j.Labels {
		verdicts[i] = labelVerdict(l)
	}
	return "its labels, given back by -undo: " + strings.Join(verdicts, ", ")
}
