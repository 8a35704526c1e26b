package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The test binary doubles as the aggregator peer measures: with
// WARTA_BENCH_FAKE_PEER set it fetches the site's feeds instead of testing.
func TestMain(m *testing.M) {
	// run and peer measure their commands through the binary itself.
	if len(os.Args) > 1 && os.Args[1] == "measure" {
		main()
		os.Exit(0)
	}
	switch os.Getenv("WARTA_BENCH_FAKE_PEER") {
	case "":
		os.Exit(m.Run())
	case "once":
		if err := fakeIngest(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	case "daemon":
		// Up only after a while, as a real daemon opening its database.
		time.Sleep(100 * time.Millisecond)
		os.WriteFile(filepath.Join(os.Getenv("FAKE_DIR"), "up"), nil, 0o644)
		fakeDaemon()
	}
	os.Exit(0)
}

// fakeIngest fetches every feed of $SITE's OPML once, conditionally, and
// stores each item it has not seen in $FAKE_DIR (a count file); with
// FAKE_DROP=k it loses every k-th new item.
func fakeIngest() error {
	dir := os.Getenv("FAKE_DIR")
	drop, _ := strconv.Atoi(os.Getenv("FAKE_DROP"))
	ctx := context.Background()
	feeds, err := opmlFeeds(ctx, os.Getenv("SITE")+"/opml.xml")
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	etags := map[string]string{}
	if data, err := os.ReadFile(filepath.Join(dir, "state")); err == nil {
		for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
			k, v, _ := strings.Cut(line, " ")
			if v == "" {
				seen[k] = true
			} else {
				etags[k] = v
			}
		}
	}
	stored := 0
	if data, err := os.ReadFile(filepath.Join(dir, "count")); err == nil {
		stored, _ = strconv.Atoi(string(data))
	}
	item := regexp.MustCompile(`(?s)<(?:item|entry)>.*?<(?:guid[^>]*|id)>([^<]+)<`)
	for _, u := range feeds {
		req, _ := http.NewRequestWithContext(ctx, "GET", u, nil)
		if et := etags[u]; et != "" {
			req.Header.Set("If-None-Match", et)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return err
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return err
		}
		if resp.StatusCode == http.StatusNotModified {
			continue
		}
		etags[u] = resp.Header.Get("ETag")
		for _, m := range item.FindAllStringSubmatch(string(body), -1) {
			if seen[m[1]] {
				continue
			}
			seen[m[1]] = true
			if drop > 0 && len(seen)%drop == 0 {
				continue
			}
			stored++
		}
	}
	var state strings.Builder
	for k := range seen {
		fmt.Fprintln(&state, k)
	}
	for k, v := range etags {
		fmt.Fprintln(&state, k, v)
	}
	if err := os.WriteFile(filepath.Join(dir, "state"), []byte(state.String()), 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "count"), []byte(strconv.Itoa(stored)), 0o644)
}

