package config

import "testing"

func TestParseSchedule(t *testing.T) {
	for _, spec := range []string{"@every 15m", "@hourly", "@daily", "0 0 29 2 *", "CRON_TZ=Asia/Jakarta 0 * * * *", "TZ=UTC 30 6 * * 1-5", "*/5 * * * *", "*/59 * * * *", "0 */23 * * *", "0 0 */30 * *", "0 0 1 */11 *", "0 0 * * */6"} {
		if _, err := ParseSchedule(spec); err != nil {
			t.Errorf("ParseSchedule(%q): %v", spec, err)
		}
	}
	for _, spec := range []string{"", "bogus", "0 0 * * * *", "@every 30s", "@every x", "CRON_TZ=Nowhere/None 0 * * * *", "CRON_TZ= 0 * * * *", "60 * * * *", "0 0 30 2 *", "0 0 31 4 *",
		// A step as large as its field fires once per period (the review).
		"*/60 * * * *", "0 */24 * * *", "0 0 */31 * *", "0 0 1 */12 *", "0 0 * * */7", "0,*/61 * * * *"} {
		if _, err := ParseSchedule(spec); err == nil {
			t.Errorf("ParseSchedule(%q) accepted", spec)
		}
	}
}
