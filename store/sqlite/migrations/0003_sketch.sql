-- 0003: each article's sketch, what the story index keeps of it (dedupe's
-- encoding), so that the index is rebuilt at start without re-reading and
-- re-sketching the text. NULL or empty for articles stored without one.
ALTER TABLE articles ADD COLUMN sketch BLOB;
