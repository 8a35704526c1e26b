package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/store"
	"github.com/warta-news/warta/store/sqlite"
)

// cmdDoctor checks the configured database (SQLite: integrity_check;
// PostgreSQL: the server answers and the schema is this build's), prints
// the row counts, and with -salvage copies every readable row of a SQLite
// file into a new one. A database with problems exits 1.
func cmdDoctor(ctx context.Context, e *env) error {
	fs := e.flags("doctor")
	quick := fs.Bool("quick", false, "SQLite: run quick_check instead of integrity_check (skips checking indexes against tables; faster on large files)")
	salvage := fs.String("salvage", "", "SQLite: copy every readable row into this new database `file`")
	if err := e.parse(fs, false); err != nil {
		return err
	}
	cfg, err := config.Load(e.configPath)
	if err != nil {
		return &configError{err}
	}
	if *salvage != "" && cfg.Storage.Driver != "sqlite" {
		return &usageError{"-salvage copies SQLite files; copy a PostgreSQL database with pg_dump"}
	}
	h, err := checkStore(ctx, cfg.Storage, *quick)
	if err != nil {
		return storeAdvice(err)
	}
	if err := printHealth(e.stdout, h); err != nil {
		return err
	}
	if *salvage != "" {
		got, err := sqlite.Salvage(ctx, cfg.Storage.DSN, *salvage)
		if err != nil {
			return err
		}
		return printSalvaged(e.stdout, *salvage, cfg.Storage.DSN, got)
	}
	if !h.Healthy() {
		msg := "the database has problems"
		if cfg.Storage.Driver == "sqlite" {
			msg += "; stop warta and run `warta doctor -salvage NEW.db` to copy every readable row into a new database"
		}
		return errors.New(msg)
	}
	return nil
}

func printHealth(w io.Writer, h *store.Health) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "database\t%s\n", h.Location)
	fmt.Fprintf(tw, "schema\tversion %d (this build: %d)\n", h.SchemaVersion, h.BuildVersion)
	if h.Healthy() {
		fmt.Fprintf(tw, "integrity\tok\n")
	} else {
		fmt.Fprintf(tw, "integrity\t%d problems:\n", len(h.Problems))
		for _, p := range h.Problems {
			fmt.Fprintf(tw, "\t  %s\n", p)
		}
	}
	for _, t := range h.Tables {
		if t.Rows < 0 {
			fmt.Fprintf(tw, "%s\tunreadable\n", t.Table)
			continue
		}
		fmt.Fprintf(tw, "%s\t%d rows\n", t.Table, t.Rows)
	}
	return tw.Flush()
}

func printSalvaged(w io.Writer, out, from string, s *sqlite.Salvaged) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "\nsalvaged into %s:\n", out)
	for _, t := range s.Tables {
		fmt.Fprintf(tw, "%s\t%d rows\n", t.Table, t.Rows)
	}
	for _, l := range s.Lost {
		fmt.Fprintf(tw, "lost\t%s\n", l)
	}
	fmt.Fprintf(tw, "\nwith warta stopped, replace %s by %s (and remove %s-wal and %s-shm), or set storage.dsn to it\n",
		from, out, from, from)
	return tw.Flush()
}
