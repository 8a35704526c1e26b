package publish

import (
	"encoding/xml"
	"fmt"
	"html/template"
	"io"
)

// indexPage is the data of the index template.
type indexPage struct {
	Title string
	Home  string
	OPML  string
	Feeds []indexFeed
}

// indexFeed is one feed's row on the index page.
type indexFeed struct {
	Slug, Title, FullTitle, Description string
	Atom, RSS, JSON                     string
	Stories                             int
	Updated                             string
}

// indexTemplate is the self-contained index page: inline CSS, no scripts,
// no external assets, and an autodiscovery link per feed.
const indexTemplate = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
{{range .Feeds}}<link rel="alternate" type="application/atom+xml" title="{{.FullTitle}}" href="{{.Atom}}">
{{end}}<style>
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2330;background:#f7f7f5;margin:0}
main{max-width:46rem;margin:0 auto;padding:2rem 1rem}
h1{font-size:1.6rem;margin:0 0 .25rem}
p.lead{color:#555;margin:0 0 1.5rem}
ul{list-style:none;padding:0;margin:0}
li{background:#fff;border:1px solid #e2e2de;border-radius:6px;padding:.9rem 1rem;margin:0 0 .75rem}
h2{font-size:1.1rem;margin:0}
.desc{margin:.25rem 0;color:#444}
.meta{font-size:.85rem;color:#666;margin:.25rem 0}
.links{margin:.5rem 0 0}
.links a{display:inline-block;margin-right:.6rem;padding:.1rem .5rem;border:1px solid #c9cbd3;border-radius:4px;text-decoration:none;color:#1a4fa0;font-size:.85rem}
.links a:hover{background:#eef3fb}
footer{margin-top:2rem;font-size:.85rem;color:#666}
</style>
</head>
<body>
<main>
<h1>{{.Title}}</h1>
<p class="lead">News stories gathered from many outlets, one entry per story, one feed per topic.</p>
<ul>
{{range .Feeds}}<li id="{{.Slug}}">
<h2>{{.Title}}</h2>
{{if .Description}}<p class="desc">{{.Description}}</p>
{{end}}<p class="meta">{{.Stories}} {{if eq .Stories 1}}story{{else}}stories{{end}}{{if .Updated}} · updated {{.Updated}}{{end}}</p>
<p class="links"><a href="{{.Atom}}">Atom</a><a href="{{.RSS}}">RSS</a><a href="{{.JSON}}">JSON Feed</a></p>
</li>
{{end}}</ul>
<footer>Subscribe to every topic at once: <a href="{{.OPML}}">OPML list</a>.</footer>
</main>
</body>
</html>
`

// parseIndex parses the index template; it is a constant, so a failure is
// a programming error caught by every test.
func parseIndex() *template.Template {
	return template.Must(template.New("index").Parse(indexTemplate))
}

// writeIndex renders the index page.
func (p *Publisher) writeIndex(w io.Writer, feeds []*Feed) error {
	page := indexPage{
		Title: cleanText(p.opts.Title),
		Home:  p.opts.BaseURL + "/",
		OPML:  p.opts.BaseURL + "/feeds.opml",
	}
	topicTitle := make(map[string]string, len(p.feeds))
	for _, info := range p.feeds {
		topicTitle[info.Slug] = info.Title
	}
	for _, f := range feeds {
		row := indexFeed{
			Slug:        f.Slug,
			Title:       cleanText(topicTitle[f.Slug]),
			FullTitle:   cleanText(f.Title),
			Description: cleanText(f.Description),
			Atom:        f.FeedURL("atom"),
			RSS:         f.FeedURL("rss"),
			JSON:        f.FeedURL("json"),
			Stories:     len(f.stories()),
		}
		if row.Stories > 0 {
			row.Updated = f.Updated().Format("2006-01-02 15:04 UTC")
		}
		page.Feeds = append(page.Feeds, row)
	}
	if err := p.index.Execute(w, page); err != nil {
		return fmt.Errorf("publish: index page: %w", err)
	}
	return nil
}

// opmlDoc is an OPML 2.0 subscription list.
type opmlDoc struct {
	XMLName xml.Name      `xml:"opml"`
	Version string        `xml:"version,attr"`
	Title   string        `xml:"head>title"`
	Docs    string        `xml:"head>docs"`
	Body    []opmlOutline `xml:"body>outline"`
}

// opmlOutline is one feed subscription.
type opmlOutline struct {
	Type        string `xml:"type,attr"`
	Text        string `xml:"text,attr"`
	Title       string `xml:"title,attr"`
	Description string `xml:"description,attr,omitempty"`
	XMLURL      string `xml:"xmlUrl,attr"`
	HTMLURL     string `xml:"htmlUrl,attr"`
}

// writeOPML renders the list of topic feeds for one-click import. The
// "all" feed is left out: it repeats every topic feed's entries.
func (p *Publisher) writeOPML(w io.Writer, feeds []*Feed) error {
	doc := opmlDoc{
		Version: "2.0",
		Title:   cleanText(p.opts.Title) + " topic feeds",
		Docs:    "http://opml.org/spec2.opml",
	}
	for _, f := range feeds {
		if f.Slug == AllSlug {
			continue
		}
		doc.Body = append(doc.Body, opmlOutline{
			Type:        "rss", // OPML readers use "rss" for any feed format
			Text:        cleanText(f.Title),
			Title:       cleanText(f.Title),
			Description: cleanText(f.Description),
			XMLURL:      cleanText(f.FeedURL("atom")),
			HTMLURL:     cleanText(f.HomeURL() + "#" + f.Slug),
		})
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("publish: write opml: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("publish: write opml: %w", err)
	}
	_, err := io.WriteString(w, "\n")
	if err != nil {
		return fmt.Errorf("publish: write opml: %w", err)
	}
	return nil
}
