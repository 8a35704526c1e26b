package publish

import (
	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/publish/filter"
)

// Carrier is a feed that carries a story, and why.
type Carrier struct {
	Slug  string `json:"slug"`
	Title string `json:"title"`
	// Why is "every story", "tagged <topic>" or "filter <filter>".
	Why string `json:"why"`
}

// Carriers returns the feeds among feeds (as given to New; "all" is
// added) that carry story s, in order: what `warta explain` shows. A feed
// whose filter does not parse carries nothing, as New leaves it out.
// labels are the readers' labels (nil for none): a topic the story is
// labelled of is carried for the label.
func Carriers(feeds []FeedInfo, s *article.Story, labels article.LabelSet) []Carrier {
	out := []Carrier{{Slug: AllSlug, Title: "All stories", Why: "every story"}}
	topics := s.TopicSlugs()
	for _, f := range feeds {
		if f.Filter != "" {
			parsed, err := filter.Parse(f.Filter)
			if err == nil && parsed.Match(s) {
				out = append(out, Carrier{Slug: f.Slug, Title: f.Title, Why: "filter " + parsed.String()})
			}
			continue
		}
		for _, t := range topics {
			if t != f.Slug {
				continue
			}
			why := "tagged " + t
			if of, ok := labels.Verdict(s.Identifier(), t); ok && of {
				why = "labelled " + t + " by a reader"
			}
			out = append(out, Carrier{Slug: f.Slug, Title: f.Title, Why: why})
		}
	}
	return out
}
