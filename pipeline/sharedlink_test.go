package pipeline

import (
	"context"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
)

// photoRubric is a feed whose daily photo story keeps one title and one
// link: two stories, told apart by their texts.
const photoRubric = `<?xml version="1.0"?><rss version="2.0"><channel><title>Foto</title>
<item><guid>g1</guid><title>Foto Hari Ini</title><link>https://e.x/foto</link><description>Nelayan menarik jaring di pantai saat matahari terbit.</description></item>
<item><guid>g2</guid><title>Foto Hari Ini</title><link>https://e.x/foto</link><description>Pasar terapung ramai pedagang sayur di pagi hari.</description></item>
</channel></rss>`

// listedTwice is one article a feed lists under two GUIDs.
const listedTwice = `<?xml version="1.0"?><rss version="2.0"><channel><title>Kota</title>
<item><guid>s1</guid><title>Jembatan baru dibuka</title><link>https://e.x/jembatan</link><description>Jembatan penghubung dua kecamatan dibuka pagi ini.</description></item>
<item><guid>s2</guid><title>Jembatan baru dibuka</title><link>https://e.x/jembatan</link><description>Jembatan penghubung dua kecamatan dibuka pagi ini.</description></item>
</channel></rss>`

// A cycle stores two stories sharing a title and a link as two articles,
// and one article listed twice once, under its URL.
func TestOneTitleAndLinkWithTwoTextsIsTwoArticles(t *testing.T) {
	p, st := newTestPipeline(t, serve(t, photoRubric), serve(t, listedTwice))
	if _, err := p.RunCycle(context.Background()); err != nil {
		t.Fatal(err)
	}
	bySource := map[string][]*article.Article{}
	if err := st.Since(context.Background(), time.Time{}, func(a *article.Article) error {
		bySource[a.Source] = append(bySource[a.Source], a)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if photos := bySource["A"]; len(photos) != 2 {
		t.Errorf("photo rubric: %d articles stored, want 2", len(photos))
	}
	twice := bySource["B"]
	if len(twice) != 1 || twice[0].URL != "https://e.x/jembatan" {
		t.Fatalf("article listed twice: %d stored, want 1 under its URL", len(twice))
	}
}
