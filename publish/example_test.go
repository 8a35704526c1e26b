package publish_test

import (
	"os"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/publish"
)

func ExampleWriteAtom() {
	at := time.Date(2026, 11, 20, 8, 30, 0, 0, time.UTC)
	lead := &article.Article{
		ID: "a1", URL: "https://tempo.example/dunia/1", Source: "Tempo",
		Title: "RI dan Malaysia sepakati perbatasan", Language: "id",
		Summary: "<p>Kesepakatan baru.</p>", Published: at, Updated: at, FirstSeen: at,
		Topics: []article.TopicMatch{{Slug: "world"}},
	}
	feed := &publish.Feed{
		Slug: "world", Title: "warta: World", BaseURL: "http://127.0.0.1:8080", Author: "warta",
		Labels:  map[string]string{"world": "World"},
		Stories: []*article.Story{{ID: "a1", Lead: lead}},
	}
	if err := publish.WriteAtom(os.Stdout, feed); err != nil {
		panic(err)
	}
	// Output:
	// <?xml version="1.0" encoding="UTF-8"?>
	// <feed xmlns="http://www.w3.org/2005/Atom">
	//   <id>http://127.0.0.1:8080/feeds/world.atom</id>
	//   <title>warta: World</title>
	//   <updated>2026-11-20T08:30:00Z</updated>
	//   <link href="http://127.0.0.1:8080/feeds/world.atom" rel="self" type="application/atom+xml"></link>
	//   <link href="http://127.0.0.1:8080/topics/world" rel="alternate" type="text/html"></link>
	//   <author>
	//     <name>warta</name>
	//     <uri>http://127.0.0.1:8080/</uri>
	//   </author>
	//   <generator uri="https://github.com/warta-news/warta">warta</generator>
	//   <entry xml:lang="id">
	//     <id>urn:warta:story:a1</id>
	//     <title>RI dan Malaysia sepakati perbatasan</title>
	//     <link href="https://tempo.example/dunia/1" rel="alternate" type="text/html"></link>
	//     <updated>2026-11-20T08:30:00Z</updated>
	//     <published>2026-11-20T08:30:00Z</published>
	//     <author>
	//       <name>Tempo</name>
	//     </author>
	//     <category term="world" scheme="http://127.0.0.1:8080/topics" label="World"></category>
	//     <summary type="html">&lt;p&gt;Kesepakatan baru.&lt;/p&gt;</summary>
	//     <content type="html">&lt;p&gt;Kesepakatan baru.&lt;/p&gt;</content>
	//     <source>
	//       <id>urn:warta:source:Tempo</id>
	//       <title>Tempo</title>
	//       <updated>2026-11-20T08:30:00Z</updated>
	//       <link href="https://tempo.example/" rel="alternate" type="text/html"></link>
	//     </source>
	//   </entry>
	// </feed>
}
