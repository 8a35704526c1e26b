package topic

import (
	"fmt"
	"slices"
	"testing"

	"github.com/warta-news/warta/article"
)

// streamTopics are two desks whose rules know a few words; the stream
// teaches the others.
func streamTagger(t *testing.T) *Tagger {
	return mustNew(t,
		Spec{Slug: "sport", IPTC: "medtop:15000000", Terms: map[string][]string{"en": {"football^3", "goal^2"}}},
		Spec{Slug: "economy", IPTC: "medtop:04000000", Terms: map[string][]string{"en": {"inflation^3", "bank^2"}},
			Exclude: map[string][]string{"en": {"charity"}}},
	)
}

// articles written for the test: sport reports name football and a club's
// striker; economy reports name inflation and a central bank's governor.
func streamArticles(n int) []*article.Article {
	var out []*article.Article
	for i := range n {
		out = append(out,
			&article.Article{Title: fmt.Sprintf("Football: striker scores a goal in match %d", i), Text: "The striker of the club scored in the stadium. Football fans cheered the striker.", Language: "en"},
			&article.Article{Title: fmt.Sprintf("Inflation rises to %d percent", i), Text: "The central bank governor said inflation and interest rates would rise. The governor spoke to parliament.", Language: "en"},
		)
	}
	return out
}

func TestStreamLiftsWhatTheRulesMiss(t *testing.T) {
	tg := streamTagger(t)
	// No rule term: only words the stream associates with its topics.
	striker := &article.Article{Title: "Striker leaves the club", Text: "The striker told fans in the stadium he is leaving.", Language: "en"}
	governor := &article.Article{Title: "Governor warns on interest rates", Text: "The central bank governor spoke of interest rates.", Language: "en"}
	st := tg.NewStream()
	for _, a := range []*article.Article{striker, governor} {
		if got := st.Tag(a, Hints{}); len(got) != 0 {
			t.Fatalf("an untrained stream tagged %q: %+v", a.Title, got)
		}
	}
	if n := st.Learn(streamArticles(StreamMinExamples), Hints{}); n != 2*StreamMinExamples {
		t.Fatalf("learned from %d articles, want %d", n, 2*StreamMinExamples)
	}
	if got := st.Tag(striker, Hints{}); len(got) != 1 || got[0].Slug != "sport" {
		t.Errorf("striker: got %+v, want sport", got)
	}
	if got := st.Tag(governor, Hints{}); len(got) != 1 || got[0].Slug != "economy" {
		t.Errorf("governor: got %+v, want economy", got)
	}
	// The rules alone still miss them: the Tagger is unchanged.
	if got := tg.Tag(striker, Hints{}); len(got) != 0 {
		t.Errorf("the tagger learned: %+v", got)
	}
	// Explain says which part decided.
	if e := explain(st.Explain(striker, Hints{}), "sport"); !e.Passed || e.Decider != "stream model" || e.StreamLogOdds < StreamMargin {
		t.Errorf("explain: %+v", e)
	}
	// The user's overrides still hold: an excluded word vetoes the lift.
	vetoed := &article.Article{Title: "Governor warns on interest rates", Text: "The central bank governor spoke of interest rates at a charity dinner.", Language: "en"}
	if got := st.Tag(vetoed, Hints{}); len(got) != 0 {
		t.Errorf("vetoed: got %+v", got)
	}
}

func TestStreamLearnsOnlyFromConfidentDecisions(t *testing.T) {
	tg := streamTagger(t)
	st := tg.NewStream()
	weak := &article.Article{Title: "A goal", Text: "The striker of the club scored in the stadium.", Language: "en"}           // passes, but below StreamConfidence
	unknown := &article.Article{Title: "Football: a goal and a goal", Text: "The striker scored in the stadium.", Language: ""} // language unknown
	for range StreamMinExamples * 2 {
		if st.Observe(weak, Hints{}) || st.Observe(unknown, Hints{}) {
			t.Fatal("learned from an unsure or unknown-language article")
		}
	}
	if m := st.m[langEN]; m.docs[0] != [2]int{} || len(m.slot) != 0 {
		t.Errorf("model counts %v, %d features, want none", m.docs, len(m.slot))
	}
	// Too few examples: nothing is lifted however sure the counts look.
	st.Learn(streamArticles(StreamMinExamples-1), Hints{})
	if got := st.Tag(&article.Article{Title: "Striker leaves the club", Text: "The striker told fans in the stadium.", Language: "en"}, Hints{}); len(got) != 0 {
		t.Errorf("lifted with %d examples: %+v", StreamMinExamples-1, got)
	}
}

// Tagging and learning in one reading gives what learning, then tagging,
// gives.
func TestTagAndObserveIsObserveThenTag(t *testing.T) {
	tg := streamTagger(t)
	one, two := tg.NewStream(), tg.NewStream()
	arts := streamArticles(StreamMinExamples + 2)
	arts = append(arts, &article.Article{Title: "Striker leaves the club", Text: "The striker told fans in the stadium he is leaving.", Language: "en"})
	for _, a := range arts {
		got := one.TagAndObserve(a, Hints{})
		two.Observe(a, Hints{})
		if want := two.Tag(a, Hints{}); !slices.EqualFunc(got, want, func(x, y article.TopicMatch) bool { return x.Slug == y.Slug }) {
			t.Fatalf("%q: TagAndObserve %+v, Observe then Tag %+v", a.Title, got, want)
		}
	}
	if got := one.Tag(arts[len(arts)-1], Hints{}); len(got) != 1 || got[0].Slug != "sport" {
		t.Errorf("the last article: %+v, want sport learned from the stream", got)
	}
}
