package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/warta-news/warta/store"
	"github.com/warta-news/warta/store/internal/schema"
)

// maxProblems bounds how many lines of integrity_check a Health carries: a
// badly damaged file yields thousands, and the first ones say enough.
const maxProblems = 100

// Check examines the database at dsn without writing to it: SQLite's
// integrity_check (quick_check when quick, which skips matching indexes to
// tables), the schema version and the row count of every table. A missing
// file is store.ErrNoDatabase; damage is reported in the Health, not as an
// error.
func Check(ctx context.Context, dsn string, quick bool) (*store.Health, error) {
	path, query := splitDSN(dsn)
	h := &store.Health{Location: path}
	migs, err := schema.LoadMigrations(migrationFiles, migrationDir)
	if err != nil {
		return nil, err
	}
	h.BuildVersion = migs[len(migs)-1].Version
	db, err := openExisting(ctx, path, query)
	if errors.Is(err, store.ErrCorrupt) {
		h.Problems = append(h.Problems, err.Error())
		return h, nil
	}
	if err != nil {
		return nil, err
	}
	defer db.Close()

	pragma := "integrity_check"
	if quick {
		pragma = "quick_check"
	}
	lines, err := column[string](ctx, db, fmt.Sprintf("PRAGMA %s(%d)", pragma, maxProblems))
	switch {
	case err != nil:
		h.Problems = append(h.Problems, fmt.Sprintf("%s failed: %v", pragma, err))
	case len(lines) != 1 || lines[0] != "ok":
		h.Problems = append(h.Problems, lines...)
	}
	versions, err := column[int](ctx, db, `SELECT max(version) FROM schema_migrations`)
	switch {
	case err != nil:
		h.Problems = append(h.Problems, fmt.Sprintf("schema_migrations: %v", err))
	case len(versions) == 1:
		h.SchemaVersion = versions[0]
	}
	for _, t := range schema.Tables() {
		n, err := column[int64](ctx, db, `SELECT count(*) FROM `+t)
		if err != nil {
			h.Problems = append(h.Problems, fmt.Sprintf("%s: count: %v", t, err))
			h.Tables = append(h.Tables, store.TableRows{Table: t, Rows: -1})
			continue
		}
		h.Tables = append(h.Tables, store.TableRows{Table: t, Rows: n[0]})
	}
	return h, nil
}

// openExisting opens the file at path read-only on one connection, checking
// nothing but that it is a database.
func openExisting(ctx context.Context, path, query string) (*sql.DB, error) {
	if _, err := statExisting(path); err != nil {
		return nil, err
	}
	db, err := openPool(ctx, path, readOnlyDSN(path, query), 1)
	if err != nil {
		return nil, err
	}
	// The header can be intact while the schema page is not.
	if _, err := column[int64](ctx, db, `SELECT count(*) FROM sqlite_schema`); err != nil {
		db.Close()
		return nil, classify(path, fmt.Errorf("store: open %s: %w", path, err))
	}
	return db, nil
}

// column runs query and returns its first column.
func column[T any](ctx context.Context, db *sql.DB, query string, args ...any) ([]T, error) {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var v T
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// Salvaged is what Salvage copied.
type Salvaged struct {
	// Tables counts the rows copied per table, in schema order.
	Tables []store.TableRows
	// Lost describes what could not be read or did not fit the schema:
	// rowid ranges of damaged pages, topics of articles that were lost,
	// rows refused by a constraint.
	Lost []string
}

// Salvage copies every row it can read from the database at src into a new
// database at dst (which must not exist), migrated by this build: the
// articles and every table keyed by rowid are walked in rowid order,
// stepping over damaged pages; topics and carrying sources are copied per
// salvaged article.
// Rows the new schema refuses (a topic whose article was lost) are left
// out. The copy is written in one transaction: it is complete or absent.
func Salvage(ctx context.Context, src, dst string) (*Salvaged, error) {
	srcPath, query := splitDSN(src)
	dstPath, _ := splitDSN(dst)
	if _, err := os.Stat(dstPath); !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("store: salvage: %s exists; name a new file", dstPath)
	}
	from, err := openExisting(ctx, srcPath, query)
	if err != nil {
		return nil, err
	}
	defer from.Close()
	to, err := Open(ctx, dst)
	if err != nil {
		return nil, err
	}
	out := &Salvaged{}
	err = to.inTx(ctx, func(tx *sql.Tx) error {
		var articles []string
		for _, t := range schema.Tables() {
			c := &copier{from: from, to: tx, table: t, out: out}
			if err := c.prepare(ctx); err != nil {
				return err
			}
			var n int64
			var err error
			if order, ok := perArticle[t]; ok {
				n, err = c.perArticle(ctx, articles, order)
			} else {
				id := slices.Index(c.cols, "id")
				n, err = c.byRowid(ctx, func(vals []any) {
					if t == "articles" {
						articles = append(articles, fmt.Sprint(vals[id]))
					}
				})
			}
			c.close()
			if err != nil {
				return err
			}
			out.Tables = append(out.Tables, store.TableRows{Table: t, Rows: n})
		}
		return nil
	})
	if err = errors.Join(err, to.Close()); err != nil {
		os.Remove(dstPath)
		return nil, fmt.Errorf("store: salvage: %w", err)
	}
	return out, nil
}

// copier copies the rows of one table from a damaged database into tx.
type copier struct {
	from  *sql.DB
	to    *sql.Tx
	table string
	cols  []string
	ins   *sql.Stmt
	out   *Salvaged
}

