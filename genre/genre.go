// Package genre tells news from the other items feeds carry: podcast
// episodes, software release notes, social posts, TV synopses, videos,
// language lessons and blog posts, and the items news feeds carry beside
// their reports — sponsored content, "today in history" pieces, profiles,
// service pieces (tips, recipes, guides), photo galleries, newsletters'
// editions, notices (call-outs, sign-up promotions, an organisation's note
// that its people were quoted elsewhere), quizzes and cartoons, each known by
// the marker its publisher puts on it. Such items may still belong to a soft desk (a football
// podcast is sport, a release is technology) but never to a hard-news
// topic: a reader of "international relations" expects reports, not
// "Episode 41: the summit".
//
// An item is judged twice. On its own (Of): general and cheap cues read
// from the title, the link, the categories and the shape of the text, in
// English and Indonesian; the first cue found names the genre, and the
// reason says which cue it was. And as one of its feed's items (OfFeed): a
// source publishes one kind of item, so a feed that says what it is (its
// own URL, an iTunes channel of audio episodes, its title) or whose items
// are mostly of one genre makes all its items that genre, even the lesson
// that retells a news story in news words. The feed's verdict travels with
// each item as article.Article.FeedGenre, which Of reads last.
package genre

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/warta-news/warta/article"
)

// Genre is what kind of item an article is.
type Genre uint8

// The genres.
const (
	News Genre = iota
	Podcast
	Release
	Social
	Synopsis
	Video
	Lesson
	Blog
	Sponsored
	History
	Profile
	Guide
	Gallery
	Newsletter
	Notice
	Puzzle
	Cartoon
	numGenres
)

// String names the genre in words, as explanations say it.
func (g Genre) String() string {
	_, words := g.names()
	return words
}

// Name is the genre's stable name, as stored (article.Article.FeedGenre)
// and configured (a source's genre): "news", "podcast", "release", ….
func (g Genre) Name() string {
	name, _ := g.names()
	return name
}

// names returns the genre's Name and its String.
func (g Genre) names() (name, words string) {
	switch g {
	case Podcast:
		return "podcast", "podcast"
	case Release:
		return "release", "release notes"
	case Social:
		return "social", "social post"
	case Synopsis:
		return "synopsis", "synopsis"
	case Video:
		return "video", "video"
	case Lesson:
		return "lesson", "lesson"
	case Blog:
		return "blog", "blog post"
	case Sponsored:
		return "sponsored", "sponsored content"
	case History:
		return "history", "today in history"
	case Profile:
		return "profile", "profile"
	case Guide:
		return "guide", "service piece"
	case Gallery:
		return "gallery", "photo gallery"
	case Newsletter:
		return "newsletter", "newsletter edition"
	case Notice:
		return "notice", "notice (call-out, promotion, media mention)"
	case Puzzle:
		return "puzzle", "quiz or puzzle"
	case Cartoon:
		return "cartoon", "cartoon"
	}
	return "news", "news"
}

// Parse reads a genre's Name; ok is false for a name that is none.
func Parse(name string) (g Genre, ok bool) {
	for g := News; g < numGenres; g++ {
		if g.Name() == name {
			return g, true
		}
	}
	return News, false
}

// Names are the genres' names, news first.
func Names() []string {
	out := make([]string, 0, numGenres)
	for g := News; g < numGenres; g++ {
		out = append(out, g.Name())
	}
	return out
}

// Verdict is a genre and the cue that decided it ("" for news).
type Verdict struct {
	Genre Genre
	Cue   string
}

// IsNews reports whether the item is a news report.
func (v Verdict) IsNews() bool { return v.Genre == News }

// Detector recognises genres. Its zero value is not usable; use New. It is
// safe for concurrent use.
type Detector struct {
	episode, season, version, shortVersion, titleWords *regexp.Regexp
	// feedWords and newsWords read a feed's title (OfFeed).
	feedWords, newsWords *regexp.Regexp
	// sections are the names of sections and categories of items that are
	// not reports (sectionNames); read only.
	sections map[string]Genre
}

