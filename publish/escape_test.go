package publish

import "testing"

// Published links and source ids hold only what a URI may hold; a valid
// URI, escapes and an IPv6 host included, comes back as it was (review
// 16, findings 6 and 7).
func TestEscapeURI(t *testing.T) {
	for in, want := range map[string]string{
		"https://a.example/x/y?a=1&b=%C3%A9#f":  "https://a.example/x/y?a=1&b=%C3%A9#f",
		"http://[2001:db8::1]:8080/p?q=[1]":     "http://[2001:db8::1]:8080/p?q=%5B1%5D",
		`http://a.example/3?x=1|2&y="2"<>`:      "http://a.example/3?x=1%7C2&y=%222%22%3C%3E",
		"http://a.example/berita/é?q=a b&p=50%": "http://a.example/berita/%C3%A9?q=a%20b&p=50%25",
		"http://a.example/{x}^`\\":              "http://a.example/%7Bx%7D%5E%60%5C",
	} {
		if got := escapeURI(in); got != want {
			t.Errorf("escapeURI(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEscapeURN(t *testing.T) {
	for in, want := range map[string]string{
		"BBC World":                   "BBC%20World",
		"Science & Environment":       "Science%20%26%20Environment",
		"a~b!c":                       "a!7Eb%21c",
		"A & <Co> é":                  "A%20%26%20%3CCo%3E%20%C3%A9",
		"kompas.com:nasional@x=1+2$y": "kompas.com:nasional@x=1+2$y",
	} {
		if got := escapeURN(in); got != want {
			t.Errorf("escapeURN(%q) = %q, want %q", in, got, want)
		}
	}
}
