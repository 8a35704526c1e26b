package config

import (
	"errors"
	"strings"
	"testing"
)

func TestStoragePostgres(t *testing.T) {
	accepts := []struct{ name, dsn string }{
		{"URL", "postgres://warta@db.internal:5432/warta?sslmode=disable"},
		{"postgresql URL with password and pool size", "postgresql://warta:pw@localhost/warta?pool_max_conns=8"},
		{"keyword/value", "host=db user=warta dbname=warta sslmode=disable"},
		{"several hosts", "postgres://warta@db1:5432,db2:5433/warta?target_session_attrs=read-write"},
	}
	for _, tc := range accepts {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Parse("t.yaml", []byte(validYAML+"storage:\n  driver: postgres\n  dsn: \""+tc.dsn+"\"\n"))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if c.Storage.Driver != "postgres" || c.Storage.DSN != tc.dsn {
				t.Errorf("storage = %+v", c.Storage)
			}
		})
	}

	rejects := []struct {
		name, storage string
		want          []string // each a prefix of one error, in order
		secret        string   // must not appear in any message
	}{
		{"no dsn: the sqlite default does not apply", "  driver: postgres\n",
			[]string{`t.yaml:23:1: storage.dsn: dsn is required for driver postgres, such as "postgres://`}, ""},
		{"bad port", "  driver: postgres\n  dsn: postgres://warta:hunter2@db:port/warta\n",
			[]string{`t.yaml:25:3: storage.dsn: invalid postgres dsn: `}, "hunter2"},
		{"unparsable URL", "  driver: postgres\n  dsn: \"postgres://warta:hunter2@db/%zz\"\n",
			[]string{`t.yaml:25:3: storage.dsn: invalid postgres dsn: `}, "hunter2"},
		{"a file path", "  driver: postgres\n  dsn: data/warta.db\n",
			[]string{`t.yaml:25:3: storage.dsn: invalid postgres dsn: `}, ""},
		{"unknown sslmode", "  driver: postgres\n  dsn: postgres://db/warta?sslmode=sometimes\n",
			[]string{`t.yaml:25:3: storage.dsn: invalid postgres dsn: `}, ""},
		{"alias spelled out", "  driver: PostgreSQL\n  dsn: postgres://db/warta\n",
			[]string{`t.yaml:24:3: storage.driver: driver "PostgreSQL": write it "postgres"`}, ""},
	}
	for _, tc := range rejects {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("t.yaml", []byte(validYAML+"storage:\n"+tc.storage))
			var es Errors
			if !errors.As(err, &es) {
				t.Fatalf("err = %v, want Errors", err)
			}
			if len(es) != len(tc.want) {
				t.Fatalf("got %d errors, want %d:\n%v", len(es), len(tc.want), err)
			}
			for i, w := range tc.want {
				if got := es[i].Error(); !strings.HasPrefix(got, w) {
					t.Errorf("error %d:\n got %q\nwant %q...", i, got, w)
				}
			}
			if tc.secret != "" && strings.Contains(err.Error(), tc.secret) {
				t.Errorf("message shows the password: %v", err)
			}
		})
	}
}
