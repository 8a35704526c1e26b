package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/internal/fixtures"
	"github.com/warta-news/warta/normalize"
	"github.com/warta-news/warta/parse"
	"github.com/warta-news/warta/pipeline"
	"github.com/warta-news/warta/section"
	"github.com/warta-news/warta/topic"
)

// labelledStreams are the four labelled real streams: snapshot directory
// and labels file.
var labelledStreams = []struct{ dir, labels string }{
	{fixtures.StreamDir, "stream-labels.tsv"},
	{fixtures.HeldOutStreamDir, "stream-heldout-labels.tsv"},
	{fixtures.HeldOut2StreamDir, "stream-heldout2-labels.tsv"},
	{fixtures.HeldOut3StreamDir, "stream-heldout3-labels.tsv"},
}

// deskItem is one labelled item of a stream, prepared as a cycle prepares
// it, with the desk its publisher filed it under.
type deskItem struct {
	a     *article.Article
	label streamLabel
	// feedDesk is the desk read from the feed's title too.
	feedDesk section.Desk
}

// deskStream prepares the snapshots of a labelled stream as a cycle does
// (PrepareFeed), in file order, one item per unique title.
func deskStream(t *testing.T, tagger *topic.Tagger, dir, labelsFile string) []deskItem {
	t.Helper()
	labels := streamLabels(t, labelsFile)
	names, err := fixtures.Snapshots(dir)
	if err != nil {
		t.Fatal(err)
	}
	norm := normalize.New(normalize.Caps{})
	fetched := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	seen := map[string]bool{}
	var out []deskItem
	for _, name := range names {
		body, err := fixtures.Read(name)
		if err != nil {
			t.Fatal(err)
		}
		url := "http://stream.test/" + name
		feed, err := parse.Parse(body, "text/xml", fetched)
		if err != nil {
			t.Fatal(err)
		}
		src := config.Source{Name: strings.TrimSuffix(filepath.Base(name), filepath.Ext(name)), URL: url}
		prep, err := pipeline.PrepareFeed(context.Background(), norm, tagger.Genres(), pipeline.Feed{Body: body, ContentType: "text/xml", URL: url, FetchedAt: fetched}, src)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range prep.Articles {
			title := strings.Join(strings.Fields(a.Title), " ")
			l, ok := labels[title]
			if !ok || seen[title] {
				continue
			}
			seen[title] = true
			link := a.Link
			if link == "" {
				link = a.URL
			}
			out = append(out, deskItem{a: a, label: l, feedDesk: section.Of(feed.Title, a.Categories, link)})
		}
	}
	return out
}

// deskCounts are IR decisions by language: TP/FP/FN.
type deskCounts map[string]*irScore

// tagStream tags items in order with a fresh stream model, as a cycle on
// an empty store does, and scores the IR decisions of the news items.
func tagStream(tagger *topic.Tagger, items []deskItem, each func(it deskItem, ir bool)) deskCounts {
	st := tagger.NewStream()
	c := deskCounts{"en": {}, "id": {}}
	for _, it := range items {
		ms := st.TagAndObserve(it.a, topic.Hints{})
		ir := false
		for _, m := range ms {
			ir = ir || m.Slug == "international-relations"
		}
		if each != nil {
			each(it, ir)
		}
		s := c[it.label.lang]
		if s == nil {
			continue
		}
		switch {
		case ir && it.label.ir:
			s.tp++
		case ir:
			s.fp++
		case it.label.ir:
			s.fn++
		}
	}
	return c
}

