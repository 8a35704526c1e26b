-- 0003: claims on sources, so that daemons sharing the database split the
-- fetching (store.Store.Claim). A unit is a source's name or a key naming
-- sources claimed together (the pipeline's choice). A claim holds until
-- expires_at unless released; claimed_at says for which due time it was
-- taken: a unit another daemon claimed at or after a cycle's start is not
-- claimed again in that cycle. SQLite has no such table: one writer claims everything.

CREATE TABLE source_claims (
    unit       text COLLATE "C" NOT NULL PRIMARY KEY,
    owner      text             NOT NULL, -- who claimed it last
    claimed_at timestamptz      NOT NULL,
    expires_at timestamptz      NOT NULL
);
