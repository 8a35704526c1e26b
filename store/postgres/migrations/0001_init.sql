-- 0001: articles, their topics, per-source fetch state and a key/value table.
-- The same tables as the SQLite schema. Times are timestamptz (microseconds:
-- nanoseconds are truncated). Fingerprints are the uint64 bit pattern stored
-- as a signed bigint. IDs sort with the "C" collation, byte order as in Go,
-- so ORDER BY id and keyset paging agree with the SQLite store whatever the
-- database's default collation. JSON stays text: nothing queries inside it
-- and text round-trips byte for byte.

CREATE TABLE articles (
    id               text COLLATE "C" NOT NULL PRIMARY KEY,
    story_id         text COLLATE "C" NOT NULL,
    first_seen       timestamptz      NOT NULL,
    published        timestamptz      NOT NULL,
    updated          timestamptz      NOT NULL,
    url              text             NOT NULL,
    fingerprint      bigint           NOT NULL,
    source           text             NOT NULL,
    language         text             NOT NULL,
    match_id         text             NOT NULL,
    match_similarity double precision NOT NULL,
    match_method     text             NOT NULL,
    guid             text             NOT NULL,
    link             text             NOT NULL,
    author           text             NOT NULL,
    title            text             NOT NULL,
    categories       text             NOT NULL, -- JSON array, or "null"
    summary          text             NOT NULL,
    text             text             NOT NULL,
    content          text             NOT NULL,
    -- The planner estimates "id = story_id" at 0.5% of rows (it has no
    -- statistics comparing two columns), while most articles lead their
    -- story: a stored column has statistics, and with them a rare topic's
    -- stories are found from its few topic rows instead of by walking every
    -- lead.
    is_lead          boolean GENERATED ALWAYS AS (id = story_id) STORED
);

-- Empty URLs are not identities, so they may repeat.
CREATE UNIQUE INDEX articles_url ON articles (url) WHERE url <> '';
CREATE INDEX articles_story ON articles (story_id, first_seen, id);
CREATE INDEX articles_first_seen ON articles (first_seen, id);
-- Story leads, newest first: the page query of Stories walks this index.
CREATE INDEX articles_leads ON articles (published DESC, id DESC) WHERE is_lead;

-- story_id repeats the article's (which never changes) so that "stories with
-- topic X" is answered from the (slug, story_id) index alone.
CREATE TABLE article_topics (
    article_id text COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    pos        integer          NOT NULL, -- keeps the tagger's order
    story_id   text COLLATE "C" NOT NULL,
    slug       text             NOT NULL,
    score      double precision NOT NULL,
    terms      text             NOT NULL, -- JSON array of article.TermHit, or "null"
    forced     boolean          NOT NULL,
    PRIMARY KEY (article_id, pos)
);

CREATE INDEX article_topics_slug ON article_topics (slug, story_id);

CREATE TABLE fetch_state (
    source        text        NOT NULL PRIMARY KEY,
    etag          text        NOT NULL,
    last_modified text        NOT NULL,
    last_attempt  timestamptz NOT NULL,
    last_success  timestamptz NOT NULL,
    next_attempt  timestamptz NOT NULL,
    failures      integer     NOT NULL,
    last_status   integer     NOT NULL,
    last_error    text        NOT NULL,
    items         integer     NOT NULL
);

CREATE TABLE meta (
    key   text NOT NULL PRIMARY KEY,
    value text NOT NULL
);
