// Package store defines warta's persistence: the Store interface the
// pipeline, publisher and CLI use, and the types and errors they share. The
// drivers live in sub-packages with the same semantics, checked by one
// contract suite (store/storetest): store/sqlite, embedded SQLite (pure Go,
// WAL, a single writer connection), the default, and store/postgres (pgx),
// which several warta daemons may share. Each versions its schema with
// embedded SQL migrations applied when it opens. This package imports no
// driver; cmd/warta picks one by the configured name.
package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"time"

	"github.com/warta-news/warta/article"
)

// Store is warta's persistence. Implementations are safe for concurrent use.
type Store interface {
	// Existing reports which of ids are already stored: the map holds true
	// for every stored ID and nothing for the others.
	Existing(ctx context.Context, ids []string) (map[string]bool, error)
	// SaveSource writes, in ONE transaction, a source's fetch state and its
	// articles. Articles whose ID is already stored are left untouched (the
	// first copy wins) and are not returned; duplicates within arts are
	// written once. Returns the IDs inserted, in the order of arts. An
	// article with an empty StoryID is stored as the lead of its own story.
	SaveSource(ctx context.Context, source string, state FetchState, arts []*article.Article) ([]string, error)
	// SaveSources writes several sources as SaveSource writes one, in one
	// transaction: each source's fetch state and articles are written
	// together or not at all, and a source that cannot be written (an
	// article without ID or with a URL stored under another ID, a time out
	// of range) is left out with its error while the others are written.
	// An article in several sources of the batch is written with the
	// first. The result has one entry per source, in the order of batch.
	// The error is non-nil when the store failed (database, context): then
	// no source of the batch is written. A batch that inserts an article
	// sets a new feeds' version (MetaFeedsVersion) in its transaction.
	SaveSources(ctx context.Context, batch []SourceWrite) ([]SourceSaved, error)
	// FetchStates returns the fetch state of every known source.
	FetchStates(ctx context.Context) (map[string]FetchState, error)
	// Since calls fn for every article first seen at or after t, oldest
	// first (FirstSeen, then ID). An error from fn stops the walk and is
	// returned.
	Since(ctx context.Context, t time.Time, fn func(*article.Article) error) error
	// ArticlesPerHour calls fn with how many of the articles first seen at
	// or after t were first seen in each UTC hour (hour is its start):
	// per source (topic "") and per topic slug they are tagged with
	// (source ""), the status pages' charts, counted by the database
	// rather than read article by article. An error from fn stops it and
	// is returned.
	ArticlesPerHour(ctx context.Context, t time.Time, fn func(hour time.Time, source, topic string, n int) error) error
	// Sketches calls fn, as Since does, for every article first seen at or
	// after t, oldest first, with only what the story index needs to be
	// rebuilt: ID, StoryID, FirstSeen, Published and Sketch (nil for an
	// article stored without one). The next rows are read while fn runs.
	Sketches(ctx context.Context, t time.Time, fn func(*article.Article) error) error
	// Article returns one article by ID; ErrNotFound otherwise.
	Article(ctx context.Context, id string) (*article.Article, error)
	// Story returns story id (its lead's ID) with every stored article of
	// it: the Lead (nil when it is no longer stored) and the Copies by
	// FirstSeen, then ID; ErrNotFound when no stored article is of it.
	Story(ctx context.Context, id string) (*article.Story, error)
	// Stories returns the newest stories by arrival: by the minute (UTC)
	// of the lead's FirstSeen, then the lead's Published, then ID, all
	// descending (a story found late, dated before others, still comes
	// first; within one cycle, whose FirstSeens follow the feeds' fetch
	// order, the newest news comes first), at most limit; topic "" means all stories, else stories
	// with at least one article tagged topic. Each Story carries its Lead
	// (the article whose ID == StoryID) and Copies (the others, by
	// FirstSeen, then ID). Stories whose lead is not stored are left out.
	Stories(ctx context.Context, topic string, limit int) ([]*article.Story, error)
	// CountStories returns how many stories Stories would list for topic
	// without a limit.
	CountStories(ctx context.Context, topic string) (int, error)
	// CarryAs records source to as carrying every stored article source
	// from carried (article.Article.CarriedBy): a source renamed in the
	// config takes over what its earlier name carried. It returns how many
	// it recorded for the first time, and sets a new feeds' version when
	// any.
	CarryAs(ctx context.Context, from, to string) (int, error)
	// ArticlesBySource returns how many stored articles each source
	// carried (article.Article.CarriedBy: an article two sources listed
	// counts for both); sources without articles are absent.
	ArticlesBySource(ctx context.Context) (map[string]int, error)
	// Subscriptions returns the WebSub hub's subscriptions.
	Subscriptions(ctx context.Context) ([]Subscription, error)
	// SaveSubscription inserts a subscription or replaces the one with the
	// same topic and callback.
	SaveSubscription(ctx context.Context, sub Subscription) error
	// DeleteSubscription removes the subscription of topic and callback;
	// removing one that is not stored is not an error.
	DeleteSubscription(ctx context.Context, topic, callback string) error
	// SetTopics replaces the topics of the given articles in one
	// transaction (re-tagging), which sets a new feeds' version
	// (MetaFeedsVersion). IDs that are not stored are ignored.
	SetTopics(ctx context.Context, topics map[string][]article.TopicMatch) error
	// Labels returns every reader's label (article.Label), by story, then
	// topic.
	Labels(ctx context.Context) ([]article.Label, error)
	// StoryLabels returns the readers' labels of story, by topic: what a
	// story's page shows, without reading every label.
	StoryLabels(ctx context.Context, story string) ([]article.Label, error)
	// SetLabel stores l, replacing the label of the same story and topic.
	// It does not change the story's stored topics: the caller applies
	// the label (SetTopics), as a cycle applies every label it reads.
	SetLabel(ctx context.Context, l article.Label) error
	// DeleteLabel removes the label of story on topic and reports whether
	// there was one.
	DeleteLabel(ctx context.Context, story, topic string) (bool, error)
	// Joins returns every reader's join of two stories (article.Join), by
	// the joined story's ID, each with the labels kept for its undo
	// (Join.Labels, by topic).
	Joins(ctx context.Context) ([]article.Join, error)
	// StoryJoins returns the joins that name story, by the joined story's
	// ID: its own, when a reader joined it into another story, and those
	// into it.
	StoryJoins(ctx context.Context, story string) ([]article.Join, error)
	// JoinStory makes every stored article of story j.Story an article of
	// story j.Into, in one transaction: their story and their topics'
	// story change; j.Story's lead, when stored, gets StoryMatch
	// {MatchedID: j.Into, Method: article.MethodJoin}; its labels move to
	// j.Into where j.Into has none of their topic (the others go), and
	// all of them are kept with the join for its undoing; the joins into
	// j.Story become joins into j.Into; j is recorded (replacing a join
	// of j.Story); the feeds' version and the stories' version
	// (MetaStoriesVersion) change. It returns j as recorded, with the
	// labels kept for its undo (as StoryJoins reads it), or an error
	// wrapping ErrNotFound when no stored article is of j.Story; it
	// refuses a story joined into itself. The caller holds the stories
	// lock (TryLock) and checks that j.Into is a story (not itself
	// joined).
	JoinStory(ctx context.Context, j article.Join) (article.Join, error)
	// UnjoinStory undoes the join of story, in one transaction: the
	// articles ids (article.Story.JoinedFrom of the story it was joined
	// into) that are still of that story become story's again; its lead,
	// when its StoryMatch names a join, gets none; the joins of the moved
	// articles' stories point at story again; the labels story had when
	// joined are its again (a label set on it since stays), and those of
	// them that moved and are unchanged since leave the story it was
	// joined into; the join is deleted; the feeds' and the stories'
	// versions change. It returns an error wrapping ErrNotFound when story is not
	// joined. The caller holds the stories lock.
	UnjoinStory(ctx context.Context, story string, ids []string) error
	// SetSketches replaces the story sketches of the given articles in
	// one transaction (the story index sketched them again from their
	// text: their stored sketches were of another format). IDs that are
	// not stored are ignored. Feeds show no sketch: the feeds' version
	// stays.
	SetSketches(ctx context.Context, sketches map[string][]byte) error
	// Meta returns the value stored under key and whether there is one.
	Meta(ctx context.Context, key string) (string, bool, error)
	// SetMeta stores value under key, replacing any previous value.
	SetMeta(ctx context.Context, key, value string) error
	// DeleteMeta removes key if it still holds value (a writer that
	// replaced it since it was read keeps its value), and reports whether
	// it did.
	DeleteMeta(ctx context.Context, key, value string) (bool, error)
	// HostHolds returns the servers (host:port) held back by a
	// Retry-After until a time after now, with that time.
	HostHolds(ctx context.Context, now time.Time) (map[string]time.Time, error)
	// HoldHosts stores holds, server by server, each keeping the later of
	// its stored and its new time, atomically: processes storing holds at
	// the same moment all keep theirs. Holds that end at or before now are
	// forgotten.
	HoldHosts(ctx context.Context, holds map[string]time.Time, now time.Time) error
	// Model returns the data of the model stored under name (the stream
	// model's snapshot) with the version it was stored with, and whether
	// there is one.
	Model(ctx context.Context, name string) (version string, data []byte, ok bool, err error)
	// SetModel stores data under name with version, replacing any.
	SetModel(ctx context.Context, name, version string, data []byte) error
	// Prune deletes articles first seen before t, except those keep
	// reports (by ID and source) to be kept and leads of stories that
	// still have a kept or newer copy; returns how many. A nil keep keeps
	// none. When it deletes any, it sets a new feeds' version
	// (MetaFeedsVersion) in its transaction, and deletes the labels of
	// the stories it left with no article: no later article can join
	// them.
	Prune(ctx context.Context, before time.Time, keep KeepFunc) (int, error)
	// Claim takes, for one cycle, units of req (a source, or sources
	// claimed together) this process may fetch, and returns them with a
	// release to call once their results are saved (or not: Release). PostgreSQL leases
	// at most req.Limit units, so that daemons sharing the database split
	// them: a unit is claimed by one process per due time. SQLite, one
	// machine's single writer, hands out every unit under a store-wide
	// lock instead (claims of one owner nest: the first one's release
	// drops the lock), and fails with ErrBusy while another process holds
	// it.
	Claim(ctx context.Context, req ClaimRequest) (claimed []string, release Release, err error)
	// RenewClaims extends to until the lease of every claim of owner still
	// held at now (not released, not run out): a cycle renews its claims
	// while it runs, so that a lease need not outlast the longest cycle.
	// SQLite's claims hold until released, and renew as nothing.
	RenewClaims(ctx context.Context, owner string, now, until time.Time) error
	// ClaimsExclusive reports whether a claim keeps every other process's
	// cycle out of the store until it is released (SQLite's store-wide
	// lock): then no other process asks for a TryLock lock that a cycle
	// holding its claim takes.
	ClaimsExclusive() bool
	// TryLock takes the named lock, shared by every process that uses the
	// database, unless another holder has it (ok false). A cycle holds one
	// while it decides stories and writes, so that stories stay one across
	// daemons.
	TryLock(ctx context.Context, name string) (release func(), ok bool, err error)
	// LockHeld returns an error wrapping ErrLockLost unless this store
	// still holds the named lock it took with TryLock: a PostgreSQL
	// advisory lock ends with its connection (terminated, timed out, a
	// failover), and another process may have it now. A cycle asks
	// before each batch it writes under the stories lock.
	LockHeld(ctx context.Context, name string) error
	// Close releases the database.
	Close() error
}

