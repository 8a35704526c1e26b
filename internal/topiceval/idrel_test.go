package topiceval

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/warta-news/warta/actor"
	"github.com/warta-news/warta/config"
)

// TestIDRelCount counts the relation mentions the Indonesian roots add
// (branch idrel's harness, BENCHMARKS.md): counts and roots only.
func TestIDRelCount(t *testing.T) {
	if os.Getenv("WARTA_IDREL_COUNT") == "" {
		t.Skip("WARTA_IDREL_COUNT not set")
	}
	tg := defaultTagger(t)
	plain, err := actor.New()
	if err != nil {
		t.Fatal(err)
	}
	roots := tg.Actors()
	type tally struct {
		items, touched, added int
		titleAdded            int
		byRoot                map[string]int
	}
	count := func(tl *tally, texts ...string) {
		tl.items++
		added := 0
		for f, text := range texts {
			before := 0
			for _, m := range plain.Find(text, "id") {
				if m.Kind == actor.Relation {
					before++
				}
			}
			after := 0
			for _, m := range roots.Find(text, "id") {
				if m.Kind == actor.Relation {
					after++
					if m.Root != "" {
						tl.byRoot[m.Root]++
					}
				}
			}
			added += after - before
			if f == 0 {
				tl.titleAdded += after - before
			}
		}
		tl.added += added
		if added > 0 {
			tl.touched++
		}
	}
	report := func(name string, tl *tally) {
		type kv struct {
			root string
			n    int
		}
		var list []kv
		for r, n := range tl.byRoot {
			list = append(list, kv{r, n})
		}
		slices.SortFunc(list, func(a, b kv) int { return cmp.Or(b.n-a.n, cmp.Compare(a.root, b.root)) })
		var top bytes.Buffer
		for i, e := range list {
			if i == 20 {
				break
			}
			fmt.Fprintf(&top, " %s %d;", e.root, e.n)
		}
		t.Logf("%s: %d id items, %d with added relation mentions, %d mentions added (net), %d of them in titles; root matches by root:%s", name, tl.items, tl.touched, tl.added, tl.titleAdded, top.String())
	}
	cfg, err := config.Load(filepath.Join("..", "..", "config.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	streams := tally{byRoot: map[string]int{}}
	names := []string{"stream", "stream-heldout"}
	for i := 2; i <= 19; i++ {
		names = append(names, fmt.Sprintf("stream-heldout%d", i))
	}
	for _, name := range names {
		s, err := LoadStream(context.Background(), cfg, tg, filepath.Join("..", "fixtures", "testdata", name), filepath.Join("..", "..", "cmd", "warta", "testdata"), WordStreamsFetchedAt())
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range s.Articles {
			if a.Language == "id" {
				count(&streams, a.Title, cmp.Or(a.Text, a.Summary))
			}
		}
	}
	report("streams up to stream-heldout19", &streams)
	f, err := os.Open(filepath.Join("..", "..", "..", "shared", "data", "topics-dev.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	items, err := readJSONL[evalItem](f)
	if err != nil {
		t.Fatal(err)
	}
	research := tally{byRoot: map[string]int{}}
	for _, it := range items {
		if it.Language == "id" {
			count(&research, it.Title, it.Summary)
		}
	}
	report("research data (topics-dev.jsonl)", &research)
}
