-- 0001: articles, their topics, per-source fetch state and a key/value table.
-- Times are fixed-width UTC text (2006-01-02T15:04:05.000000000Z) so that text
-- order is time order and nanoseconds survive. Fingerprints are the uint64 bit
-- pattern stored as a signed INTEGER.

-- Small, hot columns come first: SQLite reads a row only up to the last
-- column a query needs, and the long text columns spill into overflow pages.
CREATE TABLE articles (
    id               TEXT    NOT NULL PRIMARY KEY,
    story_id         TEXT    NOT NULL,
    first_seen       TEXT    NOT NULL,
    published        TEXT    NOT NULL,
    updated          TEXT    NOT NULL,
    url              TEXT    NOT NULL,
    fingerprint      INTEGER NOT NULL,
    source           TEXT    NOT NULL,
    language         TEXT    NOT NULL,
    match_id         TEXT    NOT NULL,
    match_similarity REAL    NOT NULL,
    match_method     TEXT    NOT NULL,
    guid             TEXT    NOT NULL,
    link             TEXT    NOT NULL,
    author           TEXT    NOT NULL,
    title            TEXT    NOT NULL,
    categories       TEXT    NOT NULL, -- JSON array, or "null"
    summary          TEXT    NOT NULL,
    text             TEXT    NOT NULL,
    content          TEXT    NOT NULL
) STRICT;

-- Empty URLs are not identities, so they may repeat.
CREATE UNIQUE INDEX articles_url ON articles (url) WHERE url <> '';
CREATE INDEX articles_story ON articles (story_id, first_seen, id);
CREATE INDEX articles_first_seen ON articles (first_seen, id);
-- Story leads, newest first: the page query of Stories walks this index.
CREATE INDEX articles_leads ON articles (published DESC, id DESC) WHERE id = story_id;

-- story_id repeats the article's (which never changes) so that "stories with
-- topic X" is answered from the (slug, story_id) index alone.
CREATE TABLE article_topics (
    article_id TEXT    NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    pos        INTEGER NOT NULL, -- keeps the tagger's order
    story_id   TEXT    NOT NULL,
    slug       TEXT    NOT NULL,
    score      REAL    NOT NULL,
    terms      TEXT    NOT NULL, -- JSON array of article.TermHit, or "null"
    forced     INTEGER NOT NULL,
    PRIMARY KEY (article_id, pos)
) STRICT, WITHOUT ROWID;

CREATE INDEX article_topics_slug ON article_topics (slug, story_id);

CREATE TABLE fetch_state (
    source        TEXT    NOT NULL PRIMARY KEY,
    etag          TEXT    NOT NULL,
    last_modified TEXT    NOT NULL,
    last_attempt  TEXT    NOT NULL,
    last_success  TEXT    NOT NULL,
    next_attempt  TEXT    NOT NULL,
    failures      INTEGER NOT NULL,
    last_status   INTEGER NOT NULL,
    last_error    TEXT    NOT NULL,
    items         INTEGER NOT NULL
) STRICT;

CREATE TABLE meta (
    key   TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
