package normalize

import (
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strings"
)

// errNoIdentity is returned for an article with nothing to identify it by:
// no usable link, no GUID, no title and no text.
var errNoIdentity = errors.New("normalize: item has no usable link, guid, title or text")

// trackingParams are query parameters that only record how a reader got to
// a page (campaign tags, click ids, referral markers) and never select what
// the page shows. Dropping them makes one article one URL.
//
//   - fbclid, gclid, dclid, gbraid, wbraid, msclkid, yclid, twclid, ttclid,
//     igshid, li_fat_id: ad/social click ids (Facebook, Google, Microsoft,
//     Yandex, X, TikTok, Instagram, LinkedIn).
//   - mc_cid, mc_eid: Mailchimp; _hsenc, _hsmi: HubSpot; mkt_tok: Marketo;
//     vero_id, vero_conv: Vero; oly_anon_id, oly_enc_id: Omeda.
//   - _ga, _gl: Google Analytics cross-domain linker.
//   - ref, ref_src, ref_url, referrer, cmpid, ocid, icid, ncid, ito, s_cid,
//     spm, share, sr_share, at_medium, at_campaign, wt_mc, wt_zmc,
//     ns_mchannel, ns_source, ns_campaign, ns_linkname, ns_fee: referral and
//     campaign markers of analytics suites and publishers (Twitter, MSN,
//     Adobe, Webtrends, comScore, AT Internet, Alibaba).
//   - rss, feed, fromrss: news sites tag links in their own feeds
//     ("?rss=1") to count feed clicks; the page is the same. Generic words
//     such as "from" or "source" are not dropped: on some sites they select
//     content, and merging two articles loses one.
//
// utm_* is matched as a prefix (utm_source, utm_medium, utm_campaign,
// utm_term, utm_content, utm_id, ...).
func isTrackingParam(key string) bool {
	k := strings.ToLower(key)
	if strings.HasPrefix(k, "utm_") {
		return true
	}
	switch k {
	case "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "ttclid",
		"igshid", "li_fat_id",
		"mc_cid", "mc_eid", "_hsenc", "_hsmi", "mkt_tok", "vero_id", "vero_conv", "oly_anon_id", "oly_enc_id",
		"_ga", "_gl",
		"ref", "ref_src", "ref_url", "referrer", "cmpid", "ocid", "icid", "ncid", "ito", "s_cid",
		"spm", "share", "sr_share", "at_medium", "at_campaign", "wt_mc", "wt_zmc",
		"ns_mchannel", "ns_source", "ns_campaign", "ns_linkname", "ns_fee",
		"rss", "feed", "fromrss":
		return true
	}
	return false
}

// CanonicalURL returns the canonical form of raw, resolved against base
// when raw is relative: scheme and host lower-cased (the host's trailing
// dots dropped; the scheme is kept as given, see IdentityKey), default
// port, user info, fragment and tracking
// parameters dropped, remaining query parameters sorted, trailing slashes
// removed from the path ("/" stays, an empty path becomes "/"). The path
// and query keep their original escaping, so "%2F" is not turned into "/".
// A "#!" fragment is kept: on hash-bang sites it names the page.
// Only http and https URLs are accepted.
func CanonicalURL(raw, base string) (string, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", errors.New("normalize: empty URL")
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", fmt.Errorf("normalize: bad URL %q: %w", raw, err)
	}
	if !u.IsAbs() || u.Host == "" {
		if base == "" {
			return "", fmt.Errorf("normalize: relative URL %q without a base", raw)
		}
		b, err := url.Parse(strings.TrimSpace(base))
		if err != nil {
			return "", fmt.Errorf("normalize: bad base URL %q: %w", base, err)
		}
		if u.Scheme != "" && !strings.EqualFold(u.Scheme, b.Scheme) {
			// "http:foo" style or another scheme: not ours to resolve.
			return "", fmt.Errorf("normalize: URL %q is not http(s)", raw)
		}
		u = b.ResolveReference(u)
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" {
		return "", fmt.Errorf("normalize: URL %q is not http(s)", raw)
	}
	// Every trailing dot goes, not one: "x.test.." and "x.test." name
	// "x.test", and a host of dots alone ("..") names none, or its
	// canonical form would lose a dot each time it is read again.
	host := strings.TrimRight(strings.ToLower(u.Hostname()), ".")
	if host == "" {
		return "", fmt.Errorf("normalize: URL %q has no host", raw)
	}
	if strings.ContainsAny(host, " \t\n<>\"{}|\\^`") {
		return "", fmt.Errorf("normalize: URL %q has an invalid host", raw)
	}
	if strings.Contains(host, ":") {
		host = "[" + host + "]" // IPv6 literal
	}
	if port := u.Port(); port != "" && !(scheme == "http" && port == "80") && !(scheme == "https" && port == "443") {
		host += ":" + port
	}

	var sb strings.Builder
	sb.Grow(len(raw))
	sb.WriteString(scheme)
	sb.WriteString("://")
	sb.WriteString(host)
	path := strings.TrimRight(u.EscapedPath(), "/")
	if path == "" {
		path = "/"
	}
	sb.WriteString(path)
	if q := canonicalQuery(u.RawQuery); q != "" {
		sb.WriteByte('?')
		sb.WriteString(q)
	}
	if strings.HasPrefix(u.Fragment, "!") {
		sb.WriteByte('#')
		sb.WriteString(u.EscapedFragment())
	}
	return sb.String(), nil
}