// KeepFunc reports whether Prune keeps the article id of source although
// it is past retention (a source still lists it: deleted, it would be
// stored again as new at the next fetch).
type KeepFunc func(id, source string) bool

// PruneCandidate is an article first seen before Prune's cut, as a
// driver reads it to decide (Pruned) whether it goes.
type PruneCandidate struct {
	ID, Source, StoryID string
	// NewerCopy is set on a lead that has a copy first seen at or after
	// the cut.
	NewerCopy bool
}

// Pruned returns the IDs among cands that Prune deletes: those keep does
// not keep, unless they lead a story with a newer or kept copy (a story
// never loses its lead).
func Pruned(cands []PruneCandidate, keep KeepFunc) []string {
	kept := make(map[string]bool)   // by ID
	keptIn := make(map[string]bool) // story IDs with a kept copy
	if keep != nil {
		for _, c := range cands {
			if keep(c.ID, c.Source) {
				kept[c.ID], keptIn[c.StoryID] = true, true
			}
		}
	}
	var out []string
	for _, c := range cands {
		lead := c.ID == c.StoryID
		if kept[c.ID] || lead && (c.NewerCopy || keptIn[c.ID]) {
			continue
		}
		out = append(out, c.ID)
	}
	return out
}

// MetaFeedsVersion is the meta key (Store.Meta) of the feeds' version, a
// value that changes whenever what the feeds show may have: every batch
// SaveSources stores with new articles sets one, in the same transaction,
// so that a cycle failing half-way still moves it for what it stored, as
// do re-tagging (SetTopics) and pruning that deletes (Prune): the store
// alone sets it. Every process sharing the store compares it with the
// version it last published.
const MetaFeedsVersion = "feeds_version"

