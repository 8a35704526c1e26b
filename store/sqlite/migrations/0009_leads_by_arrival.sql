-- 0009: feeds list stories by arrival, the lead's first_seen (then id),
-- newest first, not by the lead's published date: a story stored after
-- others dated later still reaches the first page readers poll. The
-- leads index follows the new order.
CREATE INDEX articles_arrived ON articles (first_seen DESC, id DESC) WHERE id = story_id;
DROP INDEX articles_leads;
