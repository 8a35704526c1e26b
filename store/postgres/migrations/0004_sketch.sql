-- 0004: each article's sketch, what the story index keeps of it (dedupe's
-- encoding), so that the index is rebuilt at start without re-reading and
-- re-sketching the text. Empty for articles stored before.
ALTER TABLE articles ADD COLUMN sketch bytea NOT NULL DEFAULT '\x';
