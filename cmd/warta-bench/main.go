// Command warta-bench is warta's whole-process benchmark: a loopback news
// site and a driver that runs `warta once` against it as a child process
// and measures it.
//
// Usage:
//
//	warta-bench site [-addr 127.0.0.1:18080] [-n 1000] [-items 20] [-seed 42] [-latency 0]
//	warta-bench run -warta BIN [-site URL | -n 1000 -items 20 -seed 42 -latency 0]
//	                [-drivers sqlite,postgres] [-rounds 1] [-frac 0.1] [-change-items 3]
//
// run starts its own site (internal/benchsite) unless -site names one that
// answers the same interface (/opml.xml, POST /advance, /stats), such as
// ../shared/tools/feedfixture. For each store driver it writes a config
// listing every feed, runs a first `warta once` (first ingest), then, per
// round, advances the site and runs `warta once` again (refresh), printing
// wall time, CPU seconds (user + system), peak RSS and the share of 304s.
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
	fmt.Fprintln(w, "usage: warta-bench site [flags] | warta-bench run -warta BIN [flags]; -h after either lists its flags")
}

// siteFlags are the flags that shape a site, shared by site and run.
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
