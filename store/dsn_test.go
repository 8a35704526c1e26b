package store

import (
	"strings"
	"testing"
)

func TestRedactDSN(t *testing.T) {
	cases := map[string]string{
		"data/warta.db": "data/warta.db",
		"postgres://warta:s3cret@db.example:5432/warta?sslmode=disable":     "postgres://warta:xxxxx@db.example:5432/warta?sslmode=disable",
		"postgres://warta@db.example/warta?password=s3cret&sslmode=require": "postgres://warta@db.example/warta?password=xxxxx&sslmode=require",
		"host=db.example user=warta password=s3cret dbname=warta":           "host=db.example user=warta password=xxxxx dbname=warta",
	}
	for in, want := range cases {
		if got := RedactDSN(in); got != want {
			t.Errorf("RedactDSN(%q) = %q, want %q", in, got, want)
		}
		if strings.Contains(RedactDSN(in), "s3cret") {
			t.Errorf("password left in %q", RedactDSN(in))
		}
	}
}
