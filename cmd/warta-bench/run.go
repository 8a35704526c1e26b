package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/warta-news/warta/internal/ctxtime"
)

// runFlags configure a benchmark run.
type runFlags struct {
	warta       string
	siteURL     string
	site        siteFlags
	drivers     string
	pg          string
	rounds      int
	frac        float64
	changeItems int
	topics      string
	concurrency int
	perHost     int
	profileDir  string
	dir         string
	claimWait   time.Duration
}

func cmdRun(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	var f runFlags
	fs.StringVar(&f.warta, "warta", "", "the warta binary to measure (required)")
	fs.StringVar(&f.siteURL, "site", "", "a running site to use (e.g. feedfixture's http://127.0.0.1:18080); default: start one")
	f.site.register(fs)
	fs.StringVar(&f.drivers, "drivers", "sqlite,postgres", "store drivers to measure, comma-separated")
	fs.StringVar(&f.pg, "pg", "postgres://postgres@127.0.0.1:5432/test?sslmode=disable",
		"PostgreSQL database in which each run gets a schema of its own, dropped afterwards")
	fs.IntVar(&f.rounds, "rounds", 1, "refresh rounds after the first ingest")
	fs.Float64Var(&f.frac, "frac", 0.1, "fraction of feeds changed before each refresh")
	fs.IntVar(&f.changeItems, "change-items", 3, "new items per changed feed")
	fs.StringVar(&f.topics, "topics", "", "a config file whose topics: section the runs use (default: the built-in topics)")
	fs.IntVar(&f.concurrency, "concurrency", 8, "fetch.concurrency of the runs")
	fs.IntVar(&f.perHost, "per-host", 8, "fetch.per_host of the runs (the site is one host)")
	fs.StringVar(&f.profileDir, "cpuprofile-dir", "", "if set, each run writes a CPU profile there (warta once -cpuprofile)")
	fs.DurationVar(&f.claimWait, "claim-wait", 31*time.Second,
		"on PostgreSQL, the pause between runs: a source another process claimed less than pipeline's claim window (30s) ago counts as fetched for this due time")
	fs.StringVar(&f.dir, "dir", "", "directory for configs and SQLite files (default: a temporary one, removed)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if f.warta == "" {
		return errors.New("run: -warta BIN is required")
	}
	topics, err := topicsSection(f.topics)
	if err != nil {
		return err
	}
	if f.dir == "" {
		dir, err := os.MkdirTemp("", "warta-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		f.dir = dir
	}

	// Our own site is started afresh for each driver, so every driver
	// meets the same feeds; an external site just moves on.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	base, renew, err := siteFor(ctx, f.siteURL, &f.site)
	if err != nil {
		return err
	}

	fmt.Fprintf(out, "# warta-bench: %s, %d rounds of %.0f%% changed × %d items, concurrency %d, per_host %d\n",
		base, f.rounds, f.frac*100, f.changeItems, f.concurrency, f.perHost)
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "driver\tphase\twall s\tCPU s\tpeak RSS MB\tfeeds\t304 share\tload\t  warta says")
	for _, driver := range strings.Split(f.drivers, ",") {
		renew()
		if err := benchDriver(ctx, &f, strings.TrimSpace(driver), base, topics, tw); err != nil {
			tw.Flush()
			return fmt.Errorf("%s: %w", driver, err)
		}
	}
	return tw.Flush()
}

// benchDriver runs the first ingest and the refresh rounds on one driver.
func benchDriver(ctx context.Context, f *runFlags, driver, base, topics string, tw io.Writer) error {
	feeds, err := opmlFeeds(ctx, base+"/opml.xml")
	if err != nil {
		return err
	}
	var dsn string
	switch driver {
	case "sqlite":
		dsn = filepath.Join(f.dir, "warta.db")
		for _, sfx := range []string{"", "-wal", "-shm"} {
			os.Remove(dsn + sfx)
		}
	case "postgres":
		var drop func()
		dsn, drop, err = pgSchema(ctx, f.pg)
		if err != nil {
			return err
		}
		defer drop()
	default:
		return fmt.Errorf("unknown driver %q (sqlite or postgres)", driver)
	}
	cfgPath := filepath.Join(f.dir, driver+".yaml")
	if err := os.WriteFile(cfgPath, []byte(configYAML(driver, dsn, f, feeds, topics)), 0o644); err != nil {
		return err
	}
	var lastEnd time.Time
	for round := 0; round <= f.rounds; round++ {
		phase := "first ingest"
		if round > 0 {
			phase = fmt.Sprintf("refresh %d", round)
			if driver == "postgres" {
				if err := ctxtime.Sleep(ctx, time.Until(lastEnd.Add(f.claimWait))); err != nil {
					return err
				}
			}
			if _, err := advance(ctx, base, f.frac, f.changeItems); err != nil {
				return err
			}
		}
		before, err := siteStats(ctx, base)
		if err != nil {
			return err
		}
		load := loadAverage()
		profile := ""
		if f.profileDir != "" {
			profile = filepath.Join(f.profileDir, fmt.Sprintf("%s-%d.pprof", driver, round))
		}
		m, err := runOnce(ctx, f.warta, cfgPath, profile)
		if err != nil {
			return fmt.Errorf("%s: %w", phase, err)
		}
		lastEnd = time.Now()
		after, err := siteStats(ctx, base)
		if err != nil {
			return err
		}
		reqs, share := after.since(before)
		fmt.Fprintf(tw, "%s\t%s\t%.2f\t%.2f\t%.0f\t%d\t%.2f\t%s\t  %s\n", driver, phase,
			m.wall.Seconds(), m.cpu.Seconds(), float64(m.maxRSS)/(1<<20), reqs, share, load, m.summary)
	}
	return nil
}

