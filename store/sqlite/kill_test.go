package sqlite

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/warta-news/warta/store/storetest"
)

// killEnv names the database a re-executed test binary writes to until it
// is killed; see TestKilledWriterLeavesWholeBatches.
const killEnv = "WARTA_SQLITE_KILL_DB"

// The killed writer commits killSources sources of killItems articles at
// a time, with their fetch states, as a cycle's batch.
const killSources, killItems = 25, 20

// killedBatches is how many batches the parent waits to see committed
// before the kill: ~2 MiB of WAL each on a small database, past the
// writer's autocheckpoint (40 MiB), so that the kill finds checkpointed
// and uncheckpointed commits both.
const killedBatches = 30

// A writer killed with SIGKILL mid-batch leaves a database that opens,
// passes integrity_check and holds exactly the batches it committed
// before the kill, plus perhaps the one it was committing, never a part
// of one.
func TestKilledWriterLeavesWholeBatches(t *testing.T) {
	if path := os.Getenv(killEnv); path != "" {
		writeUntilKilled(t, path)
		return
	}
	path := filepath.Join(t.TempDir(), "warta.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestKilledWriterLeavesWholeBatches$")
	cmd.Env = append(os.Environ(), killEnv+"="+path)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	committed := 0
	lines := bufio.NewScanner(out)
	for committed < killedBatches && lines.Scan() {
		if n, ok := strings.CutPrefix(lines.Text(), "committed "); ok {
			committed, _ = strconv.Atoi(n)
		}
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	if committed < killedBatches {
		t.Fatalf("the writer stopped after %d batches", committed)
	}

	if fi, err := os.Stat(path + "-wal"); err == nil {
		t.Logf("WAL left: %d bytes", fi.Size())
	}
	ctx := context.Background()
	s := openAt(t, path)
	var check string
	if err := s.r.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check after the kill: %q, %v", check, err)
	}
	var arts, states int
	if err := s.r.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM fetch_state)`).Scan(&arts, &states); err != nil {
		t.Fatal(err)
	}
	batches := arts / (killSources * killItems)
	t.Logf("killed after %d batches committed; %d articles, %d fetch states", committed, arts, states)
	if arts%(killSources*killItems) != 0 || batches < committed || batches > committed+1 {
		t.Errorf("%d articles after the kill: want whole batches of %d, %d or %d of them",
			arts, killSources*killItems, committed, committed+1)
	}
	if states != batches*killSources {
		t.Errorf("%d fetch states for %d batches of articles, want %d", states, batches, batches*killSources)
	}
}

// writeUntilKilled commits batches of fresh sources to the database at
// path, saying "committed N" after the N-th, until the process is killed.
func writeUntilKilled(t *testing.T, path string) {
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for b := 1; ; b++ {
		if _, err := s.SaveSources(ctx, storetest.ScatteredBatch(&n, killSources, killItems)); err != nil {
			t.Fatal(err)
		}
		fmt.Printf("committed %d\n", b)
	}
}
