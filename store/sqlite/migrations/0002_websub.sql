-- 0002: the WebSub hub's subscriptions, one per topic (feed URL) and
-- callback. Times as in 0001.
CREATE TABLE websub_subscriptions (
    topic     TEXT    NOT NULL,
    callback  TEXT    NOT NULL,
    secret    TEXT    NOT NULL,
    expires   TEXT    NOT NULL,
    failures  INTEGER NOT NULL,
    delivered TEXT    NOT NULL,
    PRIMARY KEY (topic, callback)
) STRICT;
