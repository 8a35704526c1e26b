package storetest

import (
	"context"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/store"
)

// testLabels: a label round-trips every field (its time to the
// nanosecond, in UTC), setting one of the same story and topic replaces
// it, labels come back by story then topic, deleting reports whether
// there was one, one story's labels are read alone, and a reopened
// store keeps them.
func testLabels(t *testing.T, d Driver) {
	ctx := context.Background()
	dsn := d.NewDSN(t)
	s := d.Open(t, dsn)
	if ls, err := s.Labels(ctx); err != nil || len(ls) != 0 {
		t.Fatalf("Labels on a new store = %v, %v", ls, err)
	}
	at := base.In(time.FixedZone("WIB", 7*3600))
	set := []article.Label{
		{Story: "s2", Topic: "sport", Of: true, At: at},
		{Story: "s1", Topic: "world", Of: true, Note: "first", At: at},
		{Story: "s1", Topic: "international-relations", Of: false, Note: "a football preview, not diplomacy", At: at.Add(time.Nanosecond)},
		{Story: "s1", Topic: "world", Of: false, Note: "Jakarta's own news", At: at.Add(time.Minute)},
	}
	for _, l := range set {
		if err := s.SetLabel(ctx, l); err != nil {
			t.Fatalf("SetLabel(%+v): %v", l, err)
		}
	}
	want := []article.Label{
		{Story: "s1", Topic: "international-relations", Of: false, Note: "a football preview, not diplomacy", At: base.Add(time.Nanosecond)},
		{Story: "s1", Topic: "world", Of: false, Note: "Jakarta's own news", At: base.Add(time.Minute)},
		{Story: "s2", Topic: "sport", Of: true, At: base},
	}
	check := func(s store.Store, want []article.Label) {
		t.Helper()
		got, err := s.Labels(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Labels =\n%+v\nwant\n%+v", got, want)
		}
		// One story's labels are those of it, in the same order.
		for _, story := range []string{"s1", "s2", "s3"} {
			got, err := s.StoryLabels(ctx, story)
			if err != nil {
				t.Fatal(err)
			}
			ofStory := slices.DeleteFunc(slices.Clone(want), func(l article.Label) bool { return l.Story != story })
			if len(got) != 0 || len(ofStory) != 0 {
				if !reflect.DeepEqual(got, ofStory) {
					t.Errorf("StoryLabels(%s) =\n%+v\nwant\n%+v", story, got, ofStory)
				}
			}
		}
	}
	check(s, want)
	if ok, err := s.DeleteLabel(ctx, "s1", "world"); err != nil || !ok {
		t.Errorf("DeleteLabel(s1, world) = %v, %v; want true", ok, err)
	}
	if ok, err := s.DeleteLabel(ctx, "s1", "world"); err != nil || ok {
		t.Errorf("DeleteLabel(s1, world) again = %v, %v; want false", ok, err)
	}
	want = append(want[:1], want[2:]...)
	check(s, want)
	check(d.Open(t, dsn), want)
}
