package normalize_test

import (
	"fmt"

	"github.com/warta-news/warta/normalize"
)

func ExampleCanonicalURL() {
	u, _ := normalize.CanonicalURL("HTTPS://News.Example.COM:443/read/42/?utm_source=rss&b=2&a=1&fbclid=x#comments", "")
	fmt.Println(u)
	fmt.Println(normalize.IdentityKey(u))
	// Output:
	// https://news.example.com/read/42?a=1&b=2
	// news.example.com/read/42?a=1&b=2
}

func ExamplePlainText() {
	fmt.Println(normalize.PlainText("<p>Harga cabai naik.</p><p>Baca juga: <a href=\"/x\">Harga bawang</a></p><script>t()</script>"))
	// Output:
	// Harga cabai naik.
	// Baca juga: Harga bawang
}
