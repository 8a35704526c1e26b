// Package article holds the types that travel between warta's pipeline
// stages. It has no dependencies beyond the standard library so that every
// stage can import it and no stage needs to import another sideways.
package article

import "time"

// Article is one news item as warta stores it: parsed, normalised and, as it
// moves down the pipeline, given a story and topics.
type Article struct {
	// ID identifies the article. It is derived from the canonical URL (see
	// IDFromURL), never from the feed's GUID alone: feeds reuse GUIDs.
	ID string
	// URL is the canonical URL: scheme-agnostic identity, tracking
	// parameters and fragment removed, host lower-cased.
	URL string
	// Link is the link exactly as the feed published it.
	Link string
	// GUID is the feed's own item id, kept for reference only.
	GUID string
	// Source is the configured name of the source the article came from.
	Source string
	// Outlet is the outlet the feed names as the item's own when the feed
	// carries other outlets' items (an RSS item's <source>, as Google News
	// gives each), and OutletURL the address it gives for that outlet;
	// both "" when the feed names none: then the source is the outlet.
	Outlet    string
	OutletURL string
	// CarriedBy are the configured names of every source that listed the
	// article, Source among them, in name order, as the store read them
	// (nil for an article not read from a store): a second source listing
	// the same link, or a source renamed in the config, carries it too.
	CarriedBy []string
	// Title is plain text.
	Title string
	// Summary and Content are sanitised HTML, safe to republish.
	Summary string
	Content string
	// Text is the plain text of the body (summary or content, whichever is
	// longer), used for tagging and story detection.
	Text string
	// Author is the author's name when the feed gives one.
	Author string
	// Language is a BCP 47 primary tag, lower-case ("en", "id"), or "".
	Language string
	// Categories are the feed's own categories for the item.
	Categories []string
	// FeedGenre is the kind of item the article's feed carries when the
	// feed as a whole is not news ("podcast", "lesson": package genre's
	// names), decided from the whole feed when its source configures no
	// genre; "" for a news feed and for a source's configured genre, which
	// tagging takes from the source (topic.Hints.Genre).
	FeedGenre string
	// Published and Updated come from the feed; when the feed gives no date,
	// both are the start of the cycle that first stored the article.
	Published time.Time
	Updated   time.Time
	// FirstSeen is when warta first stored the article: the start of the
	// cycle that stored it, plus its place among that cycle's story
	// decisions in microseconds, so that the order of FirstSeen is the
	// order stories were decided in (the story index is rebuilt in it).
	FirstSeen time.Time

	// Topics are the topics the article was tagged with, and why.
	Topics []TopicMatch

	// Story identity (see Story).
	StoryID string
	// Fingerprint is the near-duplicate fingerprint of title and text.
	Fingerprint uint64
	// Sketch is what the story index keeps of the article, in dedupe's
	// encoding (stored, so that the index is rebuilt at start without
	// re-reading and re-sketching the text); nil when not computed.
	Sketch []byte
	// StoryMatch says why the article joined its story; zero for the
	// article that started the story.
	StoryMatch StoryMatch
}

// TopicMatch is one topic an article was tagged with and the reason.
type TopicMatch struct {
	Slug  string  `json:"slug"`
	Score float64 `json:"score"`
	// Terms are the configured terms or phrases that matched, as written in
	// the config, with where they matched ("title" or "body").
	Terms []TermHit `json:"terms,omitempty"`
	// Forced is set when the source forces the topic on all its items.
	Forced bool `json:"forced,omitempty"`
}

// TermHit is one matched term.
type TermHit struct {
	Term   string  `json:"term"`
	Field  string  `json:"field"` // "title" or "body"
	Weight float64 `json:"weight"`
}

// StoryMatch records why an article joined an existing story.
type StoryMatch struct {
	// MatchedID is the ID of the stored article it was found similar to.
	MatchedID string `json:"matched_id,omitempty"`
	// Similarity is in [0,1]; 1 means identical fingerprints.
	Similarity float64 `json:"similarity,omitempty"`
	// Method names how similarity was judged (dedupe.Method: "minhash-lead").
	Method string `json:"method,omitempty"`
}

// HasTopic reports whether the article is tagged with slug.
func (a *Article) HasTopic(slug string) bool {
	for _, t := range a.Topics {
		if t.Slug == slug {
			return true
		}
	}
	return false
}

// Story is one news story: the first-seen copy (Lead) and the copies other
// outlets carried later, oldest first.
type Story struct {
	ID     string
	Lead   *Article
	Copies []*Article
}

// Identifier is the story's ID, else, for a story built without one, its
// lead's story ID or ID: what feed entries (urn:warta:story:…), the story's
// page and filters (story:) name it by.
func (s *Story) Identifier() string {
	if s.ID != "" {
		return s.ID
	}
	if s.Lead != nil {
		if s.Lead.StoryID != "" {
			return s.Lead.StoryID
		}
		return s.Lead.ID
	}
	return ""
}

// Articles returns the story's articles, lead first, leaving out any nil
// (a story read back with a copy that is gone).
func (s *Story) Articles() []*Article {
	out := make([]*Article, 0, 1+len(s.Copies))
	if s.Lead != nil {
		out = append(out, s.Lead)
	}
	for _, c := range s.Copies {
		if c != nil {
			out = append(out, c)
		}
	}
	return out
}

// TopicSlugs returns the union of the topics of all the story's articles, in
// the order first met.
func (s *Story) TopicSlugs() []string {
	seen := map[string]bool{}
	var out []string
	for _, a := range s.Articles() {
		for _, t := range a.Topics {
			if t.Slug != "" && !seen[t.Slug] {
				seen[t.Slug] = true
				out = append(out, t.Slug)
			}
		}
	}
	return out
}
