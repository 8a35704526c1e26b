package storetest

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/store"
)

// testJoins: joining a story moves every article of it (and its topics,
// so topic pages follow) into the other story, marks its lead as joined
// by a reader, moves its labels where the other story has none of their
// topic, points joins into it at the other story, changes the feeds'
// and the stories' versions, and returns the join with the labels kept
// for its undo; undoing it gives back the articles named
// and the labels the story had when joined, and points the joins of
// their stories back; one story's joins are read alone; joins round-trip
// every field, survive a reopen, and a prune deletes those into a story
// it leaves empty.
func testJoins(t *testing.T, d Driver) {
	ctx := context.Background()
	dsn := d.NewDSN(t)
	s := d.Open(t, dsn)
	if js, err := s.Joins(ctx); err != nil || len(js) != 0 {
		t.Fatalf("Joins on a new store = %v, %v", js, err)
	}
	matched := func(a *article.Article, id string) *article.Article {
		a.StoryMatch = article.StoryMatch{MatchedID: id, Similarity: 0.9, Method: "minhash-lead"}
		return a
	}
	Save(t, s, Art(1, 1, "world"), matched(Art(2, 1, "world"), "id00001"),
		Art(3, 3, "politics"), matched(Art(4, 3), "id00003"), matched(Art(5, 3), "id00004"),
		Art(6, 6))
	for _, l := range []article.Label{
		{Story: "id00001", Topic: "sport", Of: true, At: base},
		{Story: "id00003", Topic: "sport", Of: false, At: base},
		{Story: "id00003", Topic: "world", Of: true, At: base},
		{Story: "id00006", Topic: "economy", Of: true, Note: "a trade deal", At: base.Add(time.Second)},
	} {
		if err := s.SetLabel(ctx, l); err != nil {
			t.Fatal(err)
		}
	}
	version := func(key string) string {
		t.Helper()
		v, _, err := s.Meta(ctx, key)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	shape := func(id string) string {
		t.Helper()
		st, err := s.Story(ctx, id)
		if errors.Is(err, store.ErrNotFound) {
			return "none"
		}
		if err != nil {
			t.Fatal(err)
		}
		return StoryShape([]*article.Story{st})[0]
	}
	at := base.In(time.FixedZone("WIB", 7*3600)).Add(time.Nanosecond)
	feeds, stories := version(store.MetaFeedsVersion), version(store.MetaStoriesVersion)
	// join makes j and checks what JoinStory returns: j as recorded (its
	// time in UTC), with the labels kept for its undo.
	join := func(j article.Join, kept ...article.Label) {
		t.Helper()
		made, err := s.JoinStory(ctx, j)
		if err != nil {
			t.Fatalf("JoinStory(%+v): %v", j, err)
		}
		want := j
		want.At, want.Labels = j.At.UTC(), kept
		if !reflect.DeepEqual(made, want) {
			t.Errorf("JoinStory(%+v) = %+v; want %+v", j, made, want)
		}
		if v := version(store.MetaFeedsVersion); v == feeds {
			t.Errorf("JoinStory(%+v) left the feeds' version %q", j, v)
		} else {
			feeds = v
		}
		if v := version(store.MetaStoriesVersion); v == stories {
			t.Errorf("JoinStory(%+v) left the stories' version %q", j, v)
		} else {
			stories = v
		}
	}
	join(article.Join{Story: "id00006", Into: "id00003", At: at},
		article.Label{Story: "id00006", Topic: "economy", Of: true, Note: "a trade deal", At: base.Add(time.Second)})
	join(article.Join{Story: "id00003", Into: "id00001", Note: "one meeting, two outlets' words", At: at.Add(time.Minute)},
		article.Label{Story: "id00003", Topic: "economy", Of: true, Note: "a trade deal", At: base.Add(time.Second)},
		article.Label{Story: "id00003", Topic: "sport", Of: false, At: base},
		article.Label{Story: "id00003", Topic: "world", Of: true, At: base})
	if got := shape("id00001"); got != "id00001:id00001[id00002,id00003,id00004,id00005,id00006]" {
		t.Errorf("Story(id00001) after the joins = %s", got)
	}
	for _, id := range []string{"id00003", "id00006"} {
		if got := shape(id); got != "none" {
			t.Errorf("Story(%s) after its join = %s, want none", id, got)
		}
	}
	if all, err := s.Stories(ctx, "", 10); err != nil || !slices.Equal(StoryShape(all), []string{"id00001:id00001[id00002,id00003,id00004,id00005,id00006]"}) {
		t.Errorf("Stories after the joins = %v, %v", StoryShape(all), err)
	}
	if pol, err := s.Stories(ctx, "politics", 10); err != nil || len(pol) != 1 || pol[0].ID != "id00001" {
		t.Errorf("Stories(politics) after the joins = %v, %v; want the story joined into", StoryShape(pol), err)
	}
	for id, want := range map[string]article.StoryMatch{
		"id00003": {MatchedID: "id00001", Method: article.MethodJoin},
		"id00006": {MatchedID: "id00003", Method: article.MethodJoin},
		"id00004": {MatchedID: "id00003", Similarity: 0.9, Method: "minhash-lead"},
	} {
		if a, err := s.Article(ctx, id); err != nil || a.StoryMatch != want || a.StoryID != "id00001" {
			t.Errorf("Article(%s) after the joins: %+v, %v; want story id00001, match %+v", id, a, err, want)
		}
	}
	labels := func(when string, want []article.Label) {
		t.Helper()
		if ls, err := s.Labels(ctx); err != nil || !reflect.DeepEqual(ls, want) {
			t.Errorf("Labels %s = %+v, %v; want %+v", when, ls, err, want)
		}
	}
	economy := article.Label{Story: "id00001", Topic: "economy", Of: true, Note: "a trade deal", At: base.Add(time.Second)}
	labels("after the joins", []article.Label{
		economy,
		{Story: "id00001", Topic: "sport", Of: true, At: base},
		{Story: "id00001", Topic: "world", Of: true, At: base},
	})
	// Each join keeps the labels its story had when joined (those that
	// came with an earlier join into it too), by topic.
	kept6 := []article.Label{{Story: "id00006", Topic: "economy", Of: true, Note: "a trade deal", At: base.Add(time.Second)}}
	wantJoins := []article.Join{
		{Story: "id00003", Into: "id00001", Note: "one meeting, two outlets' words", At: base.Add(time.Minute + time.Nanosecond), Labels: []article.Label{
			{Story: "id00003", Topic: "economy", Of: true, Note: "a trade deal", At: base.Add(time.Second)},
			{Story: "id00003", Topic: "sport", Of: false, At: base},
			{Story: "id00003", Topic: "world", Of: true, At: base},
		}},
		{Story: "id00006", Into: "id00001", At: base.Add(time.Nanosecond), Labels: kept6},
	}
	check := func(s store.Store, want []article.Join) {
		t.Helper()
		if js, err := s.Joins(ctx); err != nil || !reflect.DeepEqual(js, want) {
			t.Errorf("Joins = %+v, %v; want %+v", js, err, want)
		}
		// One story's joins are its own and those into it, in the same
		// order.
		for _, story := range []string{"id00001", "id00002", "id00003", "id00006"} {
			js, err := s.StoryJoins(ctx, story)
			if err != nil {
				t.Fatal(err)
			}
			ofStory := slices.DeleteFunc(slices.Clone(want), func(j article.Join) bool { return j.Story != story && j.Into != story })
			if (len(js) != 0 || len(ofStory) != 0) && !reflect.DeepEqual(js, ofStory) {
				t.Errorf("StoryJoins(%s) = %+v; want %+v", story, js, ofStory)
			}
		}
	}
	check(s, wantJoins)
	if _, err := s.JoinStory(ctx, article.Join{Story: "id00001", Into: "id00001", At: at}); err == nil {
		t.Error("JoinStory of a story into itself: no error")
	}
	if _, err := s.JoinStory(ctx, article.Join{Story: "id00003", Into: "id00001", At: at}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("JoinStory of a story with no article = %v, want ErrNotFound", err)
	}
	check(s, wantJoins)

	// Undone, the joined story takes back its own articles and the story
	// joined into it; the lead joined by a reader leads again.
	whole, err := s.Story(ctx, "id00001")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.UnjoinStory(ctx, "id00003", whole.JoinedFrom("id00003")); err != nil {
		t.Fatalf("UnjoinStory(id00003): %v", err)
	}
	if v := version(store.MetaStoriesVersion); v == stories {
		t.Errorf("UnjoinStory left the stories' version")
	}
	if v := version(store.MetaFeedsVersion); v == feeds {
		t.Errorf("UnjoinStory left the feeds' version")
	}
	for id, want := range map[string]string{
		"id00001": "id00001:id00001[id00002]",
		"id00003": "id00003:id00003[id00004,id00005,id00006]",
	} {
		if got := shape(id); got != want {
			t.Errorf("Story(%s) after the undo = %s, want %s", id, got, want)
		}
	}
	if a, err := s.Article(ctx, "id00003"); err != nil || a.StoryMatch != (article.StoryMatch{}) {
		t.Errorf("the joined lead after the undo: %+v, %v; want no match", a, err)
	}
	if pol, err := s.Stories(ctx, "politics", 10); err != nil || len(pol) != 1 || pol[0].ID != "id00003" {
		t.Errorf("Stories(politics) after the undo = %v, %v", StoryShape(pol), err)
	}
	wantJoins = []article.Join{{Story: "id00006", Into: "id00003", At: base.Add(time.Nanosecond), Labels: kept6}}
	check(s, wantJoins)
	// The undone story has its labels back, those the other story's own
	// verdict replaced too, and the other story keeps only its own.
	economy.Story = "id00003"
	labels("after the undo", []article.Label{
		{Story: "id00001", Topic: "sport", Of: true, At: base},
		economy,
		{Story: "id00003", Topic: "sport", Of: false, At: base},
		{Story: "id00003", Topic: "world", Of: true, At: base},
	})
	if err := s.UnjoinStory(ctx, "id00003", nil); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("UnjoinStory of a story not joined = %v, want ErrNotFound", err)
	}
	check(d.Open(t, dsn), wantJoins)

	// A prune that leaves the story joined into empty deletes the join.
	if _, err := s.Prune(ctx, Art(100, 100).FirstSeen, nil); err != nil {
		t.Fatal(err)
	}
	check(s, nil)
	labels("after the prune", nil)

	// A story joined into one that was joined in turn (its join points
	// at the last) takes its labels back from the last, and the story
	// between gives back none of them when undone later.
	Save(t, s, Art(101, 101), Art(102, 102), Art(103, 103))
	if err := s.SetLabel(ctx, article.Label{Story: "id00103", Topic: "economy", Of: false, At: base}); err != nil {
		t.Fatal(err)
	}
	join(article.Join{Story: "id00103", Into: "id00102", At: at}, article.Label{Story: "id00103", Topic: "economy", Of: false, At: base})
	join(article.Join{Story: "id00102", Into: "id00101", At: at}, article.Label{Story: "id00102", Topic: "economy", Of: false, At: base})
	labels("after two joins in a row", []article.Label{{Story: "id00101", Topic: "economy", Of: false, At: base}})
	for _, id := range []string{"id00103", "id00102"} {
		whole, err := s.Story(ctx, "id00101")
		if err != nil {
			t.Fatal(err)
		}
		if err := s.UnjoinStory(ctx, id, whole.JoinedFrom(id)); err != nil {
			t.Fatalf("UnjoinStory(%s): %v", id, err)
		}
	}
	labels("after both undone, the first joined first", []article.Label{{Story: "id00103", Topic: "economy", Of: false, At: base}})
	check(s, nil)
}