// fakeDaemon runs fakeIngest whenever $FAKE_DIR/trigger appears, and marks
// itself idle when done, until it is killed.
func fakeDaemon() {
	dir := os.Getenv("FAKE_DIR")
	idle, trigger := filepath.Join(dir, "idle"), filepath.Join(dir, "trigger")
	for {
		if _, err := os.Stat(trigger); err == nil {
			os.Remove(idle)
			os.Remove(trigger)
			if err := fakeIngest(); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
			os.WriteFile(idle, nil, 0o644)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// peerRow is a result line of peer: phase, wall, CPU, RSS MB, feeds, 304
// share, stored, expected, lost, load.
var peerRow = regexp.MustCompile(`(?m)^\s*(first ingest|refresh 1)\s+([\d.]+)\s+([\d.]+)\s+(\d+)\s+(\d+)\s+([\d.]+)\s+(\d+)\s+(\d+)\s+(-?\d+)\s+([\d.]+|\?)\s*$`)

// runPeer measures the fake peer on a site of 20 feeds × 3 items, one
// refresh of 2 new items in 10% of the feeds, and returns the result rows
// by phase.
func runPeer(t *testing.T, args ...string) map[string][]string {
	t.Helper()
	var out strings.Builder
	args = append([]string{"-n", "20", "-items", "3", "-rounds", "1", "-frac", "0.1", "-change-items", "2"}, args...)
	if err := cmdPeer(context.Background(), args, &out); err != nil {
		t.Fatalf("peer: %v\n%s", err, out.String())
	}
	t.Log("\n" + out.String())
	rows := map[string][]string{}
	for _, r := range peerRow.FindAllStringSubmatch(out.String(), -1) {
		rows[r[1]] = r
	}
	if len(rows) != 2 {
		t.Fatalf("%d result rows, want 2", len(rows))
	}
	return rows
}

// checkRow compares a row's feeds, 304 share, stored, expected and lost
// with what the fake peer did, and wants a peak RSS of at least minRSS MB.
func checkRow(t *testing.T, r []string, share, stored, expected, lost string, minRSS int) {
	t.Helper()
	rss, _ := strconv.Atoi(r[4])
	if r[5] != "20" || r[6] != share || r[7] != stored || r[8] != expected || r[9] != lost || rss < minRSS {
		t.Errorf("%s: feeds %s, 304 share %s, stored %s, expected %s, lost %s, RSS %s MB; want 20, %s, %s, %s, %s, ≥ %d MB",
			r[1], r[5], r[6], r[7], r[8], r[9], r[4], share, stored, expected, lost, minRSS)
	}
}

func fakePeer(t *testing.T, mode, dir, drop string) string {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("WARTA_BENCH_FAKE_PEER=%s FAKE_DIR=%s FAKE_DROP=%s exec %s", mode, dir, drop, exe)
}

// TestPeerOneShot measures a program that does each phase and exits, as
// `miniflux -refresh-feeds` does.
func TestPeerOneShot(t *testing.T) {
	dir := t.TempDir()
	rows := runPeer(t, "-ingest", fakePeer(t, "once", dir, "0"), "-count", "cat "+dir+"/count")
	checkRow(t, rows["first ingest"], "0.00", "60", "60", "0", 1)
	checkRow(t, rows["refresh 1"], "0.90", "64", "64", "0", 1)
}

// TestPeerDaemon measures a daemon that works in the background after a
// trigger and loses every tenth new item: peer waits for -done, takes the
// daemon's peak RSS (a Go program's, well above the trigger's `touch`)
// and reports the items lost.
func TestPeerDaemon(t *testing.T) {
	dir := t.TempDir()
	rows := runPeer(t,
		"-daemon", fakePeer(t, "daemon", dir, "10"),
		"-ready", "test -f "+dir+"/up",
		"-ingest", "test -f "+dir+"/up && touch "+dir+"/trigger",
		"-done", "test -f "+dir+"/idle && test ! -f "+dir+"/trigger",
		"-count", "cat "+dir+"/count")
	checkRow(t, rows["first ingest"], "0.00", "54", "60", "6", 6)
	checkRow(t, rows["refresh 1"], "0.90", "58", "64", "6", 6)
}

func TestParseStat(t *testing.T) {
	// A command name with a space and a parenthesis of its own.
	line := "4242 (we (ird) name) S 1 4240 4240 0 -1 4194560 100 0 0 0 250 50 7 3 20 0 4 0 100 1000 200 18446744073709551615"
	pgrp, ticks, err := parseStat(line)
	if err != nil || pgrp != 4240 || ticks != 310 {
		t.Errorf("parseStat = %d, %d, %v; want 4240, 310", pgrp, ticks, err)
	}
	if _, _, err := parseStat("4242 (short) S 1"); err == nil {
		t.Error("a short stat line parsed")
	}
}

// TestReadGroupUsage reads a made-up /proc: only the group's processes
// count, and reset clears each one's peak.
func TestReadGroupUsage(t *testing.T) {
	proc := t.TempDir()
	write := func(pid, pgrp, utime, hwm int) {
		dir := filepath.Join(proc, strconv.Itoa(pid))
		os.Mkdir(dir, 0o755)
		stat := fmt.Sprintf("%d (p) S 1 %d %d 0 -1 0 0 0 0 0 %d 0 0 0 20 0 1 0 1 1 1", pid, pgrp, pgrp, utime)
		os.WriteFile(filepath.Join(dir, "stat"), []byte(stat), 0o644)
		os.WriteFile(filepath.Join(dir, "status"), []byte(fmt.Sprintf("Name:\tp\nVmHWM:\t  %d kB\nVmRSS:\t 1 kB\n", hwm)), 0o644)
		os.WriteFile(filepath.Join(dir, "clear_refs"), nil, 0o644)
	}
	write(10, 10, 150, 2048)
	write(11, 10, 50, 4096)
	write(12, 12, 900, 99999)
	os.Mkdir(filepath.Join(proc, "self"), 0o755)
	u, err := readGroupUsage(proc, 10, true)
	if err != nil || u.cpu != 2*time.Second || u.peakRSS != 4096*1024 {
		t.Errorf("readGroupUsage = %+v, %v; want 2s, 4 MiB", u, err)
	}
	for pid, want := range map[string]string{"10": "5", "11": "5", "12": ""} {
		if got, _ := os.ReadFile(filepath.Join(proc, pid, "clear_refs")); string(got) != want {
			t.Errorf("pid %s clear_refs %q, want %q", pid, got, want)
		}
	}
	if _, err := readGroupUsage(proc, 77, false); err == nil {
		t.Error("an empty group read without error")
	}
}
