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
