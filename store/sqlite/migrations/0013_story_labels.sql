-- 0013: readers' labels: a story is (is_of = 1) or is not (is_of = 0) of a
-- topic, whatever the tagger says, for every article of it, those that
-- join it later included. One row per story and topic; at_ns is when it
-- was set, in Unix nanoseconds. A story's ID is its lead's, which never
-- changes, so a label outlives any one copy; Prune deletes it with the
-- story's last article.
CREATE TABLE story_labels (
    story_id TEXT    NOT NULL,
    topic    TEXT    NOT NULL,
    is_of    INTEGER NOT NULL CHECK (is_of IN (0, 1)),
    note     TEXT    NOT NULL DEFAULT '',
    at_ns    INTEGER NOT NULL,
    PRIMARY KEY (story_id, topic)
) STRICT;
