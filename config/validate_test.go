package config

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// edit returns validYAML with each old string replaced by the following new
// one, panicking when old is missing so a stale test cannot pass vacuously.
func edit(pairs ...string) string {
	s := validYAML
	for i := 0; i+1 < len(pairs); i += 2 {
		if !strings.Contains(s, pairs[i]) {
			panic("edit: " + pairs[i] + " not in validYAML")
		}
		s = strings.Replace(s, pairs[i], pairs[i+1], 1)
	}
	return s
}

func TestParseErrors(t *testing.T) {
	cases := []struct {
		name string
		src  string
		want []string // each a prefix of one error, in order
	}{
		{"unknown top-level key", validYAML + "intervl: 15m\n",
			[]string{`t.yaml:23:1: intervl: unknown field "intervl"`}},
		{"unknown top-level key, near a known one", validYAML + "schedul: x\n",
			[]string{`t.yaml:23:1: schedul: unknown field "schedul" (did you mean "schedule"?)`}},
		{"unknown key in a source", edit("    language: en\n", "    langauge: en\n"),
			[]string{`t.yaml:10:5: sources[1].langauge: unknown field "langauge" (did you mean "language"?)`}},
		{"feed filter syntax", validYAML + "feeds:\n  - slug: laut\n    title: Laut\n    filter: 'topic:world \"laut china'\n",
			[]string{`t.yaml:26:5: feeds[0].filter: filter: at byte 13: unterminated quote`}},
		{"feed filter outlets", validYAML + "feeds:\n  - slug: big\n    title: Big\n    filter: 'topic:world outlets:0'\n",
			[]string{`t.yaml:26:5: feeds[0].filter: filter: at byte 13: outlets: wants a whole number of outlets from 1 to 1000, not "0"`}},
		{"feed filter names", validYAML + "feeds:\n  - slug: sport\n    title: S\n    filter: topic:wrld source:nobody lang:in\n",
			[]string{`t.yaml:24:5: feeds[0].slug: slug "sport" is a topic's`,
				`t.yaml:26:5: feeds[0].filter: unknown topic "wrld" (did you mean "world"?)`,
				`t.yaml:26:5: feeds[0].filter: unknown source "nobody"`,
				`t.yaml:26:5: feeds[0].filter: language "in" is the withdrawn code for Indonesian`}},
		{"bad websub callback range", validYAML + "websub:\n  allow_callbacks: [127.0.0.0/8, localhost]\n",
			[]string{`t.yaml:24:34: websub.allow_callbacks[1]: "localhost" is neither an address range (127.0.0.0/8) nor an address`}},
		{"negative pages", validYAML + "publish:\n  pages: -1\n",
			[]string{`t.yaml:24:3: publish.pages: pages must be in 1..100, got -1`}},
		{"unknown key in a section", validYAML + "fetch:\n  timout: 5s\n",
			[]string{`t.yaml:24:3: fetch.timout: unknown field "timout" (did you mean "timeout"?)`}},
		{"bad cron spec", edit(`"@every 15m"`, `"61 * * * *"`),
			[]string{`t.yaml:1:1: schedule: invalid cron spec "61 * * * *"`}},
		{"seconds field not allowed", edit(`"@every 15m"`, `"0 0 * * * *"`),
			[]string{`t.yaml:1:1: schedule: invalid cron spec "0 0 * * * *"`}},
		{"interval too short", edit(`"@every 15m"`, `"@every 10s"`),
			[]string{`t.yaml:1:1: schedule: invalid cron spec "@every 10s": interval 10s is shorter than 1m`}},
		{"schedule step over its field", edit(`"@every 15m"`, `"*/61 * * * *"`),
			[]string{`t.yaml:1:1: schedule: invalid cron spec "*/61 * * * *": step 61 is not below the minute field's 60 values: it would fire once per hour`}},
		{"schedule that never fires", edit(`"@every 15m"`, `"0 0 30 2 *"`),
			[]string{`t.yaml:1:1: schedule: cron spec "0 0 30 2 *" never fires`}},
		{"unknown CRON_TZ", edit(`"@every 15m"`, `"CRON_TZ=Mars/Olympus 0 * * * *"`),
			[]string{`t.yaml:1:1: schedule: unknown time zone "Mars/Olympus" in CRON_TZ`}},
		{"duplicate slug", edit("slug: sport", "slug: world"),
			[]string{`t.yaml:17:5: topics[1].slug: duplicate slug "world": also used by topics[0] at line 12`}},
		{"duplicate source name, other case", edit("name: BBC World", "name: antara DUNIA"),
			[]string{`t.yaml:8:5: sources[1].name: duplicate source name "antara DUNIA": also used by sources[0] at line 3`}},
		{"duplicate url, other host case", edit("https://feeds.bbci.co.uk/news/world/rss.xml", "https://WWW.antaranews.com/rss/dunia.xml"),
			[]string{`t.yaml:9:5: sources[1].url: duplicate url "https://WWW.antaranews.com/rss/dunia.xml": also used by sources[0] at line 4`}},
		{"malformed URL", edit("https://feeds.bbci.co.uk/news/world/rss.xml", "htp:/x"),
			[]string{`t.yaml:9:5: sources[1].url: malformed URL "htp:/x": scheme "htp": want http or https`}},
		{"relative URL", edit("https://feeds.bbci.co.uk/news/world/rss.xml", "/rss.xml"),
			[]string{`t.yaml:9:5: sources[1].url: malformed URL "/rss.xml": want an absolute http:// or https:// URL`}},
		{"URL without host", edit("https://feeds.bbci.co.uk/news/world/rss.xml", "https:///rss.xml"),
			[]string{`t.yaml:9:5: sources[1].url: malformed URL "https:///rss.xml": missing host`}},
		{"unparsable URL", edit("https://feeds.bbci.co.uk/news/world/rss.xml", `"http://a b.example/%zz"`),
			[]string{`t.yaml:9:5: sources[1].url: malformed URL: `}},
		// A source URL's secrets stay out of the errors, which a reload
		// logs.
		{"malformed URL with a token", edit("https://feeds.bbci.co.uk/news/world/rss.xml", "ftp://u:pw@h.example/feeds/9f8e7d6c5b4a39281706f5e4d3c2b1a0/rss?key=K"),
			[]string{`t.yaml:9:5: sources[1].url: malformed URL "ftp://h.example/feeds/REDACTED/rss": scheme "ftp": want http or https`}},
		{"missing url, reported at the entry", edit("    url: https://feeds.bbci.co.uk/news/world/rss.xml\n", ""),
			[]string{`t.yaml:8:3: sources[1].url: url is required`}},
		{"missing name", edit("  - name: BBC World\n    url:", "  - url:"),
			[]string{`t.yaml:8:3: sources[1].name: name is required`}},
		{"unknown topic in a source's topics", edit("topics: [world]", "topics: [wrold]"),
			[]string{`t.yaml:6:14: sources[0].topics[0]: unknown topic "wrold" (did you mean "world"?)`}},
		{"unknown topic in a source's boost", edit("boost: {world: 1.5}", "boost: {sprot: 1.5}"),
			[]string{`t.yaml:7:13: sources[0].boost.sprot: unknown topic "sprot" (did you mean "sport"?)`}},
		{"boost not positive", edit("boost: {world: 1.5}", "boost: {world: -1}"),
			[]string{`t.yaml:7:13: sources[0].boost.world: boost must be a finite number > 0, got -1`}},
		{"boost infinite", edit("boost: {world: 1.5}", "boost: {world: .inf}"),
			[]string{`t.yaml:7:13: sources[0].boost.world: boost must be a finite number > 0, got +Inf`}},
		{"bad term weight", edit(`"kerja sama^1.5"`, `"x^abc"`),
			[]string{`t.yaml:16:19: topics[0].terms.id[1]: term "x^abc": bad weight "abc": want a non-zero number`}},
		{"zero term weight", edit(`"kerja sama^1.5"`, `"kerja sama^0"`),
			[]string{`t.yaml:16:19: topics[0].terms.id[1]: term "kerja sama^0": bad weight "0"`}},
		{"empty term", edit(`"kerja sama^1.5"`, `""`),
			[]string{`t.yaml:16:19: topics[0].terms.id[1]: empty term`}},
		{"a language whose positive terms are all ~", edit(`[dunia, "kerja sama^1.5"]`, `["~dunia", "kerja sama^-1"]`),
			[]string{`t.yaml:16:7: topics[0].terms.id: every positive term of "id" is marked ~`}},
		{"weight without text", edit("[esports]", `["^2"]`),
			[]string{`t.yaml:22:12: topics[1].exclude.en[0]: term "^2" has no words`}},
		{"reserved slug", edit("slug: sport", "slug: all"),
			[]string{`t.yaml:17:5: topics[1].slug: slug "all" is reserved for the feed of all stories`}},
		{"invalid slug", edit("slug: sport", "slug: Sport--News"),
			[]string{`t.yaml:17:5: topics[1].slug: invalid slug "Sport--News"`}},
		{"missing title", edit("  - slug: sport\n    title: Sport\n", "  - slug: local\n"),
			[]string{`t.yaml:17:3: topics[1].title: title is required`}},
		{"bad term language", edit("      en: [foreign", "      EN: [foreign"),
			[]string{`t.yaml:15:7: topics[0].terms.EN: unsupported language "EN": terms are written for "en" or "id"`}},
		{"bad expr, placed in the line", edit("    exclude:\n", "    expr: sanction OR (treaty AND\n    exclude:\n"),
			[]string{`t.yaml:21:34: topics[1].expr: unexpected end of expression`}},
		{"bad expr, quoted", edit("    exclude:\n", "    expr: 'sanction OR (treaty AND NOT cup'\n    exclude:\n"),
			[]string{`t.yaml:21:43: topics[1].expr: missing ) to close the ( at column 13`}},
		{"bad expr with a phrase, placed in the line", edit("    exclude:\n", "    expr: sanction OR \"peace talks\" AND (x\n    exclude:\n"),
			[]string{`t.yaml:21:43: topics[1].expr: missing ) to close the ( at column 31`}},
		{"bad expr with escapes, placed at the key with its column", edit("    exclude:\n", "    expr: \"sanction OR \\\"x\\\" AND (y\"\n    exclude:\n"),
			[]string{`t.yaml:21:5: topics[1].expr: missing ) to close the ( at column 21 (column 23 of the expression)`}},
		{"bad expr over lines, placed at the key with its column", edit("    exclude:\n", "    expr: >-\n      sanction OR\n      treaty treaty\n    exclude:\n"),
			[]string{`t.yaml:21:5: topics[1].expr: unexpected "treaty" (column 20 of the expression)`}},
		{"bad term and bad expr at once", edit(`"kerja sama^1.5"`, `"x^abc"`, "    exclude:\n", "    expr: (sanction\n    exclude:\n"),
			[]string{
				`t.yaml:16:19: topics[0].terms.id[1]: term "x^abc": bad weight "abc"`,
				`t.yaml:21:20: topics[1].expr: missing ) to close the ( at column 1`,
			}},
		{"disabling a topic that is not built in", validYAML + "  - {slug: sprot, disabled: true}\n",
			[]string{`t.yaml:23:6: topics[2].slug: no built-in topic "sprot" to disable (did you mean "sport"?)`}},
		{"boosting a disabled topic", edit("boost: {world: 1.5}", "boost: {crime-law: 1.5}") + "  - {slug: crime-law, disabled: true}\n",
			[]string{`t.yaml:7:13: sources[0].boost.crime-law: unknown topic "crime-law"`}},
		{"withdrawn language code", edit("    language: id\n", "    language: in\n"),
			[]string{`t.yaml:5:5: sources[0].language: language "in" is the withdrawn code for Indonesian; write "id"`}},
		{"unknown genre", edit("    language: id\n", "    language: id\n    genre: release notes\n"),
			[]string{`t.yaml:6:5: sources[0].genre: unknown genre "release notes": want one of news, podcast, release, social, synopsis, video, lesson, blog, sponsored, history, profile, guide, gallery, newsletter, notice, puzzle, cartoon`}},
		{"built-in topic whose terms are written empty", edit("    terms:\n      id: [\"sepak bola^2\", liga]\n", "    terms: {}\n"),
			[]string{`t.yaml:17:3: topics[1]: topic "sport" has no terms and no expr`}},
		{"built-in topic whose title is blank", edit("    title: Sport\n", "    title: \" \"\n"),
			[]string{`t.yaml:18:5: topics[1].title: title is required`}},
		{"topic with nothing to match", edit("  - slug: sport\n    title: Sport\n    terms:\n      id: [\"sepak bola^2\", liga]\n", "  - slug: local\n    title: Local\n"),
			[]string{`t.yaml:17:3: topics[1]: topic "local" has no terms and no expr`}},
		{"negative threshold", edit("    title: Sport\n", "    title: Sport\n    threshold: -1\n"),
			[]string{`t.yaml:19:5: topics[1].threshold: threshold must be a finite number >= 0, got -1`}},
		{"bad IPTC code", edit("    title: Sport\n", "    title: Sport\n    iptc: \"15000000\"\n"),
			[]string{`t.yaml:19:5: topics[1].iptc: invalid IPTC Media Topic code "15000000"`}},
		{"unknown driver", validYAML + "storage:\n  driver: mysql\n",
			[]string{`t.yaml:24:3: storage.driver: unknown driver "mysql"; use "sqlite" or "postgres"`}},
		{"negative retention", validYAML + "storage:\n  retention: -1h\n",
			[]string{`t.yaml:24:3: storage.retention: retention must be >= 0`}},
		{"retention shorter than the dedupe window", validYAML + "storage:\n  retention: 24h\n",
			[]string{`t.yaml:24:3: storage.retention: retention 24h is shorter than dedupe.window (72h): a story's lead would be pruned while later copies still join it`}},
		{"retention shorter than a feed's longest poll wait", validYAML + "storage:\n  retention: 2h\ndedupe:\n  window: 1h\n",
			[]string{`t.yaml:24:3: storage.retention: retention 2h is shorter than 3h, the longest a healthy source may go unfetched: its still-listed items would be pruned and come back as new`}},
		{"listen without port; base_url not blamed", validYAML + "server:\n  listen: localhost\n",
			[]string{`t.yaml:24:3: server.listen: invalid listen address "localhost"`}},
		{"listen port out of range", validYAML + "server:\n  listen: \":70000\"\n",
			[]string{`t.yaml:24:3: server.listen: invalid port "70000"`}},
		{"base_url not http", validYAML + "server:\n  base_url: ftp://news.example/\n",
			[]string{`t.yaml:24:3: server.base_url: malformed URL "ftp://news.example": want an absolute http:// or https:// URL`}},
		{"max_items too large", validYAML + "publish:\n  max_items: 20000\n",
			[]string{`t.yaml:24:3: publish.max_items: max_items must be in 1..10000, got 20000`}},
		{"max_items negative", validYAML + "publish:\n  max_items: -3\n",
			[]string{`t.yaml:24:3: publish.max_items: max_items must be in 1..10000, got -3`}},
		{"fetch numbers negative", validYAML + "fetch:\n  timeout: -5s\n  concurrency: -1\n",
			[]string{`t.yaml:24:3: fetch.timeout: must be a positive duration, got -5s`, `t.yaml:25:3: fetch.concurrency: must be a positive number, got -1`}},
		{"dedupe out of range", validYAML + "dedupe:\n  threshold: 1.5\n  window: 30m\n",
			[]string{`t.yaml:24:3: dedupe.threshold: threshold must be in [0,1], got 1.5`, `t.yaml:25:3: dedupe.window: window must be at least 1h, got 30m0s`}},
		{"event threshold above one", validYAML + "dedupe:\n  event_threshold: 1.5\n",
			[]string{`t.yaml:24:3: dedupe.event_threshold: event_threshold must be in (0,1], got 1.5`}},
		{"event threshold negative", validYAML + "dedupe:\n  event_threshold: -0.2\n",
			[]string{`t.yaml:24:3: dedupe.event_threshold: event_threshold must be in (0,1], got -0.2`}},
		{"event threshold not a number", validYAML + "dedupe:\n  event_threshold: .nan\n",
			[]string{`t.yaml:24:3: dedupe.event_threshold: event_threshold must be in (0,1], got NaN`}},
		{"article caps too small", validYAML + "normalize:\n  max_html_bytes: 100\n  max_text_bytes: -1\n",
			[]string{`t.yaml:24:3: normalize.max_html_bytes: must be at least 4096, got 100`, `t.yaml:25:3: normalize.max_text_bytes: must be at least 4096, got -1`}},
		{"nothing configured", "schedule: \"@hourly\"\n",
			[]string{`t.yaml: sources: at least one source is required`}},
		{"empty file", "",
			[]string{`t.yaml: sources: at least one source is required`}},
		{"string for an integer", validYAML + "publish:\n  max_items: many\n",
			[]string{`t.yaml:24:14: publish.max_items: want an integer, got a string`}},
		{"integer out of range", validYAML + "fetch:\n  max_body_bytes: 99999999999999999999999\n",
			[]string{`t.yaml:24:19: fetch.max_body_bytes: integer 99999999999999999999999 out of range`}},
		{"second document", validYAML + "---\nschedule: x\n",
			[]string{`t.yaml:23:1: more than one YAML document; warta reads one`}},
		{"negative per-host interval", validYAML + "fetch:\n  per_host_interval: -1s\n",
			[]string{`t.yaml:24:3: fetch.per_host_interval: must not be negative, got -1s`}},
		{"per-host interval not a duration", validYAML + "fetch:\n  per_host_interval: often\n",
			[]string{`t.yaml:24:22: fetch.per_host_interval: invalid duration "often"`}},
		{"bad metrics listen", validYAML + "server:\n  metrics_listen: localhost\n",
			[]string{`t.yaml:24:3: server.metrics_listen: invalid listen address "localhost"`}},
		{"metrics listen is the listen", validYAML + "server:\n  listen: 127.0.0.1:8080\n  metrics_listen: 127.0.0.1:8080\n",
			[]string{`t.yaml:25:3: server.metrics_listen: metrics_listen "127.0.0.1:8080" is the listen address`}},
		{"newline in user agent", validYAML + "fetch:\n  user_agent: \"a\\nb\"\n",
			[]string{`t.yaml:24:3: fetch.user_agent: user_agent must be one line`}},
		{"list for a mapping", edit("boost: {world: 1.5}", "boost: [world]"),
			[]string{`t.yaml:7:12: sources[0].boost: want a mapping, got a list`}},
		{"list at top level", "- a\n- b\n",
			[]string{`t.yaml:1:1: want a mapping, got a list`}},
		{"unknown key merged in, caught by the strict decoder", edit("sources:\n", "sources:\n  - name: x\n    <<: {url: 'https://x.example/', bogus: 1}\n"),
			[]string{`t.yaml:4:37: unknown field "bogus"`}},
		{"bad duration", validYAML + "fetch:\n  timeout: 10 minutes\n",
			[]string{`t.yaml:24:12: fetch.timeout: invalid duration "10 minutes"`}},
		{"duration without unit", validYAML + "fetch:\n  timeout: 10\n",
			[]string{`t.yaml:24:12: fetch.timeout: want a duration such as 30s, 15m or 72h, got an integer "10"`}},
		{"mapping for a list", "sources: {name: x}\n",
			[]string{`t.yaml:1:10: sources: want a list, got a mapping`}},
		{"tab indentation", validYAML + "fetch:\n\ttimeout: 5s\n",
			[]string{"t.yaml:24:1: found character '\t' that cannot start any token"}},
		{"bad indentation", "sources:\n  - name: a\n   url: x\n",
			[]string{`t.yaml:3:4: value is not allowed in this context`}},
		{"duplicate key", validYAML + "schedule: \"@hourly\"\n",
			[]string{`t.yaml:23:1: mapping key "schedule" already defined at [1:1]`}},
		{"several errors at once",
			edit(`"@every 15m"`, `"bogus"`, "https://feeds.bbci.co.uk/news/world/rss.xml", "htp:/x", "slug: sport", "slug: world") + "intervl: 1h\n",
			[]string{
				`t.yaml:1:1: schedule: invalid cron spec "bogus"`,
				`t.yaml:9:5: sources[1].url: malformed URL "htp:/x"`,
				`t.yaml:17:5: topics[1].slug: duplicate slug "world"`,
				`t.yaml:23:1: intervl: unknown field "intervl"`,
			}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Parse("t.yaml", []byte(tc.src))
			if err == nil {
				t.Fatalf("no error, want %q", tc.want)
			}
			if c != nil {
				t.Error("config returned with an error")
			}
			var es Errors
			if !errors.As(err, &es) {
				t.Fatalf("err is %T, want Errors", err)
			}
			if len(es) != len(tc.want) {
				t.Fatalf("got %d errors, want %d:\n%v", len(es), len(tc.want), err)
			}
			for i, w := range tc.want {
				if got := es[i].Error(); !strings.HasPrefix(got, w) {
					t.Errorf("error %d:\n got %q\nwant %q...", i, got, w)
				}
			}
		})
	}
}

