package genre

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/warta-news/warta/article"
)

// Feed is what a feed says of itself beside its items, as parsed.
type Feed struct {
	// Title is the feed's own (RSS channel, Atom feed).
	Title string
	// URLs are where the feed was fetched from and the links it gives
	// itself (site, self).
	URLs []string
	// ITunes is set when the channel carries iTunes podcast tags.
	ITunes bool
	// Items counts the feed's items, AudioItems those with an audio
	// enclosure.
	Items, AudioItems int
}

// itemOnly reports whether g is known by each item's own marker only and
// casts no vote in its feed's genre (OfFeed): a feed with galleries,
// editions, notices, puzzles or cartoons among its reports is a news feed.
func (g Genre) itemOnly() bool {
	switch g {
	case Gallery, Newsletter, Notice, Puzzle, Cartoon:
		return true
	}
	return false
}

// minVotes is the fewest items of one genre that make a feed that genre by
// the vote: one odd item among a few is the item's own business.
const minVotes = 2

// OfFeed returns the genre of the items a feed carries: what the feed says
// of itself — its URLs (a repository's releases, a channel of videos
// unless its title names news, a social network, a podcast host), an
// iTunes channel whose items are mostly audio episodes, a title that names
// a genre and not news —
// else the genre of more than half of its items, each judged by its own
// cues (at least minVotes of them). A news feed with a podcast episode, a
// video or an audio clip among its reports stays news: only the feed as a
// whole makes its items something else.
func (d *Detector) OfFeed(f Feed, items []*article.Article) Verdict {
	for _, u := range f.URLs {
		v := d.feedURLGenre(u)
		// A channel of videos that calls itself news is a newsroom's
		// channel: its clips are reports. A podcast, a social account or
		// a repository stays what its host makes it, whatever its title.
		if v.Genre == Video && d.newsWords.MatchString(f.Title) {
			continue
		}
		if !v.IsNews() {
			return v
		}
	}
	if f.ITunes && 2*f.AudioItems > f.Items {
		return Verdict{Podcast, fmt.Sprintf("an iTunes channel, %d of its %d items audio", f.AudioItems, f.Items)}
	}
	if v := d.selfDescribed(f.Title); !v.IsNews() {
		return v
	}
	var votes [numGenres]int
	for _, a := range items {
		// Galleries, newsletters' editions, notices, puzzles and cartoons
		// are known by their own markers only: a photo desk's unmarked
		// report pages stay news (fromLink), and so do the unmarked items
		// of a feed whose items are mostly such.
		if g := d.ofItem(a).Genre; !g.itemOnly() {
			votes[g]++
		}
	}
	best := News
	for g := Podcast; g < numGenres; g++ {
		if votes[g] > votes[best] || best == News && votes[g] > 0 {
			best = g
		}
	}
	if best != News && votes[best] >= minVotes && 2*votes[best] > len(items) {
		return Verdict{best, fmt.Sprintf("%d of its %d items are %s", votes[best], len(items), best)}
	}
	return Verdict{}
}

// feedURLGenre reads the genre of a feed's items from one of its own URLs:
// a host that publishes one kind of item, or a path that names it
// (".../releases.atom", "/podcast/rss", "/advertorial/rss", a federated
// account's "/@name.rss").
func (d *Detector) feedURLGenre(raw string) Verdict {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return Verdict{}
	}
	host := hostOf(u)
	if g := hostGenre(host); g != News {
		return Verdict{g, "feed on " + host}
	}
	// A code host's feeds are a repository's releases, tags or commits.
	if host == "github.com" || host == "gitlab.com" {
		return Verdict{Release, "feed on " + host}
	}
	path := strings.ToLower(u.Path)
	if strings.HasPrefix(path, "/@") || strings.HasPrefix(path, "/users/") && strings.HasSuffix(path, ".rss") {
		return Verdict{Social, "feed of an account " + u.Path}
	}
	for _, seg := range strings.Split(path, "/") {
		seg = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(seg, ".atom"), ".xml"), ".rss")
		// A section of advertorials or of today-in-history pieces is what
		// every item of its feed is. A profile or service name is not a
		// feed's verdict: it may name a writer's page (the Guardian's
		// /profile/<writer>/rss is news) or a section whose pieces read as
		// news; its items' own links and categories still mark theirs.
		if g := d.sectionGenre(seg); g == Sponsored || g == History {
			return Verdict{g, "feed path " + u.Path}
		}
		switch seg {
		case "podcast", "podcasts":
			return Verdict{Podcast, "feed path " + u.Path}
		case "releases", "release-notes", "changelog":
			return Verdict{Release, "feed path " + u.Path}
		}
	}
	return Verdict{}
}

// selfDescribed reads the genre a feed names in its title ("Release notes
// from …", "… Podcast", "… Blog", "Belajar Bahasa Inggris", "Learning
// English"), unless it names news too: "Podcast News" is news. The
// description is not read: it is prose about the outlet ("a group-edited
// blog that profiles the companies …" describes a news site).
func (d *Detector) selfDescribed(title string) Verdict {
	if d.newsWords.MatchString(title) {
		return Verdict{}
	}
	m := d.feedWords.FindStringSubmatch(title)
	if m == nil {
		return Verdict{}
	}
	cue := "feed title says " + m[0]
	switch {
	case m[1] != "":
		return Verdict{Podcast, cue}
	case m[2] != "":
		return Verdict{Release, cue}
	case m[3] != "":
		return Verdict{Blog, cue}
	}
	return Verdict{Lesson, cue}
}

// feedWordsPattern names genres in a feed's title: podcasts
// (1), release notes (2), blogs (3), lessons and courses (the rest), in
// English and Indonesian.
const feedWordsPattern = `(?i)\b(?:(podcasts?|siniar)|(release notes|releases|changelog|catatan rilis)|(blogs?|weblog)|` +
	`learning english|learn english|english lessons?|lessons|courses?|tutorials|` +
	`belajar|pelajaran|kursus)\b`

// newsWordsPattern names news in a feed's title.
const newsWordsPattern = `(?i)\b(news|berita|headlines|kabar|warta)\b`
