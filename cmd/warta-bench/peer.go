package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/warta-news/warta/internal/ctxtime"
)

// peerFlags configure the measurement of another aggregator against the
// site. Every command is a shell command line (sh -c) run with SITE set to
// the site's base URL and WANT to the number of items the site has served
// so far (what a program that loses nothing has stored after the phase):
// feeds × -items, so with -site, -items must be the site's.
type peerFlags struct {
	siteURL     string
	site        siteFlags
	rounds      int
	frac        float64
	changeItems int
	setup       string
	daemon      string
	daemonLog   string
	ready       string
	ingest      string
	refresh     string
	done        string
	count       string
	poll        time.Duration
	timeout     time.Duration
}

func cmdPeer(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("peer", flag.ContinueOnError)
	var f peerFlags
	fs.StringVar(&f.siteURL, "site", "", "a running site to use (e.g. feedfixture's http://127.0.0.1:18080); default: start one")
	f.site.register(fs)
	fs.IntVar(&f.rounds, "rounds", 1, "refresh rounds after the first ingest")
	fs.Float64Var(&f.frac, "frac", 0.1, "fraction of feeds changed before each refresh")
	fs.IntVar(&f.changeItems, "change-items", 3, "new items per changed feed")
	fs.StringVar(&f.setup, "setup", "", "command run once before anything, not measured (create a database, import the OPML)")
	fs.StringVar(&f.daemon, "daemon", "", "a long-running program, started after -setup in a process group of its own and "+
		"stopped at the end; each phase adds its group's CPU time and peak RSS (from /proc) to the phase command's")
	fs.StringVar(&f.daemonLog, "daemon-log", os.DevNull, "file for the daemon's output")
	fs.StringVar(&f.ready, "ready", "", "polled after the daemon starts until it exits 0 (the daemon is up), before the first phase")
	fs.StringVar(&f.ingest, "ingest", "", "command that starts or does the first ingest (required)")
	fs.StringVar(&f.refresh, "refresh", "", "command that starts or does each refresh (default: -ingest)")
	fs.StringVar(&f.done, "done", "", "once the phase command has exited, polled until it exits 0 (default: the phase command's exit ends the phase)")
	fs.StringVar(&f.count, "count", "", "command printing the number of items the program holds, run after each phase")
	fs.DurationVar(&f.poll, "poll", 50*time.Millisecond, "interval between -ready and -done polls")
	fs.DurationVar(&f.timeout, "timeout", 10*time.Minute, "limit on each phase and on -ready")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if f.ingest == "" {
		return errors.New("peer: -ingest CMD is required")
	}
	if f.refresh == "" {
		f.refresh = f.ingest
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	base, _, err := siteFor(ctx, f.siteURL, &f.site)
	if err != nil {
		return err
	}
	feeds, err := opmlFeeds(ctx, base+"/opml.xml")
	if err != nil {
		return err
	}
	env := append(os.Environ(), "SITE="+base)
	if f.setup != "" {
		if out, err := shell(ctx, f.setup, env).CombinedOutput(); err != nil {
			return fmt.Errorf("setup: %w\n%s", err, tail(string(out), 2000))
		}
	}
	var d *daemon
	if f.daemon != "" {
		d, err = startDaemon(f.daemon, env, f.daemonLog)
		if err != nil {
			return err
		}
		defer d.stop()
		if err := pollUntil(ctx, f.ready, env, d, f.poll, f.timeout); err != nil {
			return fmt.Errorf("ready: %w", err)
		}
	}

	fmt.Fprintf(out, "# warta-bench peer: %s, %d feeds × %d items, %d rounds of %.0f%% changed × %d items\n",
		base, len(feeds), f.site.items, f.rounds, f.frac*100, f.changeItems)
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "phase\twall s\tCPU s\tpeak RSS MB\tfeeds\t304 share\tstored\texpected\tlost\tload\t")
	want := len(feeds) * f.site.items
	for round := 0; round <= f.rounds; round++ {
		phase, line := "first ingest", f.ingest
		if round > 0 {
			phase, line = fmt.Sprintf("refresh %d", round), f.refresh
			changed, err := advance(ctx, base, f.frac, f.changeItems)
			if err != nil {
				return err
			}
			want += changed * f.changeItems
		}
		phaseEnv := append(env[:len(env):len(env)], "WANT="+strconv.Itoa(want))
		before, err := siteStats(ctx, base)
		if err != nil {
			return err
		}
		load := loadAverage()
		m, err := measurePhase(ctx, line, f.done, phaseEnv, d, f.poll, f.timeout)
		if err != nil {
			tw.Flush()
			return fmt.Errorf("%s: %w", phase, err)
		}
		after, err := siteStats(ctx, base)
		if err != nil {
			return err
		}
		stored, expected, lost := "-", "-", "-"
		if f.count != "" {
			n, err := countItems(ctx, f.count, phaseEnv)
			if err != nil {
				tw.Flush()
				return fmt.Errorf("%s: %w", phase, err)
			}
			stored, expected, lost = strconv.Itoa(n), strconv.Itoa(want), strconv.Itoa(want-n)
		}
		reqs, share := after.since(before)
		fmt.Fprintf(tw, "%s\t%.2f\t%.2f\t%.0f\t%d\t%.2f\t%s\t%s\t%s\t%s\t\n", phase,
			m.wall.Seconds(), m.cpu.Seconds(), float64(m.maxRSS)/(1<<20), reqs, share, stored, expected, lost, load)
	}
	return tw.Flush()
}