func TestParseAccepts(t *testing.T) {
	cases := []struct{ name, src string }{
		{"CRON_TZ", edit(`"@every 15m"`, `"CRON_TZ=Asia/Jakarta 0 * * * *"`)},
		{"descriptor", edit(`"@every 15m"`, `"@hourly"`)},
		{"five fields", edit(`"@every 15m"`, `"*/10 6-22 * * 1-5"`)},
		{"topic forced by a source needs no terms",
			edit("topics: [world]", "topics: [world, sport]", "    terms:\n      id: [\"sepak bola^2\", liga]\n", "")},
		{"topic with only an expr", edit("    terms:\n      id: [\"sepak bola^2\", liga]\n", "    expr: football OR soccer\n")},
		{"any two-letter language", edit("    language: en\n", "    language: ms\n")},
		{"a source's genre", edit("    language: en\n", "    language: en\n    genre: podcast\n", "    language: id\n", "    language: id\n    genre: news\n")},
		{"ipv6 listen", validYAML + "server:\n  listen: \"[::1]:8080\"\n"},
		{"anchors and aliases", edit("boost: {world: 1.5}", "boost: &b {world: 1.5}", "    language: en\n", "    language: en\n    boost: *b\n")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := Parse("t.yaml", []byte(tc.src)); err != nil {
				t.Fatalf("Parse: %v", err)
			}
		})
	}
}

