package config

import (
	"bytes"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/warta-news/warta/fetch"
	"github.com/warta-news/warta/store"
	"github.com/warta-news/warta/topic"
)

// TopicBySlug returns the topic with the given slug.
func (c *Config) TopicBySlug(slug string) (topic.Spec, bool) {
	for _, t := range c.Topics {
		if t.Slug == slug {
			return t, true
		}
	}
	return topic.Spec{}, false
}

// SourceByName returns the source with the given name.
func (c *Config) SourceByName(name string) (Source, bool) {
	for _, s := range c.Sources {
		if s.Name == name {
			return s, true
		}
	}
	return Source{}, false
}

// describeRuns is how many upcoming cycles Describe lists.
const describeRuns = 3

// Describe writes a readable summary of c for `warta check`: the schedule
// and its next runs after now, storage, server, publishing, fetching,
// deduplication, every source and every topic.
func (c *Config) Describe(w io.Writer, now time.Time) error {
	var buf bytes.Buffer
	if c.Path != "" {
		fmt.Fprintf(&buf, "config %s\n", c.Path)
	}
	fmt.Fprintf(&buf, "schedule  %s\n", c.Schedule)
	if s, err := c.ParseSchedule(); err != nil {
		fmt.Fprintf(&buf, "  invalid: %v\n", err)
	} else {
		// Show runs in the schedule's own zone when it names one.
		loc := now.Location()
		if l, _, err := scheduleZone(strings.TrimSpace(c.Schedule)); err == nil && l != nil {
			loc = l
		}
		next := now
		for range describeRuns {
			next = s.Next(next)
			if next.IsZero() {
				break
			}
			fmt.Fprintf(&buf, "  next run  %s\n", next.In(loc).Format("Mon 2006-01-02 15:04 MST"))
		}
	}

	retention := "forever"
	if c.Storage.Retention > 0 {
		retention = fmtDuration(c.Storage.Retention)
	}
	fmt.Fprintf(&buf, "storage   %s %s, keep %s\n", c.Storage.Driver, store.RedactDSN(c.Storage.DSN), retention)
	fmt.Fprintf(&buf, "server    listen %s, feeds at %s/", c.Server.Listen, c.Server.BaseURL)
	if c.Server.MetricsListen != "" {
		fmt.Fprintf(&buf, ", metrics on %s", c.Server.MetricsListen)
	}
	if c.Server.LabelsToken != "" {
		fmt.Fprintf(&buf, ", labels API on (its token in %s)", c.Server.LabelsTokenFile)
	}
	buf.WriteString("\n")
	dir := "not written to files"
	if c.Publish.Dir != "" {
		dir = "written to " + c.Publish.Dir
	}
	fmt.Fprintf(&buf, "publish   %q, %d stories per feed, %d pages, %s\n", c.Publish.Title, c.Publish.MaxItems, c.Publish.Pages, dir)
	f := c.Fetch
	fmt.Fprintf(&buf, "fetch     timeout %s (connect %s), %d at once, %d per host, max %d bytes and %d items, backoff up to %s\n",
		fmtDuration(f.Timeout), fmtDuration(f.ConnectTimeout), f.Concurrency, f.PerHost, f.MaxBodyBytes, f.MaxItems, fmtDuration(f.MaxBackoff))
	switch d := f.PerHostInterval; {
	case d == nil:
		fmt.Fprintf(&buf, "          requests to one public host %s apart (none between private addresses)\n", fmtDuration(fetch.DefaultPerHostInterval))
	case *d == 0:
		buf.WriteString("          requests to one host not spaced\n")
	default:
		fmt.Fprintf(&buf, "          requests to one host %s apart\n", fmtDuration(*d))
	}
	fmt.Fprintf(&buf, "dedupe    window %s, threshold %g, event threshold %g\n", fmtDuration(c.Dedupe.Window), c.Dedupe.Threshold, c.Dedupe.EventThreshold)
	fmt.Fprintf(&buf, "normalize html up to %d bytes, text up to %d bytes per article\n",
		c.Normalize.MaxHTMLBytes, c.Normalize.MaxTextBytes)

	fmt.Fprintf(&buf, "\nsources (%d)\n", len(c.Sources))
	tw := tabwriter.NewWriter(&buf, 0, 4, 2, ' ', 0)
	for _, s := range c.Sources {
		lang := s.Language
		if lang == "" {
			lang = "auto"
		}
		var extra []string
		if s.Genre != "" {
			extra = append(extra, "genre "+s.Genre)
		}
		if len(s.Topics) > 0 {
			extra = append(extra, "topics "+strings.Join(s.Topics, ","))
		}
		if len(s.Boost) > 0 {
			var bs []string
			for _, slug := range slices.Sorted(maps.Keys(s.Boost)) {
				bs = append(bs, fmt.Sprintf("%s×%g", slug, s.Boost[slug]))
			}
			extra = append(extra, "boost "+strings.Join(bs, ","))
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", s.Name, lang, fetch.RedactURL(s.URL), strings.Join(extra, "; "))
	}
	tw.Flush()

	fmt.Fprintf(&buf, "\ntopics (%d)\n", len(c.Topics))
	tw = tabwriter.NewWriter(&buf, 0, 4, 2, ' ', 0)
	var builtin []string
	for _, t := range c.Topics {
		switch c.topicOrigin[t.Slug] {
		case fromBuiltin:
			builtin = append(builtin, t.Slug)
			continue
		case changesBuiltin:
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s; changes the built-in topic\n", t.Slug, t.Title, t.IPTC, describeRules(t))
		default:
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", t.Slug, t.Title, t.IPTC, describeRules(t))
		}
	}
	tw.Flush()
	// The built-in topics in detail are what `warta topics` prints.
	if len(builtin) > 0 {
		fmt.Fprintf(&buf, "  built in: %s\n", strings.Join(builtin, ", "))
	}
	if len(c.disabledTopics) > 0 {
		fmt.Fprintf(&buf, "  disabled: %s\n", strings.Join(c.disabledTopics, ", "))
	}

	if len(c.Feeds) > 0 {
		fmt.Fprintf(&buf, "\nfeeds (%d)\n", len(c.Feeds))
		tw = tabwriter.NewWriter(&buf, 0, 4, 2, ' ', 0)
		for _, f := range c.Feeds {
			fmt.Fprintf(tw, "  %s\t%s\t%s\n", f.Slug, f.Title, f.Filter)
		}
		tw.Flush()
	}

	// Rows without boosts or extra rules leave tabwriter padding behind.
	out := trailingSpace(buf.Bytes())
	if _, err := w.Write(out); err != nil {
		return fmt.Errorf("config: describe: %w", err)
	}
	return nil
}

// describeRules summarises a topic's rules: term counts, expression and
// threshold.
func describeRules(t topic.Spec) string {
	rules := []string{"terms " + countTerms(t.Terms)}
	if len(t.Require) > 0 {
		rules = append(rules, "require "+countTerms(t.Require))
	}
	if len(t.Exclude) > 0 {
		rules = append(rules, "exclude "+countTerms(t.Exclude))
	}
	if t.Expr != "" {
		rules = append(rules, "expr "+t.Expr+" "+describeExprLanguages(t))
	}
	if t.Threshold > 0 {
		rules = append(rules, fmt.Sprintf("threshold %g", t.Threshold))
	}
	if t.Foreign {
		rules = append(rules, "only about another country")
	}
	if !t.Confidence.IsZero() {
		rules = append(rules, "model confidence "+t.Confidence.String())
	}
	return strings.Join(rules, "; ")
}

// describeExprLanguages says which articles a topic's expression applies
// to (topic.ExprLanguages), warning of one that names none of the topic's
// terms.
func describeExprLanguages(t topic.Spec) string {
	langs, named := topic.ExprLanguages(t)
	list := strings.Join(langs, " and ")
	switch {
	case !named:
		return "(warning: names none of the topic's terms, so " + list + " articles alike must hold it)"
	case len(langs) == 1:
		return "(" + list + " articles only)"
	}
	return "(" + list + " articles)"
}

// countTerms renders a language → terms map as "en 11, id 12", languages
// sorted; "none" when empty.
func countTerms(m map[string][]string) string {
	var parts []string
	for _, lang := range slices.Sorted(maps.Keys(m)) {
		parts = append(parts, fmt.Sprintf("%s %d", lang, len(m[lang])))
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

// fmtDuration writes 72h rather than 72h0m0s, and 30s rather than 0h0m30s.
func fmtDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// trailingSpace removes spaces at the end of each line.
func trailingSpace(b []byte) []byte {
	lines := bytes.Split(b, []byte("\n"))
	for i, l := range lines {
		lines[i] = bytes.TrimRight(l, " ")
	}
	return bytes.Join(lines, []byte("\n"))
}
