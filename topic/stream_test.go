package topic

import (
	"fmt"
	"math"
	"slices"
	"strings"
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

// zoneTagger is streamTagger with sport and economy decided by a desk
// model of simple weights: a desk's own terms raise its log-odds, a rival
// desk's lower them, and an article with none of them is a weak no
// (log-odds -1), inside the unsure zone; a title and a body full of a
// desk's terms are sure of it.
func zoneTagger(t *testing.T) *Tagger {
	t.Helper()
	tg := mustNew(t,
		Spec{Slug: "sport", IPTC: "medtop:15000000", Desk: "sport", Terms: map[string][]string{"en": {"football^3", "goal^2"}}},
		Spec{Slug: "economy", IPTC: "medtop:04000000", Desk: "economy", Terms: map[string][]string{"en": {"inflation^3", "bank^2"}}},
	)
	w := map[string][]float64{}
	for _, d := range deskModelDesks() {
		x := make([]float64, numDeskFeatures)
		x[dBias], x[dOwnTitle], x[dOwnBody] = -1, 2, 2
		for r := range numModelledDesks - 1 {
			x[dRival+r] = -1
		}
		w[d] = x
	}
	return tg.WithDeskModel(w)
}

// Where the desk model is unsure, the words the stream learned decide,
// both ways: a governor's "goal" for interest rates is a weak sport cue
// the stream knows to be economy's words. Outside the zone the desk model
// alone decides. The items are written for the test.
func TestStreamDecidesTheDeskModelsUnsureZone(t *testing.T) {
	tg := zoneTagger(t)
	governor := &article.Article{Title: "Governor sets a goal for interest rates", Text: "The governor told parliament that interest rates would rise.", Language: "en"}
	final := &article.Article{Title: "Football final: a goal in the stadium", Text: "The governor watched the football final.", Language: "en"}
	slugs := func(ms []article.TopicMatch) []string {
		var out []string
		for _, m := range ms {
			out = append(out, m.Slug)
		}
		return out
	}
	// The desk model alone: "goal" in the title makes it weakly sport.
	if got := slugs(tg.Tag(governor, Hints{})); !slices.Equal(got, []string{"sport"}) {
		t.Fatalf("the desk model alone: %v, want [sport]", got)
	}
	if e := explain(tg.Explain(governor, Hints{}), "sport"); e.Model == nil || math.Abs(logit(e.Model.Probability)-logit(DeskCut)) > StreamZone {
		t.Fatalf("sport is not in the unsure zone: %+v", e.Model)
	}
	st := tg.NewStream()
	if got := slugs(st.Tag(governor, Hints{})); !slices.Equal(got, []string{"sport"}) {
		t.Errorf("an untrained stream: %v, want the desk model's [sport]", got)
	}
	st.Learn(streamArticles(StreamMinExamples), Hints{})
	if got := slugs(st.Tag(governor, Hints{})); !slices.Equal(got, []string{"economy"}) {
		t.Errorf("the learned stream: %v, want [economy]", got)
	}
	es := st.Explain(governor, Hints{})
	if e := explain(es, "sport"); e.Passed || e.Decider != "stream model" || e.StreamZone == nil || !e.StreamZone.Removed || e.StreamZone.Combined >= 0 {
		t.Errorf("sport: %+v %+v, want removed by the stream model", e, e.StreamZone)
	}
	if e := explain(es, "economy"); !e.Passed || e.Decider != "stream model" || e.StreamZone == nil || !e.StreamZone.Added {
		t.Errorf("economy: %+v %+v, want added by the stream model", e, e.StreamZone)
	}
	// No term of any desk: the desk model's weak no is the zone's, and the
	// stream's words of sport add it.
	striker := &article.Article{Title: "Striker leaves the club", Text: "The striker told fans in the stadium he is leaving.", Language: "en"}
	if got := slugs(st.Tag(striker, Hints{})); !slices.Equal(got, []string{"sport"}) {
		t.Errorf("striker: %v, want [sport]", got)
	}
	se := st.Explain(striker, Hints{})
	if e := explain(se, "sport"); !e.Passed || e.Decider != "stream model" || e.StreamZone == nil || !e.StreamZone.Added || e.StreamZone.Combined < 0 {
		t.Errorf("striker's sport: %+v %+v, want added by the stream model", e, e.StreamZone)
	}
	// Below StreamMargin, which alone lifts a topic, the zone still adds
	// the desk to news; to an item that is not news it adds nothing.
	club := &article.Article{Title: "The club striker", Text: "He told parliament.", Language: "en"}
	if e := explain(st.Explain(club, Hints{}), "sport"); !e.Passed || e.StreamZone == nil || !e.StreamZone.Added || e.StreamZone.StreamLogOdds >= StreamMargin {
		t.Errorf("club's sport: %+v %+v, want added by the zone below StreamMargin", e, e.StreamZone)
	}
	if got := slugs(st.Tag(club, Hints{Genre: "podcast"})); len(got) != 0 {
		t.Errorf("club's podcast: %v, want no desk", got)
	}
	var b strings.Builder
	if err := WriteExplanations(&b, append(es, se...)); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"stream model removed (desk model unsure", "stream model added (desk model unsure"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("explain prints no %q:\n%s", want, b.String())
		}
	}
	// Sure of sport (outside the zone): the stream's economy words in the
	// body change nothing.
	if e := explain(tg.Explain(final, Hints{}), "sport"); e.Model == nil || logit(e.Model.Probability)-logit(DeskCut) <= StreamZone {
		t.Fatalf("sport is not sure: %+v", e.Model)
	}
	if got := slugs(st.Tag(final, Hints{})); !slices.Equal(got, []string{"sport"}) {
		t.Errorf("a sure desk: %v, want [sport]", got)
	}
}
