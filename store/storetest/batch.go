package storetest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/store"
)

// testSaveSourcesBatch: one batch writes every source it can, each with its
// own fetch state and articles; a source that cannot be written is left
// out whole, with its error, and does not keep the others out.
func testSaveSourcesBatch(t *testing.T, s store.Store, d Driver) {
	ctx := context.Background()
	Save(t, s, Art(1, 1)) // already stored
	state := func(n int) store.FetchState {
		return store.FetchState{ETag: `"e"`, Items: n, LastSuccess: base.Add(time.Duration(n) * time.Hour)}
	}
	src := func(name string, n int, arts ...*article.Article) store.SourceWrite {
		for _, a := range arts {
			a.Source = name
		}
		return store.SourceWrite{Source: name, State: state(n), Articles: arts}
	}
	urlTaken := Art(9, 9)
	urlTaken.URL = Art(1, 1).URL
	tooLate := Art(11, 11)
	tooLate.Published = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
	badState := src("bad-state", 7, Art(12, 12))
	badState.State.NextAttempt = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
	batch := []store.SourceWrite{
		src("a", 1, Art(2, 2, "x"), Art(1, 1), Art(3, 3)),
		src("taken", 2, Art(5, 5), urlTaken), // fails: its URL is article 1's
		src("b", 3, Art(3, 3), Art(5, 5), Art(4, 2, "x"), Art(4, 2)),
		src("state-only", 4),
		src("no-id", 5, Art(6, 6), &article.Article{URL: "example.com/x"}),
		src("too-late", 6, Art(10, 10), tooLate),
		badState,
	}
	res, err := s.SaveSources(ctx, batch)
	if err != nil {
		t.Fatalf("SaveSources: %v", err)
	}
	if len(res) != len(batch) {
		t.Fatalf("%d results for %d sources", len(res), len(batch))
	}
	want := map[string][]string{
		"a":          {"id00002", "id00003"},
		"b":          {"id00005", "id00004"}, // 3 went with a; 5 with b once "taken" failed
		"state-only": nil,
	}
	stored := map[string]bool{"id00001": true}
	for i, r := range res {
		name := batch[i].Source
		ids, ok := want[name]
		if ok != (r.Err == nil) {
			t.Errorf("source %s: error %v", name, r.Err)
		}
		if !slices.Equal(r.Inserted, ids) {
			t.Errorf("source %s inserted %v, want %v", name, r.Inserted, ids)
		}
		for _, id := range ids {
			stored[id] = true
		}
		got := fetchState(t, s, name)
		if ok && !reflect.DeepEqual(got, storedState(d, batch[i].State)) {
			t.Errorf("source %s: fetch state %+v, want %+v", name, got, batch[i].State)
		}
		if !ok && got != (store.FetchState{}) {
			t.Errorf("failed source %s: fetch state %+v written", name, got)
		}
	}
	all := []string{"id00001", "id00002", "id00003", "id00004", "id00005", "id00006", "id00009", "id00010", "id00011", "id00012"}
	ex, err := s.Existing(ctx, all)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(ex, stored) {
		t.Errorf("stored %v, want %v", ex, stored)
	}
	for id, source := range map[string]string{"id00003": "a", "id00005": "b"} {
		if a, err := s.Article(ctx, id); err != nil || a.Source != source {
			t.Errorf("article %s: %v, want the copy of %s", id, a, source)
		}
	}
	if a, _ := s.Article(ctx, "id00004"); a == nil || len(a.Topics) != 1 {
		t.Errorf("article 4 (twice in one source): %+v, want the first copy, with its topic", a)
	}
}

