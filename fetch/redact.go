package fetch

import (
	"errors"
	"net/url"
	"strings"
	"unicode"
)

// RedactURL returns raw without the parts that may hold a secret: its
// userinfo (basic-auth credentials), its query (access tokens of paid and
// private feeds, key=…, token=…) and its fragment, and with each path
// segment that looks like a token (secretSegment) replaced by
// "REDACTED". Error texts and logs, which reach the public status pages
// and whoever reads the logs, name a source's URL only through it.
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

// LinkBase returns raw, a feed's URL, as its items' relative links resolve
// against: without its userinfo (credentials), query (token=…) and
// fragment, so that "?page=2" or "#top" publishes none of them, but with
// its path as it is, since links below it must reach the real directory
// and keep the IDs they had (RedactURL's masked path is for texts only).
// It is "" when raw does not parse.
func LinkBase(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	r := linkBase(u)
	return r.String()
}

// linkBase is LinkBase of a parsed URL; u is not changed.
func linkBase(u *url.URL) url.URL {
	r := *u
	r.User = nil
	r.RawQuery, r.ForceQuery = "", false
	r.Fragment, r.RawFragment = "", ""
	return r
}

// redacted is RedactURL of a parsed URL; u is not changed.
func redacted(u *url.URL) string {
	r := linkBase(u)
	segs := strings.Split(r.Path, "/")
	masked := false
	for i, seg := range segs {
		if secretSegment(seg) {
			segs[i], masked = "REDACTED", true
		}
	}
	if masked {
		r.Path, r.RawPath = strings.Join(segs, "/"), ""
	}
	return r.String()
}

// minTokenRun is the length from which a run of letters and digits may
// be a token: words and slugs' parts are shorter, and a shorter secret
// would be guessed anyway.
const minTokenRun = 16

// secretSegment reports whether a path segment looks like an access token,
// which private feeds put in their path (/feeds/<token>/rss): a run of
// letters and digits (between "-", "_", "." or "~", or across "-" and
// "_", as in a UUID or URL-safe Base64) that tokenLike. A slug
// ("2024-pemilu-presiden-indonesia"), a short number or a long word
// (CamelCase too) is none.
func secretSegment(seg string) bool {
	isSep := func(r rune) bool { return r == '-' || r == '_' || r == '.' || r == '~' }
	for run := range strings.FieldsFuncSeq(seg, isSep) {
		if tokenLike(run) {
			return true
		}
	}
	joined := strings.Map(func(r rune) rune {
		if r == '-' || r == '_' {
			return -1
		}
		return r
	}, seg)
	for run := range strings.FieldsFuncSeq(joined, isSep) {
		if tokenLike(run) {
			return true
		}
	}
	return false
}

// tokenLike reports whether run, of at least minTokenRun letters and
// digits with a digit, is a number, hexadecimal, or changes between
// upper case, lower case and digits as often as random characters do
// (40% of the time; CamelCase words change once a word).
func tokenLike(run string) bool {
	if len(run) < minTokenRun {
		return false
	}
	digits, hex, changes := 0, 0, 0
	prev := byte(0)
	for i := range len(run) {
		c := run[i]
		var class byte
		switch {
		case c >= '0' && c <= '9':
			class = 'd'
			digits++
			hex++
		case c >= 'a' && c <= 'z':
			class = 'l'
			if c <= 'f' {
				hex++
			}
		case c >= 'A' && c <= 'Z':
			class = 'u'
			if c <= 'F' {
				hex++
			}
		default:
			return false
		}
		if prev != 0 && class != prev {
			changes++
		}
		prev = class
	}
	return digits > 0 && (digits == len(run) || hex == len(run) || 10*changes >= 4*(len(run)-1))
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
