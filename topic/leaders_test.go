package topic

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/warta-news/warta/actor"
	"github.com/warta-news/warta/article"
)

// irReading is the actors model's reading of a: its leader actors and the
// value of feature f.
func irReading(es []Explanation, f string) ([]LeaderActor, float64) {
	e := explain(es, "international-relations")
	v := 0.0
	if e.Model != nil {
		for _, fs := range e.Model.Features {
			if fs.Name == f {
				v = fs.Value
			}
		}
	}
	return e.Leaders, v
}

// The items are written for the test, in the shapes of real reports.

// An anchor in an article's body teaches its own title.
func TestArticleAnchorTeachesItsTitle(t *testing.T) {
	tg := defaultTagger(t)
	a := &article.Article{Language: "en", Title: "Trump warns Iran of possible strike",
		Text: "U.S. President Donald Trump said on Sunday that Tehran had days to answer."}
	leaders, titleStates := irReading(tg.Explain(a, Hints{}), "title_states")
	if !slices.Contains(leaders, LeaderActor{Name: "Trump", State: "US", Field: "title", From: "article"}) || titleStates != 2 {
		t.Errorf("leaders %+v, title_states %g; want Trump=US from the article and two states in the title", leaders, titleStates)
	}
	// Without the anchor, the name is no actor.
	a.Text = "Donald Trump said on Sunday that Tehran had days to answer."
	if leaders, titleStates := irReading(tg.Explain(a, Hints{}), "title_states"); len(leaders) != 0 || titleStates != 1 {
		t.Errorf("no anchor: leaders %+v, title_states %g; want none and one state", leaders, titleStates)
	}
}

// A stream's anchors teach later headlines that name only the leader.
func TestStreamLearnsLeaders(t *testing.T) {
	tg := defaultTagger(t)
	st := tg.NewStream()
	st.Learn([]*article.Article{
		{Language: "id", Title: "Putin Terima Utusan Khusus", Text: "Presiden Rusia Vladimir Putin menerima utusan khusus di Kremlin, Kamis."},
		{Language: "en", Title: "Talks in Riyadh", Text: "Russian President Vladimir Putin told reporters the talks went well."},
	}, Hints{})
	for _, a := range []*article.Article{
		{Language: "en", Title: "Putin warns Japan over missiles"},
		{Language: "id", Title: "Putin Kecam Jepang"},
	} {
		leaders, titleStates := irReading(st.Explain(a, Hints{}), "title_states")
		if !slices.Contains(leaders, LeaderActor{Name: "Putin", State: "RU", Field: "title", From: "stream"}) || titleStates != 2 {
			t.Errorf("%q: leaders %+v, title_states %g; want Putin=RU from the stream and two states", a.Title, leaders, titleStates)
		}
		var out strings.Builder
		if err := WriteExplanations(&out, st.Explain(a, Hints{})); err != nil {
			t.Fatal(err)
		}
		if want := `leader "Putin" = state RU (title, learned from the stream)`; !strings.Contains(out.String(), want) {
			t.Errorf("%q: explain does not say %s:\n%s", a.Title, want, out.String())
		}
		if _, titleLeader := irReading(st.Explain(a, Hints{}), "title_leader"); titleLeader != 1 {
			t.Errorf("%q: title_leader %g, want 1", a.Title, titleLeader)
		}
		// Without the stream the headline names one state.
		if _, titleStates := irReading(tg.Explain(a, Hints{}), "title_states"); titleStates != 1 {
			t.Errorf("%q without the stream: title_states %g, want 1", a.Title, titleStates)
		}
		if _, titleLeader := irReading(tg.Explain(a, Hints{}), "title_leader"); titleLeader != 0 {
			t.Errorf("%q without the stream: title_leader %g, want 0", a.Title, titleLeader)
		}
	}
}

