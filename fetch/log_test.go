package fetch

import (
	"bytes"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

func TestDebugLog(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/missing" {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte(feedXML))
	})
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	f := New(Options{}, logger)
	t.Cleanup(f.Close)

	if _, err := f.Fetch(testCtx(t), Request{URL: srv.URL + "/feed"}); err != nil {
		t.Fatal(err)
	}
	line := buf.String()
	for _, want := range []string{"level=DEBUG", "msg=fetch", "url=" + srv.URL + "/feed", "status=200", "bytes=" + strconv.Itoa(len(feedXML)), "duration="} {
		if !strings.Contains(line, want) {
			t.Errorf("log %q lacks %q", line, want)
		}
	}

	buf.Reset()
	if _, err := f.Fetch(testCtx(t), Request{URL: srv.URL + "/missing"}); err == nil {
		t.Fatal("404 succeeded")
	}
	if line := buf.String(); !strings.Contains(line, "status=404") || !strings.Contains(line, "error=") {
		t.Errorf("error log %q", line)
	}
}
