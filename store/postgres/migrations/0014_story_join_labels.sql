-- 0014: the labels a story had when a reader joined it into another
-- (story_joins): a join moves them to the other story where it has none
-- of their topic and lets the others go, and undoing the join gives them
-- back (taking from the other story those that moved and are unchanged
-- since), so that a join loses no reader's verdict. One row per joined
-- story and topic, as story_labels; deleted with the join. story_id
-- compares as articles.story_id does (COLLATE "C").
CREATE TABLE story_join_labels (
    story_id text COLLATE "C" NOT NULL,
    topic    text    NOT NULL,
    is_of    boolean NOT NULL,
    note     text    NOT NULL DEFAULT '',
    at_ns    bigint  NOT NULL,
    PRIMARY KEY (story_id, topic)
);
