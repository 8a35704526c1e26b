package pipeline

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// Outcome is what a cycle did with one source.
type Outcome int

// The outcomes of fetching a source.
const (
	OutcomeFetched     Outcome = iota // a feed came back and was parsed
	OutcomeNotModified                // 304 Not Modified
	OutcomeBackingOff                 // not tried: still backing off after failures
	OutcomeFailed                     // the fetch or the parse failed
	OutcomeRetired                    // not tried: 410 Gone until its config changes
	OutcomeNotDue                     // not tried: it asked (Cache-Control, Expires, <ttl>) to be left alone until later
	OutcomeElsewhere                  // not tried here: another process sharing the store claimed it
)

// ElsewhereWhy says, to a person, why sources were not fetched here
// (OutcomeElsewhere): what is known, a claim for their due time, which
// its owner may still hold or have released once it saved the sources.
const ElsewhereWhy = "another process sharing the store (a daemon, or another `warta once`) claimed them for this due time: it is fetching them or has fetched them"

// String returns the outcome's name in metrics and logs: "fetched",
// "not_modified", "skipped" (backing off), "failed", "retired",
// "not_due" or "elsewhere".
func (o Outcome) String() string {
	switch o {
	case OutcomeFetched:
		return "fetched"
	case OutcomeNotModified:
		return "not_modified"
	case OutcomeBackingOff:
		return "skipped"
	case OutcomeFailed:
		return "failed"
	case OutcomeRetired:
		return "retired"
	case OutcomeNotDue:
		return "not_due"
	case OutcomeElsewhere:
		return "elsewhere"
	}
	return fmt.Sprintf("outcome(%d)", int(o))
}

// Succeeded reports whether the source answered (a feed or 304).
func (o Outcome) Succeeded() bool { return o == OutcomeFetched || o == OutcomeNotModified }

// Report sums up one cycle.
type Report struct {
	Started, Finished time.Time
	Sources           int
	Fetched           int // sources that returned a feed
	NotModified       int // sources that answered 304
	Skipped           int // sources still backing off after failures
	Failed            int // sources whose fetch or parse failed
	Retired           int // sources gone (410) until their config changes
	NotDue            int // sources that asked not to be fetched yet
	Elsewhere         int // sources another process sharing the store claimed
	Items             int // items in the fetched feeds
	New               int // articles stored for the first time
	NewStories        int // of which started a new story
	Corrected         int // stored articles their source changed, updated
	// PerSource has one entry per configured source, in config order.
	PerSource []SourceReport
}

// SourceReport is what one cycle did with one source.
type SourceReport struct {
	Name    string
	Outcome Outcome
	Items   int // items in the fetched feed
	New     int // articles stored for the first time
	// Err is the last error of a source that failed, backs off or is
	// retired; "" otherwise.
	Err string
	// Failures counts the source's consecutive failures.
	Failures int
	// NextAttempt is when a failing, backing-off or not-due source will
	// really be fetched again: the first scheduled cycle once its backoff
	// or asked-for wait has passed (zero when it is due at every cycle, or
	// retired).
	NextAttempt time.Time
	// LastSuccess is when the source last answered; zero if it never did.
	LastSuccess time.Time
}

// Degraded reports whether some source failed, backs off or is retired.
func (r *Report) Degraded() bool { return r.Failed+r.Skipped+r.Retired > 0 }

// Problems returns the sources that failed, back off or are retired, in
// config order.
func (r *Report) Problems() []SourceReport {
	var out []SourceReport
	for _, s := range r.PerSource {
		switch s.Outcome {
		case OutcomeFailed, OutcomeBackingOff, OutcomeRetired:
			out = append(out, s)
		}
	}
	return out
}

// Names returns the names of the sources with outcome o, in config
// order, joined by ", ": the sources a summary counts, named.
func (r *Report) Names(o Outcome) string {
	var names []string
	for _, s := range r.PerSource {
		if s.Outcome == o {
			names = append(names, s.Name)
		}
	}
	return strings.Join(names, ", ")
}

