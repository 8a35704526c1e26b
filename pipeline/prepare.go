package pipeline

import (
	"cmp"
	"context"
	"fmt"
	"hash/crc32"
	"strings"
	"time"

	"github.com/warta-news/warta/actor"
	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/dedupe"
	"github.com/warta-news/warta/fetch"
	"github.com/warta-news/warta/genre"
	"github.com/warta-news/warta/language"
	"github.com/warta-news/warta/normalize"
	"github.com/warta-news/warta/parse"
	"github.com/warta-news/warta/topic"
)

// This file is the preparation path every command shares: a cycle,
// `warta explain` and `warta tag` turn feeds and items into articles with
// these functions, so they decide language, topics and stories alike.

// FetchOptions returns the fetcher options the configuration asks for.
func FetchOptions(cfg *config.Config) fetch.Options {
	return fetch.Options{
		Timeout:         cfg.Fetch.Timeout,
		ConnectTimeout:  cfg.Fetch.ConnectTimeout,
		PerHost:         cfg.Fetch.PerHost,
		MaxBodyBytes:    cfg.Fetch.MaxBodyBytes,
		UserAgent:       cfg.Fetch.UserAgent,
		PerHostInterval: perHostInterval(cfg.Fetch.PerHostInterval),
	}
}

// perHostInterval maps fetch.per_host_interval to fetch.Options: unset is
// the fetcher's default (0), an explicit 0 no spacing (negative).
func perHostInterval(d *time.Duration) time.Duration {
	switch {
	case d == nil:
		return 0
	case *d == 0:
		return -1
	}
	return *d
}

// DedupeOptions returns the story index options the configuration asks
// for; the event signatures know actors through actors (nil: by their
// words only).
func DedupeOptions(cfg *config.Config, actors dedupe.ActorSource) dedupe.Options {
	return dedupe.Options{Window: cfg.Dedupe.Window, Threshold: cfg.Dedupe.Threshold, EventThreshold: cfg.Dedupe.EventThreshold, Actors: actors}
}

// HeadlineActors recognises in a headline the states and international
// bodies package actor knows, whatever words name them ("AS", "Amerika
// Serikat", "Gedung Putih"), for the story index's event signatures. The
// daemon and `warta explain` use it alike, with the tagger's recogniser
// (topic.Tagger.Actors), so that one process builds one.
func HeadlineActors(rec *actor.Recognizer) dedupe.ActorSource {
	return headlineActors{rec: rec}
}

type headlineActors struct{ rec *actor.Recognizer }

// Actors returns the states (with their ISO 3166 code, so that a list of
// them is counted and placed in CLDR's regions) and bodies of title;
// offices and relation words are not actors of one event ("Menlu" names
// many ministers).
func (h headlineActors) Actors(title string) []dedupe.Actor {
	var out []dedupe.Actor
	for _, m := range h.rec.Find(title, "") {
		switch m.Kind {
		case actor.State:
			out = append(out, dedupe.Actor{ID: m.Kind.String() + ":" + m.ID, Text: title[m.Start:m.End], Region: m.ID})
		case actor.Body:
			out = append(out, dedupe.Actor{ID: m.Kind.String() + ":" + m.ID, Text: title[m.Start:m.End]})
		}
	}
	return out
}

// NormalizeCaps returns the caps on what is kept of each article that the
// configuration asks for.
func NormalizeCaps(cfg *config.Config) normalize.Caps {
	return normalize.Caps{MaxHTMLBytes: cfg.Normalize.MaxHTMLBytes, MaxTextBytes: cfg.Normalize.MaxTextBytes}
}

// Hints returns the topic hints a source gives its articles, its
// configured genre included.
func Hints(src config.Source) topic.Hints {
	return topic.Hints{Boost: src.Boost, Forced: src.Topics, Genre: src.Genre}
}