// shell is a command line run by sh -c.
func shell(ctx context.Context, line string, env []string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, "sh", "-c", line)
	cmd.Env = env
	return cmd
}

// measurePhase runs the phase command, then polls done until it succeeds,
// and measures the whole: wall time until done, the command's CPU time and
// peak RSS (its waited-for children included), plus the daemon's.
func measurePhase(ctx context.Context, line, done string, env []string, d *daemon, poll, timeout time.Duration) (measurement, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var daemonStart groupUsage
	if d != nil {
		var err error
		if daemonStart, err = d.resetPeak(); err != nil {
			return measurement{}, err
		}
	}
	start := time.Now()
	cmd := shell(ctx, line, env)
	var output bytes.Buffer
	cmd.Stdout, cmd.Stderr = &output, &output
	m, err := runMeasured(cmd)
	if err != nil {
		return measurement{}, fmt.Errorf("%s: %w\n%s", line, err, tail(output.String(), 2000))
	}
	if err := pollUntil(ctx, done, env, d, poll, 0); err != nil {
		return measurement{}, err
	}
	m.wall = time.Since(start)
	if d != nil {
		u, err := d.usage()
		if err != nil {
			return measurement{}, err
		}
		m.cpu += u.cpu - daemonStart.cpu
		m.maxRSS = max(m.maxRSS, u.peakRSS)
	}
	return m, nil
}

// pollUntil runs the command line every poll until it exits 0 (at once
// for an empty line), failing if the daemon, when there is one, exits
// first, or after timeout if it is not 0.
func pollUntil(ctx context.Context, line string, env []string, d *daemon, poll, timeout time.Duration) error {
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	for line != "" {
		if d != nil && d.exited() {
			return errors.New("the daemon exited")
		}
		if shell(ctx, line, env).Run() == nil {
			break
		}
		if err := ctxtime.Sleep(ctx, poll); err != nil {
			return fmt.Errorf("waiting for %q: %w", line, err)
		}
	}
	return nil
}

// countItems runs the count command and reads the number it prints.
func countItems(ctx context.Context, line string, env []string) (int, error) {
	out, err := shell(ctx, line, env).Output()
	if err != nil {
		return 0, fmt.Errorf("count: %w", err)
	}
	n, err := strconv.Atoi(strings.TrimSpace(string(out)))
	if err != nil {
		return 0, fmt.Errorf("count: %w", err)
	}
	return n, nil
}

// daemon is a long-running program under measurement, in a process group
// of its own.
type daemon struct {
	cmd  *exec.Cmd
	wait chan struct{} // closed when it has exited
}

func startDaemon(line string, env []string, logPath string) (*daemon, error) {
	logf, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, fmt.Errorf("daemon log: %w", err)
	}
	// Not CommandContext: stop ends the whole group, not only sh.
	cmd := exec.Command("sh", "-c", line)
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		logf.Close()
		return nil, fmt.Errorf("daemon: %w", err)
	}
	d := &daemon{cmd: cmd, wait: make(chan struct{})}
	go func() {
		cmd.Wait()
		logf.Close()
		close(d.wait)
	}()
	return d, nil
}

