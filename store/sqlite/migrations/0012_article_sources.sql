-- 0012: every configured source that carried an article, not only the
-- one that stored it first (articles.source): a second source listing the
-- same link (an aggregator, a section feed, a source renamed in the
-- config) carries it too, and ?source= views and /status count it there.
-- Rows go with their article (ON DELETE CASCADE). Filled from the
-- articles' own sources.
CREATE TABLE article_sources (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    source     TEXT NOT NULL,
    PRIMARY KEY (article_id, source)
) STRICT, WITHOUT ROWID;

CREATE INDEX article_sources_source ON article_sources (source);

INSERT INTO article_sources (article_id, source) SELECT id, source FROM articles;
