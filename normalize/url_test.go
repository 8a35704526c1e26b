package normalize

import (
	"strings"
	"testing"
)

func TestCanonicalURL(t *testing.T) {
	tests := []struct {
		raw, base, want string
	}{
		{"https://Example.COM/a/b/?utm_source=rss&utm_medium=feed&id=3", "", "https://example.com/a/b?id=3"},
		{"HTTP://www.Detik.com:80/read/1?fbclid=abc", "", "http://www.detik.com/read/1"},
		{"https://x.test:443/a?gclid=1&dclid=2&msclkid=3&yclid=4&igshid=5&mc_cid=6&mc_eid=7&_ga=8", "", "https://x.test/a"},
		{"https://x.test/a?ref=twitter&ref_src=twsrc&cmpid=9&ocid=ms&rss=1&feed=x", "", "https://x.test/a"},
		{"https://x.test/a?UTM_Campaign=x&b=2&a=1&a=0", "", "https://x.test/a?a=0&a=1&b=2"},
		{"https://x.test/a#comments", "", "https://x.test/a"},
		{"https://x.test/#!/story/42", "", "https://x.test/#!/story/42"},
		{"https://x.test:8443/a/", "", "https://x.test:8443/a"},
		{"http://x.test:443/a", "", "http://x.test:443/a"},
		{"https://x.test", "", "https://x.test/"},
		{"https://x.test///", "", "https://x.test/"},
		{"https://user:pw@x.test/a", "", "https://x.test/a"},
		{"https://x.test./a", "", "https://x.test/a"},
		{"https://x.test../a", "", "https://x.test/a"},
		{"  https://x.test/a%2Fb?q=a%20b&x=%2F  ", "", "https://x.test/a%2Fb?q=a%20b&x=%2F"},
		{"https://x.test/a?&&p=1&", "", "https://x.test/a?p=1"},
		{"/berita/123?utm_source=x", "https://Jambi.AntaraNews.com/rss/terkini.xml", "https://jambi.antaranews.com/berita/123"},
		{"berita/123", "https://x.test/rss/", "https://x.test/rss/berita/123"},
		{"//cdn.x.test/a", "http://x.test/", "http://cdn.x.test/a"},
		{"http://[::1]:8080/a", "", "http://[::1]:8080/a"},
	}
	for _, tt := range tests {
		got, err := CanonicalURL(tt.raw, tt.base)
		if err != nil || got != tt.want {
			t.Errorf("CanonicalURL(%q, %q) = %q, %v; want %q", tt.raw, tt.base, got, err, tt.want)
		}
	}
}

func TestCanonicalURLRejects(t *testing.T) {
	for _, raw := range []string{
		"", "   ", "javascript:alert(1)", "mailto:a@b.test", "ftp://x.test/a", "data:text/html,hi",
		"/relative/without/base", "http://", "https://exa mple.com/", "http://[::1", "%zz",
		"http://..", "http://./", // a host of dots names none
	} {
		if got, err := CanonicalURL(raw, ""); err == nil {
			t.Errorf("CanonicalURL(%q) = %q, want error", raw, got)
		} else if !strings.HasPrefix(err.Error(), "normalize: ") {
			t.Errorf("error %q lacks prefix", err)
		}
	}
	if got, err := CanonicalURL("javascript:alert(1)", "https://x.test/"); err == nil {
		t.Errorf("javascript with base = %q, want error", got)
	}
}

func TestIdentityKeySchemeAgnostic(t *testing.T) {
	a, _ := CanonicalURL("http://www.tempo.co/read/news/2017/04/28/1/x?utm_source=rss", "")
	b, _ := CanonicalURL("https://WWW.tempo.co/read/news/2017/04/28/1/x/#top", "")
	if a == b {
		t.Fatalf("canonical URLs should keep their schemes: %q", a)
	}
	if IdentityKey(a) != IdentityKey(b) || IdentityKey(a) != "www.tempo.co/read/news/2017/04/28/1/x" {
		t.Errorf("keys %q, %q", IdentityKey(a), IdentityKey(b))
	}
	if IdentityKey("guid:src:1") != "guid:src:1" {
		t.Error("non-URL keys must pass through")
	}
}
