package article

import (
	"reflect"
	"testing"
)

func TestLabelSetApply(t *testing.T) {
	set := NewLabelSet([]Label{
		{Story: "s1", Topic: "world", Of: true},
		{Story: "s1", Topic: "international-relations", Of: true},
		{Story: "s1", Topic: "sport", Of: false},
		{Story: "s2", Topic: "sport", Of: true},
		{Story: "s2", Topic: "sport", Of: false}, // the later label replaces the earlier
	})
	tagged := []TopicMatch{{Slug: "sport", Score: 4}, {Slug: "world", Score: 2, Terms: []TermHit{{Term: "pbb", Field: "title", Weight: 2}}}}
	for _, c := range []struct {
		story   string
		want    []TopicMatch
		changed bool
	}{
		// sport removed; world kept with its reasons, not added twice;
		// international relations added with no score.
		{"s1", []TopicMatch{tagged[1], {Slug: "international-relations"}}, true},
		{"s2", []TopicMatch{tagged[1]}, true},
		{"s3", tagged, false}, // no label
	} {
		got, changed := set.Apply(c.story, tagged)
		if !reflect.DeepEqual(got, c.want) || changed != c.changed {
			t.Errorf("Apply(%s) = %+v, %v; want %+v, %v", c.story, got, changed, c.want, c.changed)
		}
	}
	if tagged[0].Slug != "sport" || len(tagged) != 2 {
		t.Errorf("Apply modified its input: %+v", tagged)
	}
	// Applied twice, the labels change nothing more.
	once, _ := set.Apply("s1", tagged)
	if again, changed := set.Apply("s1", once); changed || !reflect.DeepEqual(again, once) {
		t.Errorf("Apply twice = %+v, %v", again, changed)
	}
	if of, ok := set.Verdict("s2", "sport"); of || !ok {
		t.Errorf("Verdict(s2, sport) = %v, %v; want false, true", of, ok)
	}
	if _, ok := set.Verdict("s2", "world"); ok {
		t.Error("Verdict(s2, world) labelled")
	}
	var topics []string
	for _, l := range set.Of("s1") {
		topics = append(topics, l.Topic)
	}
	if want := []string{"international-relations", "sport", "world"}; !reflect.DeepEqual(topics, want) {
		t.Errorf("Of(s1) = %v, want %v", topics, want)
	}
}
