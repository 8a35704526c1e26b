package topic

import (
	"bytes"
	"errors"
	"slices"
	"testing"

	"github.com/warta-news/warta/article"
)

// A snapshot loaded into a fresh stream tags as the stream it was taken
// of, and encodes to the same bytes.
func TestStreamSnapshotRoundTrip(t *testing.T) {
	tg := streamTagger(t)
	learned := tg.NewStream()
	learned.Learn(streamArticles(StreamMinExamples+5), Hints{})
	snap, err := learned.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	loaded := tg.NewStream()
	if err := loaded.UnmarshalBinary(snap); err != nil {
		t.Fatal(err)
	}
	again, err := loaded.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(snap, again) {
		t.Error("the loaded model encodes differently")
	}
	probes := []*article.Article{
		{Title: "Striker leaves the club", Text: "The striker told fans in the stadium he is leaving.", Language: "en"},
		{Title: "Governor warns on interest rates", Text: "The central bank governor spoke of interest rates.", Language: "en"},
	}
	for _, a := range probes {
		want := learned.Tag(a, Hints{})
		if len(want) != 1 {
			t.Fatalf("%q: the learned stream gives %+v, want one lifted topic", a.Title, want)
		}
		if got := loaded.Tag(a, Hints{}); !slices.EqualFunc(got, want, func(x, y article.TopicMatch) bool { return x.Slug == y.Slug && x.Score == y.Score }) {
			t.Errorf("%q: loaded %+v, learned %+v", a.Title, got, want)
		}
	}
	// Learning on goes on from the snapshot as from the model it was taken of.
	more := streamArticles(3)
	learned.Learn(more, Hints{})
	loaded.Learn(more, Hints{})
	a, _ := learned.MarshalBinary()
	b, _ := loaded.MarshalBinary()
	if !bytes.Equal(a, b) {
		t.Error("learning after loading differs from learning on")
	}
}

func TestStreamSnapshotOfOtherRulesRefused(t *testing.T) {
	st := streamTagger(t).NewStream()
	st.Learn(streamArticles(StreamMinExamples), Hints{})
	snap, _ := st.MarshalBinary()
	other := mustNew(t, Spec{Slug: "sport", IPTC: "medtop:15000000", Terms: map[string][]string{"en": {"football^3", "goal^2", "striker"}}},
		Spec{Slug: "economy", IPTC: "medtop:04000000", Terms: map[string][]string{"en": {"inflation^3", "bank^2"}}}).NewStream()
	if err := other.UnmarshalBinary(snap); !errors.Is(err, ErrOtherModel) {
		t.Errorf("other rules: err %v, want ErrOtherModel", err)
	}
	if m := other.m[langEN]; len(m.slot) != 0 {
		t.Error("a refused snapshot was loaded")
	}
}

func TestStreamSnapshotDamagedRefused(t *testing.T) {
	tg := streamTagger(t)
	st := tg.NewStream()
	st.Learn(streamArticles(StreamMinExamples), Hints{})
	snap, _ := st.MarshalBinary()
	for _, bad := range [][]byte{nil, snap[:len(snap)/2], snap[:len(snap)-1], append(slices.Clone(snap), 0)} {
		fresh := tg.NewStream()
		if err := fresh.UnmarshalBinary(bad); err == nil || errors.Is(err, ErrOtherModel) {
			t.Errorf("%d bytes of %d: err %v, want damaged", len(bad), len(snap), err)
		}
		if m := fresh.m[langEN]; len(m.slot) != 0 {
			t.Error("a damaged snapshot was loaded")
		}
	}
}

// A snapshot cut at any byte, its leaders included, is refused whole.
func TestStreamSnapshotTruncatedRefused(t *testing.T) {
	tg := defaultTagger(t)
	st := tg.NewStream()
	st.Learn([]*article.Article{{Language: "en", Title: "Talks", Text: "Russian President Vladimir Putin said the talks went well."}}, Hints{})
	snap, _ := st.MarshalBinary()
	if len(st.leaders.seen) == 0 {
		t.Fatal("the stream learned no leader")
	}
	for n := range len(snap) {
		fresh := tg.NewStream()
		before, names := fresh.LeaderAnchors(), fresh.leaderNames() // the leaders prior
		err := fresh.UnmarshalBinary(snap[:n])
		if err == nil || errors.Is(err, ErrOtherModel) {
			t.Errorf("%d bytes of %d: err %v, want damaged", n, len(snap), err)
		}
		if !slices.Equal(fresh.LeaderAnchors(), before) || fresh.leaderNames() != names || len(fresh.m[langEN].slot) != 0 {
			t.Fatalf("%d bytes of %d: a damaged snapshot was loaded", n, len(snap))
		}
	}
	// The reader's fault is kept, not dropped.
	if err := tg.NewStream().UnmarshalBinary(snap[:len(snap)-1]); errors.Unwrap(err) == nil {
		t.Errorf("cut in the leaders: err %v wraps no fault of the reader", err)
	}
}

// A snapshot is of the sources' hints the stream learned with, as stored
// topics are (FingerprintWith): one learned under other hints is refused,
// so that re-tagging after a change of hints uses a model relearned under
// the new ones; one under equal hints loads.
func TestStreamSnapshotOfOtherHintsRefused(t *testing.T) {
	tg := streamTagger(t)
	hints := map[string]Hints{"Kabar": {Genre: "podcast"}}
	st := tg.NewStreamFor(hints)
	st.Learn(streamArticles(StreamMinExamples), hints["Kabar"])
	snap, _ := st.MarshalBinary()
	for name, other := range map[string]map[string]Hints{
		"no hints":      nil,
		"another genre": {"Kabar": {Genre: "lesson"}},
		"a boost":       {"Kabar": {Genre: "podcast", Boost: map[string]float64{"sport": 2}}},
	} {
		fresh := tg.NewStreamFor(other)
		if err := fresh.UnmarshalBinary(snap); !errors.Is(err, ErrOtherModel) {
			t.Errorf("%s: err %v, want ErrOtherModel", name, err)
		}
	}
	same := tg.NewStreamFor(map[string]Hints{"Kabar": {Genre: "podcast"}, "Plain": {}})
	if err := same.UnmarshalBinary(snap); err != nil {
		t.Errorf("equal hints: %v", err)
	}
}
