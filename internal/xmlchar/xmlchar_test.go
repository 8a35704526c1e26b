package xmlchar

import "testing"

func TestValid(t *testing.T) {
	for r, want := range map[rune]bool{
		0x00: false, 0x01: false, 0x09: true, 0x0A: true, 0x0B: false, 0x0D: true, 0x1F: false,
		' ': true, 'é': true, 0xD7FF: true, 0xD800: false, 0xDFFF: false, 0xE000: true,
		0xFFFD: true, 0xFFFE: false, 0xFFFF: false, 0x10000: true, 0x10FFFF: true, 0x110000: false, -1: false,
	} {
		if Valid(r) != want {
			t.Errorf("Valid(%U) = %v, want %v", r, !want, want)
		}
	}
}

func TestClean(t *testing.T) {
	for in, want := range map[string]string{
		"plain text, é, 🙂":                                "plain text, é, 🙂",
		"tab\tnl\ncr\r":                                   "tab\tnl\ncr\r",
		"nul\x00bell\x07esc\x1b":                          "nulbellesc",
		"bad \xff\xfe bytes":                              "bad  bytes",
		"U+FFFE \uFFFE U+FFFF \uFFFF, U+FFFD \uFFFD kept": "U+FFFE  U+FFFF , U+FFFD \uFFFD kept",
	} {
		if got := Clean(in); got != want {
			t.Errorf("Clean(%q) = %q, want %q", in, got, want)
		}
		if IsClean(in) != (in == want) {
			t.Errorf("IsClean(%q) = %v", in, !(in == want))
		}
	}
}
