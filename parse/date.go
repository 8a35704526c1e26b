package parse

import (
	"strconv"
	"strings"
	"time"
)

// jakarta is Western Indonesian Time. Indonesia has had no daylight saving
// since 1964, so a fixed zone is exact for any date a feed carries and needs
// no tz database on the host.
func jakarta() *time.Location { return time.FixedZone("WIB", 7*3600) }

// zoneOffset gives the offsets of the zone names ParseDate reads itself:
// the three Indonesian zones gofeed mistakes for UTC, and UTC's own names.
func zoneOffset(name string) (int, bool) {
	switch strings.ToUpper(name) {
	case "WIB":
		return 7 * 3600, true
	case "WITA":
		return 8 * 3600, true
	case "WIT":
		return 9 * 3600, true
	case "GMT", "UTC", "UT", "Z":
		return 0, true
	}
	return 0, false
}

// monthByName maps English and Indonesian month names and abbreviations
// (lower-case, without a trailing dot) to months.
func monthByName(s string) (time.Month, bool) {
	switch s {
	case "jan", "january", "januari":
		return time.January, true
	case "feb", "february", "februari", "pebruari":
		return time.February, true
	case "mar", "march", "maret":
		return time.March, true
	case "apr", "april":
		return time.April, true
	case "may", "mei":
		return time.May, true
	case "jun", "june", "juni":
		return time.June, true
	case "jul", "july", "juli":
		return time.July, true
	case "aug", "august", "agu", "agt", "ags", "agus", "agustus":
		return time.August, true
	case "sep", "sept", "september":
		return time.September, true
	case "oct", "october", "okt", "oktober":
		return time.October, true
	case "nov", "november", "nop", "nopember":
		return time.November, true
	case "dec", "december", "des", "desember":
		return time.December, true
	}
	return 0, false
}

// isIndonesianName reports whether s (lower-case, no dot) is a day or month
// name only Indonesian uses: a date written with one is an Indonesian date.
func isIndonesianName(s string) bool {
	switch s {
	case "senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu", "ahad",
		"januari", "februari", "pebruari", "maret", "mei", "juni", "juli", "agu", "agt", "ags",
		"agus", "agustus", "okt", "oktober", "nop", "nopember", "des", "desember":
		return true
	}
	return false
}

func isDayName(s string) bool {
	switch s {
	case "mon", "tue", "wed", "thu", "fri", "sat", "sun",
		"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"tues", "thur", "thurs":
		return true
	}
	return isIndonesianName(s) && !isMonthName(s)
}

func isMonthName(s string) bool { _, ok := monthByName(s); return ok }

// dateLayouts are tried, in order, on the date once day names are dropped,
// month names are rewritten as "Jan".."Dec" and the zone is taken off.
func dateLayouts() [17]string {
	return [...]string{
		"2 Jan 2006 15:04:05",
		"2 Jan 2006 15:04",
		"2 Jan 2006 15.04",
		"2 Jan 2006",
		"Jan 2 2006 15:04:05",
		"Jan 2 2006 15:04",
		"Jan 2 2006",
		"2006-01-02 15:04:05",
		"2006-01-02 15:04",
		"2006-01-02T15:04:05",
		"2006-01-02T15:04",
		"2006-01-02",
		"2/1/2006 15:04:05",
		"2/1/2006 15:04",
		"2/1/2006",
		"2 Jan 06 15:04:05",
		"2 Jan 06 15:04",
	}
}

// yearlessLayouts cover dates such as "28 Agu 10:00" that omit the year.
func yearlessLayouts() [2]string { return [...]string{"2 Jan 15:04:05", "2 Jan 15:04"} }

// ParseDate reads a feed date, including the forms gofeed gets wrong:
// Indonesian day and month names ("Senin, 28 Agu 2022 10:00:00 +0700",
// "28 Agustus 2022 10:00 WIB") and the zones WIB, WITA and WIT. An explicit
// numeric offset is the feed's own statement and is kept, even when it is
// plainly wrong. A date with no zone is taken in def (see Parse for the
// choice). A date without a year gets the year of ref, or the year before
// when that would put it more than a day after ref. ok is false when the
// string is not a date ParseDate knows; the caller then keeps gofeed's value.
func ParseDate(s string, def *time.Location, ref time.Time) (t time.Time, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, true
	}
	fields := strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == ',' || r == '|' || r == '\t' || r == '\n' || r == '\r'
	})
	out := make([]string, 0, len(fields))
	var loc *time.Location
	for i, f := range fields {
		low := strings.TrimSuffix(strings.ToLower(f), ".")
		switch {
		case low == "-" || low == "pukul" || low == "jam":
			continue
		case isDayName(low):
			continue
		case isMonthName(low):
			m, _ := monthByName(low)
			out = append(out, m.String()[:3])
			continue
		}
		if i == len(fields)-1 && len(out) > 0 {
			if l, ok := parseZone(f); ok {
				loc = l
				continue
			}
		}
		out = append(out, f)
	}
	if len(out) == 0 {
		return time.Time{}, false
	}
	// A trailing alphabetic word left over is a zone name this parser does
	// not know (EST, CET...): leave the date to gofeed.
	if last := out[len(out)-1]; strings.IndexFunc(last, func(r rune) bool { return r >= '0' && r <= '9' }) < 0 {
		return time.Time{}, false
	}
	if loc == nil {
		loc = def
	}
	if loc == nil {
		loc = time.UTC
	}
	v := strings.Join(out, " ")
	for _, layout := range dateLayouts() {
		if t, err := time.ParseInLocation(layout, v, loc); err == nil {
			return t, true
		}
	}
	for _, layout := range yearlessLayouts() {
		t, err := time.ParseInLocation(layout, v, loc)
		if err != nil || ref.IsZero() {
			continue
		}
		t = t.AddDate(ref.In(loc).Year(), 0, 0)
		if t.After(ref.Add(24 * time.Hour)) {
			t = t.AddDate(-1, 0, 0)
		}
		return t, true
	}
	return time.Time{}, false
}

// parseZone reads a zone name this parser trusts or a numeric offset
// (+0700, +07:00, -05).
func parseZone(f string) (*time.Location, bool) {
	if off, ok := zoneOffset(f); ok {
		if off == 0 {
			return time.UTC, true
		}
		return time.FixedZone(strings.ToUpper(f), off), true
	}
	if len(f) < 3 || (f[0] != '+' && f[0] != '-') {
		return nil, false
	}
	digits := strings.ReplaceAll(f[1:], ":", "")
	if len(digits) != 2 && len(digits) != 4 {
		return nil, false
	}
	n, err := strconv.Atoi(digits)
	if err != nil {
		return nil, false
	}
	h, m := n, 0
	if len(digits) == 4 {
		h, m = n/100, n%100
	}
	if h > 14 || m > 59 {
		return nil, false
	}
	off := h*3600 + m*60
	if f[0] == '-' {
		off = -off
	}
	return time.FixedZone("", off), true
}

// namesIndonesian reports whether a date string uses an Indonesian day or
// month name or zone, which makes it an Indonesian date whatever the feed
// declares.
func namesIndonesian(s string) bool {
	for f := range strings.FieldsFuncSeq(s, func(r rune) bool { return r == ' ' || r == ',' }) {
		low := strings.TrimSuffix(strings.ToLower(f), ".")
		if isIndonesianName(low) || low == "wib" || low == "wita" || low == "wit" {
			return true
		}
	}
	return false
}
