package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/warta-news/warta/store"
	"github.com/warta-news/warta/store/internal/schema"
)

const upsertFetchState = `INSERT INTO fetch_state (` + schema.FetchStateCols + `)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ` + schema.FetchStateConflict

// FetchStates implements store.Store.
func (s *Store) FetchStates(ctx context.Context) (map[string]store.FetchState, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+schema.FetchStateCols+` FROM fetch_state`)
	if err != nil {
		return nil, s.classify(fmt.Errorf("store: fetch states: %w", err))
	}
	defer rows.Close()
	out := map[string]store.FetchState{}
	for rows.Next() {
		src, st, err := scanFetchState(rows)
		if err != nil {
			return nil, s.classify(fmt.Errorf("store: fetch states: %w", err))
		}
		out[src] = st
	}
	if err := rows.Err(); err != nil {
		return nil, s.classify(fmt.Errorf("store: fetch states: %w", err))
	}
	return out, nil
}

// Meta implements store.Store.
func (s *Store) Meta(ctx context.Context, key string) (string, bool, error) {
	var v string
	err := s.r.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, s.classify(fmt.Errorf("store: meta %s: %w", key, err))
	}
	return v, true, nil
}

// SetMeta implements store.Store.
func (s *Store) SetMeta(ctx context.Context, key, value string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error { return setMeta(ctx, tx, key, value) })
}

// DeleteMeta implements store.Store.
func (s *Store) DeleteMeta(ctx context.Context, key, value string) (bool, error) {
	var n int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM meta WHERE key = ? AND value = ?`, key, value)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return false, fmt.Errorf("store: delete meta %s: %w", key, err)
	}
	return n > 0, nil
}

// setMeta stores value under key in tx.
func setMeta(ctx context.Context, tx *sql.Tx, key, value string) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES (?, ?) `+schema.MetaConflict, key, value); err != nil {
		return fmt.Errorf("store: set meta %s: %w", key, err)
	}
	return nil
}

// Model implements store.Store.
func (s *Store) Model(ctx context.Context, name string) (string, []byte, bool, error) {
	var version string
	var data []byte
	err := s.r.QueryRowContext(ctx, `SELECT version, data FROM models WHERE name = ?`, name).Scan(&version, &data)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil, false, nil
	}
	if err != nil {
		return "", nil, false, s.classify(fmt.Errorf("store: model %s: %w", name, err))
	}
	return version, data, true, nil
}

// SetModel implements store.Store.
func (s *Store) SetModel(ctx context.Context, name, version string, data []byte) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx,
			`INSERT INTO models (name, version, data) VALUES (?, ?, ?)
			ON CONFLICT (name) DO UPDATE SET version = excluded.version, data = excluded.data`,
			name, version, schema.BlobArg(data))
		if err != nil {
			return fmt.Errorf("store: set model %s: %w", name, err)
		}
		return nil
	})
}

// HostHolds implements store.Store.
func (s *Store) HostHolds(ctx context.Context, now time.Time) (map[string]time.Time, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT server, until_ns FROM host_holds WHERE until_ns > ?`, now.UnixNano())
	if err != nil {
		return nil, s.classify(fmt.Errorf("store: host holds: %w", err))
	}
	defer rows.Close()
	holds := map[string]time.Time{}
	for rows.Next() {
		var server string
		var until int64
		if err := rows.Scan(&server, &until); err != nil {
			return nil, s.classify(fmt.Errorf("store: host holds: %w", err))
		}
		holds[server] = time.Unix(0, until)
	}
	if err := rows.Err(); err != nil {
		return nil, s.classify(fmt.Errorf("store: host holds: %w", err))
	}
	return holds, nil
}

// HoldHosts implements store.Store.
func (s *Store) HoldHosts(ctx context.Context, holds map[string]time.Time, now time.Time) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		for server, until := range holds {
			if !until.After(now) {
				continue
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO host_holds (server, until_ns) VALUES (?, ?) `+schema.HoldConflict,
				server, until.UnixNano()); err != nil {
				return fmt.Errorf("store: hold %s: %w", server, err)
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM host_holds WHERE until_ns <= ?`, now.UnixNano()); err != nil {
			return fmt.Errorf("store: host holds: %w", err)
		}
		return nil
	})
}