// MetaStoriesVersion is the meta key of the stories' version: a value
// that changes whenever a reader joins two stories or undoes a join
// (JoinStory, UnjoinStory), in the same transaction. A process keeping a
// story index built from the store rebuilds it when the version differs
// from the one it built at: nothing else moves a stored article from one
// story to another.
const MetaStoriesVersion = "stories_version"

// NewName returns a name that no process sharing the store has made
// before: a feeds' version (MetaFeedsVersion), a process's name among
// those sharing the store.
func NewName() string {
	var b [8]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// Subscription is one WebSub subscriber of one topic (a feed URL); see
// package publish/websub.
type Subscription struct {
	// Topic is the URL of the feed subscribed to; Callback where its
	// content is delivered. The pair identifies the subscription.
	Topic, Callback string
	// Secret signs deliveries (X-Hub-Signature); "" for none.
	Secret string
	// Expires is when the lease ends.
	Expires time.Time
	// Failures counts consecutive failed delivery attempts.
	Failures int
	// Delivered identifies the content last delivered (a hash), "" before
	// the first delivery.
	Delivered string
}

// Release ends the claims of one Claim. unsaved are the claimed units
// whose results the cycle did not save (it failed or stopped first): they
// are free at once, for this due time too, so that a cycle retried at once
// fetches them; the others stay claimed for their due time.
type Release func(ctx context.Context, unsaved []string) error

// ClaimRequest asks Store.Claim for units of work. Times are the
// claimer's clock: daemons sharing a database must agree on the time to
// well within a minute (NTP).
type ClaimRequest struct {
	// Owner names the claiming process; releasing ends only its claims.
	Owner string
	// Units are what to claim, each a source's name or a key naming
	// sources claimed together.
	Units []string
	// Now is when the claim is made.
	Now time.Time
	// Since starts the due time being claimed for: a unit another owner
	// claimed at or after Since was taken for it already and is not
	// claimed again.
	Since time.Time
	// Limit caps the units claimed; zero claims every free one.
	Limit int
	// Lease is how long a claim holds when it is not released: a process
	// that dies holding units loses them to others when it ends.
	Lease time.Duration
}

// SourceWrite is one source's part of SaveSources: its fetch state and
// its new articles.
type SourceWrite struct {
	Source   string
	State    FetchState
	Articles []*article.Article
	// Corrected are stored articles their source changed: each one's
	// title, summary, content, text, author, categories, language, feed
	// genre, Updated (never before its stored Published), topics and, when
	// it carries one, Sketch (the story index's, of the corrected text)
	// replace the stored ones; its ID, story, FirstSeen and Published stay. One not
	// stored (pruned meanwhile) is ignored. A correction written sets a
	// new feeds' version (MetaFeedsVersion), as an insert does.
	Corrected []*article.Article
	// Carried are the IDs of stored articles the source listed (stored
	// by another source, or under an earlier name of this one): the
	// source is recorded as carrying each (article.Article.CarriedBy),
	// as it is each article of Articles. IDs not stored are ignored. A
	// carrier recorded for the first time sets a new feeds' version.
	Carried []string
}

// SourceSaved is what SaveSources did with one source: the IDs it inserted,
// in the order of its articles, or the error that kept the source out.
type SourceSaved struct {
	Inserted []string
	// Corrected counts the articles of SourceWrite.Corrected updated.
	Corrected int
	Err       error
}

// FetchState is what warta remembers about fetching one source.
type FetchState struct {
	// ETag and LastModified are the validators of the last 200 response,
	// sent back on the next conditional GET.
	ETag, LastModified string
	// LastAttempt, LastSuccess and NextAttempt drive the backoff.
	LastAttempt, LastSuccess, NextAttempt time.Time
	// Failures counts consecutive failed fetches.
	Failures int
	// LastStatus is the HTTP status of the last attempt (0 when none).
	LastStatus int
	// LastError is the error of the last attempt, "" on success.
	LastError string
	// Items is the number of items in the last successful parse.
	Items int
	// ItemVotes is what the pipeline keeps of the last parse's items (each
	// one's language vote), so that the next fetch need not prepare again
	// the items it stored. Opaque to the store.
	ItemVotes string
}

// ErrBusy is returned by Claim when another process holds the store-wide
// lock of a store with a single writer.
var ErrBusy = errors.New("store: busy: another process is writing")

// ErrLockLost is returned by LockHeld for a named lock the store no
// longer holds.
var ErrLockLost = errors.New("store: lock lost")

// ErrNotFound is returned when an article is not stored.
var ErrNotFound = errors.New("store: not found")

// ErrSchemaTooNew is returned by Open when the database was migrated by a
// newer warta: it holds a migration this build does not know, and writing
// to it could corrupt it.
var ErrSchemaTooNew = errors.New("store: database schema is newer than this build")

// ErrNoDatabase is returned when a read-only opening finds no database:
// nothing has been stored yet, and reading must not create one.
var ErrNoDatabase = errors.New("store: no database")

// ErrCorrupt is returned when the database file is damaged (a malformed
// page, or not a database at all). What is readable can often be copied
// out into a fresh database.
var ErrCorrupt = errors.New("store: database is corrupt")

// ErrFileReplaced is returned by every write once the database file opened
// has been deleted, moved or replaced: writing on would go into a file
// nobody will ever open again.
var ErrFileReplaced = errors.New("store: database file was deleted or replaced while open")