// A leader is one actor of their state: two leaders of one state are not a
// pair.
func TestLeadersOfOneStateAreOneActor(t *testing.T) {
	tg := defaultTagger(t)
	st := tg.NewStream()
	st.Learn([]*article.Article{
		{Language: "en", Title: "Inauguration", Text: "U.S. President Joe Biden welcomed U.S. President Donald Trump to the White House."},
	}, Hints{})
	a := &article.Article{Language: "en", Title: "Trump slams Biden"}
	leaders, titleStates := irReading(st.Explain(a, Hints{}), "title_states")
	if len(leaders) != 2 || titleStates != 1 {
		t.Errorf("leaders %+v, title_states %g; want two leaders of one state", leaders, titleStates)
	}
	if _, ok := match(st.Tag(a, Hints{}), "international-relations"); ok {
		t.Error("two leaders of one state made international relations")
	}
}

// A name anchored to two states counts for neither unless one dominates.
func TestAmbiguousLeaderNames(t *testing.T) {
	var b leaderBook
	b.add([]actor.Anchor{{Name: "joe smith", State: "US"}, {Name: "anna smith", State: "GB"}})
	for name, want := range map[string]string{"smith": "", "joe smith": "US", "anna smith": "GB"} {
		if got, _ := b.names.State(name); got != want {
			t.Errorf("%q: state %q, want %q", name, got, want)
		}
	}
	for range LeaderDominance {
		b.add([]actor.Anchor{{Name: "joe smith", State: "US"}})
	}
	if got, _ := b.names.State("smith"); got != "US" {
		t.Errorf("smith anchored four times to US and once to GB: state %q, want US", got)
	}
}

// The names a stream keeps are bounded: the oldest are forgotten.
func TestLeaderBookIsBounded(t *testing.T) {
	var b leaderBook
	for i := range 3 * StreamMaxLeaders {
		b.add([]actor.Anchor{{Name: fmt.Sprintf("name%d", i), State: "US"}})
	}
	if n := len(b.seen); n > StreamMaxLeaders {
		t.Errorf("%d names kept, want at most %d", n, StreamMaxLeaders)
	}
	if _, ok := b.seen[fmt.Sprintf("name%d", 3*StreamMaxLeaders-1)]; !ok {
		t.Error("the newest name was forgotten")
	}
	if _, ok := b.seen["name0"]; ok {
		t.Error("the oldest name was kept")
	}
}

// The leaders a stream learned survive its snapshot, with the prior's
// names and which of them the stream has anchored itself since.
func TestStreamSnapshotKeepsLeaders(t *testing.T) {
	tg := defaultTagger(t)
	st := tg.NewStream()
	st.Learn([]*article.Article{{Language: "en", Title: "Talks", Text: "Russian President Vladimir Putin said the talks went well."}}, Hints{})
	snap, err := st.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	loaded := tg.NewStream()
	if err := loaded.UnmarshalBinary(snap); err != nil {
		t.Fatal(err)
	}
	if again, _ := loaded.MarshalBinary(); !bytes.Equal(snap, again) {
		t.Error("the loaded stream encodes differently")
	}
	for name, want := range map[string]string{"putin": "RU", "macron": "FR"} {
		if state, _ := loaded.leaderNames().State(name); state != want {
			t.Errorf("%s after loading: state %q, want %s", name, state, want)
		}
	}
	if !loaded.priorOnly("macron") || loaded.priorOnly("putin") {
		t.Errorf("after loading: macron prior only %v (want true), putin %v (want false: the stream anchored it)", loaded.priorOnly("macron"), loaded.priorOnly("putin"))
	}
}

// A stream's learned names stay with the stream: a pooled scratch that
// observed one carries none into a reading without it.
func TestStreamNamesDoNotOutliveTheirReading(t *testing.T) {
	tg := defaultTagger(t)
	a := &article.Article{Language: "en", Title: "Putin warns Japan over missiles"}
	fresh := tg.IRFeatures(a)
	st := tg.NewStream()
	for range 8 { // the pool may drop a scratch now and then
		st.Observe(&article.Article{Language: "en", Title: "Talks in Riyadh", Text: "Russian President Vladimir Putin told reporters the talks went well."}, Hints{})
		if got := tg.IRFeatures(a); got != fresh {
			t.Fatalf("after a stream observed Putin: features %v, want %v as fresh", got, fresh)
		}
	}
}

// freshLeaders is how many new names fullLeaderStream has room for.
const freshLeaders = 100

