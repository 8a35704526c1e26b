package publish

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"strings"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/internal/xmlchar"
)

// headlines is how many of a topic's latest stories the index page shows.
const headlines = 5

// topicPageItems is how many stories a topic page shows.
const topicPageItems = 50

// page is the data every page template gets.
type page struct {
	Title    string // the site's title
	Heading  string
	Base     string
	OPML     string
	Feeds    []pageFeed // every feed, for autodiscovery and navigation
	Cycle    *CycleStatus
	Failing  int
	Sources  int
	Topic    *pageFeed   // the topic page's feed
	Story    *storyPage  // the story page's story
	Status   *statusData // the status page's data
	Charts   []pageChart
	SrcChart map[string]template.HTML
	Refusal  *refusal // a refused form's page
}

// refusal is why a story page's form was refused, and the way back.
type refusal struct{ Why, Back string }

// pageFeed is one feed as the pages show it.
type pageFeed struct {
	Slug, Title, FullTitle, Description string
	Page, Atom, RSS, JSON               string
	Langs                               []pageLink
	Stories                             int
	Changed                             time.Time
	Latest                              []pageStory
}

// pageStory is one story on a page.
type pageStory struct {
	Title, URL, Source, Lang string
	Time                     time.Time
	Also                     []otherCopy
	// Page is the story's page; Reports how many articles it holds.
	Page    string
	Reports int
}

// pageChart is a labelled SVG chart.
type pageChart struct {
	Label, Slug string
	Total       int
	SVG         template.HTML
}

