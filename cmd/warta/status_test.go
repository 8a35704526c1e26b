package main

import (
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/store"
	"github.com/warta-news/warta/store/sqlite"
)

// An error text stored by an older build, which quoted the source's URL
// with its username and token, shows on the status pages without them,
// before the source's next attempt rewrites it.
func TestStatusRedactsStoredOldStyleErrors(t *testing.T) {
	ctx := context.Background()
	s, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "warta.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	old := `fetch: Get "https://reader:***@feed.example/rss?token=TOPSECRET": dial tcp: i/o timeout`
	if _, err := s.SaveSource(ctx, "Paid", store.FetchState{Failures: 3, LastError: old}, nil); err != nil {
		t.Fatal(err)
	}
	statuses, err := storeStatus{st: s, cfg: configOf("Paid"), logger: slog.New(slog.DiscardHandler)}.SourceStatuses(ctx, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if len(statuses) != 1 {
		t.Fatalf("statuses %+v, want the one source", statuses)
	}
	got := statuses[0].LastError
	for _, secret := range []string{"reader", "TOPSECRET"} {
		if strings.Contains(got, secret) {
			t.Errorf("status error %q carries the stored secret %q", got, secret)
		}
	}
	if want := `fetch: Get "https://feed.example/rss": dial tcp: i/o timeout`; got != want {
		t.Errorf("status error %q, want %q", got, want)
	}
}

// The status pages list the configured sources only: the fetch state of a
// source removed from (or renamed in) the config stays in the store, for
// when it comes back, but is neither listed nor counted as failing
// (review 11, F2).
func TestStatusListsConfiguredSourcesOnly(t *testing.T) {
	ctx := context.Background()
	s, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "warta.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for name, fs := range map[string]store.FetchState{
		"Kept":    {LastStatus: 200},
		"Removed": {Failures: 4, LastError: "fetch: http 404"},
	} {
		if _, err := s.SaveSource(ctx, name, fs, nil); err != nil {
			t.Fatal(err)
		}
	}
	statuses, err := storeStatus{st: s, cfg: configOf("Kept", "New"), logger: slog.New(slog.DiscardHandler)}.SourceStatuses(ctx, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if len(statuses) != 1 || statuses[0].Name != "Kept" {
		t.Errorf("statuses %+v, want Kept's only", statuses)
	}
	states, err := s.FetchStates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := states["Removed"]; !ok {
		t.Error("the removed source's fetch state is gone from the store")
	}
}

// configOf is a config of sources named names.
func configOf(names ...string) *config.Config {
	cfg := &config.Config{}
	for _, n := range names {
		cfg.Sources = append(cfg.Sources, config.Source{Name: n, URL: "https://feed.example/" + n})
	}
	return cfg
}
