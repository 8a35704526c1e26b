package postgres

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/internal/pgtest"
	"github.com/warta-news/warta/store"
	"github.com/warta-news/warta/store/internal/schema"
	"github.com/warta-news/warta/store/storetest"
)

// driver runs the contract on fresh schemas of the test database.
func driver() storetest.Driver {
	return storetest.Driver{
		Name:   "postgres",
		NewDSN: pgtest.DSN,
		Open: func(t testing.TB, dsn string) store.Store {
			return openAt(t, dsn)
		},
		Precision: time.Microsecond,
		Analyze: func(tb testing.TB, s store.Store) {
			if _, err := s.(*Store).pool.Exec(context.Background(), "ANALYZE"); err != nil {
				tb.Fatal(err)
			}
		},
	}
}

func TestContract(t *testing.T) { storetest.Run(t, driver()) }

func BenchmarkContract(b *testing.B) { storetest.Bench(b, driver()) }

// TestConcurrentSaveSameArticles runs two daemons (two stores, two
// pools) saving the same articles at once, in opposite orders, each tagging
// them with its own topic. No save may fail; every article is inserted by
// exactly one of them and carries that one's topics only.
func TestConcurrentSaveSameArticles(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.DSN(t)
	var stores [2]*Store
	for i := range stores {
		stores[i] = openAt(t, dsn)
	}
	const rounds, per = 20, 30
	var inserted [2][]string
	var errs [2]error
	start := make(chan struct{})
	var wg sync.WaitGroup
	for w := range stores {
		wg.Go(func() {
			<-start
			for r := range rounds {
				var arts []*article.Article
				for i := range per {
					arts = append(arts, storetest.Art(r*per+i+1, r*per+1, fmt.Sprintf("daemon%d", w)))
				}
				if w == 1 {
					slices.Reverse(arts)
				}
				ids, err := stores[w].SaveSource(ctx, fmt.Sprintf("src%d", w), store.FetchState{Items: r}, arts)
				if err != nil {
					errs[w] = err
					return
				}
				inserted[w] = append(inserted[w], ids...)
			}
		})
	}
	close(start)
	wg.Wait()
	if err := errors.Join(errs[:]...); err != nil {
		t.Fatal(err)
	}
	owner := map[string]int{}
	for w, ids := range inserted {
		for _, id := range ids {
			if prev, dup := owner[id]; dup {
				t.Errorf("%s inserted by daemon %d and daemon %d", id, prev, w)
			}
			owner[id] = w
		}
	}
	if len(owner) != rounds*per {
		t.Errorf("%d articles inserted, want %d", len(owner), rounds*per)
	}
	n := 0
	err := stores[1].Since(ctx, time.Time{}, func(a *article.Article) error {
		n++
		want := fmt.Sprintf("daemon%d", owner[a.ID])
		if len(a.Topics) != 1 || a.Topics[0].Slug != want {
			t.Errorf("%s: topics %+v, want only %s (its inserter's)", a.ID, a.Topics, want)
		}
		return nil
	})
	if err != nil || n != rounds*per {
		t.Errorf("stored %d articles, want %d (%v)", n, rounds*per, err)
	}
	for w := range stores {
		all, err := stores[0].FetchStates(ctx)
		if st := all[fmt.Sprintf("src%d", w)]; err != nil || st.Items != rounds-1 {
			t.Errorf("fetch state of daemon %d: %+v, %v", w, st, err)
		}
	}
}

// TestConcurrentOpen starts four daemons on an empty database at
// once: all must open, and the schema must be migrated once.
func TestConcurrentOpen(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.DSN(t)
	const n = 4
	stores := make([]*Store, n)
	errs := make([]error, n)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			<-start
			stores[i], errs[i] = Open(ctx, dsn)
		})
	}
	close(start)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("Open %d: %v", i, err)
			continue
		}
		t.Cleanup(func() { stores[i].Close() })
	}
	if t.Failed() {
		return
	}
	migs, err := schema.LoadMigrations(migrationFiles, migrationDir)
	if err != nil {
		t.Fatal(err)
	}
	if got := count(t, stores[0], `SELECT count(*) FROM schema_migrations`); got != len(migs) {
		t.Errorf("%d migrations recorded, want %d", got, len(migs))
	}
	storetest.Save(t, stores[1], storetest.Art(1, 1, "x"))
	if a, err := stores[3].Article(ctx, "id00001"); err != nil || !a.HasTopic("x") {
		t.Errorf("article saved by one daemon, read by another: %+v, %v", a, err)
	}
}

