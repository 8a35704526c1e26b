package postgres

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/warta-news/warta/store"
	"github.com/warta-news/warta/store/internal/schema"
)

const upsertFetchState = `INSERT INTO fetch_state (` + schema.FetchStateCols + `)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ` + schema.FetchStateConflict

// FetchStates implements store.Store.
func (s *Store) FetchStates(ctx context.Context) (map[string]store.FetchState, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+schema.FetchStateCols+` FROM fetch_state`)
	if err != nil {
		return nil, fmt.Errorf("store: fetch states: %w", err)
	}
	all, err := pgx.CollectRows(rows, scanFetchState)
	if err != nil {
		return nil, fmt.Errorf("store: fetch states: %w", err)
	}
	out := make(map[string]store.FetchState, len(all))
	for _, s := range all {
		out[s.source] = s.state
	}
	return out, nil
}

// sourceState is one fetch_state row.
type sourceState struct {
	source string
	state  store.FetchState
}

// scanFetchState reads one row of schema.FetchStateCols.
func scanFetchState(row pgx.CollectableRow) (sourceState, error) {
	var s sourceState
	st := &s.state
	if err := row.Scan(&s.source, &st.ETag, &st.LastModified, &st.LastAttempt, &st.LastSuccess,
		&st.NextAttempt, &st.Failures, &st.LastStatus, &st.LastError, &st.Items, &st.ItemVotes); err != nil {
		return sourceState{}, err
	}
	st.LastAttempt, st.LastSuccess, st.NextAttempt = st.LastAttempt.UTC(), st.LastSuccess.UTC(), st.NextAttempt.UTC()
	return s, nil
}

// Meta implements store.Store.
func (s *Store) Meta(ctx context.Context, key string) (string, bool, error) {
	var v string
	err := s.pool.QueryRow(ctx, `SELECT value FROM meta WHERE key = $1`, key).Scan(&v)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("store: meta %s: %w", key, err)
	}
	return v, true, nil
}

func fetchStateArgs(source string, st store.FetchState) ([]any, error) {
	for _, t := range []time.Time{st.LastAttempt, st.LastSuccess, st.NextAttempt} {
		if err := schema.CheckTime(t); err != nil {
			return nil, fmt.Errorf("store: source %s: fetch state: %w", source, err)
		}
	}
	return []any{source, st.ETag, st.LastModified, st.LastAttempt, st.LastSuccess, st.NextAttempt,
		st.Failures, st.LastStatus, st.LastError, st.Items, st.ItemVotes}, nil
}

// SetMeta implements store.Store.
func (s *Store) SetMeta(ctx context.Context, key, value string) error {
	_, err := s.pool.Exec(ctx, upsertMeta, key, value)
	if err != nil {
		return fmt.Errorf("store: set meta %s: %w", key, err)
	}
	return nil
}

// DeleteMeta implements store.Store.
func (s *Store) DeleteMeta(ctx context.Context, key, value string) (bool, error) {
	tag, err := s.pool.Exec(ctx, `DELETE FROM meta WHERE key = $1 AND value = $2`, key, value)
	if err != nil {
		return false, fmt.Errorf("store: delete meta %s: %w", key, err)
	}
	return tag.RowsAffected() > 0, nil
}

// upsertMeta stores value $2 under key $1.
const upsertMeta = `INSERT INTO meta (key, value) VALUES ($1, $2) ` + schema.MetaConflict

// Model implements store.Store.
func (s *Store) Model(ctx context.Context, name string) (string, []byte, bool, error) {
	var version string
	var data []byte
	err := s.pool.QueryRow(ctx, `SELECT version, data FROM models WHERE name = $1`, name).Scan(&version, &data)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", nil, false, nil
	}
	if err != nil {
		return "", nil, false, fmt.Errorf("store: model %s: %w", name, err)
	}
	return version, data, true, nil
}

// SetModel implements store.Store.
func (s *Store) SetModel(ctx context.Context, name, version string, data []byte) error {
	_, err := s.pool.Exec(ctx,
		`INSERT INTO models (name, version, data) VALUES ($1, $2, $3)
		ON CONFLICT (name) DO UPDATE SET version = excluded.version, data = excluded.data`,
		name, version, schema.BlobArg(data))
	if err != nil {
		return fmt.Errorf("store: set model %s: %w", name, err)
	}
	return nil
}

// HostHolds implements store.Store.
func (s *Store) HostHolds(ctx context.Context, now time.Time) (map[string]time.Time, error) {
	rows, err := s.pool.Query(ctx, `SELECT server, until_ns FROM host_holds WHERE until_ns > $1`, now.UnixNano())
	if err != nil {
		return nil, fmt.Errorf("store: host holds: %w", err)
	}
	defer rows.Close()
	holds := map[string]time.Time{}
	for rows.Next() {
		var server string
		var until int64
		if err := rows.Scan(&server, &until); err != nil {
			return nil, fmt.Errorf("store: host holds: %w", err)
		}
		holds[server] = time.Unix(0, until)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: host holds: %w", err)
	}
	return holds, nil
}

// HoldHosts implements store.Store: each server's hold is one upsert,
// a statement of its own, so that two processes storing holds of the
// same servers never wait for each other's row in turn (a deadlock).
func (s *Store) HoldHosts(ctx context.Context, holds map[string]time.Time, now time.Time) error {
	for _, server := range slices.Sorted(maps.Keys(holds)) {
		until := holds[server]
		if !until.After(now) {
			continue
		}
		if _, err := s.pool.Exec(ctx, `INSERT INTO host_holds (server, until_ns) VALUES ($1, $2) `+schema.HoldConflict,
			server, until.UnixNano()); err != nil {
			return fmt.Errorf("store: hold %s: %w", server, err)
		}
	}
	if _, err := s.pool.Exec(ctx, `DELETE FROM host_holds WHERE until_ns <= $1`, now.UnixNano()); err != nil {
		return fmt.Errorf("store: host holds: %w", err)
	}
	return nil
}
