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

// A snapshot keeps the prior's names and which of them the stream has
// anchored itself since.
func TestStreamSnapshotKeepsThePrior(t *testing.T) {
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
	if !loaded.priorOnly("macron") || loaded.priorOnly("putin") {
		t.Errorf("after loading: macron prior only %v (want true), putin %v (want false: the stream anchored it)", loaded.priorOnly("macron"), loaded.priorOnly("putin"))
	}
	if state, _ := loaded.leaderNames().State("macron"); state != "FR" {
		t.Errorf("macron after loading: state %q, want FR", state)
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
