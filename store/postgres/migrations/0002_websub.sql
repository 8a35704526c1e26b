-- 0002: the WebSub hub's subscriptions, one per topic (feed URL) and
-- callback. The same table as the SQLite schema.
CREATE TABLE websub_subscriptions (
    topic     text        NOT NULL,
    callback  text        NOT NULL,
    secret    text        NOT NULL,
    expires   timestamptz NOT NULL,
    failures  integer     NOT NULL,
    delivered text        NOT NULL,
    PRIMARY KEY (topic, callback)
);
