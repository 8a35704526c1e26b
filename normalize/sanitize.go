package normalize

import (
	"html"
	"net/url"
	"strings"

	"github.com/microcosm-cc/bluemonday"
)

// newPolicy builds the sanitising policy: bluemonday's user-generated
// content policy (no scripts, no event handlers, no javascript: URLs, no
// styles), plus rel="nofollow" on every link; "noopener" and absolute
// URLs are added by fixTag.
func newPolicy() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.RequireNoFollowOnLinks(true)
	notAds := func(u *url.URL) bool { return !isAdHost(u.Hostname()) }
	p.AllowURLSchemeWithCustomPolicy("http", notAds)
	p.AllowURLSchemeWithCustomPolicy("https", notAds)
	// Words on both sides of a dropped tag must not run together.
	p.AddSpaceWhenStrippingTag(true)
	return p
}

// isAdHost reports hosts that only serve feed ads, click trackers and
// tracking pixels (Feedsportal, which wraps detik's old feeds, FeedBurner's
// "flare" links and pixels, DoubleClick). Links and images pointing there
// are dropped.
func isAdHost(host string) bool {
	host = strings.ToLower(host)
	for _, d := range [...]string{"feedsportal.com", "feedburner.com", "doubleclick.net"} {
		if host == d || strings.HasSuffix(host, "."+d) {
			return true
		}
	}
	return false
}

// sanitize cleans one HTML fragment, makes its links absolute against base
// (which may be nil) and bounds it to maxBytes (see bounded; trailer ends a
// cut fragment).
func (n *Normalizer) sanitize(s string, base *url.URL, maxBytes int, trailer string) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	b := newBounded(base, maxBytes, trailer)
	// Sanitised HTML is about as long as what came in (links gain their
	// rel): one allocation instead of a doubling per power of two, and
	// little slack kept by the article's string.
	b.out.Grow(min(len(s)+len(s)/16, maxBytes))
	// The only error is b's own errCapReached, which stops bluemonday
	// once the cap is reached.
	_ = n.policy.SanitizeReaderToWriter(strings.NewReader(s), b)
	// Control characters come through raw and as references (&#27;), which
	// the sanitiser decodes.
	return strings.TrimSpace(StripControl(b.finish()))
}

// fixTag rewrites one start tag as bluemonday wrote it: it resolves
// relative href and src values against base, adds "noopener" to every
// link's rel, and drops images left without a source or sized 1×1
// (tracking pixels); "" means drop the tag. Scanning by hand is safe here
// because bluemonday re-serialises every tag as <name key="escaped value"
// ...> and escapes '<', '>' and '"' everywhere else, so each '"' inside a
// tag delimits a value.
func fixTag(tag string, base *url.URL) string {
	if len(tag) < 3 || tag[1] == '/' {
		return tag
	}
	if strings.HasPrefix(tag, "<img") && (!strings.Contains(tag, ` src="`) ||
		(strings.Contains(tag, ` width="1"`) && strings.Contains(tag, ` height="1"`))) {
		return ""
	}
	isLink := strings.HasPrefix(tag, "<a ") || strings.HasPrefix(tag, "<area ")
	if !isLink && (base == nil || !strings.Contains(tag, ` href="`) && !strings.Contains(tag, ` src="`)) {
		return tag
	}
	var b strings.Builder
	b.Grow(len(tag) + 16)
	rest := tag
	sawRel := false
	for {
		k := strings.Index(rest, `="`)
		if k < 0 {
			break
		}
		end := strings.IndexByte(rest[k+2:], '"')
		if end < 0 {
			break
		}
		sp := strings.LastIndexByte(rest[:k], ' ')
		key := rest[sp+1 : k]
		val := rest[k+2 : k+2+end]
		switch {
		case (key == "href" || key == "src") && base != nil:
			val = resolveAttr(val, base)
		case key == "rel" && isLink:
			sawRel = true
			if !strings.Contains(val, "noopener") {
				val += " noopener"
			}
		}
		b.WriteString(rest[:k+2])
		b.WriteString(val)
		b.WriteByte('"')
		rest = rest[k+2+end+1:]
	}
	if isLink && !sawRel {
		// bluemonday adds rel to every link it keeps; this is a safety net.
		tail := strings.TrimSuffix(strings.TrimSuffix(rest, ">"), "/")
		b.WriteString(tail)
		b.WriteString(` rel="nofollow noopener"`)
		b.WriteString(rest[len(tail):])
		return b.String()
	}
	b.WriteString(rest)
	return b.String()
}

// resolveAttr makes an escaped attribute value absolute against base.
func resolveAttr(escaped string, base *url.URL) string {
	raw := html.UnescapeString(escaped)
	if strings.HasPrefix(raw, "http://") || strings.HasPrefix(raw, "https://") || strings.HasPrefix(raw, "mailto:") {
		return escaped
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "" && u.Host != "") {
		return escaped
	}
	return html.EscapeString(base.ResolveReference(u).String())
}
