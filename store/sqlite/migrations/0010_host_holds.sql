-- 0010: servers held back by a 429/503 Retry-After, one row per server
-- (host:port) with the time, in Unix nanoseconds, before which it is not
-- asked. Each process stores its holds with an upsert that keeps a
-- server's later time, so two storing at once both keep theirs. The holds
-- older builds kept in meta (key host_holds, one JSON object) stay there:
-- the pipeline moves the ones still running into this table, in Go, so
-- that a value it cannot parse fails no migration, and deletes the key.
CREATE TABLE host_holds (
    server   TEXT    NOT NULL PRIMARY KEY,
    until_ns INTEGER NOT NULL
) STRICT;