// Feed is a fetched feed to prepare.
type Feed struct {
	Body        []byte
	ContentType string
	// URL is where the feed was fetched from, after redirects: relative
	// item links resolve against it without its userinfo, query and
	// fragment (fetch.LinkBase).
	URL       string
	FetchedAt time.Time
	// MaxItems caps the items prepared: the newest are (parse.Feed's
	// KeepNewest); 0 prepares all.
	MaxItems int
}

// Prepared is a feed's items made articles.
type Prepared struct {
	Articles []*article.Article
	// Skipped are the items that could not be normalised (no identity).
	Skipped []SkippedItem
	// Stored counts the items left out because they are stored already
	// (only when the caller asked for them to be left out: a cycle), the
	// Corrected ones included.
	Stored int
	// Corrected are the stored items their source changed since they were
	// last prepared (their title, summary or content: itemHash), prepared
	// again to replace the stored articles (store.SourceWrite.Corrected),
	// each with the ID it is stored under.
	Corrected []*article.Article
	// Votes is each item's part in the feed-wide language vote, the
	// stored ones' included, for the next fetch of the feed (kept in its
	// fetch state): an item stored and found there is not prepared again,
	// and votes as it did when first prepared, unless its itemHash, kept
	// there too, changed (a correction). An item with a URL of its own
	// that the store holds under its LinklessID names that ID too, so the
	// next fetch asks for it before preparing the item. (An item with no
	// URL of its own is known only once normalised, its PreviousID too.)
	Votes string
	// TTL is how long the feed asked to be left alone (parse.Feed.TTL).
	TTL time.Duration
	// Dropped counts the items left out over Feed.MaxItems.
	Dropped int
	// LanguageOverride is how the feed-wide language vote overruled the
	// language the articles declared, or nil.
	LanguageOverride *LanguageOverride
	// storedIDs are the IDs the store holds the feed's stored items
	// under, those of Corrected apart.
	storedIDs []string
}

// SkippedItem is an item left out, and why.
type SkippedItem struct {
	Item *article.Article
	Err  error
}

// known is what a cycle knows of a feed's items before preparing them.
type known struct {
	// stored returns which of ids are stored (none when it cannot tell).
	stored func(ids []string) map[string]bool
	// votes is the Votes of the feed's last preparation.
	votes string
	// now is when a correction found is seen: its Updated when the feed
	// does not date it.
	now time.Time
	// article returns the stored article id names, or nil (none, or the
	// store did not answer).
	article func(id string) *article.Article
}

// storedArticle returns the stored article id names, or nil when k cannot
// read articles or read none.
func (k *known) storedArticle(id string) *article.Article {
	if k.article == nil {
		return nil
	}
	return k.article(id)
}

// PrepareFeed parses a fetched feed and prepares its items (PrepareItems)
// as coming from src; when src configures no genre and the feed as a whole
// is not news (genres' OfFeed), every article carries its genre
// (article.Article.FeedGenre).
func PrepareFeed(ctx context.Context, n *normalize.Normalizer, genres *genre.Detector, f Feed, src config.Source) (Prepared, error) {
	return prepareFeed(ctx, n, genres, f, src, nil)
}

