-- 0005: the walk that rebuilds the story index at start (store.Sketches)
-- reads this index alone: the sketch is the row's last column, after the
-- text that spills into overflow pages, so reading it from the table cost
-- a lookup and the row's whole chain per article. The index keeps the
-- order of the one it replaces, which every walk by first sight uses.
DROP INDEX articles_first_seen;
CREATE INDEX articles_first_seen ON articles (first_seen, id, story_id, published, sketch);
