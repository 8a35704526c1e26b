// Command warta-bench is warta's whole-process benchmark: a loopback news
// site and a driver that runs `warta once` against it as a child process
// and measures it.
//
// Usage:
//
//	warta-bench site [-addr 127.0.0.1:18080] [-n 1000] [-items 20] [-seed 42] [-latency 0]
//	warta-bench run -warta BIN [-site URL | -n 1000 -items 20 -seed 42 -latency 0]
//	                [-drivers sqlite,postgres] [-rounds 1] [-frac 0.1] [-change-items 3]
//	warta-bench peer -ingest CMD [-refresh CMD] [-setup CMD] [-daemon CMD -ready CMD] [-done CMD] [-count CMD]
//	                 [-site URL | -n 1000 -items 20 -seed 42 -latency 0] [-rounds 1] [-frac 0.1] [-change-items 3]
//
// run starts its own site (internal/benchsite) unless -site names one that
// answers the same interface (/opml.xml, POST /advance, /stats), such as
// ../shared/tools/feedfixture. For each store driver it writes a config
// listing every feed and a publish.dir for the feeds, runs a first `warta once` (first ingest), then, per
// round, advances the site and runs `warta once` again (refresh), printing
// wall time, CPU seconds (user + system), peak RSS and the share of 304s.
//
// peer measures another aggregator the same way, through shell commands:
// one that does or starts each phase (a one-shot run, or a trigger for a
// -daemon measured through /proc), one that says when the phase is done,
// and one that counts the items it stored, so that items lost show.
//
// Both start each measured command through `warta-bench measure CMD ARGS`,
// which reports to them what the command cost (runMeasured says why).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/warta-news/warta/internal/benchsite"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if len(os.Args) < 2 {
		usage(os.Stderr)
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "site":
		err = cmdSite(ctx, os.Args[2:])
	case "run":
		err = cmdRun(ctx, os.Args[2:], os.Stdout)
	case "peer":
		err = cmdPeer(ctx, os.Args[2:], os.Stdout)
	case "measure":
		err = cmdMeasure(ctx, os.Args[2:])
	default:
		usage(os.Stderr)
		os.Exit(2)
	}
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "warta-bench:", err)
		os.Exit(1)
	}
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: warta-bench site [flags] | warta-bench run -warta BIN [flags] | warta-bench peer -ingest CMD [flags]; -h after any lists its flags")
}

// siteFlags are the flags that shape a site, shared by site, run and peer.
type siteFlags struct {
	n, items int
	seed     uint64
	latency  time.Duration
}

func (f *siteFlags) register(fs *flag.FlagSet) {
	fs.IntVar(&f.n, "n", 1000, "feeds")
	fs.IntVar(&f.items, "items", 20, "items per feed")
	fs.Uint64Var(&f.seed, "seed", 42, "content seed")
	fs.DurationVar(&f.latency, "latency", 0, "latency added to every feed response")
}

func (f *siteFlags) site() *benchsite.Site {
	return benchsite.New(benchsite.Options{Feeds: f.n, Items: f.items, Seed: f.seed, Latency: f.latency})
}

func cmdSite(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("site", flag.ContinueOnError)
	var sf siteFlags
	sf.register(fs)
	addr := fs.String("addr", "127.0.0.1:18080", "listen address")
	if err := fs.Parse(args); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	slog.Info("benchsite serving", "addr", ln.Addr().String(), "feeds", sf.n, "items", sf.items, "seed", sf.seed)
	return serve(ctx, ln, sf.site().Handler())
}

// siteFor returns the base URL of the site to measure against: siteURL if
// given, else a benchsite of sf's shape served on loopback until ctx ends.
// renew gives our own site fresh content, so that every program or driver
// measured meets the same feeds; an external site just moves on.
func siteFor(ctx context.Context, siteURL string, sf *siteFlags) (base string, renew func(), err error) {
	if siteURL != "" {
		return strings.TrimSuffix(siteURL, "/"), func() {}, nil
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	var own atomic.Pointer[http.Handler]
	renew = func() {
		h := sf.site().Handler()
		own.Store(&h)
	}
	renew()
	go serve(ctx, ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { (*own.Load()).ServeHTTP(w, r) }))
	return "http://" + ln.Addr().String(), renew, nil
}

// loadAverage is the system's one-minute load average, as /proc/loadavg
// gives it ("?" where there is none): the machine is shared, so every
// figure is printed with it.
func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	load, _, _ := strings.Cut(string(data), " ")
	return load
}

// serve serves h on ln until ctx ends.
func serve(ctx context.Context, ln net.Listener, h http.Handler) error {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(shut)
	}()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
