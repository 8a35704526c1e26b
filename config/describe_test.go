package config

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/warta-news/warta/topic"
)

func TestDescribe(t *testing.T) {
	src := edit(`"@every 15m"`, `"CRON_TZ=Asia/Jakarta 0 6 * * *"`,
		"    title: Sport\n", "    title: Sport\n    threshold: 2.5\n    expr: football\n") +
		"publish:\n  dir: out\nstorage:\n  retention: 0\n"
	c := mustParse(t, src)
	var buf bytes.Buffer
	// 22:50 UTC is 05:50 in Jakarta (UTC+7): the first run is 06:00 the same local day.
	if err := c.Describe(&buf, time.Date(2026, 11, 26, 22, 50, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	want := `config t.yaml
schedule  CRON_TZ=Asia/Jakarta 0 6 * * *
  next run  Fri 2026-11-27 06:00 WIB
  next run  Sat 2026-11-28 06:00 WIB
  next run  Sun 2026-11-29 06:00 WIB
storage   sqlite data/warta.db, keep forever
server    listen 127.0.0.1:8080, feeds at http://127.0.0.1:8080/
publish   "warta", 100 stories per feed, 5 pages, written to out
fetch     timeout 30s (connect 10s), 8 at once, 2 per host, max 10485760 bytes and 1000 items, backoff up to 6h
          requests to one public host 1s apart (none between private addresses)
dedupe    window 72h, threshold 0.6, event threshold 0.6
normalize html up to 262144 bytes, text up to 65536 bytes per article

sources (2)
  Antara Dunia  id  https://www.antaranews.com/rss/dunia.xml     topics world; boost world×1.5
  BBC World     en  https://feeds.bbci.co.uk/news/world/rss.xml

topics (12)
  world  World  medtop:11000000  terms en 2, id 2; threshold 2; changes the built-in topic
  sport  Sport  medtop:15000000  terms id 2; exclude en 1; expr football (warning: names none of the topic's terms, so en and id articles alike must hold it); threshold 2.5; changes the built-in topic
  built in: international-relations, politics, economy, science-technology, health, conflict, disaster, crime-law, environment, arts-entertainment
`
	if got := buf.String(); got != want {
		t.Errorf("Describe:\n%s\nwant:\n%s", got, want)
	}
}

func TestDescribeEvery(t *testing.T) {
	c := mustParse(t, validYAML)
	var buf bytes.Buffer
	if err := c.Describe(&buf, time.Date(2026, 1, 2, 3, 4, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"03:19 UTC", "03:34 UTC", "03:49 UTC", "keep 720h"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("Describe output lacks %q:\n%s", want, buf.String())
		}
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestDescribeWriteError(t *testing.T) {
	c := mustParse(t, validYAML)
	err := c.Describe(failWriter{}, time.Now())
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("err = %v, want the write error", err)
	}
}

// `warta check` says which languages a topic's expression applies to, and
// warns of one that names none of the topic's terms: it then applies to
// both languages and drops every article of a language its words are not
// of (review 13, finding 3).
func TestDescribeRulesExprLanguages(t *testing.T) {
	sp := topic.Spec{Slug: "s", Terms: map[string][]string{"en": {"sanction^3"}, "id": {"sanksi^3"}}}
	for _, c := range []struct{ expr, want string }{
		{"sanction AND NOT football", "expr sanction AND NOT football (en articles only)"},
		{"sanction OR sanksi", "expr sanction OR sanksi (en and id articles)"},
		{"protest", "expr protest (warning: names none of the topic's terms, so en and id articles alike must hold it)"},
	} {
		sp.Expr = c.expr
		if got := describeRules(sp); !strings.Contains(got, c.want) {
			t.Errorf("%q: %s\nwant it to contain %s", c.expr, got, c.want)
		}
	}
}