// canonicalQuery drops tracking and empty parameters and sorts the rest by
// key, then value, keeping each pair's original escaping.
func canonicalQuery(raw string) string {
	if raw == "" {
		return ""
	}
	type pair struct{ key, raw string }
	var kept []pair
	for _, p := range strings.FieldsFunc(raw, func(r rune) bool { return r == '&' }) {
		// A raw space is invalid in a URL and would be trimmed away by a
		// second pass; escaping it keeps canonical URLs fixed points.
		p = strings.ReplaceAll(p, " ", "%20")
		k, _, _ := strings.Cut(p, "=")
		key, err := url.QueryUnescape(k)
		if err != nil {
			key = k
		}
		if strings.TrimSpace(key) == "" || isTrackingParam(key) {
			continue
		}
		kept = append(kept, pair{key, p})
	}
	sort.SliceStable(kept, func(i, j int) bool {
		if kept[i].key != kept[j].key {
			return kept[i].key < kept[j].key
		}
		return kept[i].raw < kept[j].raw
	})
	parts := make([]string, len(kept))
	for i, p := range kept {
		parts[i] = p.raw
	}
	return strings.Join(parts, "&")
}

// IdentityKey is what an article's ID is derived from: the canonical URL
// without its scheme, so the http and https copies of one page are one
// article. Keys that are not http(s) URLs (the "guid:" fallback) are
// returned unchanged.
func IdentityKey(canonical string) string {
	if s, ok := strings.CutPrefix(canonical, "https://"); ok {
		return s
	}
	if s, ok := strings.CutPrefix(canonical, "http://"); ok {
		return s
	}
	return canonical
}

// redirectorHosts are feed-proxy hosts whose links only bounce readers to
// the real article (and whose services are mostly dead). When a feed links
// through one and its GUID is the article's own URL, the GUID is the better
// identity: the same article fetched from the publisher directly has that
// URL.
func isRedirectorHost(host string) bool {
	host = strings.ToLower(host)
	return host == "feedsportal.com" || strings.HasSuffix(host, ".feedsportal.com") ||
		host == "feedproxy.google.com" || host == "feeds.feedburner.com"
}

// AggregatorHost reports whether host serves other outlets' articles
// under its own links: a feed redirector, or Google News. Such a link
// names no outlet (the publisher's "Also reported by" tells outlets
// apart by the article's own link, else by source name).
func AggregatorHost(host string) bool {
	return isRedirectorHost(host) || strings.EqualFold(host, "news.google.com")
}

// aggregatorLink reports whether link is an absolute URL on an
// AggregatorHost.
func aggregatorLink(link string) bool {
	u, err := url.Parse(strings.TrimSpace(link))
	return err == nil && AggregatorHost(u.Hostname())
}

// absoluteHTTP reports whether s is an absolute http(s) URL with a host.
func absoluteHTTP(s string) bool {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || u.Host == "" {
		return false
	}
	sc := strings.ToLower(u.Scheme)
	return sc == "http" || sc == "https"
}
