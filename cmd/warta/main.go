// Command warta fetches news feeds, finds the stories they share, tags them
// by topic and republishes one feed per topic.
//
// Usage:
//
//	warta <command> [flags] [args]
//	warta help [command]
//
// Commands: run, once, check, tag, export, explain, label, join,
// eval-topics, doctor, import, topics, help, version. The shared flags -config, -log-level and -log-json go before the
// command or anywhere after it.
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
	// exitSourcesFailed: `warta once` tried sources and every one failed
	// (offline, DNS down): what was stored before is published as usual.
	exitSourcesFailed = 3
)

// errSourcesFailed ends a `warta once` whose every tried source failed,
// which logged it: exit code exitSourcesFailed, nothing more printed.
var errSourcesFailed = errors.New("every due source failed (see the summary); nothing fetched")

// env is what a command runs with: streams, arguments and the shared flags.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	logger         *slog.Logger
	command        command
	args           []string // the command's own arguments

	// The shared flags, set before the command and again by e.parse.
	configPath string
	logLevel   string
	logJSON    bool
}

// newEnv returns an env with the shared flags' defaults.
func newEnv(stdin io.Reader, stdout, stderr io.Writer) *env {
	return &env{stdin: stdin, stdout: stdout, stderr: stderr, configPath: "config.yaml", logLevel: "info"}
}

// sharedFlags defines the flags every command takes on fs, bound to e.
func (e *env) sharedFlags(fs *flag.FlagSet) {
	fs.StringVar(&e.configPath, "config", e.configPath, "configuration `file`")
	fs.StringVar(&e.logLevel, "log-level", e.logLevel, "log `level`: debug, info, warn, error")
	fs.BoolVar(&e.logJSON, "log-json", e.logJSON, "write logs as JSON")
}

// isShared reports whether name is one of the shared flags.
func isShared(name string) bool {
	return name == "config" || name == "log-level" || name == "log-json"
}

// newFlagSet returns a flag set that prints nothing: usage errors become
// one line, and help is printed by the caller.
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// flags returns the named command's flag set, holding the shared flags.
func (e *env) flags(name string) *flag.FlagSet {
	fs := newFlagSet(name)
	e.sharedFlags(fs)
	return fs
}

// parse parses the command's arguments into fs, flags anywhere among the
// arguments ("--" ends the flags), and sets up logging from the shared
// flags. Positional arguments are refused unless the command takes them.
// -h or -help prints the command's help and ends it with errHelp.
func (e *env) parse(fs *flag.FlagSet, positional bool) error {
	var args []string
	rest := e.args
	for {
		err := fs.Parse(rest)
		if errors.Is(err, flag.ErrHelp) {
			commandHelp(e.stdout, e.command, fs)
			return errHelp
		}
		if err != nil {
			return &usageError{err.Error()}
		}
		left := fs.Args()
		if len(left) == 0 {
			break
		}
		if consumed := len(rest) - len(left); consumed > 0 && rest[consumed-1] == "--" {
			args = append(args, left...)
			break
		}
		args, rest = append(args, left[0]), left[1:]
	}
	if !positional && len(args) > 0 {
		return &usageError{fmt.Sprintf("unexpected argument %q", args[0])}
	}
	// Leave only the positional arguments in fs.Args().
	if err := fs.Parse(append([]string{"--"}, args...)); err != nil {
		return &usageError{err.Error()}
	}
	logger, err := newLogger(e.stderr, e.logLevel, e.logJSON)
	if err != nil {
		return err
	}
	e.logger = logger
	return nil
}

// newLogger returns the logger the shared flags ask for.
func newLogger(w io.Writer, level string, asJSON bool) (*slog.Logger, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		return nil, &usageError{fmt.Sprintf("-log-level: %v", err)}
	}
	opts := &slog.HandlerOptions{Level: l}
	if asJSON {
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return slog.New(slog.NewTextHandler(w, opts)), nil
}

// command is one of warta's commands. Its run defines its flags with
// e.flags and parses them with e.parse before doing anything else:
// `warta help NAME` runs it with -h to print its help.
type command struct {
	name    string
	args    string // what follows the flags, for the usage line
	summary string
	run     func(ctx context.Context, e *env) error
}