// prepareFeed is PrepareFeed leaving out, when k is not nil, the items
// already stored.
func prepareFeed(ctx context.Context, n *normalize.Normalizer, genres *genre.Detector, f Feed, src config.Source, k *known) (Prepared, error) {
	feed, err := parse.Parse(f.Body, f.ContentType, f.FetchedAt)
	if err != nil {
		return Prepared{}, err
	}
	dropped := feed.KeepNewest(f.MaxItems)
	for _, it := range feed.Items {
		if it.Language == "" {
			it.Language = feed.Language
		}
	}
	// Relative links resolve against the feed's URL without its credentials
	// and query (fetch.LinkBase): a link-less item's "#top" or "?p=2" must
	// not publish them; its path stays, or links and IDs would break.
	prep, err := prepareItems(ctx, n, feed.Items, src, fetch.LinkBase(f.URL), feed.Link, f.FetchedAt, k)
	prep.TTL, prep.Dropped = feed.TTL, dropped
	if err == nil && src.Genre == "" {
		// Stored items were given their feed genre by the cues of the
		// genre.Version their votes name: newer cues (genreStale) judge the feed
		// again, and its stored items with it.
		rejudge := k != nil && genreStale(k.votes)
		if rejudge || len(prep.Articles)+len(prep.Corrected) > 0 {
			g := feedGenre(genres, feed, []string{src.URL, f.URL, feed.Link, feed.FeedLink})
			for _, arts := range [][]*article.Article{prep.Articles, prep.Corrected} {
				for _, a := range arts {
					a.FeedGenre = g
				}
			}
			if rejudge {
				prep.Corrected = append(prep.Corrected, regenred(k, src.Name, prep.storedIDs, g)...)
			}
		}
		prep.Votes = strings.TrimPrefix(prep.Votes+" "+genreMark+genre.Version, " ")
	}
	return prep, err
}

// feedGenre is the genre of a feed ("" for news), for a source with no
// configured genre. The vote is over all the feed's items, those already
// stored too (left as parsed), so that a refresh with few new items
// judges the feed alike; it is taken once, and not at all when there is
// nothing to mark (a refresh that finds only stored items, the cues
// unchanged).
func feedGenre(genres *genre.Detector, feed *parse.Feed, urls []string) string {
	v := genres.OfFeed(genre.Feed{
		Title: feed.Title, URLs: urls,
		ITunes: feed.ITunes, Items: len(feed.Items), AudioItems: feed.AudioItems,
	}, feed.Items)
	if v.IsNews() {
		return ""
	}
	return v.Genre.Name()
}

// regenred returns the stored articles among ids that source stored with
// a feed genre other than g, given g: written as corrections
// (store.SourceWrite.Corrected), they are tagged again, since their genre
// decides some topics, and keep their text and dates. One read per stored
// item, once per feed after the cues changed.
func regenred(k *known, source string, ids []string, g string) []*article.Article {
	var out []*article.Article
	for _, id := range ids {
		if a := k.storedArticle(id); a != nil && a.Source == source && a.FeedGenre != g {
			a.FeedGenre = g
			out = append(out, a)
		}
	}
	return out
}

// genreMark opens the word of Votes, after the items', that names the
// genre.Version whose cues gave the feed's stored items their feed genre.
// The word is shorter than a voteKey, so a build that does not know it
// ignores it; votes without it (an older build's) name no version.
const genreMark = "!"

// genreStale reports whether a feed's votes (store.FetchState.ItemVotes)
// name an older genre.Version than this build's, or none (genre.Older):
// its stored items' feed genre is to be judged again at its next fetch. A
// newer build's votes are not judged again by an older one.
func genreStale(votes string) bool { return genre.Older(genreVersionOf(votes)) }

// wholeFeedFor reports whether src's next fetch must get the feed whole,
// not a 304 to a conditional GET: its stored items' feed genre was judged
// by other genre cues (genreStale) and only the feed's items can judge it
// again.
func wholeFeedFor(src config.Source, votes string) bool {
	return src.Genre == "" && votes != "" && genreStale(votes)
}

// genreVersionOf returns the genre version votes name, or "".
func genreVersionOf(votes string) string {
	i := strings.LastIndex(votes, " "+genreMark)
	if i < 0 {
		if v, ok := strings.CutPrefix(votes, genreMark); ok {
			return v
		}
		return ""
	}
	return votes[i+1+len(genreMark):]
}

// PrepareItems normalises the items of one feed as coming from src (its
// name, language and genre; baseURL resolves relative links; now dates
// undated items) and settles their languages by the feed-wide vote. An item that
// cannot be normalised is left out and listed in Skipped. It stops with
// ctx's error when ctx ends.
func PrepareItems(ctx context.Context, n *normalize.Normalizer, items []*article.Article, src config.Source, baseURL string, now time.Time) (Prepared, error) {
	return prepareItems(ctx, n, items, src, baseURL, "", now, nil)
}

