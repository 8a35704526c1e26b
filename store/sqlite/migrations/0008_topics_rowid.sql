-- 0008: article_topics becomes a rowid table. Keyed by article ID (a hash),
-- the WITHOUT ROWID table put every topic row, ~600 bytes of terms with
-- it, on a random page of a 20 MB tree (1,000 feeds × 20 items): each
-- batch read and rewrote a page per row. Rows now append in write order;
-- the (article_id, pos) key becomes a small index of its own. The rows
-- and their order by pos are unchanged.
CREATE TABLE article_topics_appended (
    article_id TEXT    NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    pos        INTEGER NOT NULL, -- keeps the tagger's order
    story_id   TEXT    NOT NULL,
    slug       TEXT    NOT NULL,
    score      REAL    NOT NULL,
    terms      TEXT    NOT NULL, -- JSON array of article.TermHit, or "null"
    forced     INTEGER NOT NULL,
    PRIMARY KEY (article_id, pos)
) STRICT;

INSERT INTO article_topics_appended (article_id, pos, story_id, slug, score, terms, forced)
    SELECT article_id, pos, story_id, slug, score, terms, forced FROM article_topics;
DROP TABLE article_topics;
ALTER TABLE article_topics_appended RENAME TO article_topics;
CREATE INDEX article_topics_slug ON article_topics (slug, story_id);