// AllFailed reports whether the cycle tried sources and every one it
// tried failed: none answered. Sources not tried (backing off, not due,
// retired earlier, another process's) count neither way.
func (r *Report) AllFailed() bool { return r.Failed > 0 && r.Fetched+r.NotModified == 0 }

// NotDueWhy says, to a person, why sources were not fetched
// (OutcomeNotDue).
const NotDueWhy = "they asked (Cache-Control, Expires, <ttl>) not to be fetched before their next attempt"

// plural returns "1 source", "2 sources".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// count adds one source's result to the report.
func (r *Report) count(s SourceReport) {
	switch s.Outcome {
	case OutcomeFetched:
		r.Fetched++
	case OutcomeNotModified:
		r.NotModified++
	case OutcomeBackingOff:
		r.Skipped++
	case OutcomeFailed:
		r.Failed++
	case OutcomeRetired:
		r.Retired++
	case OutcomeNotDue:
		r.NotDue++
	case OutcomeElsewhere:
		r.Elsewhere++
	}
	r.Items += s.Items
	r.PerSource = append(r.PerSource, s)
}

// Problem describes a source that failed, backs off or is retired, on one
// line: "Tempo failed (fetch: http 503 Service Unavailable); 2 failures,
// next attempt 2026-11-30T10:15:00Z".
func (s SourceReport) Problem() string {
	var b strings.Builder
	b.WriteString(s.Name)
	switch s.Outcome {
	case OutcomeFailed:
		b.WriteString(" failed")
	case OutcomeBackingOff:
		b.WriteString(" backing off")
	case OutcomeRetired:
		b.WriteString(" retired")
	default:
		b.WriteString(" " + s.Outcome.String())
	}
	if s.Err != "" {
		fmt.Fprintf(&b, " (%s)", s.Err)
	}
	if s.Failures > 0 {
		fmt.Fprintf(&b, "; %s", plural(s.Failures, "failure"))
	}
	switch {
	case s.Outcome == OutcomeRetired:
		b.WriteString("; not fetched again until its url changes in the config")
	case !s.NextAttempt.IsZero():
		fmt.Fprintf(&b, ", next attempt %s", s.NextAttempt.Format(time.RFC3339))
	}
	return b.String()
}

// WriteSummary writes the report for a person: the counts on one line,
// then a line on the sources another process holds and one on those not
// due (how many, which and why), if any, and one line
// per source that failed, backs off or is retired.
func (r *Report) WriteSummary(w io.Writer) error {
	extra := ""
	if r.Retired > 0 {
		extra += fmt.Sprintf(", retired %d", r.Retired)
	}
	if r.NotDue > 0 {
		extra += fmt.Sprintf(", not due %d", r.NotDue)
	}
	if r.Elsewhere > 0 {
		extra += fmt.Sprintf(", left to another process %d", r.Elsewhere)
	}
	_, err := fmt.Fprintf(w, "sources %d: fetched %d, not modified %d, backing off %d, failed %d%s; items %d, new articles %d, new stories %d\n",
		r.Sources, r.Fetched, r.NotModified, r.Skipped, r.Failed, extra, r.Items, r.New, r.NewStories)
	if err == nil && r.Elsewhere > 0 {
		_, err = fmt.Fprintf(w, "  %s not fetched here (%s): %s\n", plural(r.Elsewhere, "source"), r.Names(OutcomeElsewhere), ElsewhereWhy)
	}
	if err == nil && r.NotDue > 0 {
		_, err = fmt.Fprintf(w, "  %s not due (%s): %s\n", plural(r.NotDue, "source"), r.Names(OutcomeNotDue), NotDueWhy)
	}
	for _, s := range r.Problems() {
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(w, "  %s\n", s.Problem())
	}
	return err
}
