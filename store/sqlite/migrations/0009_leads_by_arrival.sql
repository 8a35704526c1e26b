-- 0009: feeds list stories by arrival, not by the lead's published date:
-- by the minute the lead was first seen (first_seen's first 16 bytes,
-- "2006-01-02T15:04"), the last first, then by published, the newest
-- first, then id. A story stored after others dated later still reaches
-- the first page readers poll, and within one cycle's minute the newest
-- news comes first whatever order the feeds were fetched in. The leads
-- index follows the new order (read.go arrivalOrder, the same expression).
CREATE INDEX articles_arrived ON articles (substr(first_seen, 1, 16) DESC, published DESC, id DESC) WHERE id = story_id;
DROP INDEX articles_leads;
