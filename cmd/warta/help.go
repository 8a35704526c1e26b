package main

import (
	"context"
	"flag"
	"fmt"
	"io"
)

// cmdHelp prints the list of commands, or one command's usage and flags.
func cmdHelp(ctx context.Context, e *env) error {
	fs := e.flags("help")
	if err := e.parse(fs, true); err != nil {
		return err
	}
	switch fs.NArg() {
	case 0:
		mainHelp(e.stdout)
		return nil
	case 1:
	default:
		return &usageError{"give one command"}
	}
	c, ok := findCommand(fs.Arg(0))
	if !ok {
		return &usageError{fmt.Sprintf("unknown command %q", fs.Arg(0))}
	}
	// Every command's flags are defined where it parses them, so ask the
	// command itself: -h prints its help before it does anything.
	help := *e
	help.command, help.args = c, []string{"-h"}
	return c.run(ctx, &help)
}

// mainHelp prints how to call warta, its commands and the shared flags.
func mainHelp(w io.Writer) {
	fmt.Fprintf(w, "warta fetches news feeds, finds the stories they share, tags them by topic\n"+
		"and republishes one feed per topic.\n\n"+
		"usage: warta <command> [flags] [args]\n\ncommands:\n")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-12s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, "\nshared flags, before the command or anywhere after it:\n")
	printFlags(w, sharedFlagSet(), isShared)
	fmt.Fprintf(w, "\n'warta help <command>' or 'warta <command> -h' shows a command's flags.\n"+
		"Exit codes: %d success, %d storage, publishing or I/O failure, %d usage or configuration error,\n"+
		"%d (warta once only) every source the cycle tried failed (offline, DNS down).\n",
		exitOK, exitFail, exitConfig, exitSourcesFailed)
}

// commandHelp prints a command's usage line, what it does, its own flags
// (as defined on fs) and the shared ones.
func commandHelp(w io.Writer, c command, fs *flag.FlagSet) {
	line := "usage: warta " + c.name + " [flags]"
	own := false
	fs.VisitAll(func(f *flag.Flag) { own = own || !isShared(f.Name) })
	if c.args != "" {
		line += " " + c.args
	}
	fmt.Fprintf(w, "%s\n\n%s\n", line, c.summary)
	if own {
		fmt.Fprintf(w, "\nflags:\n")
		printFlags(w, fs, func(name string) bool { return !isShared(name) })
	}
	fmt.Fprintf(w, "\nshared flags:\n")
	printFlags(w, fs, isShared)
}

// sharedFlagSet holds the shared flags alone, with their defaults.
func sharedFlagSet() *flag.FlagSet {
	fs := newFlagSet("warta")
	newEnv(nil, nil, nil).sharedFlags(fs)
	return fs
}

// printFlags prints the flags of fs that keep selects, as
// flag.PrintDefaults does, with their defaults as defined.
func printFlags(w io.Writer, fs *flag.FlagSet, keep func(name string) bool) {
	sub := flag.NewFlagSet(fs.Name(), flag.ContinueOnError)
	fs.VisitAll(func(f *flag.Flag) {
		if keep(f.Name) {
			sub.Var(f.Value, f.Name, f.Usage)
			sub.Lookup(f.Name).DefValue = f.DefValue
		}
	})
	sub.SetOutput(w)
	sub.PrintDefaults()
}
