-- 0012: readers' labels: a story is (is_of) or is not of a topic,
-- whatever the tagger says, for every article of it, those that join it
-- later included. One row per story and topic; at_ns is when it was set,
-- in Unix nanoseconds. A story's ID is its lead's, which never changes,
-- so a label outlives any one copy; Prune deletes it with the story's
-- last article. story_id compares as articles.story_id does (COLLATE "C").
CREATE TABLE story_labels (
    story_id text COLLATE "C" NOT NULL,
    topic    text    NOT NULL,
    is_of    boolean NOT NULL,
    note     text    NOT NULL DEFAULT '',
    at_ns    bigint  NOT NULL,
    PRIMARY KEY (story_id, topic)
);