func commands() []command {
	return []command{
		{"run", "", "run the daemon: HTTP server and scheduled cycles", cmdRun},
		{"once", "", "run one full cycle, then exit", cmdOnce},
		{"check", "", "validate the config and print what it holds", cmdCheck},
		{"tag", "< articles.jsonl", "tag JSON Lines articles from stdin (no network, no storage); answers in input order, id \"\" for a line without one", cmdTag},
		{"export", "", "print stored articles as JSON Lines", cmdExport},
		{"explain", "<URL | FILE | - | STORY-ID>...", "show why an article got its topics and story, or (-story) its story as a whole; FILE is JSON Lines or text (title line, then body), - reads JSON Lines on stdin, a story's ID (-story only) names a stored story", cmdExplain},
		{"label", "STORY TOPIC...", "label a stored story as of the topics (-not: not of them; -clear: back to the tagger) for every article of it, later ones included; -list prints the labels", cmdLabel},
		{"join", "STORY STORY...", "join stored stories that tell one event into one (the story first seen keeps its ID; later copies of any follow); -undo STORY gives a joined story back its articles; -list prints the joins", cmdJoin},
		{"eval-topics", "", "score the topic rules on labelled JSON Lines", cmdEvalTopics},
		{"doctor", "", "check the database; -salvage copies what is readable of a damaged one", cmdDoctor},
		{"import", "OPML-FILE | - | URL", "print the feeds of another reader's OPML subscription list that the config lacks as sources, or (-write) add them to the config file", cmdImport},
		{"topics", "", "print the built-in topics as YAML, to start a config's topics from", cmdTopics},
		{"help", "[command]", "show the commands, or one command's usage and flags", cmdHelp},
		{"version", "", "print the version and VCS revision", cmdVersion},
	}
}

func findCommand(name string) (command, bool) {
	for _, c := range commands() {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

// errHelp ends a command whose help was asked for: exit code 0.
var errHelp = errors.New("help requested")

// usageError is a mistake in the command line: exit code 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// configError marks a configuration that did not load: exit code 2.
type configError struct{ err error }

func (e *configError) Error() string { return e.err.Error() }
func (e *configError) Unwrap() error { return e.err }

func main() {
	setGCPercent(os.Getenv)
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	ctx, stop := cancelOnSignal(context.Background(), sigs, os.Stderr, os.Exit)
	code := runMain(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func runMain(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := newEnv(stdin, stdout, stderr)
	fs := newFlagSet("warta")
	e.sharedFlags(fs)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			mainHelp(stdout)
			return exitOK
		}
		fmt.Fprintf(stderr, "warta: %v (see 'warta help')\n", err)
		return exitConfig
	}
	if fs.NArg() == 0 {
		mainHelp(stderr)
		return exitConfig
	}
	name := fs.Arg(0)
	c, ok := findCommand(name)
	if !ok {
		fmt.Fprintf(stderr, "warta: unknown command %q (see 'warta help')\n", name)
		return exitConfig
	}
	// Until the command's flags are parsed, log as the flags so far say.
	logger, err := newLogger(stderr, e.logLevel, e.logJSON)
	if err != nil {
		fmt.Fprintf(stderr, "warta: %v\n", err)
		return exitConfig
	}
	e.logger, e.command, e.args = logger, c, fs.Args()[1:]
	return exitCode(stderr, name, c.run(ctx, e))
}

// exitCode reports err on one line and returns the exit code it means.
func exitCode(stderr io.Writer, name string, err error) int {
	var ue *usageError
	var ce *configError
	switch {
	case err == nil, errors.Is(err, errHelp):
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "warta %s: %v (see 'warta help %s')\n", name, err, name)
		return exitConfig
	case errors.As(err, &ce):
		fmt.Fprintf(stderr, "warta %s: %v\n", name, err)
		return exitConfig
	case errors.Is(err, errSourcesFailed):
		return exitSourcesFailed // said by the command, in its log
	}
	fmt.Fprintf(stderr, "warta %s: %v\n", name, err)
	return exitFail
}
