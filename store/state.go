package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

const fetchStateCols = `source, etag, last_modified, last_attempt, last_success, next_attempt,
	failures, last_status, last_error, items`

const upsertFetchState = `INSERT INTO fetch_state (` + fetchStateCols + `)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ` + fetchStateConflict

// fetchStateConflict ends both drivers' fetch-state upserts: the new state
// replaces the old.
const fetchStateConflict = `ON CONFLICT (source) DO UPDATE SET
		etag = excluded.etag, last_modified = excluded.last_modified,
		last_attempt = excluded.last_attempt, last_success = excluded.last_success,
		next_attempt = excluded.next_attempt, failures = excluded.failures,
		last_status = excluded.last_status, last_error = excluded.last_error,
		items = excluded.items`

// execer is what the write helpers need from *sql.Tx.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

func writeFetchState(ctx context.Context, ex execer, source string, st FetchState) error {
	args, err := fetchStateArgs(st)
	if err != nil {
		return fmt.Errorf("store: source %s: %w", source, err)
	}
	if _, err := ex.ExecContext(ctx, upsertFetchState, append([]any{source}, args...)...); err != nil {
		return fmt.Errorf("store: source %s: save fetch state: %w", source, err)
	}
	return nil
}

// SaveFetchState implements Store.
func (s *sqliteStore) SaveFetchState(ctx context.Context, source string, st FetchState) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		return writeFetchState(ctx, tx, source, st)
	})
}

// FetchState implements Store.
func (s *sqliteStore) FetchState(ctx context.Context, source string) (FetchState, error) {
	row := s.r.QueryRowContext(ctx, `SELECT `+fetchStateCols+` FROM fetch_state WHERE source = ?`, source)
	_, st, err := scanFetchState(row)
	if errors.Is(err, sql.ErrNoRows) {
		return FetchState{}, nil
	}
	if err != nil {
		return FetchState{}, fmt.Errorf("store: source %s: fetch state: %w", source, err)
	}
	return st, nil
}

// FetchStates implements Store.
func (s *sqliteStore) FetchStates(ctx context.Context) (map[string]FetchState, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+fetchStateCols+` FROM fetch_state`)
	if err != nil {
		return nil, fmt.Errorf("store: fetch states: %w", err)
	}
	defer rows.Close()
	out := map[string]FetchState{}
	for rows.Next() {
		src, st, err := scanFetchState(rows)
		if err != nil {
			return nil, fmt.Errorf("store: fetch states: %w", err)
		}
		out[src] = st
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: fetch states: %w", err)
	}
	return out, nil
}

// Meta implements Store.
func (s *sqliteStore) Meta(ctx context.Context, key string) (string, bool, error) {
	var v string
	err := s.r.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("store: meta %s: %w", key, err)
	}
	return v, true, nil
}

// SetMeta implements Store.
func (s *sqliteStore) SetMeta(ctx context.Context, key, value string) error {
	_, err := s.w.ExecContext(ctx,
		`INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
		key, value)
	if err != nil {
		return fmt.Errorf("store: set meta %s: %w", key, err)
	}
	return nil
}