// pagesTemplate holds the layout and the pages: inline CSS, no scripts, no
// external assets, autodiscovery links on every page, readable on a phone.
const pagesTemplate = `{{define "head"}}<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Heading}}</title>
{{range .Feeds}}<link rel="alternate" type="application/atom+xml" title="{{.FullTitle}}" href="{{.Atom}}">
{{end}}<style>
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2330;background:#f7f7f5;margin:0}
main{max-width:52rem;margin:0 auto;padding:1rem}
nav{font-size:.9rem;margin:0 0 1rem}nav a{margin-right:.8rem}
a{color:#1a4fa0}
h1{font-size:1.5rem;margin:.25rem 0}
h2{font-size:1.1rem;margin:0}
.lead,.meta{color:#555}.meta{font-size:.85rem;margin:.2rem 0}
.warn{background:#fde8e8;border:1px solid #e0a3a3;border-radius:6px;padding:.6rem .9rem;margin:0 0 1rem}
.ok{background:#e7f5ea;border:1px solid #a6d4b0;border-radius:6px;padding:.6rem .9rem;margin:0 0 1rem}
.card{background:#fff;border:1px solid #e2e2de;border-radius:6px;padding:.8rem 1rem;margin:0 0 .8rem}
.card ul,ol.stories{padding-left:1.1rem;margin:.4rem 0}
.links a{display:inline-block;margin:.3rem .5rem 0 0;padding:.05rem .5rem;border:1px solid #c9cbd3;border-radius:4px;text-decoration:none;font-size:.85rem}
form.correct,form.undo{font-size:.9rem;margin:.4rem 0 0}form.undo{display:inline}form label{white-space:nowrap;margin-right:.4rem}
table{border-collapse:collapse;width:100%;font-size:.85rem;background:#fff}
th,td{border-bottom:1px solid #e2e2de;padding:.3rem .4rem;text-align:left;vertical-align:top}
tr.bad td{background:#fde8e8}
.scroll{overflow-x:auto}
svg.chart{width:100%;max-width:24rem;height:3rem;background:#fff;border:1px solid #e2e2de}
td svg.chart{width:8rem;height:2rem}
footer{margin-top:1.5rem;font-size:.85rem;color:#666}
</style>
</head>
<body>
<main>
<nav><a href="{{.Base}}/">{{.Title}}</a><a href="{{.Base}}/status">Status</a><a href="{{.OPML}}">OPML</a></nav>
{{end}}
{{define "cycle"}}{{if .Failing}}<p class="warn" id="failing"><strong>{{.Failing}} of {{.Sources}} {{plural .Sources "source is" "sources are"}} failing.</strong> Feeds may miss news from {{plural .Failing "it" "them"}}: see <a href="{{.Base}}/status">status</a>.</p>
{{end}}<p class="meta" id="cycle">{{with .Cycle}}Last cycle: <time datetime="{{iso .Finished}}">{{when .Finished}}</time>, {{if .Err}}<strong>failed</strong>: {{.Err}}{{else}}{{.Sources}} sources, {{.Failed}} failed, {{.New}} new {{plural .New "article" "articles"}}{{end}}.{{else}}No cycle has finished since warta started.{{end}}</p>
{{end}}
{{define "foot"}}<footer>Subscribe to every feed at once: <a href="{{.OPML}}">OPML list</a>. Feeds are Atom, RSS and JSON Feed; add <code>?lang=id</code>, <code>?lang=en</code>, <code>?source=NAME</code> or <code>?q=topic:economy+-source:NAME</code> to any feed's address for a narrower feed.</footer>
</main>
</body>
</html>
{{end}}
{{define "refused"}}{{template "head" .}}{{with .Refusal}}<h1>Not done</h1>
<p class="warn">{{.Why}}</p>
<p><a href="{{.Back}}">Back to the story</a></p>{{end}}
{{template "foot" .}}{{end}}
{{define "index"}}{{template "head" .}}<h1>{{.Title}}</h1>
<p class="lead">News stories gathered from many outlets, one entry per story, one feed per topic.</p>
{{template "cycle" .}}{{range .Feeds}}<section class="card" id="{{.Slug}}">
<h2><a href="{{.Page}}">{{.Title}}</a></h2>
{{if .Description}}<p class="meta">{{.Description}}</p>
{{end}}<p class="meta"><span class="count">{{.Stories}} {{plural .Stories "story" "stories"}}</span>{{if not .Changed.IsZero}} · last change <time datetime="{{iso .Changed}}">{{when .Changed}}</time>{{end}}</p>
{{if .Latest}}<ul>{{range .Latest}}<li>{{if .URL}}<a href="{{.URL}}"><bdi>{{.Title}}</bdi></a>{{else}}<bdi>{{.Title}}</bdi>{{end}} <span class="meta"><bdi>{{.Source}}</bdi> · <a class="story" href="{{.Page}}">{{.Reports}} {{plural .Reports "report" "reports"}}</a></span></li>{{end}}</ul>
{{end}}<p class="links"><a href="{{.Atom}}">Atom</a><a href="{{.RSS}}">RSS</a><a href="{{.JSON}}">JSON Feed</a></p>
</section>
{{end}}{{template "foot" .}}{{end}}
{{define "topic"}}{{template "head" .}}{{with .Topic}}<h1>{{.Title}}</h1>
{{if .Description}}<p class="lead">{{.Description}}</p>
{{end}}<p class="meta"><span class="count">{{.Stories}} {{plural .Stories "story" "stories"}}</span>{{if not .Changed.IsZero}} · last change <time datetime="{{iso .Changed}}">{{when .Changed}}</time>{{end}}</p>
<p class="links">Subscribe: <a href="{{.Atom}}">Atom</a><a href="{{.RSS}}">RSS</a><a href="{{.JSON}}">JSON Feed</a>{{range .Langs}}<a href="{{.Href}}">{{.Rel}}</a>{{end}}</p>
<ol class="stories">{{range .Latest}}<li class="card">{{if .URL}}<a href="{{.URL}}"><strong><bdi>{{.Title}}</bdi></strong></a>{{else}}<strong><bdi>{{.Title}}</bdi></strong>{{end}}
<p class="meta"><bdi>{{.Source}}</bdi>{{if .Lang}} · <span lang="{{.Lang}}">{{.Lang}}</span>{{end}}{{if not .Time.IsZero}} · <time datetime="{{iso .Time}}">{{when .Time}}</time>{{end}} · <a class="story" href="{{.Page}}">{{.Reports}} {{plural .Reports "report" "reports"}}</a></p>
{{if .Also}}<p class="meta">Also reported by: {{range $i, $c := .Also}}{{if $i}}, {{end}}{{if $c.URL}}<a href="{{$c.URL}}"><bdi>{{$c.Source}}</bdi></a>{{else}}<bdi>{{$c.Source}}</bdi>{{end}}{{end}}</p>{{end}}</li>
{{else}}<li>No stories yet.</li>{{end}}</ol>
{{end}}{{template "foot" .}}{{end}}
{{define "story"}}{{template "head" .}}{{with .Story}}<h1{{if .Lang}} lang="{{.Lang}}"{{end}}><bdi>{{.Title}}</bdi></h1>
<p class="meta"><span class="count">{{.Reports}} {{plural .Reports "report" "reports"}} from {{.Outlets}} {{plural .Outlets "outlet" "outlets"}}</span>, folded into one entry of each feed that carries the story (story <code>{{.ID}}</code>).</p>
{{$forms := .Forms}}{{if or .Labels $forms}}<section class="card" id="labels"><h2>Readers' labels</h2><p class="meta">A reader's label holds for every report of the story, later ones included, whatever the tagger says.{{if $forms}} The forms take the token of <code>server.labels_token_file</code>; a browser remembered leaves it empty.{{end}}</p>{{if .Labels}}<ul>{{range .Labels}}<li>{{if .Of}}In{{else}}Not in{{end}} {{if .Topic.Href}}<a href="{{.Topic.Href}}">{{.Topic.Rel}}</a>{{else}}{{.Topic.Rel}}{{end}} <span class="meta">labelled <time datetime="{{iso .At}}">{{when .At}}</time>{{if .Note}} · <bdi>{{.Note}}</bdi>{{end}}</span></li>{{end}}</ul>{{end}}
{{with $forms}}<form class="correct" method="post" action="{{.Labels}}"><label>Topic <select name="topic" required>{{range .Topics}}<option value="{{.Slug}}">{{.Title}}</option>{{end}}</select></label> <label><input type="radio" name="of" value="in" required> in it</label> <label><input type="radio" name="of" value="out"> not in it</label> <label><input type="radio" name="of" value="clear"> clear its label</label> <label>Note <input type="text" name="note" maxlength="{{.NoteMax}}"></label> <label>Token <input type="password" name="token" autocomplete="current-password"></label> <label><input type="checkbox" name="remember" value="1"> remember this browser</label> <button type="submit">Label</button> <button type="submit" name="forget" value="1" formnovalidate>Forget this browser</button></form>
{{end}}</section>
{{end}}{{if or .Joins $forms}}<section class="card" id="joins"><h2>Joined by readers</h2>{{if .Joins}}<p class="meta">A reader read these stories as this one event told in other words and joined them into it, with their later reports.</p><ul>{{range .Joins}}<li>story <code>{{.Story}}</code> <span class="meta">joined <time datetime="{{iso .At}}">{{when .At}}</time>{{if .Note}} · <bdi>{{.Note}}</bdi>{{end}}{{if .Labels}} · its labels, which an undo gives back: {{range $i, $l := .Labels}}{{if $i}}, {{end}}{{if $l.Of}}in{{else}}not in{{end}} {{$l.Topic.Rel}}{{end}}{{end}}</span>{{if $forms}} <form class="undo" method="post" action="{{.Undo}}"><input type="hidden" name="undo" value="1"><label>Token <input type="password" name="token" autocomplete="current-password"></label> <button type="submit">Undo</button></form>{{end}}</li>{{end}}</ul>{{end}}
{{if $forms}}<form class="correct" method="post" action="{{$forms.Joins}}"><p class="meta">Stories that tell this same event, to join into this one:</p>{{range .Related}}<label><input type="checkbox" name="stories" value="{{.ID}}"> <bdi>{{.Title}}</bdi></label><br>{{end}}<label>Story IDs <input type="text" name="stories" placeholder="separated by spaces"></label> <label>Note <input type="text" name="note" maxlength="{{$forms.NoteMax}}"></label> <label>Token <input type="password" name="token" autocomplete="current-password"></label> <label><input type="checkbox" name="remember" value="1"> remember this browser</label> <button type="submit">Join</button></form>
{{end}}</section>
{{end}}<section class="card" id="feeds"><h2>In the feeds</h2><ul>{{range .Feeds}}<li><a href="{{.Page}}">{{.Title}}</a> <span class="meta">{{.Why}}</span></li>{{end}}</ul></section>
<ol class="stories" id="articles">{{range .Articles}}<li class="card">{{if .URL}}<a href="{{.URL}}"><strong><bdi>{{.Title}}</bdi></strong></a>{{else}}<strong><bdi>{{.Title}}</bdi></strong>{{end}}
<p class="meta"><bdi>{{.Source}}</bdi>{{if .Lang}} · <span lang="{{.Lang}}">{{.Lang}}</span>{{end}}{{if not .Published.IsZero}} · published <time datetime="{{iso .Published}}">{{when .Published}}</time>{{end}} · found <time datetime="{{iso .FirstSeen}}">{{when .FirstSeen}}</time>{{if .After}} ({{span .After}} after the first){{end}}</p>
<p class="meta join">{{if .Joined}}<bdi>{{.Joined}}</bdi>{{else}}the first report: the story's lead{{end}}</p>
{{if .Topics}}<p class="meta">Topics: {{range $i, $t := .Topics}}{{if $i}}, {{end}}{{if $t.Href}}<a href="{{$t.Href}}">{{$t.Rel}}</a>{{else}}{{$t.Rel}}{{end}}{{end}}</p>
{{end}}</li>
{{end}}</ol>
{{if .Related}}<section class="card" id="related"><h2>Near it</h2><p class="meta">Other stories whose headlines come near this one's: likely the same event told in other words, or another development of it. The story index keeps them apart, precision first.</p><ul>{{range .Related}}<li><a href="{{.Page}}"><bdi>{{.Title}}</bdi></a> <span class="meta"><bdi>{{.Source}}</bdi> · <a class="story" href="{{.Page}}">{{.Reports}} {{plural .Reports "report" "reports"}}</a> · near “<bdi>{{.From}}</bdi>”{{if .Gap}}, {{span .Gap}} apart{{end}} · sharing <bdi>{{.Shared}}</bdi> · <bdi>{{.Why}}</bdi></span></li>{{end}}</ul></section>
{{end}}<p class="meta"><a href="{{.JSON}}">This story as JSON</a></p>
{{end}}{{template "foot" .}}{{end}}
{{define "status"}}{{template "head" .}}<h1>Status</h1>
{{template "cycle" .}}{{if not .Failing}}<p class="ok">Every source that has been fetched is fine.</p>
{{end}}<div class="scroll"><table id="sources">
<thead><tr><th>Source</th><th>Outcome</th><th>Last fetch</th><th>Last success</th><th>Next attempt</th><th>Articles</th><th>Last error</th><th>Per hour, last {{chartDays}} days</th></tr></thead>
<tbody>{{$charts := .SrcChart}}{{range .Status.Sources}}<tr class="{{if bad .Outcome}}bad{{end}}"><td>{{.Name}}</td><td>{{if bad .Outcome}}<strong>{{.Outcome}}</strong>{{else}}{{.Outcome}}{{end}}{{if .Failures}} ({{.Failures}}×){{end}}</td><td>{{when .LastAttempt}}</td><td>{{when .LastSuccess}}</td><td>{{if eq .Outcome "retired"}}when its URL changes{{else if .NextAttempt.IsZero}}next cycle{{else}}{{when .NextAttempt}}{{end}}</td><td>{{if ge .Articles 0}}{{.Articles}}{{else}}–{{end}}</td><td>{{.LastError}}</td><td>{{index $charts .Name}}</td></tr>
{{end}}</tbody></table></div>
<h2>Articles per hour, last {{chartDays}} days, by topic</h2>
{{range .Charts}}<div class="card"><p class="meta"><strong><bdi>{{.Label}}</bdi></strong> · {{.Total}} {{plural .Total "article" "articles"}}</p>{{.SVG}}</div>
{{end}}<p class="meta"><a href="{{.Base}}/status.json">status.json</a></p>
{{template "foot" .}}{{end}}`