func TestFeedsSection(t *testing.T) {
	cfg, err := Parse("t.yaml", []byte(validYAML+"feeds:\n  - slug: laut\n    title: Laut China Selatan\n    filter: 'topic:world lang:id \"laut china selatan\" -source:\"BBC World\"'\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Feeds) != 1 || cfg.Feeds[0].Line != 24 || cfg.Feeds[0].Filter != `topic:world lang:id "laut china selatan" -source:"BBC World"` {
		t.Fatalf("feeds = %+v", cfg.Feeds)
	}
	var b strings.Builder
	if err := cfg.Describe(&b, time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "feeds (1)\n  laut  Laut China Selatan  topic:world") {
		t.Errorf("describe:\n%s", b.String())
	}
}

// A source's genre is read as written, and described.
func TestSourceGenre(t *testing.T) {
	c, err := Parse("t.yaml", []byte(edit("    language: en\n", "    language: en\n    genre: lesson\n")))
	if err != nil {
		t.Fatal(err)
	}
	if c.Sources[0].Genre != "" || c.Sources[1].Genre != "lesson" {
		t.Errorf("genres %q, %q; want \"\", \"lesson\"", c.Sources[0].Genre, c.Sources[1].Genre)
	}
	var d strings.Builder
	if err := c.Describe(&d, time.Now()); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(d.String(), "genre lesson") {
		t.Errorf("Describe does not say the genre:\n%s", d.String())
	}
}
