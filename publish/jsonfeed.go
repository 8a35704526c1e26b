package publish

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/gorilla/feeds"

	"github.com/warta-news/warta/internal/xmlchar"
)

// jsonFeedVersion is the JSON Feed version written.
const jsonFeedVersion = "https://jsonfeed.org/version/1.1"

// jsonItem adds the per-item language of JSON Feed 1.1, which gorilla's
// JSONItem lacks.
type jsonItem struct {
	*feeds.JSONItem
	Language string `json:"language,omitempty"`
}

// jsonDoc replaces gorilla's item list with jsonItem and adds what
// gorilla's JSONFeed lacks: WebSub hubs and the language of a view.
type jsonDoc struct {
	*feeds.JSONFeed
	Language string      `json:"language,omitempty"`
	Hubs     []*jsonHub  `json:"hubs,omitempty"`
	Items    []*jsonItem `json:"items"`
}

// jsonHub is a JSON Feed 1.1 hub.
type jsonHub struct {
	Type string `json:"type"`
	URL  string `json:"url"`
}

// WriteJSON writes f as a JSON Feed 1.1 document, one item per story.
func WriteJSON(w io.Writer, f *Feed) error {
	author := strings.TrimSpace(xmlchar.Clean(f.Author))
	if author == "" {
		author = "warta"
	}
	doc := jsonDoc{
		JSONFeed: &feeds.JSONFeed{
			Version:     jsonFeedVersion,
			Title:       xmlchar.Clean(f.Title),
			HomePageUrl: xmlchar.Clean(f.HomeURL()),
			FeedUrl:     xmlchar.Clean(f.FeedURL("json")),
			Description: xmlchar.Clean(f.Description),
			Authors:     []*feeds.JSONAuthor{{Name: author, Url: xmlchar.Clean(f.HomeURL())}},
		},
		Language: validLang(f.View.Lang),
		Items:    []*jsonItem{},
	}
	if f.Hub != "" {
		doc.Hubs = []*jsonHub{{Type: "WebSub", URL: xmlchar.Clean(f.Hub)}}
	}
	for _, l := range f.pageLinks("json") {
		if l.Rel == "next" {
			doc.NextUrl = xmlchar.Clean(l.Href)
		}
	}
	for _, s := range f.stories() {
		lead := s.Lead
		it := &feeds.JSONItem{
			Id:          xmlchar.Clean(StoryEntryID(s)),
			Url:         articleURL(lead),
			Title:       storyTitle(s),
			ContentHTML: storyBody(s),
			Summary:     truncateRunes(strings.TrimSpace(xmlchar.Clean(lead.Text)), summaryRunes),
		}
		if it.Summary == "" {
			it.Summary = strings.TrimSpace(xmlchar.Clean(lead.Summary))
		}
		if it.ContentHTML == "" {
			// JSON Feed requires content_html or content_text.
			it.ContentText = it.Title
		}
		if !lead.Published.IsZero() {
			p := lead.Published.UTC()
			it.PublishedDate = &p
		}
		u := storyUpdated(s)
		it.ModifiedDate = &u
		if a := storyAuthor(s); a != "" {
			it.Authors = []*feeds.JSONAuthor{{Name: a}}
		}
		for _, slug := range s.TopicSlugs() {
			it.Tags = append(it.Tags, xmlchar.Clean(f.Label(slug)))
		}
		doc.Items = append(doc.Items, &jsonItem{JSONItem: it, Language: validLang(lead.Language)})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // the HTML is content, not markup to hide from browsers
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("publish: write json feed: %w", err)
	}
	return nil
}

// summaryRunes bounds a JSON item's plain-text summary.
const summaryRunes = 300

// truncateRunes cuts s to at most n runes, at a space when one is near, and
// marks the cut with an ellipsis.
func truncateRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := n
	for i := n; i > n*3/4; i-- {
		if r[i] == ' ' {
			cut = i
			break
		}
	}
	return strings.TrimSpace(string(r[:cut])) + "…"
}
