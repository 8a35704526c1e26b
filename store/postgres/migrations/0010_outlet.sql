-- 0010: the outlet a feed names as an item's own when it carries other
-- outlets' items (an RSS item's <source>: Google News), and the address it
-- gives for it; '' when it names none (then the source is the outlet, as
-- for every article stored before).
ALTER TABLE articles ADD COLUMN outlet text NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN outlet_url text NOT NULL DEFAULT '';
