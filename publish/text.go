package publish

import (
	"regexp"
	"strings"
)

// langTag matches the RFC 3066 language tags Atom's schema accepts.
var langTag = regexp.MustCompile(`^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$`)

// validLang returns lang when it is a well-formed language tag, else "".
func validLang(lang string) string {
	lang = strings.TrimSpace(lang)
	if langTag.MatchString(lang) {
		return lang
	}
	return ""
}