// preparedItem is one item of a feed in the language vote.
type preparedItem struct {
	a      *article.Article // nil for a stored item whose vote was kept
	id     string
	vote   string // the language it was confidently detected in, or ""
	stored bool
	// storedAs is the LinklessID the store holds it under, when not id.
	storedAs string
	// detected and conf are what language.Detect said of a.
	detected string
	conf     float64
	// hash is the item's itemHash.
	hash string
	// correctionOf is the stored ID of an item its source changed since
	// its last preparation, "" for the others.
	correctionOf string
	// dated is set on a correction the feed dates later than the stored
	// article (datedChange): its Updated is the feed's date of the change.
	dated bool
}

// prepareItems is PrepareItems leaving out, when k is not nil, the items
// already stored: those whose vote k kept are not normalised at all (the
// sanitising, plain text and detection of the items a refresh finds again
// were most of its preparing), the others only to vote. siteLink is the
// feed's own link: items linking there have no URL of their own.
func prepareItems(ctx context.Context, n *normalize.Normalizer, items []*article.Article, src config.Source, baseURL, siteLink string, now time.Time, k *known) (Prepared, error) {
	opts := normalize.Options{Now: now, SourceName: src.Name, SourceLanguage: src.Language, BaseURL: baseURL}
	opts.Shared = normalize.SharedURLs(items, siteLink, opts)
	ids := make([]string, len(items)) // "" when its title or text is part of the item's ID
	var previous []string             // the ID older builds gave such an item, or ""
	var stored map[string]bool
	var kept map[string]keptVote
	hashes := make([]string, len(items)) // each item's itemHash, as parsed
	var scratch []byte
	for i, a := range items {
		hashes[i], scratch = itemHash(a, scratch)
	}
	if k != nil {
		kept = decodeVotes(k.votes)
		asked := make([]string, 0, len(items))
		previous = make([]string, len(items))
		for i, a := range items {
			if id, ok := normalize.ID(a, opts); ok {
				ids[i] = id
				asked = append(asked, id)
				if as := kept[voteKey(id)].storedAs; as != "" {
					asked = append(asked, as)
				}
			} else if id, ok := normalize.PreviousID(a, opts); ok {
				previous[i] = id
			}
		}
		stored = k.stored(asked)
	}
	all := make([]preparedItem, 0, len(items))
	out := Prepared{}
	for i, a := range items {
		if err := ctx.Err(); err != nil {
			return Prepared{}, fmt.Errorf("pipeline: prepare: %w", err)
		}
		var correctionOf string    // the stored ID of an item its source changed
		var prior *article.Article // the article stored there
		var unchanged preparedItem // the item, should its stored part prove unchanged
		if id := ids[i]; id != "" {
			if kv, ok := kept[voteKey(id)]; ok && (stored[id] || stored[kv.storedAs]) {
				it := preparedItem{id: id, vote: kv.vote, stored: true, hash: hashes[i]}
				if !stored[id] {
					it.storedAs = kv.storedAs
				}
				// Votes kept by a build that hashed no items say nothing
				// of a change: the hash is noted for the next fetch.
				if kv.hash == "" || kv.hash == hashes[i] {
					all = append(all, it)
					continue
				}
				storedID := id
				if it.storedAs != "" {
					storedID = it.storedAs
				}
				// Only the source that stored an article corrects it: the
				// first copy wins, and another source listing the link (an
				// aggregator, a section feed) is not its author. An article
				// not read is asked about again at the next fetch.
				prior = k.storedArticle(storedID)
				if prior == nil {
					it.hash = kv.hash
				}
				if prior == nil || prior.Source != src.Name {
					all = append(all, it)
					continue
				}
				correctionOf, unchanged = storedID, it
			}
		}
		if err := n.Article(a, opts); err != nil {
			out.Skipped = append(out.Skipped, SkippedItem{Item: a, Err: err})
			continue
		}
		// A change of what is not stored (a counter in the markup, a
		// tracking pixel's query, a related-links block normalised away)
		// is no correction: writing it would re-date the article and
		// every feed holding it at each fetch. Nor is a change of the text
		// alone that the feed does not date (a count of points, comments
		// or sources in a description moves at every fetch): a correction
		// changes the headline, or the feed says when it was made.
		dated := prior != nil && datedChange(a, prior, now)
		if prior != nil && prior.Title == a.Title && (prior.Text == a.Text || !dated) {
			all = append(all, unchanged)
			continue
		}
		// A correction is prepared as a new item is (its language settled
		// by the vote), though stored.
		it := preparedItem{a: a, id: a.ID, stored: stored[a.ID] && correctionOf == "", correctionOf: correctionOf, dated: dated, hash: hashes[i]}
		it.detected, it.conf = language.Detect(language.Sample(a.Title, a.Text))
		if it.detected != "" && it.conf >= language.Confident {
			it.vote = it.detected
		}
		all = append(all, it)
	}
	if k != nil {
		// The items only their text identifies are known once normalised,
		// and so are the IDs older builds gave them (storedByPrevious) and
		// the LinklessIDs of the new items with URLs of their own: one more
		// question to the store.
		var more []string
		for i, a := range items {
			if ids[i] == "" && a.ID != "" {
				more = append(more, a.ID)
				if byPrevious(a, ids[i], previous[i]) && k.article != nil {
					more = append(more, previous[i])
				}
			}
		}
		linkless := linklessIDs(all, opts)
		for id := range linkless {
			more = append(more, id)
		}
		if len(more) > 0 {
			again := k.stored(more)
			for j := range all {
				all[j].stored = all[j].stored || again[all[j].id] && all[j].correctionOf == ""
			}
			for id, js := range linkless {
				for _, j := range js {
					if !all[j].stored && again[id] {
						all[j].stored, all[j].storedAs = true, id
					}
				}
			}
			storedByPrevious(all, items, ids, previous, again, k.article)
		}
	}
	out.Articles = make([]*article.Article, 0, len(all))
	for _, it := range all {
		if it.stored && it.correctionOf == "" {
			out.storedIDs = append(out.storedIDs, cmp.Or(it.storedAs, it.id))
		}
		if it.stored || it.correctionOf != "" {
			out.Stored++
			continue
		}
		out.Articles = append(out.Articles, it.a)
	}
	out.LanguageOverride = resolveLanguages(all)
	for _, it := range all {
		if it.correctionOf != "" {
			out.Corrected = append(out.Corrected, correction(it.a, it.correctionOf, it.dated, k.now))
		}
	}
	out.Votes = encodeVotes(all)
	return out, nil
}

