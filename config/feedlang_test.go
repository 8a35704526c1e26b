package config

import (
	"strings"
	"testing"
)

// A defined feed's lang: names a language warta tags stories with: any
// other would keep the feed empty forever (review 11, F8).
func TestFeedFilterLanguageIsOneWartaTags(t *testing.T) {
	src := validYAML + "feeds:\n  - {slug: f, title: F, filter: \"lang:xx\"}\n"
	_, err := Parse("f.yaml", []byte(src))
	if err == nil || !strings.Contains(err.Error(), "f.yaml:24:") || !strings.Contains(err.Error(), `"xx"`) {
		t.Errorf("lang:xx: %v, want an error at f.yaml:24 naming it", err)
	}
	for _, ok := range []string{"lang:id", "lang:en", "lang:de"} {
		if _, err := Parse("f.yaml", []byte(validYAML+"feeds:\n  - {slug: f, title: F, filter: \""+ok+"\"}\n")); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
}
