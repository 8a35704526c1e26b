package schema

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/warta-news/warta/store"
)

// Migration is one embedded SQL file of a driver's schema.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// LoadMigrations reads the migrations in dir of fsys, ordered by version.
// Files are named NNNN_description.sql; versions must be unique and
// positive. Only the file name is recorded in schema_migrations, so the
// directory may move freely.
func LoadMigrations(fsys fs.FS, dir string) ([]Migration, error) {
	names, err := fs.Glob(fsys, dir+"/*.sql")
	if err != nil {
		return nil, fmt.Errorf("store: migrations: %w", err)
	}
	var out []Migration
	for _, n := range names {
		base := path.Base(n)
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("store: migration %s: name must start with a positive number and '_'", base)
		}
		body, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, fmt.Errorf("store: migration %s: %w", base, err)
		}
		out = append(out, Migration{Version: v, Name: base, SQL: string(body)})
	}
	slices.SortFunc(out, func(a, b Migration) int { return a.Version - b.Version })
	for i := 1; i < len(out); i++ {
		if out[i].Version == out[i-1].Version {
			return nil, fmt.Errorf("store: migrations %s and %s share a version", out[i-1].Name, out[i].Name)
		}
	}
	return out, nil
}

// Known returns the set of versions of migs.
func Known(migs []Migration) map[int]bool {
	known := make(map[int]bool, len(migs))
	for _, m := range migs {
		known[m.Version] = true
	}
	return known
}

// VersionRows is the part of *sql.Rows and pgx.Rows that CollectApplied
// reads.
type VersionRows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
}

// CollectApplied reads schema_migrations rows (version, name), failing with
// store.ErrSchemaTooNew when one of them is not in known.
func CollectApplied(rows VersionRows, known map[int]bool) (map[int]bool, error) {
	applied := map[int]bool{}
	for rows.Next() {
		var v int
		var name string
		if err := rows.Scan(&v, &name); err != nil {
			return nil, fmt.Errorf("store: read schema_migrations: %w", err)
		}
		if !known[v] {
			return nil, fmt.Errorf("%w: it has migration %d (%s), this build knows up to %d",
				store.ErrSchemaTooNew, v, name, maxKey(known))
		}
		applied[v] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: read schema_migrations: %w", err)
	}
	return applied, nil
}

// Missing returns the versions of known that applied lacks, in order: a
// read-only opening cannot migrate, so it must find none.
func Missing(applied, known map[int]bool) []int {
	var out []int
	for v := range known {
		if !applied[v] {
			out = append(out, v)
		}
	}
	slices.Sort(out)
	return out
}

func maxKey(m map[int]bool) int {
	n := 0
	for k := range m {
		n = max(n, k)
	}
	return n
}
