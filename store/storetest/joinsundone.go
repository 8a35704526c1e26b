package storetest

import (
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/store"
)

// testJoinsUndoneInAnyOrder: stories joined in any order, chains and
// joins into joined stories included, and undone in any order, each undo
// giving back the articles that came with its story (JoinedFrom) while
// others are joined and undone between, end as they began: every article
// in its own story, every label on its own story, no join left.
func testJoinsUndoneInAnyOrder(t *testing.T, s store.Store, _ Driver) {
	ctx := context.Background()
	const stories = 7
	var arts []*article.Article
	for k := range stories {
		lead := 10*k + 1
		arts = append(arts, Art(lead, lead))
		for c := 1; c <= k%3; c++ {
			a := Art(lead+c, lead)
			// Each copy matched the one before it: a chain to the lead.
			a.StoryMatch = article.StoryMatch{MatchedID: fmt.Sprintf("id%05d", lead+c-1), Similarity: 0.9, Method: "minhash-lead"}
			arts = append(arts, a)
		}
	}
	Save(t, s, arts...)
	rng := rand.New(rand.NewPCG(7, 13))
	at := 0
	for k := range stories {
		for _, topic := range []string{"economy", "sport", "world"} {
			if rng.IntN(2) == 0 {
				continue
			}
			at++
			l := article.Label{Story: fmt.Sprintf("id%05d", 10*k+1), Topic: topic, Of: rng.IntN(2) == 0, Note: fmt.Sprintf("label %d", at), At: base.Add(time.Duration(at) * time.Second)}
			if err := s.SetLabel(ctx, l); err != nil {
				t.Fatal(err)
			}
		}
	}
	partition := func() map[string]string {
		t.Helper()
		out := map[string]string{}
		if err := s.Since(ctx, time.Time{}, func(a *article.Article) error {
			out[a.ID] = a.StoryID
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		return out
	}
	labels := func() []article.Label {
		t.Helper()
		ls, err := s.Labels(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return ls
	}
	wantPartition, wantLabels := partition(), labels()
	if len(wantLabels) == 0 {
		t.Fatal("the seed set no label: the test wants some")
	}
	// undo undoes a join picked at random, as pipeline.UnjoinStory does.
	undo := func(step int) {
		t.Helper()
		js, err := s.Joins(ctx)
		if err != nil {
			t.Fatal(err)
		}
		j := js[rng.IntN(len(js))]
		whole, err := s.Story(ctx, j.Into)
		if err != nil {
			t.Fatalf("step %d: the story %s joined into: %v", step, j.Into, err)
		}
		if err := s.UnjoinStory(ctx, j.Story, whole.JoinedFrom(j.Story)); err != nil {
			t.Fatalf("step %d: UnjoinStory(%s): %v", step, j.Story, err)
		}
	}
	for round := range 4 {
		for step := range 12 {
			leads := map[string]bool{}
			for _, id := range partition() {
				leads[id] = true
			}
			ids := slices.Sorted(maps.Keys(leads))
			js, err := s.Joins(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(ids) > 1 && (len(js) == 0 || rng.IntN(3) > 0) {
				i := rng.IntN(len(ids))
				k := rng.IntN(len(ids) - 1)
				if k >= i {
					k++
				}
				// The story first seen keeps its ID, as
				// pipeline.JoinStories picks it: here the lower ID.
				into, joined := min(ids[i], ids[k]), max(ids[i], ids[k])
				at++
				if _, err := s.JoinStory(ctx, article.Join{Story: joined, Into: into, At: base.Add(time.Duration(at) * time.Second)}); err != nil {
					t.Fatalf("round %d step %d: JoinStory(%s into %s): %v", round, step, joined, into, err)
				}
				continue
			}
			if len(js) > 0 {
				undo(step)
			}
		}
		for {
			js, err := s.Joins(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(js) == 0 {
				break
			}
			undo(-1)
		}
		if got := partition(); !reflect.DeepEqual(got, wantPartition) {
			t.Fatalf("round %d: every join undone, the articles are in stories %v, want %v", round, got, wantPartition)
		}
		if got := labels(); !reflect.DeepEqual(got, wantLabels) {
			t.Fatalf("round %d: every join undone, the labels are\n%+v\nwant\n%+v", round, got, wantLabels)
		}
	}
}