// prepare reads the table's columns from the new schema and prepares the
// insert.
func (c *copier) prepare(ctx context.Context) error {
	rows, err := c.to.QueryContext(ctx, `SELECT name FROM pragma_table_info(?) ORDER BY cid`, c.table)
	if err != nil {
		return err
	}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return err
		}
		c.cols = append(c.cols, name)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	// The old file must have the columns too: a failing query would pass
	// for a damaged page.
	probe, err := c.from.QueryContext(ctx, `SELECT `+strings.Join(c.cols, ", ")+` FROM `+c.table+` WHERE 0`)
	if err != nil {
		return fmt.Errorf("%s: the damaged file's schema differs from this build's: %w", c.table, err)
	}
	probe.Close()
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(c.cols)), ", ")
	c.ins, err = c.to.PrepareContext(ctx, `INSERT INTO `+c.table+` (`+strings.Join(c.cols, ", ")+`) VALUES (`+marks+`)`)
	return err
}

func (c *copier) close() { c.ins.Close() }

// insert writes one row; a row the schema refuses is counted as lost.
func (c *copier) insert(ctx context.Context, vals []any) bool {
	if _, err := c.ins.ExecContext(ctx, vals...); err != nil {
		c.out.Lost = append(c.out.Lost, fmt.Sprintf("%s: a row was refused: %v", c.table, err))
		return false
	}
	return true
}

// maxProbes bounds the search for readable rows after a damaged page: the
// probes step one rowid at a time, then in doubling strides.
const maxProbes = 4096

// byRowid copies the table's rows in rowid order. When a read fails (a
// damaged page), it probes for the next rowid it can reach and goes on
// from there, noting the range skipped. each sees every copied row.
func (c *copier) byRowid(ctx context.Context, each func([]any)) (int64, error) {
	sel := `SELECT rowid, ` + strings.Join(c.cols, ", ") + ` FROM ` + c.table + ` WHERE rowid >= ? ORDER BY rowid`
	var copied int64
	last := int64(-1 << 62)
	stuck := last - 1 // the rowid after which a scan last read nothing
	for {
		start := last
		// ">= last+1", not "> last": seeking past a key can descend into
		// the damaged page that holds it.
		err := c.scan(ctx, sel, last+1, func(rowid int64, vals []any) {
			last = rowid
			if c.insert(ctx, vals) {
				copied++
				each(vals)
			}
		})
		if err == nil {
			return copied, nil
		}
		if ctx.Err() != nil {
			return copied, ctx.Err()
		}
		from := last
		if last == start && start == stuck {
			// The row after start can be found but not read: skip it.
			from++
		}
		next, found := c.probe(ctx, from)
		if !found {
			c.out.Lost = append(c.out.Lost, fmt.Sprintf("%s: rows after rowid %d unreadable: %v", c.table, last, err))
			return copied, nil
		}
		c.out.Lost = append(c.out.Lost, fmt.Sprintf("%s: rowids %d-%d unreadable: %v", c.table, last+1, next-1, err))
		last = next - 1
		stuck = last
	}
}

// scan runs sel from rowid from, calling fn for every row read; it returns
// the error that stopped it, if any.
func (c *copier) scan(ctx context.Context, sel string, from int64, fn func(int64, []any)) error {
	rows, err := c.from.QueryContext(ctx, sel, from)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var rowid int64
		vals := make([]any, len(c.cols))
		dest := make([]any, len(c.cols)+1)
		dest[0] = &rowid
		for i := range vals {
			dest[i+1] = &vals[i]
		}
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		fn(rowid, vals)
	}
	return rows.Err()
}

// probe finds the first rowid after last that can be reached: seeking a
// rowid descends the tree afresh, so once the probe passes the keys of the
// damaged page it lands on a sound one.
func (c *copier) probe(ctx context.Context, last int64) (int64, bool) {
	p, step := last+1, int64(1)
	for i := range maxProbes {
		var rowid int64
		err := c.from.QueryRowContext(ctx,
			`SELECT rowid FROM `+c.table+` WHERE rowid >= ? ORDER BY rowid LIMIT 1`, p).Scan(&rowid)
		if err == nil {
			return rowid, true
		}
		if errors.Is(err, sql.ErrNoRows) || ctx.Err() != nil {
			return 0, false
		}
		if i >= 64 {
			step *= 2
		}
		if p += step; p <= last {
			return 0, false // past the largest rowid
		}
	}
	return 0, false
}

// perArticle are the tables keyed by article (no rowid to walk), each
// with the column its rows of one article are copied in the order of.
var perArticle = map[string]string{"article_topics": "pos", "article_sources": "source"}

// perArticle copies the rows of c's table (article_topics,
// article_sources) of the salvaged articles, one lookup each, ordered by
// order, so that a damaged page costs only the rows stored on it.
func (c *copier) perArticle(ctx context.Context, articles []string, order string) (int64, error) {
	sel := `SELECT ` + strings.Join(c.cols, ", ") + ` FROM ` + c.table + ` WHERE article_id = ? ORDER BY ` + order
	var copied, lost int64
	for _, id := range articles {
		if err := ctx.Err(); err != nil {
			return copied, err
		}
		var batch [][]any
		err := func() error {
			rows, err := c.from.QueryContext(ctx, sel, id)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				vals := make([]any, len(c.cols))
				dest := make([]any, len(c.cols))
				for i := range vals {
					dest[i] = &vals[i]
				}
				if err := rows.Scan(dest...); err != nil {
					return err
				}
				batch = append(batch, vals)
			}
			return rows.Err()
		}()
		if err != nil {
			lost++
			continue
		}
		for _, vals := range batch {
			if c.insert(ctx, vals) {
				copied++
			}
		}
	}
	if lost > 0 {
		c.out.Lost = append(c.out.Lost, fmt.Sprintf("%s: the rows of %d articles were unreadable", c.table, lost))
	}
	return copied, nil
}
