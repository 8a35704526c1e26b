// Command warta fetches news feeds, finds the stories they share, tags them
// by topic and republishes one feed per topic.
//
// Usage:
//
//	warta [-config config.yaml] <command> [flags] [args]
//
// Commands: run, once, check, tag, export, explain, eval-topics.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // CRON_TZ and Asia/Jakarta work on images without a zone database
)

// Exit codes.
const (
	exitOK     = 0
	exitFail   = 1 // storage, publishing or I/O failed
	exitConfig = 2 // usage or configuration error: nothing started
)

// env is what a command runs with: streams, arguments and the config path.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	configPath     string
	logger         *slog.Logger
	args           []string // the command's own arguments
}

// flags returns an empty flag set for the named command.
func (e *env) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	return fs
}

// parse parses the command's arguments into fs; positional arguments are
// refused unless the command takes them.
func (e *env) parse(fs *flag.FlagSet, positional bool) error {
	if err := fs.Parse(e.args); err != nil {
		return &usageError{err.Error()}
	}
	if !positional && fs.NArg() > 0 {
		return &usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	return nil
}

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, e *env) error
}

func commands() []command {
	return []command{
		{"run", "run the daemon: HTTP server and scheduled cycles", cmdRun},
		{"once", "run one full cycle, then exit", cmdOnce},
		{"check", "validate the config and print what it holds", cmdCheck},
		{"tag", "tag JSON Lines articles from stdin (no network, no storage)", cmdTag},
		{"export", "print stored articles as JSON Lines", cmdExport},
		{"explain", "show why an article got its topics and story", cmdExplain},
		{"eval-topics", "score the topic rules on labelled JSON Lines", cmdEvalTopics},
		{"doctor", "check the database; -salvage copies what is readable of a damaged one", cmdDoctor},
	}
}

// usageError is a mistake in the command line: exit code 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// configError marks a configuration that did not load: exit code 2.
type configError struct{ err error }

func (e *configError) Error() string { return e.err.Error() }
func (e *configError) Unwrap() error { return e.err }

func main() {
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	ctx, stop := cancelOnSignal(context.Background(), sigs, os.Stderr, os.Exit)
	code := runMain(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func runMain(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("warta", flag.ContinueOnError)
	fs.SetOutput(stderr)
	configPath := fs.String("config", "config.yaml", "configuration file")
	logLevel := fs.String("log-level", "info", "log level: debug, info, warn, error")
	logJSON := fs.Bool("log-json", false, "write logs as JSON")
	fs.Usage = func() { usage(stderr, fs) }
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitConfig
	}
	rest := fs.Args()
	if len(rest) == 0 {
		usage(stderr, fs)
		return exitConfig
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fmt.Fprintf(stderr, "warta: -log-level: %v\n", err)
		return exitConfig
	}
	opts := &slog.HandlerOptions{Level: level}
	var handler slog.Handler = slog.NewTextHandler(stderr, opts)
	if *logJSON {
		handler = slog.NewJSONHandler(stderr, opts)
	}
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, configPath: *configPath, logger: slog.New(handler)}

	name := rest[0]
	for _, c := range commands() {
		if c.name != name {
			continue
		}
		// A -config given after the command name is honoured too.
		e.args = rest[1:]
		if p, remaining, ok := configAfterCommand(e.args); ok {
			e.configPath, e.args = p, remaining
		}
		err := c.run(ctx, e)
		return exitCode(stderr, name, err)
	}
	fmt.Fprintf(stderr, "warta: unknown command %q\n", name)
	usage(stderr, fs)
	return exitConfig
}

// configAfterCommand takes "-config X" or "-config=X" from the front of a
// command's arguments.
func configAfterCommand(args []string) (path string, rest []string, ok bool) {
	if len(args) == 0 {
		return "", args, false
	}
	switch a := args[0]; {
	case (a == "-config" || a == "--config") && len(args) > 1:
		return args[1], args[2:], true
	case len(a) > 8 && a[:8] == "-config=":
		return a[8:], args[1:], true
	case len(a) > 9 && a[:9] == "--config=":
		return a[9:], args[1:], true
	}
	return "", args, false
}

func exitCode(stderr io.Writer, name string, err error) int {
	if err == nil {
		return exitOK
	}
	fmt.Fprintf(stderr, "warta %s: %v\n", name, err)
	var ue *usageError
	var ce *configError
	if errors.As(err, &ue) || errors.As(err, &ce) {
		return exitConfig
	}
	return exitFail
}

func usage(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprintf(w, "usage: warta [flags] <command> [args]\n\ncommands:\n")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-12s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, "\nflags:\n")
	fs.PrintDefaults()
}
