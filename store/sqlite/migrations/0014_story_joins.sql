-- 0014: readers' joins: story story_id (its lead's article ID) was folded
-- into story into_id by a reader (warta join): its articles are into_id's
-- now, and its ID is no story's. One row per joined story; at_ns is when
-- it was joined, in Unix nanoseconds. Kept while into_id has an article
-- (Prune deletes it with into_id's last one), so that a page or a label
-- naming the joined story finds where it went, and the join can be undone.
CREATE TABLE story_joins (
    story_id TEXT    NOT NULL PRIMARY KEY,
    into_id  TEXT    NOT NULL,
    note     TEXT    NOT NULL DEFAULT '',
    at_ns    INTEGER NOT NULL
) STRICT;
CREATE INDEX story_joins_into ON story_joins (into_id);
