package feedcheck

import (
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/warta-news/warta/internal/testenv"

	_ "modernc.org/sqlite" // newsboat's cache is SQLite
)

// Newsboat has newsboat (Atom and RSS; it does not read JSON Feed) fetch
// the feed at url and returns the titles it stored, newest first as it
// lists them. Newsboat dedupes entries by id across all its feeds, so each
// call uses a fresh cache.
func Newsboat(t interface {
	testenv.TB
	TempDir() string
}, url string) []string {
	t.Helper()
	nb := testenv.Tool(t, "newsboat", "newsboat")
	if nb == "" {
		return nil
	}
	dir := t.TempDir()
	urls := filepath.Join(dir, "urls")
	conf := filepath.Join(dir, "config")
	cache := filepath.Join(dir, "cache.db")
	if err := os.WriteFile(urls, []byte(url+"\n"), 0o644); err != nil {
		t.Fatalf("feedcheck: %v", err)
	}
	if err := os.WriteFile(conf, nil, 0o644); err != nil {
		t.Fatalf("feedcheck: %v", err)
	}
	cmd := exec.Command(nb, "-u", urls, "-c", cache, "-C", conf, "-x", "reload")
	cmd.Env = append(os.Environ(), "HOME="+dir, "XDG_CONFIG_HOME="+dir, "XDG_DATA_HOME="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("feedcheck: newsboat on %s: %v\n%s", url, err, out)
	}
	db, err := sql.Open("sqlite", cache)
	if err != nil {
		t.Fatalf("feedcheck: newsboat cache: %v", err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT title FROM rss_item WHERE feedurl = ? ORDER BY pubDate DESC, id`, url)
	if err != nil {
		t.Fatalf("feedcheck: newsboat cache: %v", err)
	}
	defer rows.Close()
	var titles []string
	for rows.Next() {
		var title string
		if err := rows.Scan(&title); err != nil {
			t.Fatalf("feedcheck: newsboat cache: %v", err)
		}
		titles = append(titles, strings.TrimSpace(title))
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("feedcheck: newsboat cache: %v", err)
	}
	return titles
}