// New compiles the cues.
func New() *Detector {
	return &Detector{
		feedWords: regexp.MustCompile(feedWordsPattern),
		newsWords: regexp.MustCompile(newsWordsPattern),
		sections:  sectionNames(),
		// "Episode 41", "Ep. 7", "Eps 12", "Episod 3", "#112:" at the start.
		episode: regexp.MustCompile(`(?i)(\b(episode|episod|eps?)\.?\s*#?\d+\b|^#\d+\s*[:|\-–—])`),
		// "S02E05", "Season 3", "Musim 2".
		season: regexp.MustCompile(`(?i)\b(s\d{1,2}\s?e\d{1,3}|season\s+\d+|musim\s+ke-?\d+)\b`),
		// A software version: "v1.2", "1.2.3", "2.0.0-rc1".
		version: regexp.MustCompile(`(?i)(\bv\d+(\.\d+)+\b|\b\d+\.\d+\.\d+(-[a-z0-9.]+)?\b)`),
		// "3.1" is a version only next to a word that says release, and
		// not when a unit follows ("release 3.5 million barrels").
		shortVersion: regexp.MustCompile(`(?i)(\b(release|rilis)\s+v?\d+\.\d+\b|\bv?\d+\.\d+\s+(is\s+)?(released|rilis)\b)(\s+\pL+)?`),
		// Words that name a genre in a title.
		titleWords: regexp.MustCompile(`(?i)\b(podcast|podcasts|siniar|changelog|release notes|released?|rilis|sinopsis|synopsis|recap|spoilers?)\b`),
	}
}

// Of returns the genre of a: its own cues first, then its feed's verdict
// (a.FeedGenre, from OfFeed).
func (d *Detector) Of(a *article.Article) Verdict {
	return d.OfWithFeed(a, a.FeedGenre)
}

// OfWithFeed is Of with feedGenre (a genre's name; "" or "news" for news)
// as its feed's verdict in place of a.FeedGenre: what a source configures.
func (d *Detector) OfWithFeed(a *article.Article, feedGenre string) Verdict {
	if v := d.ofItem(a); !v.IsNews() {
		return v
	}
	if g, _ := Parse(feedGenre); g != News {
		return Verdict{g, "its feed carries " + g.String() + " items"}
	}
	return Verdict{}
}

// ofItem returns the genre of a by its own cues alone.
func (d *Detector) ofItem(a *article.Article) Verdict {
	for _, link := range [...]string{a.Link, a.URL} {
		if v := d.fromLink(link); !v.IsNews() {
			return v
		}
	}
	for _, c := range a.Categories {
		if g, ok := d.categoryGenre(c); ok {
			return Verdict{g, "category " + c}
		}
	}
	if cue := episodeText(a.Text); cue != "" {
		return Verdict{Podcast, cue}
	}
	title := a.Title
	if strings.TrimSpace(title) == "" && utf8.RuneCountInString(a.Text) <= maxPostRunes {
		return Verdict{Social, "no headline"}
	}
	lower := strings.ToLower(title)
	if v := markedTitle(title, lower); !v.IsNews() {
		return v
	}
	if v := pastDateTitle(title, a.Published); !v.IsNews() {
		return v
	}
	if cue := sponsoredText(a.Text); cue != "" {
		return Verdict{Sponsored, cue}
	}
	// Cheap tests first: most titles name no genre and number nothing, and
	// then no regular expression runs.
	digits := strings.ContainsAny(title, "0123456789")
	if hasGenreWord(lower) {
		if w := d.titleWords.FindString(title); w != "" {
			switch strings.ToLower(w) {
			case "podcast", "podcasts", "siniar":
				return Verdict{Podcast, "title says " + w}
			case "sinopsis", "synopsis", "recap", "spoiler", "spoilers":
				return Verdict{Synopsis, "title says " + w}
			case "changelog", "release notes":
				return Verdict{Release, "title says " + w}
			default: // release, released, rilis: only with a version
				if v := d.shortVersion.FindStringSubmatch(title); v != nil && !isUnit(v[5]) {
					return Verdict{Release, "title names version: " + v[1]}
				}
			}
		}
	}
	if !digits {
		return Verdict{Genre: News}.orSocial(title, a.Text)
	}
	if hasEpisodeWord(lower) || strings.HasPrefix(title, "#") {
		if m := d.episode.FindString(title); m != "" {
			return Verdict{Podcast, "title numbers an episode: " + strings.TrimSpace(m)}
		}
	}
	if strings.Contains(lower, "season") || strings.Contains(lower, "musim") || hasSeasonCode(lower) {
		if m := d.season.FindString(title); m != "" {
			return Verdict{Synopsis, "title numbers a season: " + m}
		}
	}
	if versionShaped(title) {
		if v := d.version.FindString(title); v != "" && startsWithVersion(title, v) {
			return Verdict{Release, "title is a version: " + v}
		}
	}
	return Verdict{Genre: News}.orSocial(title, a.Text)
}

