-- 0006: what the pipeline keeps of a source's last parsed items (their
-- language votes), so that a refresh prepares only the items it has not
-- stored (store.FetchState.ItemVotes).
ALTER TABLE fetch_state ADD COLUMN item_votes TEXT NOT NULL DEFAULT '';
