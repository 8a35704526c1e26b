package topic

import "strings"

// An outlet files its culture, lifestyle, travel and entertainment pieces
// under desks of those names, and a piece it filed so is not hard news,
// whatever country it names: a travel piece on Japan, a review of a war
// film, an interview with a singer about her exile. The link says where it
// was filed — a section host ("travel.example.com") or the path's first
// segment ("/lifeandstyle/…", "/en/travel/…") — so such an item gets no
// hard-news topic, by its rules or the models, as an item that is not news
// gets none; a source's boost for the topic and its forced topics still
// give one (BENCHMARKS.md, softdesk).

// softDesks are the usual names of those desks in English and Indonesian,
// as links spell them.
var softDesks = map[string]bool{
	// Culture and the arts.
	"culture": true, "arts": true, "artanddesign": true, "art-and-design": true, "books": true, "music": true,
	"film": true, "movies": true, "tv-and-radio": true, "stage": true, "theatre": true, "theater": true,
	"budaya": true, "buku": true, "musik": true,
	// Lifestyle, fashion, food and travel.
	"lifestyle": true, "lifeandstyle": true, "life-and-style": true, "style": true, "fashion": true, "beauty": true,
	"wellness": true, "food": true, "travel": true, "gayahidup": true, "gaya-hidup": true, "gaya": true,
	"kuliner": true, "wisata": true,
	// Entertainment.
	"entertainment": true, "celebrity": true, "showbiz": true, "hiburan": true, "seleb": true, "selebriti": true,
}

// softDeskOf returns the culture or lifestyle desk that link names (see
// softDesks), or "". It reads the link by hand: it runs for every article
// tagged, and url.Parse allocates.
func softDeskOf(link string) string {
	_, rest, ok := strings.Cut(link, "://")
	if !ok {
		return ""
	}
	host, path, _ := strings.Cut(rest, "/")
	host = host[strings.LastIndexByte(host, '@')+1:]
	if first, _, ok := strings.Cut(host, "."); ok {
		if first = strings.ToLower(first); softDesks[first] {
			return first
		}
	}
	if i := strings.IndexAny(path, "?#"); i >= 0 {
		path = path[:i]
	}
	seg, after, _ := strings.Cut(path, "/")
	if len(seg) == 2 && after != "" {
		seg, _, _ = strings.Cut(after, "/") // a language's code first ("/en/travel/…")
	}
	if seg = strings.ToLower(seg); softDesks[seg] {
		return seg
	}
	return ""
}