func TestReopenAndFutureMigrationRefused(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.DSN(t)
	s, err := Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	storetest.Save(t, s, storetest.Art(1, 1))
	s.Close()
	s, err = Open(ctx, dsn)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	if _, err := s.Article(ctx, "id00001"); err != nil {
		t.Errorf("after reopen: %v", err)
	}
	if _, err := s.pool.Exec(ctx,
		`INSERT INTO schema_migrations (version, name) VALUES (9999, '9999_future.sql')`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s2, err := Open(ctx, dsn)
	if !errors.Is(err, store.ErrSchemaTooNew) {
		if s2 != nil {
			s2.Close()
		}
		t.Fatalf("Open of a newer database = %v, want store.ErrSchemaTooNew", err)
	}
}

func TestFailedMigrationRollsBack(t *testing.T) {
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, pgtest.DSN(t))
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	fsys := fstest.MapFS{
		"migrations/0001_a.sql": {Data: []byte(`CREATE TABLE a (x integer);`)},
		"migrations/0002_b.sql": {Data: []byte(`CREATE TABLE b (x integer); INSERT INTO nowhere VALUES (1);`)},
	}
	migs, err := schema.LoadMigrations(fsys, "migrations")
	if err != nil {
		t.Fatal(err)
	}
	if err := applyMigrations(ctx, pool, migs); err == nil {
		t.Fatal("broken migration applied")
	}
	count := func(q string) int {
		var n int
		if err := pool.QueryRow(ctx, q).Scan(&n); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return n
	}
	if n := count(`SELECT count(*) FROM schema_migrations`); n != 1 {
		t.Errorf("%d migrations recorded, want 1", n)
	}
	if n := count(`SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'b'`); n != 0 {
		t.Error("table b of the failed migration exists")
	}
	fsys["migrations/0002_b.sql"] = &fstest.MapFile{Data: []byte(`CREATE TABLE b (x integer);`)}
	migs, _ = schema.LoadMigrations(fsys, "migrations")
	if err := applyMigrations(ctx, pool, migs); err != nil {
		t.Fatal(err)
	}
	if n := count(`SELECT count(*) FROM schema_migrations`); n != 2 {
		t.Errorf("%d migrations recorded, want 2", n)
	}
}

func TestBadDSN(t *testing.T) {
	ctx := context.Background()
	for _, dsn := range []string{
		"postgres://warta:s3cret@db:notaport/warta",
		"postgres://warta:s3cret@127.0.0.1:1/warta?sslmode=disable&connect_timeout=5",
		"not a dsn",
	} {
		s, err := Open(ctx, dsn)
		if err == nil {
			s.Close()
			t.Errorf("Open(%q) succeeded", dsn)
			continue
		}
		if strings.Contains(err.Error(), "s3cret") {
			t.Errorf("Open(%q) error shows the password: %v", dsn, err)
		}
		if !strings.HasPrefix(err.Error(), "store: ") {
			t.Errorf("Open(%q) error %q lacks the package prefix", dsn, err)
		}
	}
}

// TestMigrationVersionsStable pins the first migration:
// databases record versions by number, and moving the files must not
// renumber them.
func TestMigrationVersionsStable(t *testing.T) {
	migs, err := schema.LoadMigrations(migrationFiles, migrationDir)
	if err != nil {
		t.Fatal(err)
	}
	if len(migs) == 0 || migs[0].Version != 1 || migs[0].Name != "0001_init.sql" {
		t.Errorf("migrations start with %+v, want version 1, 0001_init.sql", migs)
	}
}

func TestRetryable(t *testing.T) {
	for code, want := range map[string]bool{"40P01": true, "40001": true, "23505": false, "42P01": false} {
		err := fmt.Errorf("store: x: %w", &pgconn.PgError{Code: code})
		if got := retryable(err); got != want {
			t.Errorf("retryable(%s) = %v, want %v", code, got, want)
		}
	}
	if retryable(context.Canceled) || retryable(nil) {
		t.Error("a non-PostgreSQL error is retryable")
	}
}

