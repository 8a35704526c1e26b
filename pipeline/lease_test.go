package pipeline

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/internal/pgtest"
	"github.com/warta-news/warta/store"
	"github.com/warta-news/warta/store/postgres"
	"github.com/warta-news/warta/store/storetest"
	"github.com/warta-news/warta/topic"
)

// A cycle whose fetches outlast its claims' lease (a host's many slow
// feeds, fetched a few at a time) keeps its claims: it renews their lease
// while it runs, so that another daemon does not take and fetch the same
// sources meanwhile. The lease is short here, and the source answers only
// once several leases have passed.
func TestCycleRenewsItsClaimsLease(t *testing.T) {
	ctx := context.Background()
	const lease = 2 * time.Second
	entered, answer := make(chan struct{}), make(chan struct{})
	var once sync.Once
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		once.Do(func() { close(entered) })
		<-answer
		w.Write([]byte(oneItem))
	}))
	defer srv.Close()
	dsn := pgtest.DSN(t)
	cfg := &config.Config{
		Fetch:   config.Fetch{Concurrency: 2, MaxBackoff: time.Hour, Timeout: time.Minute},
		Dedupe:  config.Dedupe{Window: 72 * time.Hour},
		Topics:  []topic.Spec{testWorld},
		Sources: []config.Source{{Name: "A", URL: srv.URL}},
	}
	p := newDaemon(t, dsn, cfg, time.Now, lease).p
	done := make(chan error, 1)
	go func() {
		_, err := p.RunCycle(ctx)
		done <- err
	}()
	<-entered
	claimedAt := time.Now()
	for time.Since(claimedAt) < 3*lease {
		time.Sleep(100 * time.Millisecond) // letting the lease run out, were it not renewed
	}
	other := storetest.Open(t, postgres.Open, dsn)
	now := time.Now()
	taken, release, err := other.Claim(ctx, store.ClaimRequest{Owner: "other", Units: []string{p.claimUnit("A", srv.URL)},
		Now: now, Since: now, Lease: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	defer release(ctx, nil)
	close(answer)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if len(taken) != 0 {
		t.Errorf("another daemon claimed %v while the cycle still fetched it: the lease was not renewed", taken)
	}
}
