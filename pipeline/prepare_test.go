package pipeline

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/normalize"
)

// idBody is Indonesian text long enough to be detected confidently.
const idBody = "Kedua negara sepakat untuk memperkuat kerja sama di bidang pertahanan dan perdagangan yang telah terjalin selama ini."

// preparing returns what the prepare tests prepare with: a normaliser
// with no caps, a source named name, and the fetch's time.
func preparing(name string) (*normalize.Normalizer, config.Source, time.Time) {
	return normalize.New(normalize.Caps{}), config.Source{Name: name}, time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
}

// votingItems is a feed that says it is English: three Indonesian items,
// confident votes, then a headline too short to be sure of ("AS-Kuba"),
// which only the feed-wide vote makes Indonesian.
func votingItems() []*article.Article {
	var items []*article.Article
	for i := range 3 {
		items = append(items, &article.Article{Title: fmt.Sprintf("Berita %d", i),
			Link: fmt.Sprintf("https://berita.test/%d", i), Content: "<p>" + idBody + "</p>", Language: "en"})
	}
	return append(items, &article.Article{Title: "AS-Kuba", Link: "https://berita.test/new", Language: "en"})
}

// A cycle leaves out the items it stored before it prepares them, and the
// stored ones whose vote the last fetch kept are not normalised at all;
// the feed-wide language vote still counts them, so the new item's
// language is the one preparing every item gives.
func TestPrepareLeavesStoredItemsOut(t *testing.T) {
	ctx := context.Background()
	n, src, now := preparing("berita")

	all, err := PrepareItems(ctx, n, votingItems(), src, "", now)
	if err != nil || len(all.Articles) != 4 {
		t.Fatalf("PrepareItems: %d articles, %v", len(all.Articles), err)
	}
	if got := all.Articles[3].Language; got != "id" {
		t.Fatalf("the short headline is %q, want id by the feed's vote", got)
	}
	first := all.Articles[:3]
	storedIDs := map[string]bool{}
	for _, a := range first {
		storedIDs[a.ID] = true
	}
	var asked [][]string
	stored := func(ids []string) map[string]bool {
		asked = append(asked, ids)
		out := map[string]bool{}
		for _, id := range ids {
			out[id] = storedIDs[id]
		}
		return out
	}
	// The votes of the first fetch, when only the stored three were there.
	firstFetch, err := prepareItems(ctx, n, votingItems()[:3], src, "", "", now, &known{stored: func([]string) map[string]bool { return nil }})
	if err != nil || len(firstFetch.Articles) != 3 {
		t.Fatalf("first fetch: %+v, %v", firstFetch, err)
	}

	for _, c := range []struct {
		name  string
		votes string
		// prepared reports whether the stored items are normalised.
		prepared bool
	}{
		{"votes kept", firstFetch.Votes, false},
		{"no votes kept (a store from before)", "", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			asked = nil
			items := votingItems()
			prep, err := prepareItems(ctx, n, items, src, "", "", now, &known{stored: stored, votes: c.votes})
			if err != nil {
				t.Fatal(err)
			}
			if len(prep.Articles) != 1 || prep.Stored != 3 || len(prep.Skipped) != 0 {
				t.Fatalf("%d articles, %d stored, %d skipped; want 1, 3, 0", len(prep.Articles), prep.Stored, len(prep.Skipped))
			}
			if a := prep.Articles[0]; a.ID != all.Articles[3].ID || a.Language != "id" {
				t.Errorf("new article %s in %q, want %s in id", a.ID, a.Language, all.Articles[3].ID)
			}
			for _, a := range items[:3] {
				if normalised := a.Source != ""; normalised != c.prepared {
					t.Errorf("stored item %q normalised: %v, want %v", a.Title, normalised, c.prepared)
				}
			}
			// Then about the new item's LinklessID: stored under it when
			// another story shared its link.
			newLinkless, _ := normalize.LinklessID(all.Articles[3], normalize.Options{SourceName: src.Name})
			if len(asked) != 2 || len(asked[0]) != 4 || len(asked[1]) != 1 || asked[1][0] != newLinkless {
				t.Errorf("the store was asked %v, want about the 4 items, then about %s", asked, newLinkless)
			}
			if want := all.Votes; prep.Votes != want {
				t.Errorf("votes %q, want those of preparing every item, %q", prep.Votes, want)
			}
		})
	}
}