// TestLocksOfSchemasApart: advisory locks are database-wide, but stores in
// two schemas of one database are two deployments: one's cycle lock must
// not keep the other waiting.
func TestLocksOfSchemasApart(t *testing.T) {
	ctx := context.Background()
	a, b := openAt(t, pgtest.DSN(t)), openAt(t, pgtest.DSN(t))
	release, ok, err := a.TryLock(ctx, "cycle")
	if err != nil || !ok {
		t.Fatalf("TryLock in the first schema: ok %v, err %v", ok, err)
	}
	defer release()
	other, ok, err := b.TryLock(ctx, "cycle")
	if err != nil || !ok {
		t.Fatalf("TryLock in the second schema while the first holds its lock: ok %v, err %v", ok, err)
	}
	other()
}

// TestStatisticsAfterBulkLoad: after a store inserted many articles, its
// next Stories analyzes the tables first, so the page is planned on real
// statistics rather than on those of an empty table; JIT is off.
func TestStatisticsAfterBulkLoad(t *testing.T) {
	ctx := context.Background()
	s := openAt(t, pgtest.DSN(t))
	var jit string
	if err := s.pool.QueryRow(ctx, `SHOW jit`).Scan(&jit); err != nil || jit != "off" {
		t.Errorf("jit = %q (%v), want off", jit, err)
	}
	reltuples := func() float64 {
		var n float64
		if err := s.pool.QueryRow(ctx, `SELECT reltuples FROM pg_class WHERE oid = 'articles'::regclass`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	var arts []*article.Article
	for n := 1; n <= analyzeMinRows+200; n++ {
		arts = append(arts, storetest.Art(n, n, "x"))
	}
	storetest.Save(t, s, arts...)
	if n := reltuples(); n > 0 {
		t.Fatalf("statistics before Stories already count %v rows", n)
	}
	if _, err := s.Stories(ctx, "x", 10); err != nil {
		t.Fatal(err)
	}
	if n := reltuples(); n != float64(len(arts)) {
		t.Errorf("statistics after Stories count %v rows, want %d", n, len(arts))
	}
	// Under analyzeMinRows more, the statistics are left alone.
	storetest.Save(t, s, storetest.Art(5000, 5000))
	if _, err := s.Stories(ctx, "", 10); err != nil {
		t.Fatal(err)
	}
	if n := reltuples(); n != float64(len(arts)) {
		t.Errorf("statistics after a small write count %v rows, want %d still", n, len(arts))
	}
}

// A daemon's pool has room for the cycle's fetch workers beside the
// stories lock and the writer, unless the DSN sizes it.
func TestPoolSize(t *testing.T) {
	dsn := pgtest.DSN(t)
	pgxDefault := int32(max(4, runtime.NumCPU()))
	if got := openAt(t, dsn).pool.Config().MaxConns; got != pgxDefault+heldConns {
		t.Errorf("pool of %d connections, want %d", got, pgxDefault+heldConns)
	}
	sized := dsn + " pool_max_conns=3"
	if strings.Contains(dsn, "://") {
		sized = dsn + "&pool_max_conns=3"
	}
	if got := openAt(t, sized).pool.Config().MaxConns; got != 3 {
		t.Errorf("pool_max_conns=3: pool of %d connections", got)
	}
}

// A story's lead past retention whose newer copy another daemon stores
// while Prune decides (between its read and its delete) stays: the
// delete checks for a newer copy again.
func TestPruneKeepsALeadWhoseCopyArrivesMeanwhile(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.DSN(t)
	s, other := openAt(t, dsn), openAt(t, dsn)
	lead := storetest.Art(1, 1)
	storetest.Save(t, s, lead)
	before := lead.FirstSeen.Add(time.Hour)
	copied := false
	keep := func(id, source string) bool {
		if !copied {
			copied = true
			c := storetest.Art(6, 1)
			c.FirstSeen = before.Add(time.Minute)
			storetest.Save(t, other, c)
		}
		return false
	}
	if _, err := s.Prune(ctx, before, keep); err != nil {
		t.Fatal(err)
	}
	if !copied {
		t.Fatal("Prune asked keep about no article")
	}
	if _, err := s.Article(ctx, lead.ID); err != nil {
		t.Errorf("the lead of a story with a copy stored during the prune: %v", err)
	}
	stories, err := s.Stories(ctx, "", 10)
	if err != nil || len(stories) != 1 || stories[0].Lead == nil || stories[0].Lead.ID != lead.ID {
		t.Errorf("stories after the prune: %+v, %v; want the lead's story", stories, err)
	}
}

// TestLostLockIsNoticed: the stories lock lives on one connection; when
// that backend ends (here terminated, as idle_session_timeout or a
// failover would), PostgreSQL frees the lock and another store takes it.
// The first store must then learn it lost the lock instead of writing on
// as if it held it. Only the lock's own backend is terminated.
func TestLostLockIsNoticed(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.DSN(t)
	a, b := openAt(t, dsn), openAt(t, dsn)
	release, ok, err := a.TryLock(ctx, "stories")
	if err != nil || !ok {
		t.Fatalf("first lock: ok %v, err %v", ok, err)
	}
	defer release()
	if err := a.LockHeld(ctx, "stories"); err != nil {
		t.Fatalf("a lock just taken is not held: %v", err)
	}
	if _, ok, _ := b.TryLock(ctx, "stories"); ok {
		t.Fatal("second lock taken while the first holds it")
	}
	// The backend holding this schema's stories lock.
	var pid int
	if err := a.pool.QueryRow(ctx, `WITH k AS (SELECT hashtextextended('warta:' || current_schema() || ':stories', 0) AS k)
		SELECT l.pid FROM pg_locks l, k WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
		AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
		AND l.classid = ((k.k >> 32) & 4294967295)::oid AND l.objid = (k.k & 4294967295)::oid`).Scan(&pid); err != nil {
		t.Fatalf("finding the lock's backend: %v", err)
	}
	var terminated bool
	if err := b.pool.QueryRow(ctx, `SELECT pg_terminate_backend($1)`, pid).Scan(&terminated); err != nil || !terminated {
		t.Fatalf("terminating the lock's backend %d: %v %v", pid, terminated, err)
	}
	// PostgreSQL frees the lock as the backend ends: another store takes it.
	var taken func()
	for i := 0; taken == nil; i++ {
		rel, ok, err := b.TryLock(ctx, "stories")
		if err != nil {
			t.Fatal(err)
		}
		if ok {
			taken = rel
		} else if i > 1000 {
			t.Fatal("the terminated backend's lock was never freed")
		} else {
			time.Sleep(10 * time.Millisecond) // polling for the backend's exit
		}
	}
	defer taken()
	if err := a.LockHeld(ctx, "stories"); !errors.Is(err, store.ErrLockLost) {
		t.Fatalf("after its connection ended, LockHeld = %v, want ErrLockLost", err)
	}
}

// Migration 0009 keeps the host holds older builds stored in meta: the
// pipeline moves the ones still running into host_holds (review 24, 3).
func TestHostHoldsMigrationKeepsTheOldHolds(t *testing.T) {
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, pgtest.DSN(t))
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	migs, err := schema.LoadMigrations(migrationFiles, migrationDir)
	if err != nil {
		t.Fatal(err)
	}
	k := 0
	for k < len(migs) && migs[k].Version < 9 {
		k++
	}
	if k == len(migs) || migs[k].Version != 9 {
		t.Fatal("no migration 0009")
	}
	if err := applyMigrations(ctx, pool, migs[:k]); err != nil {
		t.Fatal(err)
	}
	const holds = `{"news.example:443":"2099-01-01T00:00:00Z"}`
	if _, err := pool.Exec(ctx, `INSERT INTO meta (key, value) VALUES ('host_holds', $1)`, holds); err != nil {
		t.Fatal(err)
	}
	if err := applyMigrations(ctx, pool, migs); err != nil {
		t.Fatal(err)
	}
	var got string
	if err := pool.QueryRow(ctx, `SELECT coalesce((SELECT value FROM meta WHERE key = 'host_holds'), '')`).Scan(&got); err != nil {
		t.Fatal(err)
	}
	if got != holds {
		t.Errorf("after 0009 meta host_holds is %q, want the old holds kept", got)
	}
}
