package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"syscall"
	"time"
)

// reportFD is the descriptor on which `warta-bench measure` writes what
// its command cost: the first of exec.Cmd's ExtraFiles.
const reportFD = 3

// runMeasured runs cmd through `warta-bench measure` and returns the
// command's wall time, CPU time and peak RSS as measure reports them.
//
// Why not wait4 on cmd itself: Linux starts an exec'd process's peak RSS
// at its parent's high-water mark (exec keeps the old address space's),
// and run and peer hold the whole site in memory, so every child would
// read as at least as large as warta-bench. measure is a small fresh
// process, and the peak of its child is the child's own.
func runMeasured(cmd *exec.Cmd) (measurement, error) {
	if cmd.Err != nil {
		return measurement{}, cmd.Err
	}
	self, err := os.Executable()
	if err != nil {
		return measurement{}, fmt.Errorf("measure: %w", err)
	}
	r, w, err := os.Pipe()
	if err != nil {
		return measurement{}, fmt.Errorf("measure: %w", err)
	}
	defer r.Close()
	cmd.Args = append([]string{self, "measure", cmd.Path}, cmd.Args[1:]...)
	cmd.Path = self
	cmd.ExtraFiles = []*os.File{w}
	// measure passes a termination on to its command.
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGTERM) }
	cmd.WaitDelay = 10 * time.Second
	runErr := cmd.Run()
	w.Close()
	report, err := io.ReadAll(r)
	if runErr != nil {
		return measurement{}, runErr
	}
	if err != nil {
		return measurement{}, fmt.Errorf("measure: %w", err)
	}
	var wall, cpu, maxRSS int64
	if _, err := fmt.Sscanf(string(report), "%d %d %d", &wall, &cpu, &maxRSS); err != nil {
		return measurement{}, fmt.Errorf("measure: report %q: %w", report, err)
	}
	return measurement{wall: time.Duration(wall), cpu: time.Duration(cpu), maxRSS: maxRSS}, nil
}

// cmdMeasure runs a command with measure's standard streams and writes
// its wall time, CPU time (ns) and peak RSS (bytes) to reportFD.
func cmdMeasure(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return errors.New("measure: no command")
	}
	report := os.NewFile(reportFD, "measure report")
	if report == nil {
		return errors.New("measure: no report descriptor")
	}
	defer report.Close()
	// The command must not hold the report open after measure exits.
	syscall.CloseOnExec(reportFD)
	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	start := time.Now()
	runErr := cmd.Run()
	wall := time.Since(start)
	if cmd.ProcessState == nil {
		return fmt.Errorf("measure: %w", runErr)
	}
	m, err := childUsage(cmd.ProcessState)
	if err != nil {
		return fmt.Errorf("measure: %w", err)
	}
	if _, err := fmt.Fprintf(report, "%d %d %d\n", wall.Nanoseconds(), m.cpu.Nanoseconds(), m.maxRSS); err != nil {
		return fmt.Errorf("measure: %w", err)
	}
	if runErr != nil {
		return fmt.Errorf("measure: %w", runErr)
	}
	return nil
}
