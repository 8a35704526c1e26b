package schema

import (
	"testing"
	"testing/fstest"
)

func TestBadMigrationNames(t *testing.T) {
	for _, name := range []string{"migrations/init.sql", "migrations/0000_zero.sql"} {
		if _, err := LoadMigrations(fstest.MapFS{name: {}}, "migrations"); err == nil {
			t.Errorf("%s accepted", name)
		}
	}
	dup := fstest.MapFS{"migrations/0001_a.sql": {}, "migrations/001_b.sql": {}}
	if _, err := LoadMigrations(dup, "migrations"); err == nil {
		t.Error("duplicate versions accepted")
	}
}