func (d *daemon) exited() bool {
	select {
	case <-d.wait:
		return true
	default:
		return false
	}
}

// daemonStopGrace is how long the daemon's group has after SIGTERM before
// it is killed.
const daemonStopGrace = 10 * time.Second

func (d *daemon) stop() {
	pgid := d.cmd.Process.Pid
	syscall.Kill(-pgid, syscall.SIGTERM)
	select {
	case <-d.wait:
	case <-time.After(daemonStopGrace):
		syscall.Kill(-pgid, syscall.SIGKILL)
		<-d.wait
	}
}

// usage is the daemon's process group's CPU time so far and peak RSS since
// the last resetPeak.
func (d *daemon) usage() (groupUsage, error) {
	return readGroupUsage("/proc", d.cmd.Process.Pid, false)
}

// resetPeak starts a new peak RSS for every process of the daemon's group
// (clear_refs 5 resets VmHWM) and returns the usage before it.
func (d *daemon) resetPeak() (groupUsage, error) {
	return readGroupUsage("/proc", d.cmd.Process.Pid, true)
}

// groupUsage is what a process group has used.
type groupUsage struct {
	cpu     time.Duration
	peakRSS int64 // bytes, the largest of its processes' peaks
}

// clockTicks is the unit of /proc/PID/stat's times: USER_HZ, 100 on Linux
// whatever the kernel's own tick.
const clockTicks = 100

// readGroupUsage sums the CPU time (user + system, and that of their
// waited-for children) of the processes in group pgid under procDir and
// takes the largest VmHWM; with reset it then clears each one's peak.
func readGroupUsage(procDir string, pgid int, reset bool) (groupUsage, error) {
	entries, err := os.ReadDir(procDir)
	if err != nil {
		return groupUsage{}, err
	}
	var u groupUsage
	found := false
	for _, e := range entries {
		if _, err := strconv.Atoi(e.Name()); err != nil {
			continue
		}
		dir := procDir + "/" + e.Name()
		stat, err := os.ReadFile(dir + "/stat")
		if err != nil {
			continue // gone since the listing
		}
		group, ticks, err := parseStat(string(stat))
		if err != nil {
			return groupUsage{}, fmt.Errorf("%s/stat: %w", dir, err)
		}
		if group != pgid {
			continue
		}
		found = true
		u.cpu += time.Duration(ticks) * time.Second / clockTicks
		status, err := os.ReadFile(dir + "/status")
		if err != nil {
			continue
		}
		u.peakRSS = max(u.peakRSS, statusKB(string(status), "VmHWM")*1024)
		if reset {
			if err := os.WriteFile(dir+"/clear_refs", []byte("5"), 0); err != nil {
				return groupUsage{}, fmt.Errorf("reset peak RSS: %w", err)
			}
		}
	}
	if !found {
		return groupUsage{}, fmt.Errorf("no process in group %d", pgid)
	}
	return u, nil
}

// parseStat reads the process group and the CPU ticks (utime + stime +
// cutime + cstime) from a /proc/PID/stat line. The command name, in
// parentheses, may itself hold spaces and parentheses, so the fields are
// counted from the last ')'.
func parseStat(stat string) (pgrp int, ticks int64, err error) {
	i := strings.LastIndexByte(stat, ')')
	if i < 0 {
		return 0, 0, errors.New("no command name")
	}
	// Fields after the name: state ppid pgrp ... utime(14) stime cutime cstime(17).
	fields := strings.Fields(stat[i+1:])
	if len(fields) < 15 {
		return 0, 0, fmt.Errorf("%d fields", len(fields)+2)
	}
	if pgrp, err = strconv.Atoi(fields[2]); err != nil {
		return 0, 0, err
	}
	for _, f := range fields[11:15] {
		t, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return 0, 0, err
		}
		ticks += t
	}
	return pgrp, ticks, nil
}

// statusKB reads a "Key:  N kB" line of /proc/PID/status (0 if absent, as
// for a zombie).
func statusKB(status, key string) int64 {
	for _, line := range strings.Split(status, "\n") {
		if v, ok := strings.CutPrefix(line, key+":"); ok {
			n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return n
		}
	}
	return 0
}