// fullLeaderStream is a stream whose book holds StreamMaxLeaders names
// that count less room for freshLeaders anchors of two keys, as a
// long-running stream's does.
func fullLeaderStream() *Stream {
	st := &Stream{}
	for i := range StreamMaxLeaders/2 - freshLeaders {
		st.learnLeaders([]actor.Anchor{{Name: fmt.Sprintf("given%d name%d", i, i), State: "US"}})
	}
	return st
}

// Learning a new name in a full book changes only that name's part of
// the names: its cost does not grow with the names kept.
func TestLeaderBookLearnsIncrementally(t *testing.T) {
	st := fullLeaderStream()
	n := 0
	allocs := testing.AllocsPerRun(freshLeaders/2, func() {
		n++
		st.learnLeaders([]actor.Anchor{{Name: fmt.Sprintf("fresh%d person%d", n, n), State: "FR"}})
	})
	b := &st.leaders
	if allocs > 100 {
		t.Errorf("%.0f allocations to learn a name among %d, want at most 100", allocs, b.names.Len())
	}
	want := &leaderBook{seen: b.seen}
	want.rebuild()
	if got, want := b.names.Len(), want.names.Len(); got != want {
		t.Errorf("incremental names: %d, a rebuild makes %d", got, want)
	}
	for k := range b.seen {
		got, _ := b.names.State(k)
		if w, _ := want.names.State(k); got != w {
			t.Errorf("%q: state %q, a rebuild says %q", k, got, w)
		}
	}
}

// Explain says where each leader's name was learned: a body names the
// state the stream learned even where the article anchors the name to
// another (the body is read with the stream's names only).
func TestExplainSaysWhereALeaderWasLearned(t *testing.T) {
	tg := defaultTagger(t)
	st := tg.NewStream()
	st.Learn([]*article.Article{{Language: "en", Title: "Talks", Text: "U.S. Secretary of State John Smith said the talks went well."}}, Hints{})
	a := &article.Article{Language: "en", Title: "Smith warns Iran over talks",
		Text: "British Foreign Secretary Anna Smith met the envoy in London. Later Smith said Iran had days to answer."}
	leaders, _ := irReading(st.Explain(a, Hints{}), "title_states")
	for _, want := range []LeaderActor{
		{Name: "Smith", State: "GB", Field: "title", From: "article"},
		{Name: "Smith", State: "US", Field: "body", From: "stream"},
	} {
		if !slices.Contains(leaders, want) {
			t.Errorf("leaders %+v, want %+v among them", leaders, want)
		}
	}
}

// The headlines are written for the test; the names are the shipped
// prior's (leaders_prior.go).

// A new stream knows the prior's leaders: a bare headline it never saw
// anchored names the leader's state, and explain says where it came from.
func TestStreamPriorNamesALeaderNeverAnchored(t *testing.T) {
	tg := defaultTagger(t)
	st := tg.NewStream()
	for _, a := range []*article.Article{
		{Language: "en", Title: "Macron warns Iran over missiles"},
		{Language: "id", Title: "Macron Kecam Iran"},
	} {
		leaders, titleStates := irReading(st.Explain(a, Hints{}), "title_states")
		if !slices.Contains(leaders, LeaderActor{Name: "Macron", State: "FR", Field: "title", From: LeaderFromPrior}) || titleStates != 2 {
			t.Errorf("%q: leaders %+v, title_states %g; want Macron=FR from the prior and two states", a.Title, leaders, titleStates)
		}
		var out strings.Builder
		if err := WriteExplanations(&out, st.Explain(a, Hints{})); err != nil {
			t.Fatal(err)
		}
		if want := `leader "Macron" = state FR (title, learned from the feeds warta ships with)`; !strings.Contains(out.String(), want) {
			t.Errorf("%q: explain does not say %s:\n%s", a.Title, want, out.String())
		}
		// A stream without the prior reads one state.
		if leaders, titleStates := irReading(tg.WithLeaderPrior(nil).NewStream().Explain(a, Hints{}), "title_states"); len(leaders) != 0 || titleStates != 1 {
			t.Errorf("%q without the prior: leaders %+v, title_states %g; want none and one state", a.Title, leaders, titleStates)
		}
	}
}