// datedChange reports whether the feed dates a, prepared again, later
// than the stored prior was last dated (its publication or its last
// correction). An item the feed does not date was dated now by
// normalising, which says nothing of a change. Times compare to the
// microsecond, as far as the stores keep them.
func datedChange(a, prior *article.Article, now time.Time) bool {
	if a.Published.Equal(now) {
		return false
	}
	return latest(a).Truncate(time.Microsecond).After(latest(prior).Truncate(time.Microsecond))
}

// latest is the later of a's publication and update times.
func latest(a *article.Article) time.Time {
	if a.Updated.After(a.Published) {
		return a.Updated
	}
	return a.Published
}

// correction makes a, prepared again after its source changed it, the
// correction of the article stored as id seen at now: its Updated is the
// feed's date of the change when the feed dates it later than the stored
// article (dated), else now.
func correction(a *article.Article, id string, dated bool, now time.Time) *article.Article {
	a.ID = id
	if dated {
		a.Updated = latest(a)
	} else {
		a.Updated = now
	}
	return a
}

// itemHash is a short hash of what a source may correct in an item as
// parsed (title, summary, content), kept in Votes: an item found stored
// whose hash changed is prepared again as a correction. CRC-32C is
// hardware-accelerated, so a refresh that hashes every item stays fast;
// 32 bits make a missed correction a one-in-four-billion event.
func itemHash(a *article.Article, scratch []byte) (string, []byte) {
	tab := crc32.MakeTable(crc32.Castagnoli) // made once by the package
	// The fields one after another, each closed by a zero byte, in one
	// buffer the caller reuses: a feed's items are not each copied to
	// the heap to be hashed.
	b := scratch[:0]
	for _, f := range []string{a.Title, a.Summary, a.Content} {
		b = append(append(b, f...), 0)
	}
	return fmt.Sprintf("%08x", crc32.Checksum(b, tab)), b
}

