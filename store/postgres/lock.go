package postgres

import (
	"context"
	"fmt"
)

// TryLock takes a session-level advisory lock on a connection held until
// release, so every daemon sharing the database sees it; a daemon that dies
// loses its connection and with it the lock. The key names the schema too:
// daemons sharing a store share its schema, while stores in other schemas of
// one database (a test per schema, or two deployments) must not block each
// other.
func (s *Store) TryLock(ctx context.Context, name string) (func(), bool, error) {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return nil, false, fmt.Errorf("store: lock %s: %w", name, err)
	}
	const key = `hashtextextended('warta:' || current_schema() || ':' || $1, 0)`
	var ok bool
	if err := conn.QueryRow(ctx, `SELECT pg_try_advisory_lock(`+key+`)`, name).Scan(&ok); err != nil {
		conn.Release()
		return nil, false, fmt.Errorf("store: lock %s: %w", name, err)
	}
	if !ok {
		conn.Release()
		return nil, false, nil
	}
	return func() {
		// A failed unlock would leave the lock on a pooled connection:
		// close that connection instead, which frees the lock.
		if _, err := conn.Exec(context.Background(), `SELECT pg_advisory_unlock(`+key+`)`, name); err != nil {
			conn.Conn().Close(context.Background())
		}
		conn.Release()
	}, true, nil
}