// measurement is what one `warta once` cost.
type measurement struct {
	wall, cpu time.Duration
	maxRSS    int64 // bytes
	summary   string
}

// runOnce runs `warta once` with the config and measures the child.
func runOnce(ctx context.Context, bin, cfgPath, profile string) (measurement, error) {
	args := []string{"-config", cfgPath, "-log-level", "warn", "once"}
	if profile != "" {
		args = append(args, "-cpuprofile", profile)
	}
	cmd := exec.CommandContext(ctx, bin, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	m, err := runMeasured(cmd)
	if err != nil {
		return measurement{}, fmt.Errorf("warta once: %w\n%s", err, tail(stderr.String(), 2000))
	}
	m.summary = firstLine(stdout.String())
	return m, nil
}

// childUsage is the CPU time and peak RSS of an exited child, its own
// waited-for children included (wait4 reports both); the peak is at least
// the parent's at the child's exec (runMeasured says why).
func childUsage(ps *os.ProcessState) (measurement, error) {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return measurement{}, errors.New("no resource usage for the child on this system")
	}
	return measurement{
		cpu:    time.Duration(ru.Utime.Nano() + ru.Stime.Nano()),
		maxRSS: ru.Maxrss * 1024, // kilobytes on Linux
	}, nil
}

// firstLine is the summary line of warta once's output; the lines after it
// name failing sources.
func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return strings.TrimSpace(line)
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

// configYAML is a warta config listing every feed, publishing to a
// directory beside the store, with the topics of the project's config.
func configYAML(driver, dsn string, f *runFlags, feeds []string, topics string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "storage: {driver: %s, dsn: %q}\n", driver, dsn)
	fmt.Fprintf(&b, "fetch: {concurrency: %d, per_host: %d}\n", f.concurrency, f.perHost)
	// Each run publishes, as a deployment of warta once would.
	fmt.Fprintf(&b, "publish: {dir: %q}\n", filepath.Join(f.dir, driver+"-feeds"))
	b.WriteString("sources:\n")
	for i, u := range feeds {
		fmt.Fprintf(&b, "  - {name: \"feed %d\", url: %q}\n", i, u)
	}
	b.WriteString(topics)
	return b.String()
}

// topicsSection returns the topics: section of the config at path; none
// when path is "" (the built-in topics).
func topicsSection(path string) (string, error) {
	if path == "" {
		return "", nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("topics: %w", err)
	}
	s := string(data)
	i := strings.Index(s, "\ntopics:")
	if i < 0 {
		return "", fmt.Errorf("topics: %s has no topics: section", path)
	}
	return s[i+1:], nil
}

// opmlFeeds lists the feed URLs of the site's OPML, nested outlines
// included.
func opmlFeeds(ctx context.Context, u string) ([]string, error) {
	body, err := httpDo(ctx, "GET", u)
	if err != nil {
		return nil, err
	}
	var feeds []string
	dec := xml.NewDecoder(bytes.NewReader(body))
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("opml: %w", err)
		}
		if el, ok := tok.(xml.StartElement); ok && el.Name.Local == "outline" {
			for _, a := range el.Attr {
				if a.Name.Local == "xmlUrl" {
					feeds = append(feeds, a.Value)
				}
			}
		}
	}
	if len(feeds) == 0 {
		return nil, fmt.Errorf("opml: %s lists no feeds", u)
	}
	return feeds, nil
}

// stats are the site's counters the driver reads; benchsite and
// feedfixture both serve them under these names.
type stats struct {
	FeedRequests int `json:"feed_requests"`
	Feed304      int `json:"feed_304"`
}

// since is the number of feed requests between before and s, and the
// share of them answered 304.
func (s stats) since(before stats) (requests int, share304 float64) {
	requests = s.FeedRequests - before.FeedRequests
	if requests > 0 {
		share304 = float64(s.Feed304-before.Feed304) / float64(requests)
	}
	return requests, share304
}

func siteStats(ctx context.Context, base string) (stats, error) {
	var st stats
	body, err := httpDo(ctx, "GET", base+"/stats")
	if err != nil {
		return st, err
	}
	if err := json.Unmarshal(body, &st); err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	return st, nil
}

// advance gives a fraction of the site's feeds new items and returns how
// many feeds changed; benchsite and feedfixture both answer changed_feeds.
func advance(ctx context.Context, base string, frac float64, items int) (int, error) {
	body, err := httpDo(ctx, "POST", fmt.Sprintf("%s/advance?frac=%g&items=%d", base, frac, items))
	if err != nil {
		return 0, err
	}
	var res struct {
		ChangedFeeds int `json:"changed_feeds"`
	}
	if err := json.Unmarshal(body, &res); err != nil {
		return 0, fmt.Errorf("advance: %w", err)
	}
	return res.ChangedFeeds, nil
}

func httpDo(ctx context.Context, method, u string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, method, u, nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s %s: %s", method, u, resp.Status)
	}
	return body, nil
}

// pgSchema creates a schema of its own in the database at dsn and returns
// a DSN that uses it, and a function that drops it.
func pgSchema(ctx context.Context, dsn string) (string, func(), error) {
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return "", nil, fmt.Errorf("postgres: %w", err)
	}
	var b [6]byte
	rand.Read(b[:])
	schema := "bench_" + hex.EncodeToString(b[:])
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		conn.Close(ctx)
		return "", nil, fmt.Errorf("postgres: %w", err)
	}
	drop := func() {
		conn.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
		conn.Close(context.Background())
	}
	u, err := url.Parse(dsn)
	if err != nil {
		drop()
		return "", nil, fmt.Errorf("postgres dsn: %w", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String(), drop, nil
}
