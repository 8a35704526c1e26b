// Package pgtest gives tests a PostgreSQL database of their own: a fresh
// schema on the local server (or $WARTA_TEST_POSTGRES), dropped when the
// test ends. An unreachable server skips the test, saying how to start one,
// unless WARTA_REQUIRE_POSTGRES=1 (as in CI, which starts PostgreSQL) makes
// it a failure: a silently skipped driver would hide its bugs.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/warta-news/warta/internal/testenv"
)

// Env names a connection string of a PostgreSQL database for the
// tests; without it they try the local server as postgres, then as root.
const Env = "WARTA_TEST_POSTGRES"

// RequireEnv, set to 1, makes an unreachable server fail the tests
// instead of skipping them.
const RequireEnv = "WARTA_REQUIRE_POSTGRES"

// Server connects to the test database. An unreachable local server ends
// the test as testenv.Missing does; an unreachable server named by Env
// fails it. It returns the connection, closed at
// cleanup, and the DSN that worked.
func Server(t testing.TB) (*pgx.Conn, string) {
	t.Helper()
	candidates := []string{
		"postgres://postgres@127.0.0.1:5432/test?sslmode=disable",
		"postgres://root@127.0.0.1:5432/test?sslmode=disable",
	}
	if env := os.Getenv(Env); env != "" {
		candidates = []string{env}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var errs []error
	for _, dsn := range candidates {
		conn, err := pgx.Connect(ctx, dsn)
		if err == nil {
			t.Cleanup(func() { conn.Close(context.Background()) })
			return conn, dsn
		}
		errs = append(errs, err)
	}
	if os.Getenv(Env) != "" {
		t.Fatalf("PostgreSQL at %s is not reachable: %v", Env, errors.Join(errs...))
		return nil, ""
	}
	testenv.Missing(t, RequireEnv, "PostgreSQL is not reachable: %v\n"+
		"Start the local server with\n"+
		"\tpg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start\n"+
		"(a database named test must exist: createdb -h 127.0.0.1 -U postgres test),\n"+
		"or set %s to the connection string of a database the tests may create schemas in",
		errors.Join(errs...), Env)
	return nil, ""
}

// DSN creates an empty schema, dropped at cleanup, and returns a DSN
// whose search_path is that schema: every test gets its own tables, so
// tests are isolated and may run in parallel.
func DSN(t testing.TB) string {
	t.Helper()
	conn, dsn := Server(t)
	var b [8]byte
	rand.Read(b[:])
	schema := "test_" + hex.EncodeToString(b[:])
	ctx := context.Background()
	if _, err := conn.Exec(ctx, `CREATE SCHEMA `+schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		// Cleanups run last-in first-out: the stores of the test, opened
		// after this, are closed by now.
		if _, err := conn.Exec(ctx, `DROP SCHEMA `+schema+` CASCADE`); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	return withSearchPath(t, dsn, schema)
}

// withSearchPath adds search_path=schema to dsn, a URL or keyword/value
// pairs; pgx sends parameters it does not know to the server at startup.
func withSearchPath(t testing.TB, dsn, schema string) string {
	if !strings.Contains(dsn, "://") {
		return dsn + " search_path=" + schema
	}
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatalf("%s: %v", Env, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