// byPrevious reports whether a, normalised, may have been stored by an
// older build under previous, its PreviousID: it had no ID before
// normalising (id) and normalising gave it another.
func byPrevious(a *article.Article, id, previous string) bool {
	return id == "" && previous != "" && a.ID != "" && a.ID != previous
}

// storedByPrevious marks stored the items an older build stored under
// their PreviousID (there: which IDs the store holds, previous ones among
// them): the article stored there, read with read, has the item's title
// (its text when it has none). Another title under that ID is another
// story that reused the GUID or the link, and is new.
func storedByPrevious(all []preparedItem, items []*article.Article, ids, previous []string, there map[string]bool, read func(id string) *article.Article) {
	if len(there) == 0 || read == nil {
		return
	}
	var byID map[string]int // all's indexes by ID, made at the first item asked
	for i, a := range items {
		if !byPrevious(a, ids[i], previous[i]) || !there[previous[i]] {
			continue
		}
		if byID == nil {
			byID = make(map[string]int, len(all))
			for j, it := range all {
				if it.a != nil {
					byID[it.a.ID] = j
				}
			}
		}
		j, ok := byID[a.ID]
		if !ok || all[j].stored || all[j].a != a {
			continue
		}
		old := read(previous[i])
		if old != nil && old.Title == a.Title && (a.Title != "" || old.Text == a.Text) {
			all[j].stored = true
		}
	}
}

// linklessIDs maps the LinklessID of each item of all not known stored
// and with a URL of its own to its indexes in all: an earlier fetch, when
// another story shared the item's link (or an earlier build, when the
// feed listed it under two GUIDs), stored it under that ID.
func linklessIDs(all []preparedItem, opts normalize.Options) map[string][]int {
	linkless := map[string][]int{}
	for j, it := range all {
		if it.stored || it.a == nil || it.correctionOf != "" {
			continue
		}
		if id, ok := normalize.LinklessID(it.a, opts); ok {
			linkless[id] = append(linkless[id], j)
		}
	}
	return linkless
}

// resolveLanguages settles the language of each item to be stored. Feeds
// often declare the wrong one (many Indonesian feeds say "en"), and a
// short headline alone is weak evidence, so the feed as a whole speaks
// first: when its items' confident votes (the stored ones' too) settle on
// a language other than the declared one (feedLanguage), that language
// becomes the declared one; each item is then checked against it. It
// returns how the vote overruled the declared language of the items to be
// stored, or nil when it did not.
func resolveLanguages(items []preparedItem) *LanguageOverride {
	votes := map[string]int{}
	confident := 0
	for _, it := range items {
		if it.vote != "" {
			votes[it.vote]++
			confident++
		}
	}
	var overruled *LanguageOverride
	for _, it := range items {
		if it.stored {
			continue
		}
		a := it.a
		declared := feedLanguage(a.Language, votes, confident, len(items))
		if declared != a.Language {
			if overruled == nil {
				overruled = &LanguageOverride{Declared: a.Language, Voted: declared,
					DeclaredVotes: votes[a.Language], Votes: votes[declared], Items: len(items)}
			}
			overruled.Overruled++
		}
		a.Language = language.Decide(declared, it.detected, it.conf)
	}
	return overruled
}