// testSketches: the walk the story index is rebuilt from gives, oldest
// first, each article's ID, story, times and sketch, and nothing else.
func testSketches(t *testing.T, s store.Store, d Driver) {
	ctx := context.Background()
	var arts []*article.Article
	for n := 1; n <= 5; n++ {
		a := Art(n, 1+(n-1)/2*2) // stories 1, 1, 3, 3, 5
		a.Text = "body"
		if n != 4 {
			a.Sketch = []byte{1, byte(n), 0, 0xff}
		}
		arts = append(arts, a)
	}
	// Saved out of order, in two sources: the walk is by first-seen time.
	if _, err := s.SaveSources(ctx, []store.SourceWrite{
		{Source: "x", Articles: []*article.Article{arts[4], arts[1]}},
		{Source: "y", Articles: []*article.Article{arts[3], arts[2], arts[0]}},
	}); err != nil {
		t.Fatal(err)
	}
	var got []*article.Article
	err := s.Sketches(ctx, arts[1].FirstSeen, func(a *article.Article) error {
		got = append(got, a)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var want []*article.Article
	for _, a := range arts[1:] {
		want = append(want, &article.Article{ID: a.ID, StoryID: a.StoryID, FirstSeen: d.stored(a.FirstSeen),
			Published: d.stored(a.Published), Sketch: a.Sketch})
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Sketches:")
		for i := range max(len(got), len(want)) {
			var g, w *article.Article
			if i < len(got) {
				g = got[i]
			}
			if i < len(want) {
				w = want[i]
			}
			t.Errorf("  got %+v\n want %+v", g, w)
		}
	}
}

// testSetSketches: the sketches given replace the stored ones (an empty
// one reads back as none), the other articles' stay, an ID not stored is
// ignored, and the feeds' version stays.
func testSetSketches(t *testing.T, s store.Store, d Driver) {
	ctx := context.Background()
	var arts []*article.Article
	for n := 1; n <= 3; n++ {
		a := Art(n, n)
		a.Sketch = []byte{4, byte(n)}
		arts = append(arts, a)
	}
	Save(t, s, arts...)
	version := feedsVersion(t, s)
	if err := s.SetSketches(ctx, map[string][]byte{arts[0].ID: {5, 1, 0xff}, arts[2].ID: nil, "id09999": {5}}); err != nil {
		t.Fatal(err)
	}
	got := map[string][]byte{}
	if err := s.Sketches(ctx, time.Time{}, func(a *article.Article) error {
		got[a.ID] = a.Sketch
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	want := map[string][]byte{arts[0].ID: {5, 1, 0xff}, arts[1].ID: {4, 2}, arts[2].ID: nil}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sketches after SetSketches: %v, want %v", got, want)
	}
	if v := feedsVersion(t, s); v != version {
		t.Errorf("SetSketches changed the feeds' version from %q to %q", version, v)
	}
	if err := s.SetSketches(ctx, nil); err != nil {
		t.Errorf("SetSketches of nothing: %v", err)
	}
}

// testSaveSourcesSetsFeedsVersion: a batch that inserts an article sets a
// new feeds' version with it; one that inserts none (fetch states alone,
// articles stored before) leaves the version alone.
func testSaveSourcesSetsFeedsVersion(t *testing.T, s store.Store, d Driver) {
	ctx := context.Background()
	Save(t, s, Art(1, 1))
	first := feedsVersion(t, s)
	if first == "" {
		t.Fatal("a batch with a new article set no feeds' version")
	}
	if _, err := s.SaveSources(ctx, []store.SourceWrite{{Source: "src", Articles: []*article.Article{Art(1, 1)}},
		{Source: "quiet", State: store.FetchState{Items: 3}}}); err != nil {
		t.Fatal(err)
	}
	if v := feedsVersion(t, s); v != first {
		t.Errorf("a batch that inserted nothing changed the feeds' version from %q to %q", first, v)
	}
	Save(t, s, Art(2, 2))
	if v := feedsVersion(t, s); v == first {
		t.Errorf("a second batch with a new article kept the feeds' version %q", v)
	}
}

// testPruneAndSetTopicsSetFeedsVersion: pruning that deletes articles and
// re-tagging set a new feeds' version in their own transactions, as a
// batch with new articles does; pruning that deletes nothing leaves it.
func testPruneAndSetTopicsSetFeedsVersion(t *testing.T, s store.Store, d Driver) {
	ctx := context.Background()
	Save(t, s, Art(1, 1), Art(2, 2))
	saved := feedsVersion(t, s)
	if err := s.SetTopics(ctx, map[string][]article.TopicMatch{"id00001": {{Slug: "sport", Score: 1}}}); err != nil {
		t.Fatal(err)
	}
	retagged := feedsVersion(t, s)
	if retagged == saved {
		t.Errorf("SetTopics kept the feeds' version %q", retagged)
	}
	if n, err := s.Prune(ctx, Art(1, 1).FirstSeen, nil); err != nil || n != 0 {
		t.Fatalf("Prune before the oldest article = %d, %v", n, err)
	}
	if v := feedsVersion(t, s); v != retagged {
		t.Errorf("a prune that deleted nothing changed the feeds' version from %q to %q", retagged, v)
	}
	if n, err := s.Prune(ctx, Art(2, 2).FirstSeen, nil); err != nil || n != 1 {
		t.Fatalf("Prune = %d, %v; want 1", n, err)
	}
	if v := feedsVersion(t, s); v == retagged {
		t.Errorf("a prune that deleted an article kept the feeds' version %q", v)
	}
}

// feedsVersion reads the feeds' version of s.
func feedsVersion(t *testing.T, s store.Store) string {
	t.Helper()
	v, _, err := s.Meta(context.Background(), store.MetaFeedsVersion)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// testSaveSourcesCorrects: a source's correction replaces a stored
// article's title, text, language, feed genre, Updated (never before
// Published), topics and, when it carries one, its dedupe sketch (the
// story index matches the corrected text), keeping its ID, story, FirstSeen and Published, counts it and
// sets a new feeds' version; one of an article not stored, or stored by
// another source, is ignored.
func testSaveSourcesCorrects(t *testing.T, s store.Store, d Driver) {
	ctx := context.Background()
	Save(t, s, Art(1, 1, "politics"), Art(2, 1, "politics"))
	first := feedsVersion(t, s)
	fix := Art(2, 1, "sport")
	fix.Title, fix.Summary, fix.Content, fix.Text = "Corrected title", "<p>s</p>", "<p>c</p>", "corrected text"
	fix.Author, fix.Categories, fix.Language, fix.FeedGenre = "Editor", []string{"fix"}, "id", "podcast"
	fix.StoryID, fix.FirstSeen, fix.Published = "elsewhere", base.Add(time.Hour), base.Add(time.Hour)
	fix.Updated = base // before the stored Published: kept at it
	fix.Sketch = []byte{5, 4, 3, 2, 1}
	gone := Art(9, 9, "sport")
	saved, err := s.SaveSources(ctx, []store.SourceWrite{{Source: "src", Corrected: []*article.Article{fix, gone}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(saved) != 1 || saved[0].Err != nil || saved[0].Corrected != 1 || len(saved[0].Inserted) != 0 {
		t.Fatalf("saved %+v, want 1 corrected, none inserted", saved)
	}
	got, err := s.Article(ctx, "id00002")
	if err != nil {
		t.Fatal(err)
	}
	want := Art(2, 1)
	if got.Title != fix.Title || got.Summary != fix.Summary || got.Content != fix.Content || got.Text != fix.Text ||
		got.Author != fix.Author || !slices.Equal(got.Categories, fix.Categories) || got.Language != fix.Language ||
		got.FeedGenre != fix.FeedGenre {
		t.Errorf("corrected article %+v", got)
	}
	if got := storedSketch(t, s, fix.ID); !bytes.Equal(got, fix.Sketch) {
		t.Errorf("corrected article's sketch %v, want the correction's %v", got, fix.Sketch)
	}
	if got.StoryID != "id00001" || !got.FirstSeen.Equal(d.stored(want.FirstSeen)) || !got.Published.Equal(d.stored(want.Published)) {
		t.Errorf("correction moved story %s, FirstSeen %v or Published %v", got.StoryID, got.FirstSeen, got.Published)
	}
	if !got.Updated.Equal(d.stored(want.Published)) {
		t.Errorf("Updated %v, want kept at Published %v", got.Updated, want.Published)
	}
	if !got.HasTopic("sport") || got.HasTopic("politics") {
		t.Errorf("corrected article's topics %v, want sport alone", got.Topics)
	}
	if _, err := s.Article(ctx, "id00009"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a correction of an article not stored stored it: %v", err)
	}
	if feedsVersion(t, s) == first {
		t.Error("a correction kept the feeds' version")
	}
	fix.Updated = base.Add(3 * time.Hour)
	fix.Sketch = nil // none: the stored one stays
	if _, err := s.SaveSources(ctx, []store.SourceWrite{{Source: "src", Corrected: []*article.Article{fix}}}); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Article(ctx, "id00002"); err != nil || !got.Updated.Equal(d.stored(fix.Updated)) {
		t.Errorf("Updated after a later correction %v (%v), want %v", got.Updated, err, fix.Updated)
	}
	if got := storedSketch(t, s, fix.ID); !bytes.Equal(got, []byte{5, 4, 3, 2, 1}) {
		t.Errorf("a correction without a sketch replaced the stored one: %v", got)
	}
	other := Art(2, 1, "politics")
	other.Source, other.Title, other.Text = "aggregator", "Aggregator title", "aggregator text"
	version := feedsVersion(t, s)
	saved, err = s.SaveSources(ctx, []store.SourceWrite{{Source: "aggregator", Corrected: []*article.Article{other}}})
	if err != nil || saved[0].Corrected != 0 {
		t.Fatalf("another source's correction: %+v, %v; want none corrected", saved, err)
	}
	if got, err := s.Article(ctx, "id00002"); err != nil || got.Title != fix.Title || got.Text != fix.Text || !got.HasTopic("sport") {
		t.Errorf("another source's correction wrote %+v (%v)", got, err)
	}
	if feedsVersion(t, s) != version {
		t.Error("another source's correction set a new feeds' version")
	}
}

// testSaveSourcesCorrectsOnce: an article corrected twice in one batch
// takes the first correction, on both drivers, and the fingerprint is
// replaced with the sketch (both the correction's), kept when the
// correction carries no sketch (review 22: 5, 6).
func testSaveSourcesCorrectsOnce(t *testing.T, s store.Store, d Driver) {
	ctx := context.Background()
	Save(t, s, Art(1, 1))
	fix, again := Art(1, 1), Art(1, 1)
	fix.Title, fix.Text, fix.Sketch, fix.Fingerprint = "First correction", "first text", []byte{6, 1}, 0x1111
	again.Title, again.Text, again.Sketch, again.Fingerprint = "Second correction", "", []byte{6, 2}, 0x2222
	saved, err := s.SaveSources(ctx, []store.SourceWrite{{Source: "src", Corrected: []*article.Article{fix, again}}})
	if err != nil || saved[0].Err != nil || saved[0].Corrected != 1 {
		t.Fatalf("saved %+v, %v; want 1 corrected", saved, err)
	}
	got, err := s.Article(ctx, fix.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != fix.Title || got.Text != fix.Text || got.Fingerprint != fix.Fingerprint {
		t.Errorf("stored %q, %q, fingerprint %x; want the first correction's %q, %q, %x",
			got.Title, got.Text, got.Fingerprint, fix.Title, fix.Text, fix.Fingerprint)
	}
	if sk := storedSketch(t, s, fix.ID); !bytes.Equal(sk, fix.Sketch) {
		t.Errorf("stored sketch %v, want the first correction's %v", sk, fix.Sketch)
	}
	again.Sketch = nil // none: the stored sketch and fingerprint stay
	if _, err := s.SaveSources(ctx, []store.SourceWrite{{Source: "src", Corrected: []*article.Article{again}}}); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Article(ctx, fix.ID); err != nil || got.Title != again.Title || got.Fingerprint != fix.Fingerprint {
		t.Errorf("after a correction without a sketch: %q, fingerprint %x (%v); want %q, %x", got.Title, got.Fingerprint, err, again.Title, fix.Fingerprint)
	}
}

// storedSketch reads the stored sketch of article id (Store.Sketches).
func storedSketch(t *testing.T, s store.Store, id string) []byte {
	t.Helper()
	var sketch []byte
	if err := s.Sketches(context.Background(), time.Time{}, func(a *article.Article) error {
		if a.ID == id {
			sketch = a.Sketch
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return sketch
}

// testUnstorableValueFailsItsSourceAlone: a value a driver cannot keep
// (PostgreSQL: NUL or invalid UTF-8 in text, a URL over a btree index
// row), in an article, a correction or a fetch state, fails at most its own
// source, never the batch: the other sources are written (review 12: F1,
// F5, F6). The pipeline hands the store no such value (normalize, fetch);
// this is the defence for one nothing foresaw.
func testUnstorableValueFailsItsSourceAlone(t *testing.T, s store.Store, d Driver) {
	ctx := context.Background()
	stored := Art(20, 20)
	stored.Source = "nul-correction"
	if _, err := s.SaveSource(ctx, "nul-correction", store.FetchState{}, []*article.Article{stored}); err != nil {
		t.Fatal(err)
	}
	src := func(name string, n int, arts ...*article.Article) store.SourceWrite {
		for _, a := range arts {
			a.Source = name
		}
		return store.SourceWrite{Source: name, State: store.FetchState{ETag: `"ok"`, Items: n}, Articles: arts}
	}
	nulGUID := Art(1, 1)
	nulGUID.GUID = "a\x00b"
	badText := Art(2, 2)
	badText.Title = "caf\xe9 \x00"
	var long strings.Builder
	long.WriteString("example.com/long?x=")
	sum := sha256.Sum256([]byte("seed"))
	for long.Len() < 3400 { // incompressible: PostgreSQL's btree takes 2,704 bytes
		long.WriteString(hex.EncodeToString(sum[:]))
		sum = sha256.Sum256(sum[:])
	}
	longURL := Art(3, 3)
	longURL.URL = long.String()
	badETag := src("bad-etag", 4, Art(4, 4))
	badETag.State.ETag = "\"caf\xe9\""
	badETag.State.LastError = "x\x00y"
	fix := Art(20, 20)
	fix.Title = "fixed \x00"
	badFix := src("nul-correction", 5)
	badFix.Corrected = []*article.Article{fix}
	batch := []store.SourceWrite{
		src("nul-guid", 1, nulGUID),
		src("bad-text", 2, badText),
		src("good", 6, Art(6, 6)),
		src("long-url", 3, longURL),
		badETag,
		badFix,
	}
	res, err := s.SaveSources(ctx, batch)
	if err != nil {
		t.Fatalf("SaveSources failed the batch: %v", err)
	}
	for i, r := range res {
		w := batch[i]
		ids := make([]string, len(w.Articles))
		for j, a := range w.Articles {
			ids[j] = a.ID
		}
		ex, err := s.Existing(ctx, ids)
		if err != nil {
			t.Fatal(err)
		}
		st := fetchState(t, s, w.Source)
		switch {
		case w.Source == "good" && r.Err != nil:
			t.Errorf("source good failed: %v", r.Err)
		case r.Err == nil && (len(ex) != len(ids) || st.Items != w.State.Items):
			t.Errorf("source %s: no error, but %d of %d articles and fetch state %+v stored", w.Source, len(ex), len(ids), st)
		case r.Err != nil && (len(ex) > 0 || st.Items != 0):
			t.Errorf("failed source %s (%v): %d articles or its fetch state stored", w.Source, r.Err, len(ex))
		}
	}
}
