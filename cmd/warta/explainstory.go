package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/normalize"
	"github.com/warta-news/warta/publish"
)

// storyView is what `warta explain -story` says of one story as a whole:
// every article of it, how each joined it and which other story each came
// nearest to joining, and the feeds that carry it.
type storyView struct {
	ID string `json:"id"`
	// Articles are the stored ones, lead first, then by arrival, and
	// after them the explained articles not stored that would join it.
	Articles []storyMember     `json:"articles"`
	Feeds    []publish.Carrier `json:"feeds"`
	// Labels are the readers' labels on the story (`warta label`).
	Labels []article.Label `json:"labels,omitempty"`
	// Joins are the stories readers joined into it (`warta join`).
	Joins []article.Join `json:"joins,omitempty"`
	// Page is the story's page on the daemon's web front; "" while none
	// of its articles is stored.
	Page string `json:"page,omitempty"`
}

// storyMember is one article of a storyView.
type storyMember struct {
	// Article carries its story_match: how it joined (none for the lead).
	Article exportRecord `json:"article"`
	Stored  bool         `json:"stored"`
	// Nearest is the other story its headline came nearest to joining,
	// and what kept it out; nil when none within the window shares its
	// terms.
	Nearest *nearestExplanation `json:"nearest,omitempty"`
}

// explainStories explains the stories of exps as wholes, each once, in
// the order their first article was explained.
func (x *explainer) explainStories(ctx context.Context, exps []explanation) ([]storyView, error) {
	var out []storyView
	seen := map[string]bool{}
	for _, ex := range exps {
		id := ex.Article.ID
		if ex.Story != nil && ex.Story.ID != "" {
			id = ex.Story.ID
		}
		if seen[id] {
			continue
		}
		seen[id] = true
		v, err := x.explainStory(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// explainStory explains story id as a cycle would leave it (wouldBeStory).
func (x *explainer) explainStory(ctx context.Context, id string) (storyView, error) {
	story, err := x.wouldBeStory(ctx, id)
	if err != nil {
		return storyView{}, err
	}
	probe, err := x.storyProbe(ctx)
	if err != nil {
		return storyView{}, err
	}
	labels, err := x.readLabels(ctx)
	if err != nil {
		return storyView{}, err
	}
	joins, err := x.store.StoryJoins(ctx, id)
	if err != nil {
		return storyView{}, err
	}
	joins = slices.DeleteFunc(joins, func(j article.Join) bool { return j.Into != id })
	v := storyView{ID: id, Feeds: publish.Carriers(feedInfos(x.cfg), story, labels), Labels: labels.Of(id), Joins: joins}
	for _, a := range story.Articles() {
		m := storyMember{Article: *x.exportOf(a), Stored: x.fresh[a.ID] == nil}
		if m.Nearest, err = x.nearest(ctx, probe, a); err != nil {
			return storyView{}, err
		}
		if m.Stored {
			v.Page = publish.StoryPageURL(x.cfg.Server.BaseURL, id)
		}
		v.Articles = append(v.Articles, m)
	}
	return v, nil
}

// storyTarget reports whether target, an argument of `warta explain
// -story` that is neither a URL, "-" nor a file, is a stored story's ID
// (as `warta export` prints it in "story").
func (x *explainer) storyTarget(ctx context.Context, target string) (bool, error) {
	if target == "-" || strings.Contains(target, "/") {
		return false, nil
	}
	if _, err := os.Stat(target); err == nil {
		return false, nil
	}
	story, err := x.storyByID(ctx, target)
	return story != nil, err
}

// writeStoryView prints v as text, with no terminal escapes (as
// writeExplanation).
func writeStoryView(w io.Writer, v storyView) error {
	var b strings.Builder
	formatStoryView(&b, v)
	_, err := io.WriteString(w, normalize.StripControl(b.String()))
	return err
}

func formatStoryView(w io.Writer, v storyView) {
	sources, fresh := map[string]bool{}, 0
	for _, m := range v.Articles {
		sources[m.Article.Source] = true
		if !m.Stored {
			fresh++
		}
	}
	fmt.Fprintf(w, "story %s: %d articles from %d sources", v.ID, len(v.Articles), len(sources))
	if fresh > 0 {
		fmt.Fprintf(w, " (%d not stored, as a cycle would join them now)", fresh)
	}
	fmt.Fprintln(w)
	titles := make(map[string]string, len(v.Articles))
	for _, m := range v.Articles {
		titles[m.Article.ID] = m.Article.Title
	}
	var first time.Time
	for i, m := range v.Articles {
		a := m.Article
		fmt.Fprintf(w, "  %d. %q (%s, %s)\n", i+1, a.Title, a.Source, a.URL)
		state := "first seen " + a.FirstSeen.Format(time.RFC3339)
		if !m.Stored {
			state = "not stored"
		}
		if i == 0 {
			first = a.FirstSeen
		} else if d := a.FirstSeen.Sub(first).Round(time.Minute); m.Stored && d > 0 {
			state += fmt.Sprintf(", %s after the first", d)
		}
		fmt.Fprintf(w, "     %s; published %s; topics %s\n", state, a.Published.Format(time.RFC3339), orDash(strings.Join(topicSlugs(a.Topics), ", ")))
		switch sm := a.StoryMatch; {
		case sm == nil && a.ID == v.ID:
			fmt.Fprintf(w, "     leads the story\n")
		case sm == nil:
			fmt.Fprintf(w, "     joined (how is not recorded)\n")
		case sm.Method == article.MethodJoin:
			fmt.Fprintf(w, "     joined by a reader (`warta join`) with the story of %s\n", quotedTitle(titles, sm.MatchedID))
		default:
			fmt.Fprintf(w, "     joined by %s, similarity %.3f with %s\n", sm.Method, sm.Similarity, quotedTitle(titles, sm.MatchedID))
		}
		var nb strings.Builder
		formatNearest(&nb, m.Nearest)
		for line := range strings.Lines(nb.String()) {
			fmt.Fprintf(w, "   %s", line)
		}
	}
	fmt.Fprintf(w, "feeds:\n")
	for _, f := range v.Feeds {
		fmt.Fprintf(w, "  %-24s %s\n", f.Slug, f.Why)
	}
	formatLabels(w, v.Labels)
	if len(v.Joins) > 0 {
		fmt.Fprintf(w, "stories readers joined into it (`warta join`; -undo gives one back):\n")
		for _, j := range v.Joins {
			fmt.Fprintf(w, "  %s  %s", j.Story, j.At.Format(time.RFC3339))
			if j.Note != "" {
				fmt.Fprintf(w, "  %s", j.Note)
			}
			if kept := keptLabels(j); kept != "" {
				fmt.Fprintf(w, "  (%s)", kept)
			}
			fmt.Fprintln(w)
		}
	}
	if v.Page != "" {
		fmt.Fprintf(w, "page: %s\n", v.Page)
	}
	fmt.Fprintln(w)
}

// quotedTitle is the quoted title of article id of a story view, or says
// it is not in the story now.
func quotedTitle(titles map[string]string, id string) string {
	if title, ok := titles[id]; ok {
		return fmt.Sprintf("%q", title)
	}
	return id + " (not in the story now)"
}
