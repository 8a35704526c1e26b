package config

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

// scheduleParser accepts five fields (no seconds) and descriptors such as
// "@every 15m" and "@hourly", with an optional CRON_TZ= prefix. It is the
// only parser of schedules: the daemon runs the schedule ParseSchedule
// returns.
func scheduleParser() cron.Parser {
	return cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)
}

// ParseSchedule parses spec as warta's schedule, the syntax of the
// "schedule" key. A time zone named by a CRON_TZ= (or TZ=) prefix must be
// known, and an "@every" interval must be at least a minute, like the
// finest five-field spec: fetching feeds more often is impolite.
func ParseSchedule(spec string) (cron.Schedule, error) {
	spec = strings.TrimSpace(spec)
	if spec == "" {
		return nil, fmt.Errorf("empty schedule")
	}
	_, rest, err := scheduleZone(spec)
	if err != nil {
		return nil, err
	}
	if every, ok := strings.CutPrefix(rest, "@every "); ok {
		d, err := time.ParseDuration(strings.TrimSpace(every))
		if err != nil {
			return nil, fmt.Errorf("invalid cron spec %q: %w", spec, err)
		}
		if d < time.Minute {
			return nil, fmt.Errorf("invalid cron spec %q: interval %s is shorter than 1m", spec, d)
		}
	}
	if err := checkSteps(rest); err != nil {
		return nil, fmt.Errorf("invalid cron spec %q: %w", spec, err)
	}
	s, err := scheduleParser().Parse(spec)
	if err != nil {
		return nil, fmt.Errorf("invalid cron spec %q: %w", spec, err)
	}
	// cron gives up after five years of no match: a spec such as
	// "0 0 30 2 *" (February 30th) parses but never fires.
	if s.Next(time.Now()).IsZero() {
		return nil, fmt.Errorf("cron spec %q never fires: no date matches its day-of-month, month and day-of-week", spec)
	}
	return s, nil
}

// cronFields names the five fields of a spec, how many values each has
// and the period they repeat in.
var cronFields = [...]struct {
	name, period string
	size         int
}{{"minute", "hour", 60}, {"hour", "day", 24}, {"day of month", "month", 31}, {"month", "year", 12}, {"day of week", "week", 7}}

// checkSteps refuses a step as large as its field or larger ("*/60" or
// "*/61" minutes): cron accepts it and fires once per hour, which is not
// what was asked.
func checkSteps(fields string) error {
	if strings.HasPrefix(fields, "@") {
		return nil
	}
	for i, field := range strings.Fields(fields) {
		if i >= len(cronFields) {
			return nil // the parser reports the extra field
		}
		for part := range strings.SplitSeq(field, ",") {
			_, step, ok := strings.Cut(part, "/")
			if !ok {
				continue
			}
			if n, err := strconv.Atoi(step); err == nil && n >= cronFields[i].size {
				f := cronFields[i]
				return fmt.Errorf("step %d is not below the %s field's %d values: it would fire once per %s", n, f.name, f.size, f.period)
			}
		}
	}
	return nil
}

// scheduleZone splits a CRON_TZ= (or TZ=) prefix off spec and loads its
// zone; loc is nil when spec has no prefix.
func scheduleZone(spec string) (loc *time.Location, rest string, err error) {
	for _, prefix := range []string{"CRON_TZ=", "TZ="} {
		if tz, ok := strings.CutPrefix(spec, prefix); ok {
			zone, after, _ := strings.Cut(tz, " ")
			loc, err := time.LoadLocation(zone)
			if err != nil || zone == "" {
				return nil, "", fmt.Errorf("unknown time zone %q in %s", zone, strings.TrimSuffix(prefix, "="))
			}
			return loc, strings.TrimSpace(after), nil
		}
	}
	return nil, spec, nil
}

// ParseSchedule parses the configuration's schedule; see ParseSchedule.
func (c *Config) ParseSchedule() (cron.Schedule, error) {
	return ParseSchedule(c.Schedule)
}