// An item only its text identifies (no link, no GUID) is known stored
// once normalised: it is left out, and counted, all the same.
func TestPrepareLeavesStoredTextItemsOut(t *testing.T) {
	ctx := context.Background()
	n, src, now := preparing("bmkg")
	bulletin := func() []*article.Article {
		return []*article.Article{{Title: "Peringatan dini cuaca", Content: idBody}, {Link: "mailto:x@y.test"}}
	}
	once, err := PrepareItems(ctx, n, bulletin(), src, "", now)
	if err != nil || len(once.Articles) != 1 || len(once.Skipped) != 1 {
		t.Fatalf("PrepareItems: %+v, %v", once, err)
	}
	id := once.Articles[0].ID
	var asked []string
	prep, err := prepareItems(ctx, n, bulletin(), src, "", "", now, &known{votes: once.Votes, stored: func(ids []string) map[string]bool {
		asked = append(asked, ids...)
		return map[string]bool{id: true}
	}})
	if err != nil || len(prep.Articles) != 0 || prep.Stored != 1 || len(prep.Skipped) != 1 {
		t.Fatalf("%+v, %v; want the bulletin stored and the empty item skipped", prep, err)
	}
	if len(asked) != 1 || asked[0] != id {
		t.Errorf("asked about %v, want the bulletin once normalised", asked)
	}
}

// Across cycles on a real store: a feed fetched again with one new item
// stores that item in the language of the feed's vote, counts every item,
// and keeps each item's vote in the source's fetch state.
func TestRefetchedFeedVotesWithStoredItems(t *testing.T) {
	var round atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var b strings.Builder
		b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><language>en</language>`)
		for i := range 3 {
			fmt.Fprintf(&b, `<item><title>Berita %d</title><link>https://berita.test/%d</link><description>%s</description></item>`, i, i, idBody)
		}
		if round.Load() > 0 {
			b.WriteString(`<item><title>AS-Kuba</title><link>https://berita.test/new</link></item>`)
		}
		b.WriteString(`</channel></rss>`)
		w.Write([]byte(b.String()))
	}))
	defer srv.Close()
	p, st := newTestPipeline(t, srv.URL)
	ctx := context.Background()
	if rep, err := p.RunCycle(ctx); err != nil || rep.New != 3 || rep.Items != 3 {
		t.Fatalf("first cycle: %+v, %v", rep, err)
	}
	round.Add(1)
	rep, err := p.RunCycle(ctx)
	if err != nil || rep.New != 1 || rep.Items != 4 {
		t.Fatalf("second cycle: new %d of %d items, %v; want 1 of 4", rep.New, rep.Items, err)
	}
	states, err := st.FetchStates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s := states["A"]; s.Items != 4 || len(decodeVotes(s.ItemVotes)) != 4 || strings.Count(s.ItemVotes, hashMark) != 4 {
		t.Errorf("fetch state: %d items, votes %q; want 4 items, each with its vote and hash", s.Items, s.ItemVotes)
	}
	a, err := st.Article(ctx, article.IDFromURL(normalize.IdentityKey("https://berita.test/new")))
	if err != nil {
		t.Fatal(err)
	}
	if a.Language != "id" {
		t.Errorf("the new item is in %q, want id by the vote of the feed's stored items", a.Language)
	}
}

