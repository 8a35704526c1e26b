-- 0009: servers held back by a 429/503 Retry-After, one row per server
-- (host:port) with the time, in Unix nanoseconds, before which it is not
-- asked. Each process stores its holds with an upsert that keeps a
-- server's later time, so two storing at once both keep theirs. The holds
-- older builds kept in meta as one JSON object are no longer read (a hold
-- lasts a day at most; each held source still waits its own Retry-After).
CREATE TABLE host_holds (
    server   text   NOT NULL PRIMARY KEY,
    until_ns bigint NOT NULL
);
DELETE FROM meta WHERE key = 'host_holds';
