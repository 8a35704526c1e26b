package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// server.labels_token_file is read beside the config file (or where an
// absolute path says); a missing file, a short token or more than one
// word is an error at the field's line that never quotes the file.
func TestLabelsTokenFile(t *testing.T) {
	dir := t.TempDir()
	const token = "c0ffee-9f8e7d6c5b4a39281706f5e4"
	write := func(name, body string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	write("token", token+"\n")
	cfgPath := write("warta.yaml", validYAML+"server:\n  labels_token_file: token\n")
	c, err := Load(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	if c.Server.LabelsToken != token {
		t.Errorf("LabelsToken = %q, want the file's", c.Server.LabelsToken)
	}
	var d strings.Builder
	if err := c.Describe(&d, time.Now()); err != nil || !strings.Contains(d.String(), "labels API on (its token in token)") || strings.Contains(d.String(), token) {
		t.Errorf("Describe says of the labels API (%v):\n%s", err, d.String())
	}
	abs := write("abs-token", "  "+token+"  ")
	if c := mustParse(t, validYAML+"server:\n  labels_token_file: "+abs+"\n"); c.Server.LabelsToken != token {
		t.Errorf("LabelsToken from an absolute path = %q", c.Server.LabelsToken)
	}
	if c := mustParse(t, validYAML); c.Server.LabelsToken != "" {
		t.Errorf("LabelsToken without a file = %q", c.Server.LabelsToken)
	}
	short := write("short", "abc123")
	twoWords := write("two", token+" "+token)
	for _, c := range []struct{ file, want string }{
		{filepath.Join(dir, "missing"), "cannot read the labels token"},
		{short, "has 6 characters, fewer than 24"},
		{twoWords, "more than one word"},
	} {
		_, err := Parse("t.yaml", []byte(validYAML+"server:\n  labels_token_file: "+c.file+"\n"))
		if err == nil || !strings.Contains(err.Error(), "t.yaml:24:3: server.labels_token_file: ") || !strings.Contains(err.Error(), c.want) ||
			strings.Contains(err.Error(), token) || strings.Contains(err.Error(), "abc123") {
			t.Errorf("labels_token_file %s: %v; want %q at its line, the token unquoted", c.file, err, c.want)
		}
	}
}