// An item stored under an older ID of its own (its LinklessID, from a
// fetch when another story shared its link) is not normalised again on
// the fetches after the one that recognised it, as long as the store
// still holds it under that ID; once it does not, it is prepared anew.
func TestItemStoredUnderItsLinklessIDIsNotPreparedAgain(t *testing.T) {
	ctx := context.Background()
	n, src, now := preparing("berita")
	items := func() []*article.Article {
		return []*article.Article{
			{GUID: "g1", Title: "Berita lama", Link: "https://berita.test/lama", Content: "<p>" + idBody + "</p>"},
			{GUID: "g2", Title: "Berita baru", Link: "https://berita.test/baru", Content: "<p>" + idBody + "</p>"},
		}
	}
	once, err := PrepareItems(ctx, n, items(), src, "", now)
	if err != nil || len(once.Articles) != 2 {
		t.Fatalf("PrepareItems: %+v, %v", once, err)
	}
	linkless, ok := normalize.LinklessID(once.Articles[0], normalize.Options{SourceName: src.Name})
	if !ok {
		t.Fatal("the first item has no LinklessID")
	}
	holds := map[string]bool{linkless: true}
	var asked []string
	k := &known{stored: func(ids []string) map[string]bool {
		asked = append(asked, ids...)
		out := map[string]bool{}
		for _, id := range ids {
			out[id] = holds[id]
		}
		return out
	}}
	first, err := prepareItems(ctx, n, items(), src, "", "", now, k)
	if err != nil || first.Stored != 1 || len(first.Articles) != 1 {
		t.Fatalf("first fetch: %d stored, %d articles, %v; want 1, 1", first.Stored, len(first.Articles), err)
	}

	k.votes = first.Votes
	asked = nil
	again := items()
	second, err := prepareItems(ctx, n, again, src, "", "", now, k)
	if err != nil || second.Stored != 1 || len(second.Articles) != 1 {
		t.Fatalf("second fetch: %d stored, %d articles, %v; want 1, 1", second.Stored, len(second.Articles), err)
	}
	if again[0].Source != "" {
		t.Error("the item stored under its LinklessID was normalised again")
	}
	if !slices.Contains(asked, linkless) {
		t.Errorf("the store was asked %v, not about the LinklessID %s", asked, linkless)
	}
	if second.Votes != first.Votes {
		t.Errorf("votes %q, want the first fetch's %q", second.Votes, first.Votes)
	}

	// The store no longer holds it (retention): it is an article again.
	delete(holds, linkless)
	k.votes = second.Votes
	gone := items()
	third, err := prepareItems(ctx, n, gone, src, "", "", now, k)
	if err != nil || third.Stored != 0 || len(third.Articles) != 2 {
		t.Fatalf("third fetch: %d stored, %d articles, %v; want 0, 2", third.Stored, len(third.Articles), err)
	}
}

// An item's hash is kept in the store (Votes) and compared at every fetch:
// a hash computed another way would make every stored item a correction.
// Pinned to the sum of the first build that kept it, and the same through
// a reused buffer, shorter or longer than the item.
func TestItemHashIsStable(t *testing.T) {
	a := &article.Article{Title: "Menlu Retno bertemu Menlu AS", Summary: "Ringkasan singkat.", Content: "<p>Isi berita yang panjang…</p>"}
	for _, scratch := range [][]byte{nil, make([]byte, 3), make([]byte, 0, 4096), []byte(strings.Repeat("x", 200))} {
		got, _ := itemHash(a, scratch)
		if got != "ffd006ea" {
			t.Errorf("itemHash with scratch of len %d, cap %d = %s; want ffd006ea", len(scratch), cap(scratch), got)
		}
	}
	// The fields' bounds count: a title's last word moved into the
	// summary is another item.
	moved := &article.Article{Title: "Menlu Retno bertemu Menlu", Summary: "AS Ringkasan singkat.", Content: a.Content}
	if h, _ := itemHash(moved, nil); h == "ffd006ea" {
		t.Error("itemHash does not tell the fields apart")
	}
}
