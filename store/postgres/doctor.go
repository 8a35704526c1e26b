package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/warta-news/warta/store"
	"github.com/warta-news/warta/store/internal/schema"
)

// Check examines the database at dsn without writing to it: that the
// server answers, that warta's tables are there at this build's schema
// version, and the row count of every table. An unreachable server is an
// error; what is wrong inside the database is reported in the Health.
// PostgreSQL checks its own pages; damage there is for its tools (amcheck,
// pg_dump), not for warta.
func Check(ctx context.Context, dsn string) (*store.Health, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("store: postgres dsn: %w", dsnError(err))
	}
	cc := cfg.ConnConfig
	h := &store.Health{Location: fmt.Sprintf("postgres://%s@%s:%d/%s", cc.User, cc.Host, cc.Port, cc.Database)}
	migs, err := schema.LoadMigrations(migrationFiles, migrationDir)
	if err != nil {
		return nil, err
	}
	h.BuildVersion = migs[len(migs)-1].Version
	cc.RuntimeParams["default_transaction_read_only"] = "on"
	pool, err := connectConfig(ctx, cfg)
	if err != nil {
		return nil, err
	}
	defer pool.Close()

	if err := checkSchema(ctx, pool); err != nil {
		h.Problems = append(h.Problems, err.Error())
		if errors.Is(err, store.ErrNoDatabase) {
			return h, nil
		}
	}
	var version *int
	if err := pool.QueryRow(ctx, `SELECT max(version) FROM schema_migrations`).Scan(&version); err != nil {
		h.Problems = append(h.Problems, fmt.Sprintf("schema_migrations: %v", err))
	} else if version != nil {
		h.SchemaVersion = *version
	}
	for _, t := range schema.Tables() {
		var n int64
		if err := pool.QueryRow(ctx, `SELECT count(*) FROM `+t).Scan(&n); err != nil {
			h.Problems = append(h.Problems, fmt.Sprintf("%s: count: %v", t, err))
			n = -1
		}
		h.Tables = append(h.Tables, store.TableRows{Table: t, Rows: n})
	}
	return h, nil
}