// A user's own anchors add to the prior's: a name the prior gives one
// state counts for another once the stream's anchors to it dominate
// (LeaderDominance), and for neither before.
func TestStreamAnchorsOutweighThePrior(t *testing.T) {
	const priorN = 2
	tg := defaultTagger(t).WithLeaderPrior([]LeaderAnchors{{"john smith", "US", priorN}, {"smith", "US", priorN}})
	st := tg.NewStream()
	for i := 0; i <= LeaderDominance*priorN; i++ {
		want := ""
		switch {
		case priorN >= LeaderDominance*i:
			want = "US"
		case i >= LeaderDominance*priorN:
			want = "GB"
		}
		if got, _ := st.leaderNames().State("smith"); got != want {
			t.Errorf("after %d anchors of Smith to GB: state %q, want %q", i, got, want)
		}
		st.Learn([]*article.Article{{Language: "en", Title: fmt.Sprintf("Talks, day %d", i),
			Text: "British Foreign Secretary Anna Smith said the talks went well."}}, Hints{})
	}
	leaders, _ := irReading(st.Explain(&article.Article{Language: "en", Title: "Smith warns Iran over talks"}, Hints{}), "title_states")
	if !slices.Contains(leaders, LeaderActor{Name: "Smith", State: "GB", Field: "title", From: LeaderFromStream}) {
		t.Errorf("leaders %+v, want Smith=GB from the stream", leaders)
	}
	if got, _ := st.leaderNames().State("john smith"); got != "US" {
		t.Errorf("john smith: state %q, want the prior's US", got)
	}
}

// The prior is part of the tagger's fingerprint (stored articles are
// re-tagged when it changes) and so of a stream snapshot's key: a
// snapshot taken under another prior is refused.
func TestLeaderPriorIsPartOfTheFingerprint(t *testing.T) {
	tg := defaultTagger(t)
	prior := tg.leaderPrior
	if len(prior) == 0 {
		t.Fatal("no leaders prior shipped")
	}
	other := slices.Clone(prior)
	other[0].N++
	for name, o := range map[string]*Tagger{"no prior": tg.WithLeaderPrior(nil), "another count": tg.WithLeaderPrior(other)} {
		if o.Fingerprint() == tg.Fingerprint() {
			t.Errorf("%s: same fingerprint", name)
		}
		snap, err := o.NewStream().MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		if err := tg.NewStream().UnmarshalBinary(snap); !errors.Is(err, ErrOtherModel) {
			t.Errorf("%s: snapshot loaded with err %v, want ErrOtherModel", name, err)
		}
	}
	if tg.WithLeaderPrior(slices.Clone(prior)).Fingerprint() != tg.Fingerprint() {
		t.Error("an equal prior changed the fingerprint")
	}
}

// A full book forgets the prior's names first (they count as anchored
// before the stream's first), unless the stream anchored them since.
func TestLeaderBookForgetsThePriorFirst(t *testing.T) {
	tg := defaultTagger(t)
	st := tg.NewStream()
	nPrior := len(st.leaders.seen)
	st.learnLeaders([]actor.Anchor{{Name: "putin", State: "RU"}})
	own := StreamMaxLeaders - nPrior + 1 // one more than the book holds
	for i := range own {
		st.learnLeaders([]actor.Anchor{{Name: fmt.Sprintf("name%d", i), State: "US"}})
	}
	b := &st.leaders
	if n := len(b.seen); n > StreamMaxLeaders {
		t.Fatalf("%d names kept, want at most %d", n, StreamMaxLeaders)
	}
	for _, p := range tg.leaderPrior {
		if _, ok := b.seen[p.Name]; ok {
			t.Errorf("the prior's %q outlived the stream's own names", p.Name)
		}
	}
	if _, ok := b.seen[fmt.Sprintf("name%d", own-1)]; !ok {
		t.Error("the newest name was forgotten")
	}
	// Putin was anchored before every own name, after the prior.
	if _, ok := b.seen["putin"]; ok {
		t.Error("putin, anchored before the stream's own names, was kept")
	}
}
