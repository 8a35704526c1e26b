package postgres

import (
	"strings"
	"testing"
)

// A malformed DSN is reported without its password.
func TestCheckDSNHidesThePassword(t *testing.T) {
	err := CheckDSN("postgres://warta:s3cret@db.example:notaport/warta")
	if err == nil {
		t.Fatal("a bad port was accepted")
	}
	if strings.Contains(err.Error(), "s3cret") {
		t.Errorf("error %q shows the password", err)
	}
	if err := CheckDSN("host=db.example user=warta dbname=warta pool_max_conns=4"); err != nil {
		t.Errorf("a valid DSN: %v", err)
	}
}
