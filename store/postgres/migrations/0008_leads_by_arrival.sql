-- 0008: feeds list stories by arrival, not by the lead's published date:
-- by the minute the lead was first seen (in UTC), the last first, then by
-- published, the newest first, then id. A story stored after others dated
-- later still reaches the first page readers poll, and within one cycle's
-- minute the newest news comes first whatever order the feeds were
-- fetched in. The leads index follows the new order (read.go
-- arrivalOrder, the same expression).
CREATE INDEX articles_arrived ON articles
    (date_trunc('minute', first_seen AT TIME ZONE 'UTC') DESC, published DESC, id DESC) WHERE is_lead;
DROP INDEX articles_leads;