// feedLanguage is the language a feed's items declaring declared are
// taken to be in, given the feed's confident votes (by language, confident
// in all) over its items: another language wins when most items vote for
// it, or when at least minOverrulingVotes do and it has more than twice
// the declared language's votes. The second rule is for feeds of
// headlines: most are too short to vote at all, so a majority of the items
// is out of reach, while a detector that is confident is rarely wrong, so
// votes that clearly agree are enough; a few stray votes are not.
func feedLanguage(declared string, votes map[string]int, confident, items int) string {
	best, bestVotes := declared, 0
	for lang, n := range votes {
		if lang == declared || n < bestVotes || n == bestVotes && lang > best {
			continue
		}
		majority := 2*n > confident && 2*n > items
		agreed := n >= minOverrulingVotes && n > 2*votes[declared]
		if majority || agreed {
			best, bestVotes = lang, n
		}
	}
	return best
}

// minOverrulingVotes is how many confident votes a language needs to
// overrule the declared one without being most of the feed's items.
const minOverrulingVotes = 3

// LanguageOverride is how a feed's language vote overruled the language
// its items declared.
type LanguageOverride struct {
	// Declared is the language the items declared, Voted the one the
	// vote settled on.
	Declared, Voted string
	// DeclaredVotes and Votes are the confident votes for each, among
	// Items (the feed's items, the stored ones too).
	DeclaredVotes, Votes, Items int
	// Overruled counts the items to be stored whose declared language
	// was overruled.
	Overruled int
}

// voteKey is how Votes names an item: the first 16 hex digits (64 bits)
// of its ID, plenty among one feed's items.
func voteKey(id string) string { return id[:min(len(id), voteKeyLen)] }

const voteKeyLen = 16

// encodeVotes writes the items' votes in Votes' form: one word per item,
// its voteKey followed by the language it votes for (nothing for none),
// then, for an item stored under its LinklessID, a word of storedAsMark
// and that ID, then, when hashed, a word of hashMark and its itemHash.
func encodeVotes(items []preparedItem) string {
	var b strings.Builder
	for i, it := range items {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(voteKey(it.id))
		b.WriteString(it.vote)
		if it.storedAs != "" {
			b.WriteString(" " + storedAsMark + it.storedAs)
		}
		if it.hash != "" {
			b.WriteString(" " + hashMark + it.hash)
		}
	}
	return b.String()
}

// hashMark opens the word of Votes that holds the itemHash of the item
// before it. The word is shorter than a voteKey and comes after any of
// storedAsMark, so a build that does not know it ignores it and still
// reads the storedAsMark word.

// storedAsMark opens the word of Votes that names the LinklessID the item
// before it is stored under. No voteKey starts with it (IDs are hex), so a
// build that does not know the word reads a key no item has.
const storedAsMark = "@"

const hashMark = "#"

// keptVote is what Votes kept of one item.
type keptVote struct {
	vote     string
	storedAs string // the LinklessID the store held it under, or ""
	hash     string // its itemHash, or "" (a build that hashed no items)
}

// decodeVotes reads Votes back, by voteKey; a word too short to hold a key
// (a form this build does not know) is ignored, and its item prepared.
func decodeVotes(votes string) map[string]keptVote {
	if votes == "" {
		return nil
	}
	out := make(map[string]keptVote, strings.Count(votes, " ")+1)
	last := ""
	for w := range strings.SplitSeq(votes, " ") {
		if as, ok := strings.CutPrefix(w, storedAsMark); ok {
			if kv, seen := out[last]; seen && as != "" {
				kv.storedAs = as
				out[last] = kv
			}
			continue
		}
		if h, ok := strings.CutPrefix(w, hashMark); ok {
			if kv, seen := out[last]; seen {
				kv.hash = h
				out[last] = kv
			}
			continue
		}
		last = ""
		if len(w) >= voteKeyLen {
			last = w[:voteKeyLen]
			out[last] = keptVote{vote: w[voteKeyLen:]}
		}
	}
	return out
}
