package fetch

import (
	"errors"
	"net/url"
	"strings"
	"unicode"
)

// RedactURL returns raw without the parts that may hold a secret: its
// userinfo (basic-auth credentials) and its query (access tokens of paid
// and private feeds), and its fragment. Error texts, which reach logs and
// the public status pages, name a source's URL only through it.
func RedactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparseable URL)"
	}
	return redacted(u)
}

// RedactText returns text with every http(s) URL in it redacted
// (RedactURL): error texts stored by older builds, which quoted a source's
// URL with its userinfo and token, are shown only through it. A URL ends at
// a space or a quote; punctuation closing it (".", ",", ")" …) is kept
// after it.
func RedactText(text string) string {
	var b strings.Builder
	for {
		i := urlStart(text)
		if i < 0 {
			b.WriteString(text)
			return b.String()
		}
		b.WriteString(text[:i])
		text = text[i:]
		end := strings.IndexFunc(text, func(r rune) bool {
			return unicode.IsSpace(r) || strings.ContainsRune("\"'`<>", r)
		})
		if end < 0 {
			end = len(text)
		}
		raw := strings.TrimRight(text[:end], ".,;:!?)]}")
		b.WriteString(RedactURL(raw))
		text = text[len(raw):]
	}
}

// urlStart is the index of the first "http://" or "https://" in text, in
// any case, or -1.
func urlStart(text string) int {
	for i := range len(text) {
		if text[i] != 'h' && text[i] != 'H' {
			continue
		}
		for _, scheme := range []string{"http://", "https://"} {
			if len(text)-i >= len(scheme) && strings.EqualFold(text[i:i+len(scheme)], scheme) {
				return i
			}
		}
	}
	return -1
}

// redacted is RedactURL of a parsed URL; u is not changed.
func redacted(u *url.URL) string {
	r := *u
	r.User = nil
	r.RawQuery, r.ForceQuery = "", false
	r.Fragment, r.RawFragment = "", ""
	return r.String()
}

// redactError redacts the URL a *url.Error in err names: net/http's
// client errors hide only the password, url.Parse's keep the raw text.
func redactError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		ue.URL = RedactURL(ue.URL)
	}
	return err
}