// parsePages parses the page templates; they are constants, so a failure
// is a programming error caught by every test.
func parsePages() *template.Template {
	funcs := template.FuncMap{
		"when": func(t time.Time) string {
			if t.IsZero() {
				return "never"
			}
			return t.UTC().Format("2006-01-02 15:04 UTC")
		},
		"iso": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.UTC().Format(time.RFC3339)
		},
		"plural": func(n int, one, many string) string {
			if n == 1 {
				return one
			}
			return many
		},
		"bad":       bad,
		"span":      span,
		"chartDays": func() int { return chartDays },
	}
	return template.Must(template.New("pages").Funcs(funcs).Parse(pagesTemplate))
}

// span writes d, a whole number of minutes, as "2h", "45m" or "1h30m".
func span(d time.Duration) string {
	s := strings.TrimSuffix(d.Round(time.Minute).String(), "0s")
	if h, ok := strings.CutSuffix(s, "h0m"); ok {
		return h + "h"
	}
	return s
}

// chartSVG draws counts as a bar chart, oldest hour on the left.
func chartSVG(h *hourly, label string) template.HTML {
	if h == nil {
		h = new(hourly)
	}
	peak := 1
	for _, n := range h {
		peak = max(peak, n)
	}
	const width, height = chartHours * 4, 40
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %d %d" preserveAspectRatio="none" role="img" aria-label="%s"><title>%s</title>`,
		width, height, template.HTMLEscapeString(label), template.HTMLEscapeString(label))
	for i, n := range h {
		if n == 0 {
			continue
		}
		bar := max(1, n*height/peak)
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="3" height="%d" fill="#1a4fa0"><title>%d</title></rect>`, i*4, height-bar, bar, n)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// sitePage fills what a page needs to look like the site's: its title,
// heading and navigation.
func (p *Publisher) sitePage(heading string) *page {
	return &page{
		Title:   xmlchar.Clean(p.opts.Title),
		Heading: heading,
		Base:    p.opts.BaseURL,
		OPML:    p.opts.BaseURL + opmlPath,
	}
}

// basePage fills the parts every page of the snapshot shares.
func (p *Publisher) basePage(snap *snapshot, heading string) *page {
	pg := p.sitePage(heading)
	pg.Cycle = p.cycle.Load()
	for _, info := range p.feeds {
		if fs := snap.feed(info.Slug); fs != nil {
			pg.Feeds = append(pg.Feeds, p.pageFeed(fs, headlines))
		}
	}
	return pg
}

// pageFeed describes one feed with its latest n stories.
func (p *Publisher) pageFeed(fs *feedState, n int) pageFeed {
	f := p.feed(fs, View{})
	pf := pageFeed{
		Slug:        fs.info.Slug,
		Title:       xmlchar.Clean(fs.info.Title),
		FullTitle:   xmlchar.Clean(f.Title),
		Description: xmlchar.Clean(fs.info.Description),
		Page:        f.HomeURL(),
		Atom:        f.FeedURL("atom"),
		RSS:         f.FeedURL("rss"),
		JSON:        f.FeedURL("json"),
		Stories:     fs.storyCount(),
		Changed:     fs.modified,
	}
	if fs.info.Slug == AllSlug {
		pf.Page = p.opts.BaseURL + "/topics/" + AllSlug
	}
	for _, lang := range []string{"en", "id"} {
		lf := p.feed(fs, View{Lang: lang})
		pf.Langs = append(pf.Langs, pageLink{Rel: "Atom, " + lang + " only", Href: lf.FeedURL("atom")})
	}
	for _, s := range fs.stories[:min(n, len(fs.stories))] {
		pf.Latest = append(pf.Latest, pageStory{
			Title:   storyTitle(s),
			URL:     articleURL(s.Lead),
			Source:  outletName(s.Lead),
			Lang:    validLang(s.Lead.Language),
			Time:    storyTime(s),
			Also:    storyCopies(s),
			Page:    p.storyPageURL(s.Identifier()),
			Reports: len(s.Articles()),
		})
	}
	return pf
}

// storyTime is when a story was published, else first seen.
func storyTime(s *article.Story) time.Time {
	if !s.Lead.Published.IsZero() {
		return s.Lead.Published
	}
	return s.Lead.FirstSeen
}

// withFailing adds the failing-sources count to pg.
func (p *Publisher) withFailing(pg *page, st *statusData) {
	pg.Failing = st.Failing
	pg.Sources = len(st.Sources)
}

// servePage renders the named template with pg and serves it with an
// ETag of its bytes.
func (p *Publisher) servePage(w http.ResponseWriter, r *http.Request, name string, pg *page) {
	var buf bytes.Buffer
	if err := p.pages.ExecuteTemplate(&buf, name, pg); err != nil {
		p.logger.Error("publish: render page", "page", name, "err", err)
		http.Error(w, "cannot render this page", http.StatusInternalServerError)
		return
	}
	p.serveRendered(w, r, "text/html; charset=utf-8", buf.Bytes())
}

// serveRendered serves bytes rendered for this request; pages carry
// live status, so they are revalidated rather than cached.
func (p *Publisher) serveRendered(w http.ResponseWriter, r *http.Request, contentType string, body []byte) {
	res, err := newResource(contentType, body, true)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	p.serveResource(w, r, res, "no-cache")
}

// currentWithStatus returns the current snapshot and the sources'
// status, with the charts when withCharts, or answers the request with an
// error and returns nil.
func (p *Publisher) currentWithStatus(w http.ResponseWriter, r *http.Request, withCharts bool) (*snapshot, *statusData) {
	snap := p.current(w)
	if snap == nil {
		return nil, nil
	}
	st, err := p.status(r.Context(), snap, withCharts)
	if err != nil {
		p.logger.Error("publish: read status", "path", r.URL.Path, "err", err)
		http.Error(w, "cannot read the status", http.StatusInternalServerError)
		return nil, nil
	}
	return snap, st
}

// serveIndex serves /: every topic with its latest headlines.
func (p *Publisher) serveIndex(w http.ResponseWriter, r *http.Request) {
	// The index shows no chart: only how many sources are failing.
	snap, st := p.currentWithStatus(w, r, false)
	if st == nil {
		return
	}
	pg := p.basePage(snap, xmlchar.Clean(p.opts.Title))
	p.withFailing(pg, st)
	p.servePage(w, r, "index", pg)
}

// serveTopic serves /topics/<slug>: a topic's latest stories.
func (p *Publisher) serveTopic(w http.ResponseWriter, r *http.Request) {
	snap := p.current(w)
	if snap == nil {
		return
	}
	fs := snap.feed(r.PathValue("slug"))
	if fs == nil {
		http.NotFound(w, r)
		return
	}
	pg := p.basePage(snap, xmlchar.Clean(p.opts.Title+": "+fs.info.Title))
	pf := p.pageFeed(fs, topicPageItems)
	pg.Topic = &pf
	p.servePage(w, r, "topic", pg)
}

// serveStatus serves /status: every source's fetch status and the charts.
func (p *Publisher) serveStatus(w http.ResponseWriter, r *http.Request) {
	snap, st := p.currentWithStatus(w, r, true)
	if st == nil {
		return
	}
	pg := p.basePage(snap, xmlchar.Clean(p.opts.Title+": status"))
	pg.Status = st
	p.withFailing(pg, st)
	pg.SrcChart = map[string]template.HTML{}
	for _, s := range st.Sources {
		pg.SrcChart[s.Name] = chartSVG(st.SourceCharts[s.Name], s.Name+": articles per hour")
	}
	for _, info := range p.feeds {
		h := st.Topics[info.Slug]
		total := 0
		if h != nil {
			for _, n := range h {
				total += n
			}
		}
		pg.Charts = append(pg.Charts, pageChart{Label: info.Title, Slug: info.Slug, Total: total, SVG: chartSVG(h, info.Title+": articles per hour")})
	}
	p.servePage(w, r, "status", pg)
}

// statusJSON is /status.json.
type statusJSON struct {
	Now       time.Time           `json:"now"`
	LastCycle *cycleJSON          `json:"last_cycle"`
	Failing   int                 `json:"failing"`
	Sources   []sourceJSON        `json:"sources"`
	Hours     []time.Time         `json:"hours"`
	Topics    map[string][]int    `json:"articles_per_hour_by_topic"`
	BySource  map[string][]int    `json:"articles_per_hour_by_source"`
	Feeds     map[string]feedJSON `json:"feeds"`
}

type cycleJSON struct {
	Started  time.Time `json:"started"`
	Finished time.Time `json:"finished"`
	Sources  int       `json:"sources"`
	Failed   int       `json:"failed"`
	New      int       `json:"new"`
	Error    string    `json:"error,omitempty"`
}

type sourceJSON struct {
	Name        string     `json:"name"`
	Outcome     string     `json:"outcome"`
	LastFetch   *time.Time `json:"last_fetch"`
	LastSuccess *time.Time `json:"last_success"`
	NextAttempt *time.Time `json:"next_attempt"`
	Failures    int        `json:"failures"`
	LastStatus  int        `json:"last_status,omitempty"`
	LastError   string     `json:"last_error,omitempty"`
	Articles    *int       `json:"articles"`
}

type feedJSON struct {
	Stories int       `json:"stories"`
	Changed time.Time `json:"changed"`
}

// timePtr is nil for the zero time, so JSON says null for "never".
func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	t = t.UTC()
	return &t
}

// serveStatusJSON serves /status.json, the status page's data.
func (p *Publisher) serveStatusJSON(w http.ResponseWriter, r *http.Request) {
	snap, st := p.currentWithStatus(w, r, true)
	if st == nil {
		return
	}
	out := statusJSON{
		Now: st.Now, Failing: st.Failing,
		Topics: map[string][]int{}, BySource: map[string][]int{}, Feeds: map[string]feedJSON{},
		Sources: []sourceJSON{},
	}
	if c := st.Cycle; c != nil {
		out.LastCycle = &cycleJSON{Started: c.Started.UTC(), Finished: c.Finished.UTC(), Sources: c.Sources, Failed: c.Failed, New: c.New, Error: c.Err}
	}
	for _, s := range st.Sources {
		sj := sourceJSON{
			Name: s.Name, Outcome: s.Outcome, LastFetch: timePtr(s.LastAttempt), LastSuccess: timePtr(s.LastSuccess),
			NextAttempt: timePtr(s.NextAttempt), Failures: s.Failures, LastStatus: s.LastStatus, LastError: s.LastError,
		}
		if s.Articles >= 0 {
			n := s.Articles
			sj.Articles = &n
		}
		out.Sources = append(out.Sources, sj)
	}
	for i := range chartHours {
		out.Hours = append(out.Hours, st.ChartFrom.Add(time.Duration(i)*time.Hour))
	}
	for k, h := range st.Topics {
		out.Topics[k] = h[:]
	}
	for k, h := range st.SourceCharts {
		out.BySource[k] = h[:]
	}
	for _, info := range p.feeds {
		if fs := snap.feed(info.Slug); fs != nil {
			out.Feeds[info.Slug] = feedJSON{Stories: fs.storyCount(), Changed: fs.modified.UTC()}
		}
	}
	body, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	p.serveRendered(w, r, "application/json; charset=utf-8", append(body, '\n'))
}
