package fetch

import (
	"errors"
	"net/url"
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
