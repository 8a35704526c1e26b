package main

import (
	"sync/atomic"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/warta-news/warta/pipeline"
)

// nextRuns tells the publisher when the next scheduled cycle is due, for
// its responses' max-age. A daemon's is its cron entry's next run: an
// `@every` schedule counts from the entry's last run, so the schedule's
// Next of a time off the schedule (the cycle at start or after a reload,
// a re-render of another daemon's change) is a full interval later than
// the real next cycle. Until a daemon schedules its cycles, and in
// `warta once`, it is the schedule's Next.
type nextRuns struct {
	entry atomic.Pointer[func() time.Time] // the daemon's entry's next run; zero when unknown
}

// useEntry makes next answer with the next run entryNext reports.
func (n *nextRuns) useEntry(entryNext func() time.Time) { n.entry.Store(&entryNext) }

// next returns when the first cycle of schedule after t is due.
func (n *nextRuns) next(schedule cron.Schedule) func(t time.Time) time.Time {
	return n.schedule(schedule).Next
}

// schedule is schedule as the daemon runs it: its first cycle after t is
// the entry's next run when that is after t, and the ones after it follow
// the schedule from there (an `@every` entry keeps its phase).
func (n *nextRuns) schedule(schedule cron.Schedule) cron.Schedule {
	return entrySchedule{runs: n, schedule: schedule}
}

// entrySchedule is a schedule as a daemon's cron entry runs it (nextRuns).
type entrySchedule struct {
	runs     *nextRuns
	schedule cron.Schedule
}

// Next implements cron.Schedule.
func (s entrySchedule) Next(t time.Time) time.Time {
	return s.Fixed().Next(t)
}

// Fixed implements pipeline.FixedSchedule: s with the entry's next run
// read now, once (each Next of s asks the cron goroutine for it).
func (s entrySchedule) Fixed() pipeline.Schedule {
	f := fixedEntrySchedule{schedule: s.schedule}
	if e := s.runs.entry.Load(); e != nil {
		f.next = (*e)()
	}
	return f
}

// fixedEntrySchedule is an entrySchedule with its entry's next run read
// once: zero when unknown.
type fixedEntrySchedule struct {
	next     time.Time
	schedule cron.Schedule
}

// Next implements cron.Schedule.
func (s fixedEntrySchedule) Next(t time.Time) time.Time {
	if s.next.After(t) {
		return s.next
	}
	return s.schedule.Next(t)
}
