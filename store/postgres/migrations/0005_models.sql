-- 0005: learned models kept across restarts (the topic stream model's
-- snapshot), each under a name with the version its owner checks before
-- trusting it.
CREATE TABLE models (
    name    text  NOT NULL PRIMARY KEY,
    version text  NOT NULL,
    data    bytea NOT NULL
);
