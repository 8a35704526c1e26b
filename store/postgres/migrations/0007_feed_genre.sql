-- 0007: the genre of the feed an article came from when that feed is not
-- news ("podcast", "lesson": package genre's names; '' for news and for
-- articles stored before), so that re-tagging keeps such items out of
-- hard-news topics as the cycle that stored them did.
ALTER TABLE articles ADD COLUMN feed_genre text NOT NULL DEFAULT '';