// TestIRByPublisherDesk reports, in aggregate, how the desk a publisher
// files an item under relates to its IR label and the tagger's decision
// on the four labelled streams. It reads no single item.
func TestIRByPublisherDesk(t *testing.T) {
	tagger := builtinTagger(t).WithIRDeskCuts([section.NumDesks]float64{})
	for _, s := range labelledStreams {
		items := deskStream(t, tagger, s.dir, s.labels)
		// lang, desk, label, decision
		type key struct {
			lang      string
			desk      section.Desk
			label, ir bool
		}
		byURL, byFeed := map[key]int{}, map[key]int{}
		type pkey struct {
			lang, desk, bucket string
			label, ir          bool
		}
		byP := map[pkey]int{}
		c := tagStream(tagger, items, func(it deskItem, ir bool) {
			if !it.label.news {
				return
			}
			d := section.Of("", it.a.Categories, linkOf(it.a))
			group := "other desk"
			switch d {
			case section.World, section.Unknown:
				group = d.String()
			}
			byP[pkey{it.label.lang, group, irBucket(tagger, it.a), it.label.ir, ir}]++
			byURL[key{it.label.lang, section.Of("", it.a.Categories, linkOf(it.a)), it.label.ir, ir}]++
			byFeed[key{it.label.lang, it.feedDesk, it.label.ir, ir}]++
		})
		t.Logf("%s: en %v; id %v", s.labels, c["en"], c["id"])
		for _, lang := range []string{"en", "id"} {
			for d := range section.NumDesks {
				row := func(m map[key]int) string {
					return fmt.Sprintf("TP %d FN %d FP %d TN %d", m[key{lang, d, true, true}], m[key{lang, d, true, false}], m[key{lang, d, false, true}], m[key{lang, d, false, false}])
				}
				t.Logf("  %s %-24s link+categories: %s | with the feed's title: %s", lang, d, row(byURL), row(byFeed))
			}
			for _, g := range []string{"world", "unknown", "other desk"} {
				for _, b := range []string{"no candidate", "p < 0.3", "0.3 <= p < cut", "p >= cut"} {
					k := func(label, ir bool) int { return byP[pkey{lang, g, b, label, ir}] }
					t.Logf("  %s %-10s actors model %-15s TP %d FN %d FP %d TN %d", lang, g, b, k(true, true), k(true, false), k(false, true), k(false, false))
				}
			}
		}
	}
}

func linkOf(a *article.Article) string {
	if a.Link != "" {
		return a.Link
	}
	return a.URL
}

func builtinTagger(t *testing.T) *topic.Tagger {
	t.Helper()
	tg, err := topic.New(builtinSpecs(t))
	if err != nil {
		t.Fatal(err)
	}
	return tg
}

// deskCutGrid are the actors model's cuts tried for items filed under a
// desk; 0 is the model's own cut.
var deskCutGrid = []float64{0, 0.3, 0.4, 0.5, 0.55, 0.6, 0.7, 0.75, 0.8, 0.9}

// deskCutCandidates are the cut vectors the fit chooses among: one cut for
// the world desk and one for every other known desk, the model's own cuts
// first.
func deskCutCandidates() [][section.NumDesks]float64 {
	var out [][section.NumDesks]float64
	for _, w := range deskCutGrid {
		for _, o := range deskCutGrid {
			var c [section.NumDesks]float64
			for d := section.World; d < section.NumDesks; d++ {
				c[d] = o
			}
			c[section.World] = w
			out = append(out, c)
		}
	}
	return out
}

// pooled is the IR decisions of both languages over some streams.
func pooled(cs ...deskCounts) irScore {
	var s irScore
	for _, c := range cs {
		for _, l := range c {
			s.tp, s.fp, s.fn = s.tp+l.tp, s.fp+l.fp, s.fn+l.fn
		}
	}
	return s
}

// fitDeskCuts chooses the candidate whose pooled F1 over the streams
// train is best without a lower precision than the model's own cut (the
// first candidate); a tie keeps the earlier.
func fitDeskCuts(byCut [][]deskCounts, train []int) int {
	best, bestF1 := 0, -1.0
	var base irScore
	for k := range byCut {
		var cs []deskCounts
		for _, i := range train {
			cs = append(cs, byCut[k][i])
		}
		s := pooled(cs...)
		if k == 0 {
			base = s
		}
		f1 := ratio(2*s.tp, 2*s.tp+s.fp+s.fn)
		if s.precision() >= base.precision() && f1 > bestF1+1e-9 {
			best, bestF1 = k, f1
		}
	}
	return best
}

