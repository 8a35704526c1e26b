package parse

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	wib := jakarta()
	ref := time.Date(2022, 8, 29, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		def  *time.Location
		want time.Time
		ok   bool
	}{
		{"Senin, 28 Agu 2022 10:00:00 +0700", time.UTC, time.Date(2022, 8, 28, 3, 0, 0, 0, time.UTC), true},
		{"28 Agustus 2022 10:00 WIB", time.UTC, time.Date(2022, 8, 28, 3, 0, 0, 0, time.UTC), true},
		{"28 Agustus 2022 10:00 WITA", time.UTC, time.Date(2022, 8, 28, 2, 0, 0, 0, time.UTC), true},
		{"28 Agustus 2022 10:00 WIT", time.UTC, time.Date(2022, 8, 28, 1, 0, 0, 0, time.UTC), true},
		{"Sun, 28 Aug 2022 10:00:00 WIB", time.UTC, time.Date(2022, 8, 28, 3, 0, 0, 0, time.UTC), true},
		{"Jum'at, 26 Agt 2022 17:30:00 WIB", time.UTC, time.Date(2022, 8, 26, 10, 30, 0, 0, time.UTC), true},
		{"Jumat, 1 Des 2023 - 08:15 WIB", time.UTC, time.Date(2023, 12, 1, 1, 15, 0, 0, time.UTC), true},
		{"Minggu, 05 Mei 2024 | 23:59 WIB", time.UTC, time.Date(2024, 5, 5, 16, 59, 0, 0, time.UTC), true},
		{"Ahad, 7 Okt 2018 12:00:00 +0700", time.UTC, time.Date(2018, 10, 7, 5, 0, 0, 0, time.UTC), true},
		{"Rabu, 17 Maret 2021 pukul 09.30 WIB", time.UTC, time.Date(2021, 3, 17, 2, 30, 0, 0, time.UTC), true},
		{"Kamis, 3 Februari 2022 07:00:00 GMT", time.UTC, time.Date(2022, 2, 3, 7, 0, 0, 0, time.UTC), true},
		{"Selasa, 14 Ags 2018 10:00", wib, time.Date(2018, 8, 14, 3, 0, 0, 0, time.UTC), true},
		{"Sabtu, 31 Januari 2015", wib, time.Date(2015, 1, 30, 17, 0, 0, 0, time.UTC), true},
		{"2022-08-28 10:00:00", wib, time.Date(2022, 8, 28, 3, 0, 0, 0, time.UTC), true},
		{"2022-08-28 10:00:00", time.UTC, time.Date(2022, 8, 28, 10, 0, 0, 0, time.UTC), true},
		{"2022-08-28T10:00:00+07:00", time.UTC, time.Date(2022, 8, 28, 3, 0, 0, 0, time.UTC), true},
		{"2022-08-28T10:00:00Z", wib, time.Date(2022, 8, 28, 10, 0, 0, 0, time.UTC), true},
		{"28/08/2022 10:00 WIB", time.UTC, time.Date(2022, 8, 28, 3, 0, 0, 0, time.UTC), true},
		// Explicit offsets are kept, even Tempo's wrong +0100.
		{"Fri, 28 Apr 2017 01:38:02 +0100", wib, time.Date(2017, 4, 28, 0, 38, 2, 0, time.UTC), true},
		{"Mon, 02 Jan 2006 15:04:05 -05:30", time.UTC, time.Date(2006, 1, 2, 20, 34, 5, 0, time.UTC), true},
		{"Tue, 29 Apr 2014 01:15:05 GMT", wib, time.Date(2014, 4, 29, 1, 15, 5, 0, time.UTC), true},
		// No year: the year of ref, unless that is in the future.
		{"28 Agu 10:00 WIB", time.UTC, time.Date(2022, 8, 28, 3, 0, 0, 0, time.UTC), true},
		{"30 Des 10:00 WIB", time.UTC, time.Date(2021, 12, 30, 3, 0, 0, 0, time.UTC), true},
		// Left to gofeed: unknown zone names, non-dates.
		{"Mon, 02 Jan 2006 15:04:05 EST", time.UTC, time.Time{}, false},
		{"kemarin sore", time.UTC, time.Time{}, false},
		{"", time.UTC, time.Time{}, false},
		{"32 Agu 2022 10:00 WIB", time.UTC, time.Time{}, false},
	}
	for _, tt := range tests {
		got, ok := ParseDate(tt.in, tt.def, ref)
		if ok != tt.ok || !got.Equal(tt.want) {
			t.Errorf("ParseDate(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestParseDateKeepsWIBOffset(t *testing.T) {
	got, ok := ParseDate("28 Agustus 2022 10:00 WIB", time.UTC, time.Time{})
	if !ok {
		t.Fatal("not parsed")
	}
	if name, off := got.Zone(); name != "WIB" || off != 7*3600 {
		t.Errorf("zone = %s %d, want WIB 25200", name, off)
	}
}