// orSocial returns v, or the social-post verdict when the item has the
// shape of a post.
func (v Verdict) orSocial(title, text string) Verdict {
	if cue := socialShape(title, text); cue != "" {
		return Verdict{Social, cue}
	}
	return v
}

// hasGenreWord reports whether a lower-cased title may hold a word that
// names a genre, before the regular expression says whether it does.
func hasGenreWord(lower string) bool {
	for _, w := range [...]string{"podcast", "siniar", "changelog", "release", "rilis", "sinopsis", "synopsis", "recap", "spoiler"} {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}

// hasEpisodeWord reports whether a lower-cased title may number an
// episode: "episode", "episod", "ep." or "eps", or "ep" before a number.
func hasEpisodeWord(lower string) bool {
	for i := strings.Index(lower, "ep"); i >= 0; {
		if i == 0 || lower[i-1] == ' ' || lower[i-1] == '(' || lower[i-1] == '[' {
			rest := lower[i+2:]
			rest = strings.TrimPrefix(rest, "s")
			rest = strings.TrimPrefix(rest, ".")
			rest = strings.TrimLeft(rest, " #")
			if strings.HasPrefix(lower[i:], "episod") || rest != "" && isDigit(rest[0]) {
				return true
			}
		}
		j := strings.Index(lower[i+2:], "ep")
		if j < 0 {
			break
		}
		i += 2 + j
	}
	return false
}

// hasSeasonCode reports whether a lower-cased title has an "s" followed by
// a digit, as "s02e05" has.
func hasSeasonCode(lower string) bool {
	for i := 0; i+1 < len(lower); i++ {
		if lower[i] == 's' && isDigit(lower[i+1]) {
			return true
		}
	}
	return false
}

// versionShaped reports whether s has what every match of the version
// pattern (Detector.version) has: a digit, a dot and a digit in a row,
// and a "v" before a digit or a second dot and digit after the first's
// digits ("1.2.3"). A figure ("1.5", "Rp3.000") runs no regular
// expression.
func versionShaped(s string) bool {
	dotted, v := false, false
	for i := 0; i+1 < len(s); i++ {
		switch c := s[i]; {
		case (c == 'v' || c == 'V') && isDigit(s[i+1]):
			v = true
		case c == '.' && i > 0 && isDigit(s[i-1]) && isDigit(s[i+1]):
			dotted = true
			j := i + 1
			for j < len(s) && isDigit(s[j]) {
				j++
			}
			if j+1 < len(s) && s[j] == '.' && isDigit(s[j+1]) {
				return true
			}
		}
	}
	return dotted && v
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// startsWithVersion reports whether the title is a version or a product
// name and a version ("v1.4.2", "Tool 2.3.0", "2.3.0: fixes"): a version
// deep inside a sentence may be a figure.
func startsWithVersion(title, v string) bool {
	i := strings.Index(title, v)
	return i >= 0 && len(strings.Fields(title[:i])) <= 2
}

// fromLink reads the genre from one of the item's links: a social network's post,
// a podcast's or a release's page.
func (d *Detector) fromLink(l string) Verdict {
	if l == "" {
		return Verdict{}
	}
	u, err := url.Parse(l)
	if err != nil || u.Host == "" {
		return Verdict{}
	}
	host := hostOf(u)
	// An item's link to a video or a blog may be a report's source.
	if g := hostGenre(host); g == Social || g == Podcast {
		return Verdict{g, "link to " + host}
	}
	path := strings.ToLower(u.Path)
	// "/@name/123": a post on a federated network (Mastodon and its kin).
	if name, rest, ok := strings.Cut(strings.TrimPrefix(path, "/@"), "/"); ok && strings.HasPrefix(path, "/@") && name != "" && isDigits(rest) {
		return Verdict{Social, "link to a post " + u.Path}
	}
	if strings.HasPrefix(host, "paidpost.") || strings.HasPrefix(host, "sponsored.") || strings.HasPrefix(host, "advertorial.") {
		return Verdict{Sponsored, "link to " + host}
	}
	if slug := historySlug(path); slug != "" {
		return Verdict{History, "link path says " + slug}
	}
	segs := strings.Split(path, "/")
	for k, seg := range segs {
		// The sections name no photo desk (sectionNames): its page may
		// be a report's, and the streams' readers took such pages for news.
		if g := d.sectionGenre(seg); g != News {
			return Verdict{g, "link path " + u.Path}
		}
		if g := linkOnlySection(seg); g != News {
			return Verdict{g, "link path " + u.Path}
		}
		switch seg {
		case "podcast", "podcasts", "episode", "episodes":
			return Verdict{Podcast, "link path " + u.Path}
		case "program":
			// A programme's own page, "/program/NAME/…", is an episode
			// (Al Jazeera's Inside Story or The Stream, On Being's
			// conversations); a news programme's clips of the day's
			// events are news (Al Jazeera's "/program/newsfeed/…"). The
			// plural "programmes" is no such marker: a radio newsroom
			// files its bulletins' reports under it.
			if k+1 < len(segs) && segs[k+1] != "" && !strings.HasPrefix(segs[k+1], "news") {
				return Verdict{Video, "link to a programme's episode " + u.Path}
			}
		case "releases", "release-notes", "changelog", "tag", "tags":
			if seg != "tag" && seg != "tags" || d.version.MatchString(path) {
				return Verdict{Release, "link path " + u.Path}
			}
		}
	}
	if strings.HasSuffix(path, ".mp3") || strings.HasSuffix(path, ".m4a") {
		return Verdict{Podcast, "link to audio " + u.Path}
	}
	return Verdict{}
}

// hostOf is u's host, lower-cased, without "www.".
func hostOf(u *url.URL) string {
	return strings.ToLower(strings.TrimPrefix(u.Hostname(), "www."))
}

// hostGenre is the genre of what host publishes when it publishes one kind
// of item only: posts on social networks, podcasts, videos, releases of
// software; News when it may publish anything.
func hostGenre(host string) Genre {
	under := func(h string) bool { return host == h || strings.HasSuffix(host, "."+h) }
	// "mastodon." is any Mastodon instance; the others are domains, which
	// a longer name only starts with ("t.metro.example").
	for _, h := range [...]string{"twitter.com", "x.com", "mastodon.", "bsky.app", "threads.net", "instagram.com", "facebook.com", "t.me", "tiktok.com", "reddit.com"} {
		if under(h) || strings.HasSuffix(h, ".") && strings.HasPrefix(host, h) {
			return Social
		}
	}
	for _, h := range [...]string{"podcasts.apple.com", "podcasts.google.com", "anchor.fm", "buzzsprout.com", "libsyn.com", "podbean.com", "megaphone.fm", "simplecast.com", "transistor.fm", "spreaker.com", "soundcloud.com", "castbox.fm", "captivate.fm", "acast.com", "art19.com", "omny.fm", "audioboom.com", "redcircle.com", "fireside.fm", "podigee.io", "pinecast.com", "podomatic.com"} {
		if under(h) {
			return Podcast
		}
	}
	for _, h := range [...]string{"youtube.com", "youtu.be", "vimeo.com", "dailymotion.com"} {
		if under(h) {
			return Video
		}
	}
	for _, h := range [...]string{"blogspot.com", "blogger.com", "medium.com", "substack.com", "wordpress.com", "tumblr.com"} {
		if under(h) {
			return Blog
		}
	}
	return News
}

// categoryGenre reads a feed category that names a genre.
func (d *Detector) categoryGenre(c string) (Genre, bool) {
	lower := strings.ToLower(strings.TrimSpace(c))
	switch lower {
	case "podcast", "podcasts", "episode", "episodes":
		return Podcast, true
	case "release", "releases", "release notes", "changelog":
		return Release, true
	case "sinopsis", "synopsis":
		return Synopsis, true
	}
	// The sections name no photo desk (sectionNames): a gallery is known
	// by its headline only.
	if g := d.sectionGenre(lower); g != News {
		return g, true
	}
	return News, false
}

// socialShape recognises a post by its shape: a title that is the start of
// a short text (feeds of posts have no headline) with the marks of a post
// (hashtags, handles, a retweet), or a title that is itself a handle or
// retweet.
func socialShape(title, text string) string {
	t := strings.TrimSpace(title)
	if strings.HasPrefix(t, "RT @") || strings.HasPrefix(t, "@") {
		return "title is a reply or retweet"
	}
	body := strings.TrimSpace(text)
	// Most items have neither mark: their runes are not counted.
	if len(body) > 2000 || !hasMark(t) && !hasMark(body) || utf8.RuneCountInString(body) > 500 {
		return ""
	}
	marks := countMarks(t) + countMarks(body)
	if marks >= 3 {
		return "hashtags and handles"
	}
	stem := strings.TrimRight(t, ".…")
	if marks >= 1 && len(stem) >= 20 && strings.HasPrefix(body, stem) {
		return "title is the text's start"
	}
	return ""
}

// hasMark reports whether s has a '#' or an '@', what every hashtag and
// handle starts with: two byte searches, faster than strings.ContainsAny.
func hasMark(s string) bool {
	return strings.IndexByte(s, '#') >= 0 || strings.IndexByte(s, '@') >= 0
}

// countMarks counts hashtags and @handles.
func countMarks(s string) int {
	n := 0
	prev := ' '
	for i, r := range s {
		if (r == '#' || r == '@') && unicode.IsSpace(prev) && i+1 < len(s) {
			next, _ := utf8.DecodeRuneInString(s[i+1:])
			if unicode.IsLetter(next) {
				n++
			}
		}
		prev = r
	}
	return n
}

// maxPostRunes is the longest text a post without a headline has: feeds
// of posts (Mastodon, Bluesky) carry no title, news always has one.
const maxPostRunes = 500

// episodeText returns a cue when the start of text introduces an episode
// ("In this episode", "Di episode ini"), as podcast feeds describe theirs.
func episodeText(text string) string {
	head := text[:min(len(text), 300)]
	if !strings.Contains(head, "pisode") && !strings.Contains(head, "PISODE") {
		return ""
	}
	head = strings.ToLower(head)
	for _, p := range [...]string{"in this episode", "on this episode", "in today's episode", "in this week's episode", "di episode ini", "dalam episode ini", "pada episode ini", "di episode kali ini", "episode kali ini"} {
		if strings.Contains(head, p) {
			return "text introduces an episode: " + p
		}
	}
	return ""
}

// isDigits reports whether s is a non-empty run of ASCII digits.
func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// isUnit reports whether w (with its leading space) is a quantity's unit.
func isUnit(w string) bool {
	switch strings.ToLower(strings.TrimSpace(w)) {
	case "million", "billion", "trillion", "percent", "per", "tonnes", "tons", "barrels",
		"juta", "miliar", "triliun", "persen", "ton", "barel":
		return true
	}
	return false
}

// Version changes whenever the cues change, so that users of the verdicts
// can tell stale ones (Older). It is a decimal integer, raised by one.
const Version = "22"

// Older reports whether verdicts that name version v were given by older
// cues than this build's: v is a lower Version, or none (builds before
// versions were kept wrote ""). A higher one is not older: a newer build
// sharing the store (a rolling upgrade) judged with cues this build does
// not know, and its verdicts stand.
func Older(v string) bool {
	n, err := strconv.Atoi(v)
	cur, _ := strconv.Atoi(Version) // TestVersionIsANumber
	return err != nil || n < cur
}
