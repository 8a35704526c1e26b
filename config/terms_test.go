package config

import "testing"

func TestParseTerm(t *testing.T) {
	cases := []struct {
		in     string
		text   string
		weight float64
		ok     bool
	}{
		{"sanksi", "sanksi", 1, true},
		{"sanksi^2", "sanksi", 2, true},
		{"kerja sama^1.5", "kerja sama", 1.5, true},
		{" united nations ^ 2 ", "united nations", 2, true},
		{"x^abc", "", 0, false},
		{"x^0", "", 0, false},
		{"bank^-1", "bank", -1, true},
		{"=perusahaan^2", "=perusahaan", 2, true},
		{"=", "", 0, false},
		{"=^2", "", 0, false},
		{"x^inf", "", 0, false},
		{"x^NaN", "", 0, false},
		{"x^", "", 0, false},
		{"^2", "", 0, false},
		{"  ", "", 0, false},
	}
	for _, c := range cases {
		text, w, err := ParseTerm(c.in)
		if (err == nil) != c.ok {
			t.Errorf("ParseTerm(%q) err = %v, want ok=%v", c.in, err, c.ok)
			continue
		}
		if text != c.text || w != c.weight {
			t.Errorf("ParseTerm(%q) = %q, %v; want %q, %v", c.in, text, w, c.text, c.weight)
		}
	}
}

func TestParseSchedule(t *testing.T) {
	for _, spec := range []string{"@every 15m", "@hourly", "@daily", "0 0 29 2 *", "CRON_TZ=Asia/Jakarta 0 * * * *", "TZ=UTC 30 6 * * 1-5", "*/5 * * * *"} {
		if _, err := ParseSchedule(spec); err != nil {
			t.Errorf("ParseSchedule(%q): %v", spec, err)
		}
	}
	for _, spec := range []string{"", "bogus", "0 0 * * * *", "@every 30s", "@every x", "CRON_TZ=Nowhere/None 0 * * * *", "CRON_TZ= 0 * * * *", "60 * * * *", "0 0 30 2 *", "0 0 31 4 *"} {
		if _, err := ParseSchedule(spec); err == nil {
			t.Errorf("ParseSchedule(%q) accepted", spec)
		}
	}
}
