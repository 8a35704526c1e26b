package topiceval

import (
	"bytes"
	"fmt"
	"io"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/topic"
)

// EvaluateStream is Evaluate with two passes, as `warta tag` tags: a
// topic.Stream first learns from every article (no labels: only the
// rules' confident decisions), then tags them.
func EvaluateStream(t *topic.Tagger, articles io.Reader, irLabels io.Reader) (*Report, error) {
	raw, err := io.ReadAll(articles)
	if err != nil {
		return nil, fmt.Errorf("topiceval: articles: %w", err)
	}
	items, err := readJSONL[evalItem](bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("topiceval: articles: %w", err)
	}
	as := make([]*article.Article, len(items))
	for i, it := range items {
		as[i] = &article.Article{ID: it.ID, URL: it.URL, Title: it.Title, Text: it.Summary, Language: it.Language}
	}
	st := t.NewStream()
	st.Learn(as, topic.Hints{})
	return Evaluate(st, bytes.NewReader(raw), irLabels)
}
