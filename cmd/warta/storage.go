package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/publish"
	"github.com/warta-news/warta/store"
	"github.com/warta-news/warta/store/postgres"
	"github.com/warta-news/warta/store/sqlite"
)

// storeAccess says whether a command may create, migrate and write the
// database.
type storeAccess int

const (
	readWrite storeAccess = iota
	// readOnly never creates a database: a command that only reads what
	// cycles stored has nothing to read in a database it would create.
	readOnly
	// readOrEmpty is readOnly, but a missing database reads as an empty
	// one (in memory, never written to disk): explain judges a file or an
	// unstored URL against what is stored, which may be nothing yet.
	readOrEmpty
)

// openStore opens the configured store: the one place that knows the
// drivers by name (config has validated it). Errors say what to do.
func openStore(ctx context.Context, st config.Storage, access storeAccess) (store.Store, error) {
	s, err := openDriver(ctx, st, access)
	if access == readOrEmpty && errors.Is(err, store.ErrNoDatabase) {
		s, err = nilIfErr(sqlite.Open(ctx, ":memory:"))
	}
	if err != nil {
		return nil, storeAdvice(err)
	}
	return s, nil
}

// Both drivers read the stories of `warta once`'s files as the publisher
// asks (only the first page whole).
var (
	_ publish.StoryHeads = (*sqlite.Store)(nil)
	_ publish.StoryHeads = (*postgres.Store)(nil)
)

func openDriver(ctx context.Context, st config.Storage, access storeAccess) (store.Store, error) {
	switch {
	case st.Driver == "sqlite" && access != readWrite:
		return nilIfErr(sqlite.OpenReadOnly(ctx, st.DSN))
	case st.Driver == "sqlite":
		return nilIfErr(sqlite.Open(ctx, st.DSN))
	case st.Driver == "postgres" && access != readWrite:
		return nilIfErr(postgres.OpenReadOnly(ctx, st.DSN))
	case st.Driver == "postgres":
		return nilIfErr(postgres.Open(ctx, st.DSN))
	}
	return nil, unknownDriver(st.Driver)
}

// unknownDriver is the error for a driver name config would have refused.
func unknownDriver(name string) error {
	return fmt.Errorf("store: unknown driver %q (want \"sqlite\" or \"postgres\")", name)
}

// nilIfErr returns s as a store.Store, or a nil one with err: a nil
// *sqlite.Store in the interface would not compare equal to nil.
func nilIfErr[S store.Store](s S, err error) (store.Store, error) {
	if err != nil {
		return nil, err
	}
	return s, nil
}

// storeAdvice adds to err what the operator can do about it.
func storeAdvice(err error) error {
	switch {
	case errors.Is(err, store.ErrNoDatabase):
		return fmt.Errorf("%w: nothing is stored yet; run `warta once` (or `warta run`) first", err)
	case errors.Is(err, store.ErrCorrupt):
		return fmt.Errorf("%w\nrun `warta doctor` to check the database, and `warta doctor -salvage NEW.db` "+
			"to copy every readable row into a new one (then point storage.dsn at it)", err)
	}
	return err
}

// checkStore runs the configured driver's check (warta doctor); quick
// asks SQLite for quick_check instead of integrity_check.
func checkStore(ctx context.Context, st config.Storage, quick bool) (*store.Health, error) {
	switch st.Driver {
	case "sqlite":
		return sqlite.Check(ctx, st.DSN, quick)
	case "postgres":
		return postgres.Check(ctx, st.DSN)
	}
	return nil, unknownDriver(st.Driver)
}
