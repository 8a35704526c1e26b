-- 0004: learned models kept across restarts (the topic stream model's
-- snapshot), each under a name with the version its owner checks before
-- trusting it.
CREATE TABLE models (
    name    TEXT NOT NULL PRIMARY KEY,
    version TEXT NOT NULL,
    data    BLOB NOT NULL
) STRICT;