// withFeedDesk gives each item whose link and categories name no desk its
// feed title's desk, as a category naming it: what the tagger would read
// if the feed's title travelled with the item.
func withFeedDesk(items []deskItem) []deskItem {
	word := [section.NumDesks]string{section.World: "world", section.National: "national", section.Economy: "economy",
		section.Sport: "sport", section.SciTech: "technology", section.Lifestyle: "lifestyle", section.Opinion: "opinion"}
	out := make([]deskItem, len(items))
	for i, it := range items {
		out[i] = it
		if it.feedDesk != section.Unknown && section.Of("", it.a.Categories, linkOf(it.a)) == section.Unknown {
			a := *it.a
			a.Categories = append([]string{word[it.feedDesk]}, a.Categories...)
			out[i].a = &a
		}
	}
	return out
}

// TestFitIRDeskCuts fits the actors model's cut for items their publisher
// filed under a world desk and for those under any other desk, on the
// four labelled streams, and scores the fit leave one stream out: fitted
// on three, scored on the fourth. Twice: with the desk read from the
// item's link and categories (what the tagger reads), and with the feed's
// title too.
func TestFitIRDeskCuts(t *testing.T) {
	tagger := builtinTagger(t).WithIRDeskCuts([section.NumDesks]float64{})
	var streams [][]deskItem
	for _, s := range labelledStreams {
		streams = append(streams, deskStream(t, tagger, s.dir, s.labels))
	}
	cands := deskCutCandidates()
	for _, reading := range []string{"link and categories", "with the feed's title"} {
		byCut := make([][]deskCounts, len(cands))
		for k, c := range cands {
			tg := tagger.WithIRDeskCuts(c)
			for _, items := range streams {
				if reading != "link and categories" {
					items = withFeedDesk(items)
				}
				byCut[k] = append(byCut[k], tagStream(tg, items, nil))
			}
		}
		var before, after [2]irScore
		for held := range streams {
			var train []int
			for i := range streams {
				if i != held {
					train = append(train, i)
				}
			}
			k := fitDeskCuts(byCut, train)
			b, a := byCut[0][held], byCut[k][held]
			t.Logf("%s: held out %s: fitted cuts world %.2f, other desks %.2f; en %d/%d/%d → %d/%d/%d, id %d/%d/%d → %d/%d/%d", reading, labelledStreams[held].labels,
				cands[k][section.World], cands[k][section.National],
				b["en"].tp, b["en"].fp, b["en"].fn, a["en"].tp, a["en"].fp, a["en"].fn, b["id"].tp, b["id"].fp, b["id"].fn, a["id"].tp, a["id"].fp, a["id"].fn)
			for i, l := range []string{"en", "id"} {
				bs, as := *b[l], *a[l]
				before[i] = irScore{tp: before[i].tp + bs.tp, fp: before[i].fp + bs.fp, fn: before[i].fn + bs.fn}
				after[i] = irScore{tp: after[i].tp + as.tp, fp: after[i].fp + as.fp, fn: after[i].fn + as.fn}
			}
		}
		t.Logf("%s: leave one stream out, pooled: en %v → %v; id %v → %v", reading, before[0], after[0], before[1], after[1])
		k := fitDeskCuts(byCut, []int{0, 1, 2, 3})
		t.Logf("%s: fitted on all four: world %.2f, other desks %.2f: %v (model's own cut: %v)", reading, cands[k][section.World], cands[k][section.National], pooled(byCut[k]...), pooled(byCut[0]...))
	}
}

// irBucket says where the actors model puts a: no candidate, well under
// its cut, under it, or at or over it.
func irBucket(tagger *topic.Tagger, a *article.Article) string {
	for _, e := range tagger.Explain(a, topic.Hints{}) {
		if e.Slug != "international-relations" || e.Model == nil {
			continue
		}
		switch p := e.Model.Probability; {
		case p == 0:
			return "no candidate"
		case p < 0.3:
			return "p < 0.3"
		case p < e.Model.Cut:
			return "0.3 <= p < cut"
		default:
			return "p >= cut"
		}
	}
	return "no candidate"
}
