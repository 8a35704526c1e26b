package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"slices"
	"strings"
	"time"

	"golang.org/x/net/html"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/fetch"
	"github.com/warta-news/warta/normalize"
	"github.com/warta-news/warta/pipeline"
	"github.com/warta-news/warta/publish"
	"github.com/warta-news/warta/store"
	"github.com/warta-news/warta/topic"
)

// explanation is what `warta explain` says of one article.
type explanation struct {
	Article exportRecord      `json:"article"`
	Stored  bool              `json:"stored"`
	Story   *storyExplanation `json:"story,omitempty"`
	// Mode names the verdict Topics gives: modeOnePass or modeSettled.
	Mode   string              `json:"mode"`
	Topics []topic.Explanation `json:"topics"`
	// Changed is set for a stored article whose stored topics differ from
	// those Topics passes while a re-tag is due (the rules or sources'
	// hints changed since they were stored): Topics is what a daemon
	// with today's config stores. With the rules unchanged the stored
	// topics stand, whatever the stream model has learned since.
	Changed *topicChange `json:"changed,omitempty"`
	// Feeds are the feeds that carry (or would carry) the article's story.
	Feeds []publish.Carrier `json:"feeds"`
	// Labels are the readers' labels on the article's story (`warta
	// label`), which decide their topics over the tagger (Topics shows
	// both).
	Labels []article.Label `json:"labels,omitempty"`
}

// The verdicts explain gives (explanation.Mode).
const (
	// modeOnePass is an article that is not stored, tagged as a cycle would
	// store it now: the store's stream model learning from each new
	// article as it tags it, in the cycle's order (`warta tag -stream`).
	modeOnePass = "one pass"
	// modeSettled is a stored article under the stream model as it stands,
	// having learned every stored article: what a re-tag stores (`warta
	// tag`'s two passes over them).
	modeSettled = "settled"
)

// topicChange is a stored article's stored topics and today's, by slug.
type topicChange struct {
	Stored []string `json:"stored"`
	Today  []string `json:"today"`
}

// changedTopics compares a stored article's topics with today's verdict;
// nil when they agree.
func changedTopics(stored []article.TopicMatch, today []topic.Explanation) *topicChange {
	c := &topicChange{Stored: topicSlugs(stored), Today: []string{}}
	for _, e := range today {
		if e.Passed {
			c.Today = append(c.Today, e.Slug)
		}
	}
	// A label's topic is stored after the tagger's: the order says nothing.
	if slices.Equal(sortedCopy(c.Stored), sortedCopy(c.Today)) {
		return nil
	}
	return c
}

// sortedCopy returns ss sorted, as a new slice.
func sortedCopy(ss []string) []string {
	out := slices.Clone(ss)
	slices.Sort(out)
	return out
}

type storyExplanation struct {
	ID string `json:"id"`
	// Lead is the story's first-seen copy; nil when the article leads.
	Lead *exportRecord `json:"lead,omitempty"`
	// Matched is the copy the article was found similar to.
	Matched    *exportRecord `json:"matched,omitempty"`
	Similarity float64       `json:"similarity,omitempty"`
	Method     string        `json:"method,omitempty"`
	// Would is set for an article that is not stored: the story it would
	// join if it were fetched now.
	Would bool `json:"would,omitempty"`
	// Nearest is, for an article that leads its story, the other story
	// its headline came nearest to joining and what kept it out.
	Nearest *nearestExplanation `json:"nearest,omitempty"`
	// Articles is how many articles the story holds (would hold, with
	// the explained articles not stored): `warta explain -story` lists
	// them.
	Articles int `json:"articles"`
}

// nearestExplanation is dedupe.Nearest as explain shows it.
type nearestExplanation struct {
	// Story is the nearest story's id; Article its article whose headline
	// shares the most (nil when it is no longer stored).
	Story   string        `json:"story,omitempty"`
	Article *exportRecord `json:"article,omitempty"`
	// Share is their headlines' weighted share of terms, Bar the share a
	// join needs at their distance in time.
	Share  float64  `json:"share,omitempty"`
	Bar    float64  `json:"bar,omitempty"`
	Hours  float64  `json:"hours_apart,omitempty"`
	Shared []string `json:"shared,omitempty"`
	// Apart is why the two are two stories; empty when the article would
	// join that story now.
	Apart string `json:"apart"`
	// Related says it is near enough for the story pages to list
	// (dedupe.Nearest.Related).
	Related bool `json:"related,omitempty"`
}

// explainer answers `warta explain` from the config, the store and, for an
// article that is not stored, the pipeline's story probe over the store.
type explainer struct {
	cfg    *config.Config
	tagger *topic.Tagger
	store  store.Store
	norm   *normalize.Normalizer
	probe  *pipeline.StoryProbe // built on first need
	stream *topic.Stream        // learned from the store on first need, as the daemon learns
	// retagDue is whether a daemon with this config would re-tag the
	// store (pipeline.RetagDue), asked on first need.
	retagDue *bool
	now      time.Time
	logger   *slog.Logger
	// source is the -source flag's source; its Name is "" when not given.
	source config.Source
	// fresh are the explained articles that are not stored, by id, as the
	// story probe joined them and tagged; freshOrder their ids in the
	// order joined. The probe's index holds them too.
	fresh      map[string]*article.Article
	freshOrder []string
	// labels are the readers' labels a cycle applies, read on first need
	// (readLabels).
	labels     article.LabelSet
	labelsRead bool
}

// cmdExplain shows, for an article given by URL, file or JSON on stdin
// ("-"), every topic's score with the terms that matched, and which story it
// joined and why.
func cmdExplain(ctx context.Context, e *env) (err error) {
	fs := e.flags("explain")
	asJSON := fs.Bool("json", false, "print JSON instead of text")
	sourceName := fs.String("source", "", "for articles that are not stored: apply this configured `source`'s language and hints")
	wholeStory := fs.Bool("story", false, "explain each article's story as a whole: every article of it, how each joined, the story each came nearest to; an argument may be a story's ID")
	if err := e.parse(fs, true); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return &usageError{"no article given"}
	}
	cfg, tagger, err := loadConfig(e.configPath)
	if err != nil {
		return err
	}
	x := &explainer{cfg: cfg, tagger: tagger, norm: normalize.New(pipeline.NormalizeCaps(cfg)), now: time.Now(), logger: e.logger}
	if *sourceName != "" {
		if x.source, err = sourceFlag(cfg, *sourceName, e.configPath); err != nil {
			return err
		}
	}
	st, err := openStore(ctx, cfg.Storage, readOrEmpty)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, st.Close()) }()
	x.store = st

	out := bufio.NewWriter(e.stdout)
	defer func() { err = errors.Join(err, out.Flush()) }()
	for _, target := range fs.Args() {
		if *wholeStory {
			if err := x.writeStories(ctx, out, target, e.stdin, *asJSON); err != nil {
				return fmt.Errorf("%s: %w", target, err)
			}
			continue
		}
		exps, err := x.explainTarget(ctx, target, e.stdin)
		if err != nil {
			return fmt.Errorf("%s: %w", target, err)
		}
		if err := writeEach(out, exps, *asJSON, writeExplanation); err != nil {
			return err
		}
	}
	return nil
}

// writeEach prints each of vs as a JSON line, or as text by write.
func writeEach[T any](out io.Writer, vs []T, asJSON bool, write func(io.Writer, T) error) error {
	for _, v := range vs {
		if asJSON {
			if err := json.NewEncoder(out).Encode(v); err != nil {
				return err
			}
			continue
		}
		if err := write(out, v); err != nil {
			return err
		}
	}
	return nil
}

// writeStories explains the stories of target's articles as wholes (or
// the story target names by its ID) to out.
func (x *explainer) writeStories(ctx context.Context, out io.Writer, target string, stdin io.Reader, asJSON bool) error {
	var views []storyView
	isStory, err := x.storyTarget(ctx, target)
	switch {
	case err != nil:
		return err
	case isStory:
		v, err := x.explainStory(ctx, target)
		if err != nil {
			return err
		}
		views = []storyView{v}
	default:
		exps, err := x.explainTarget(ctx, target, stdin)
		if errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("neither a stored story's ID nor a file: %w", err)
		}
		if err != nil {
			return err
		}
		if views, err = x.explainStories(ctx, exps); err != nil {
			return err
		}
	}
	return writeEach(out, views, asJSON, writeStoryView)
}

// sourceFor is the source an unstored article is prepared as: the -source
// flag's, else the configured source fetched from feedURL, else one named
// fallback with no language and no hints.
func (x *explainer) sourceFor(feedURL, fallback string) config.Source {
	if x.source.Name != "" {
		return x.source
	}
	for _, s := range x.cfg.Sources {
		if feedURL != "" && s.URL == feedURL {
			return s
		}
	}
	return config.Source{Name: fallback}
}

func (x *explainer) explainTarget(ctx context.Context, target string, stdin io.Reader) ([]explanation, error) {
	switch {
	case target == "-":
		return x.explainJSONLines(ctx, stdin)
	case strings.HasPrefix(target, "http://") || strings.HasPrefix(target, "https://"):
		return x.explainURL(ctx, target)
	default:
		data, err := os.ReadFile(target)
		if err != nil {
			return nil, err
		}
		if t := bytes.TrimSpace(data); len(t) > 0 && t[0] == '{' {
			return x.explainJSONLines(ctx, bytes.NewReader(data))
		}
		src := x.sourceFor("", "file")
		a, err := prepareOne(ctx, x.norm, articleFromText(target, string(data)), src, "", x.now)
		if err != nil {
			return nil, err
		}
		return x.explainPrepared(ctx, []*article.Article{a}, src)
	}
}

func (x *explainer) explainJSONLines(ctx context.Context, r io.Reader) ([]explanation, error) {
	var arts []*article.Article
	src := x.sourceFor("", "stdin")
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	for line := 1; sc.Scan(); line++ {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var ti tagInput
		if err := json.Unmarshal(sc.Bytes(), &ti); err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		a, err := articleFromInput(ctx, x.norm, ti, src, x.now)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		arts = append(arts, a)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return x.explainPrepared(ctx, arts, src)
}

// explainURL explains a stored article by its URL (any decoration of it: the
// canonical form is looked up). An article that is not stored is fetched as
// a cycle would fetch it: a feed is prepared as the configured source with
// that URL and explains each of its items, a web page its title and text.
func (x *explainer) explainURL(ctx context.Context, raw string) ([]explanation, error) {
	canonical, err := normalize.CanonicalURL(raw, "")
	if err != nil {
		return nil, err
	}
	a, err := x.store.Article(ctx, article.IDFromURL(normalize.IdentityKey(canonical)))
	if err == nil {
		ex, err := x.explainStored(ctx, a)
		if err != nil {
			return nil, err
		}
		return []explanation{ex}, nil
	}
	if !errors.Is(err, store.ErrNotFound) {
		return nil, err
	}
	f := fetch.New(pipeline.FetchOptions(x.cfg), x.logger)
	defer f.Close()
	res, err := f.Fetch(ctx, fetch.Request{URL: raw})
	if err != nil {
		return nil, fmt.Errorf("not stored, and fetching it failed: %w", err)
	}
	src := x.sourceFor(raw, "explain")
	feed := pipeline.Feed{Body: res.Body, ContentType: res.ContentType, URL: res.URL, FetchedAt: res.FetchedAt}
	prep, perr := pipeline.PrepareFeed(ctx, x.norm, x.tagger.Genres(), feed, src)
	if perr == nil && len(prep.Articles) > 0 {
		return x.explainPrepared(ctx, prep.Articles, src)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	title, body := pageContent(res.Body)
	page, err := prepareOne(ctx, x.norm, &article.Article{Link: res.URL, Title: title, Content: body}, src, res.URL, res.FetchedAt)
	if err != nil {
		return nil, err
	}
	return x.explainPrepared(ctx, []*article.Article{page}, src)
}

// explainStored explains an article from the store: its story as recorded,
// and its topics under the current rules.
func (x *explainer) explainStored(ctx context.Context, a *article.Article) (explanation, error) {
	src, _ := x.cfg.SourceByName(a.Source)
	hints := pipeline.Hints(src)
	sm, err := x.streamModel(ctx)
	if err != nil {
		return explanation{}, err
	}
	labels, err := x.readLabels(ctx)
	if err != nil {
		return explanation{}, err
	}
	ex := explanation{Article: newExportRecord(a, hints), Stored: true, Mode: modeSettled, Topics: overrule(sm.Explain(a, hints), a.StoryID, labels),
		Labels: labels.Of(a.StoryID)}
	if x.retagDue == nil {
		due, err := pipeline.RetagDue(ctx, x.store, x.cfg, x.tagger)
		if err != nil {
			return explanation{}, err
		}
		x.retagDue = &due
	}
	if *x.retagDue {
		ex.Changed = changedTopics(a.Topics, ex.Topics)
	}
	st := &storyExplanation{ID: a.StoryID, Similarity: a.StoryMatch.Similarity, Method: a.StoryMatch.Method}
	// The feeds carry the story as a whole: a topic of any of its
	// articles, a filter on all of them.
	story, err := x.storedStory(ctx, a)
	if err != nil {
		return ex, err
	}
	if story.Lead != nil && story.Lead.ID != a.ID {
		st.Lead = x.exportOf(story.Lead)
	}
	matched, err := x.stored(ctx, a.StoryMatch.MatchedID)
	if err != nil {
		return ex, err
	}
	st.Matched = x.exportOf(matched)
	if a.StoryID == "" || a.StoryID == a.ID {
		probe, err := x.storyProbe(ctx)
		if err != nil {
			return ex, err
		}
		if st.Nearest, err = x.nearest(ctx, probe, a); err != nil {
			return ex, err
		}
	}
	st.Articles = len(story.Articles())
	ex.Story = st
	ex.Feeds = publish.Carriers(feedInfos(x.cfg), story, labels)
	return ex, nil
}

// readLabels returns the readers' labels a cycle applies
// (pipeline.ConfiguredLabels), read on first need.
func (x *explainer) readLabels(ctx context.Context) (article.LabelSet, error) {
	if !x.labelsRead {
		labels, err := pipeline.ConfiguredLabels(ctx, x.store, x.cfg)
		if err != nil {
			return nil, err
		}
		x.labels, x.labelsRead = labels, true
	}
	return x.labels, nil
}

// overrule applies the labels of story to es, the tagger's verdicts, as a
// cycle applies them to the topics it stores (article.LabelSet.Apply): a
// labelled topic passes as its label says (topic.Explanation.Overrule).
func overrule(es []topic.Explanation, story string, labels article.LabelSet) []topic.Explanation {
	for i := range es {
		if of, ok := labels.Verdict(story, es[i].Slug); ok {
			es[i].Overrule(of)
		}
	}
	return es
}

// storyProbe returns the story probe over the store, built on first need.
func (x *explainer) storyProbe(ctx context.Context) (*pipeline.StoryProbe, error) {
	if x.probe == nil {
		probe, err := pipeline.NewStoryProbe(ctx, x.store, x.cfg, pipeline.HeadlineActors(x.tagger.Actors()), x.now)
		if err != nil {
			return nil, err
		}
		x.probe = probe
	}
	return x.probe, nil
}

// nearest explains the story a, which leads its own, came nearest to
// joining; nil when its headline shares nothing with another story's.
// The nearest article is looked up in the store, else among the explained
// articles no store holds (x.fresh).
func (x *explainer) nearest(ctx context.Context, probe *pipeline.StoryProbe, a *article.Article) (*nearestExplanation, error) {
	n, ok := probe.Nearest(a)
	if !ok {
		return nil, nil
	}
	ne := &nearestExplanation{Story: n.StoryID, Share: n.Share, Bar: n.Bar, Hours: n.Hours, Shared: n.Shared, Apart: n.Apart, Related: n.Related()}
	if n.ArticleID != "" {
		other, err := x.stored(ctx, n.ArticleID)
		if err != nil {
			return nil, err
		}
		if other == nil {
			other = x.fresh[n.ArticleID]
		}
		ne.Article = x.exportOf(other)
	}
	return ne, nil
}

// storedStory returns the stored story of a, a stored article: every
// article of it (a alone should the story have been pruned since a was
// read).
func (x *explainer) storedStory(ctx context.Context, a *article.Article) (*article.Story, error) {
	story, err := x.storyByID(ctx, a.StoryID)
	if story == nil && err == nil {
		story = &article.Story{ID: a.StoryID, Lead: a}
	}
	return story, err
}

// storyByID returns the stored story id; nil when no stored article is
// of it.
func (x *explainer) storyByID(ctx context.Context, id string) (*article.Story, error) {
	story, err := x.store.Story(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	return story, err
}

// keepFresh keeps a, an article not stored that the story probe joined,
// with topics, as a cycle would store it: the first time its id is
// explained.
func (x *explainer) keepFresh(a *article.Article, topics []article.TopicMatch) {
	if x.fresh == nil {
		x.fresh = map[string]*article.Article{}
	}
	if x.fresh[a.ID] != nil {
		return
	}
	kept := *a
	kept.Topics = topics
	x.fresh[a.ID] = &kept
	x.freshOrder = append(x.freshOrder, a.ID)
}

// wouldBeStory is story id as a cycle would leave it, the feeds carrying
// it as a whole: the stored story, if any, with the articles explained
// that are not stored and would join it (its lead, when one would start
// it), in the order the probe joined them.
func (x *explainer) wouldBeStory(ctx context.Context, id string) (*article.Story, error) {
	story, err := x.storyByID(ctx, id)
	switch {
	case err != nil:
		return nil, err
	case story == nil:
		story = &article.Story{ID: id}
	}
	for _, fid := range x.freshOrder {
		switch a := x.fresh[fid]; {
		case a.StoryID != id:
		case a.ID != id:
			story.Copies = append(story.Copies, a)
		case story.Lead == nil:
			story.Lead = a
		}
	}
	return story, nil
}

// stored returns the stored article id; nil when id is "" or the article
// is not stored (pruned since).
func (x *explainer) stored(ctx context.Context, id string) (*article.Article, error) {
	if id == "" {
		return nil, nil
	}
	a, err := x.store.Article(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	return a, err
}

// exportOf is a as exported, nil for nil.
func (x *explainer) exportOf(a *article.Article) *exportRecord {
	if a == nil {
		return nil
	}
	src, _ := x.cfg.SourceByName(a.Source)
	r := newExportRecord(a, pipeline.Hints(src))
	return &r
}

// streamModel returns the stream model of the stored articles, readied as
// the daemon readies it at start (its snapshot, or learned from the stored
// articles), so that explain says what the daemon would decide and which
// part decided it.
func (x *explainer) streamModel(ctx context.Context) (*topic.Stream, error) {
	if x.stream == nil {
		s := x.tagger.NewStreamFor(pipeline.SourceHints(x.cfg))
		if _, err := pipeline.LoadStream(ctx, x.cfg, x.store, s, x.now); err != nil {
			return nil, err
		}
		x.stream = s
	}
	return x.stream, nil
}

// cycleStream is a copy of the store's stream model (streamModel), for
// new articles to teach as a cycle would without changing what stored
// articles are explained with.
func (x *explainer) cycleStream(ctx context.Context) (*topic.Stream, error) {
	sm, err := x.streamModel(ctx)
	if err != nil {
		return nil, err
	}
	data, err := sm.MarshalBinary()
	if err != nil {
		return nil, fmt.Errorf("stream model: %w", err)
	}
	c := x.tagger.NewStreamFor(pipeline.SourceHints(x.cfg))
	if err := c.UnmarshalBinary(data); err != nil {
		return nil, fmt.Errorf("stream model: %w", err)
	}
	return c, nil
}

// explainPrepared explains articles of one source as a cycle would take
// them: one already stored (its id, as the cycle finds it) as stored, with
// the story it is in; the others with explainNew. The explanations keep
// the given order.
func (x *explainer) explainPrepared(ctx context.Context, arts []*article.Article, src config.Source) ([]explanation, error) {
	ids := make([]string, len(arts))
	for i, a := range arts {
		ids[i] = a.ID
	}
	existing, err := x.store.Existing(ctx, ids)
	if err != nil {
		return nil, err
	}
	var fresh []*article.Article
	for _, a := range arts {
		if !existing[a.ID] {
			fresh = append(fresh, a)
		}
	}
	news, err := x.explainNew(ctx, fresh, src)
	if err != nil {
		return nil, err
	}
	out := make([]explanation, 0, len(arts))
	for _, a := range arts {
		if !existing[a.ID] {
			out, news = append(out, news[0]), news[1:]
			continue
		}
		s, err := x.store.Article(ctx, a.ID)
		if err != nil {
			return nil, err
		}
		ex, err := x.explainStored(ctx, s)
		if err != nil {
			return nil, err
		}
		out = append(out, ex)
	}
	return out, nil
}

// explainNew explains articles of one source that are not stored: their
// topics, and the stories they would join were they fetched now. They are
// probed in the order a cycle assigns stories, so a copy of one of them
// joins its story as in a cycle; the explanations keep the given order.
func (x *explainer) explainNew(ctx context.Context, arts []*article.Article, src config.Source) ([]explanation, error) {
	if len(arts) == 0 {
		return nil, nil
	}
	sp, err := x.storyProbe(ctx)
	if err != nil {
		return nil, err
	}
	ordered := slices.Clone(arts)
	pipeline.OrderForStories(ordered, func(string) int { return 0 }, x.now.Add(-x.cfg.Dedupe.Window))
	joined := make(map[*article.Article]*article.Article, len(arts))
	for _, a := range ordered {
		joined[a] = sp.Join(a)
	}
	// Tagged as a cycle tags them: in the order stories are assigned, the
	// stream model (a copy of the store's) learning from each new article
	// as it tags it, each id once.
	sm, err := x.cycleStream(ctx)
	if err != nil {
		return nil, err
	}
	hints := pipeline.Hints(src)
	labels, err := x.readLabels(ctx)
	if err != nil {
		return nil, err
	}
	topics := make(map[*article.Article][]topic.Explanation, len(arts))
	learned := make(map[string]bool, len(arts))
	for _, a := range ordered {
		story := joined[a].StoryID
		if learned[a.ID] {
			topics[a] = overrule(sm.Explain(a, hints), story, labels)
			continue
		}
		learned[a.ID] = true
		topics[a] = overrule(sm.ExplainAndObserve(a, hints), story, labels)
		x.keepFresh(joined[a], topic.Matches(topics[a]))
	}
	out := make([]explanation, 0, len(arts))
	for _, a := range arts {
		probe := joined[a]
		ex := explanation{Article: newExportRecord(a, hints), Mode: modeOnePass, Topics: topics[a], Labels: labels.Of(probe.StoryID)}
		ex.Article.Topics = topic.Matches(ex.Topics)
		ex.Article.Story = probe.StoryID
		st := &storyExplanation{ID: probe.StoryID, Would: true, Similarity: probe.StoryMatch.Similarity, Method: probe.StoryMatch.Method}
		matched, err := x.stored(ctx, probe.StoryMatch.MatchedID)
		if err != nil {
			return nil, err
		}
		if matched == nil {
			// An item may join another item of the batch, which no store holds.
			matched = x.fresh[probe.StoryMatch.MatchedID]
		}
		st.Matched = x.exportOf(matched)
		if probe.StoryID == probe.ID {
			if st.Nearest, err = x.nearest(ctx, sp, probe); err != nil {
				return nil, err
			}
		}
		story, err := x.wouldBeStory(ctx, probe.StoryID)
		if err != nil {
			return nil, err
		}
		st.Articles = len(story.Articles())
		ex.Story = st
		ex.Feeds = publish.Carriers(feedInfos(x.cfg), story, labels)
		out = append(out, ex)
	}
	return out, nil
}

// articleFromText reads a plain-text article: the first non-empty line is
// the title, the rest the body, one paragraph per line.
func articleFromText(name, text string) *article.Article {
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	var title string
	var body strings.Builder
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if title == "" {
			title = l
			continue
		}
		body.WriteString("<p>" + html.EscapeString(l) + "</p>\n")
	}
	return &article.Article{GUID: name, Title: title, Content: body.String()}
}

// pageContent takes a web page's title (og:title, else <title>) and its
// <article> (else <body>) HTML, for explaining a page that is no feed.
func pageContent(page []byte) (title, body string) {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return "", string(page)
	}
	var titleTag, ogTitle string
	var articleNode, bodyNode *html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "title":
				if n.FirstChild != nil && titleTag == "" {
					titleTag = n.FirstChild.Data
				}
			case "meta":
				var prop, content string
				for _, at := range n.Attr {
					switch at.Key {
					case "property":
						prop = at.Val
					case "content":
						content = at.Val
					}
				}
				if prop == "og:title" {
					ogTitle = content
				}
			case "article":
				if articleNode == nil {
					articleNode = n
				}
			case "body":
				bodyNode = n
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	title = ogTitle
	if title == "" {
		title = titleTag
	}
	node := articleNode
	if node == nil {
		node = bodyNode
	}
	if node != nil {
		var b bytes.Buffer
		if err := html.Render(&b, node); err == nil {
			body = b.String()
		}
	}
	return strings.TrimSpace(title), body
}

// writeExplanation prints ex as text. What it prints comes from feeds
// (and from stores written before normalize removed control characters):
// a terminal must not obey any escape in it.
func writeExplanation(w io.Writer, ex explanation) error {
	var b strings.Builder
	if err := formatExplanation(&b, ex); err != nil {
		return err
	}
	_, err := io.WriteString(w, normalize.StripControl(b.String()))
	return err
}

func formatExplanation(w io.Writer, ex explanation) error {
	a := ex.Article
	fmt.Fprintf(w, "%s\n", a.Title)
	if a.URL != "" {
		fmt.Fprintf(w, "  url        %s\n", a.URL)
	}
	if a.Source != "" {
		fmt.Fprintf(w, "  source     %s\n", a.Source)
	}
	fmt.Fprintf(w, "  language   %s\n", orDash(a.Language))
	if ex.Stored {
		fmt.Fprintf(w, "  published  %s   first seen %s\n", a.Published.Format(time.RFC3339), a.FirstSeen.Format(time.RFC3339))
	}
	if s := ex.Story; s != nil {
		verb := "joined"
		if s.Would {
			verb = "would join"
		}
		more := ""
		if s.Articles > 1 {
			more = fmt.Sprintf("; %d articles in it (`warta explain -story` lists them)", s.Articles)
		}
		switch {
		case s.Matched == nil && s.Lead == nil && !s.Would:
			fmt.Fprintf(w, "story %s: leads its story (no earlier copy within the window)%s\n", s.ID, more)
			formatNearest(w, s.Nearest)
		case s.Would && (s.ID == "" || s.ID == a.ID):
			fmt.Fprintf(w, "story: would start a new story (no copy within the window)%s\n", more)
			formatNearest(w, s.Nearest)
		default:
			fmt.Fprintf(w, "story %s: %s it", s.ID, verb)
			if s.Lead != nil {
				fmt.Fprintf(w, ", led by %q (%s)", s.Lead.Title, s.Lead.Source)
			}
			fmt.Fprintln(w, more)
			switch {
			case s.Matched != nil && s.Method == article.MethodJoin:
				fmt.Fprintf(w, "  joined by a reader (`warta join`) with the story of %q (%s, %s)\n", s.Matched.Title, s.Matched.Source, s.Matched.URL)
			case s.Matched != nil:
				fmt.Fprintf(w, "  similar to %q (%s, %s): similarity %.3f by %s\n", s.Matched.Title, s.Matched.Source, s.Matched.URL, s.Similarity, s.Method)
			}
		}
	}
	if len(ex.Feeds) > 0 {
		fmt.Fprintf(w, "feeds:\n")
		for _, f := range ex.Feeds {
			fmt.Fprintf(w, "  %-24s %s\n", f.Slug, f.Why)
		}
	}
	formatLabels(w, ex.Labels)
	switch c := ex.Changed; {
	case c != nil:
		fmt.Fprintf(w, "topics differ: stored: %s; today's model: %s (the rules or sources' hints changed since: a re-tag stores today's)\n",
			orDash(strings.Join(c.Stored, ", ")), orDash(strings.Join(c.Today, ", ")))
	case ex.Stored:
		fmt.Fprintf(w, "topics stored: %s (one pass, as the article arrived; the rules are unchanged, so they stand)\n", orDash(strings.Join(topicSlugs(a.Topics), ", ")))
	}
	switch ex.Mode {
	case modeOnePass:
		fmt.Fprintf(w, "topics (current rules, one pass: what a cycle stores for it now, as `warta tag -stream`; + passed):\n")
	default:
		fmt.Fprintf(w, "topics (current rules, settled: the stream model of every stored article, as a re-tag and `warta tag`; + passed):\n")
	}
	if err := topic.WriteExplanations(w, ex.Topics); err != nil {
		return err
	}
	_, err := fmt.Fprintln(w)
	return err
}

// formatLabels prints the readers' labels on a story, if any.
func formatLabels(w io.Writer, labels []article.Label) {
	if len(labels) == 0 {
		return
	}
	fmt.Fprintf(w, "readers' labels on the story (`warta label`; they decide over the tagger):\n")
	for _, l := range labels {
		fmt.Fprintf(w, "  %-34s %s", labelVerdict(l), l.At.Format(time.RFC3339))
		if l.Note != "" {
			fmt.Fprintf(w, "  %s", l.Note)
		}
		fmt.Fprintln(w)
	}
}

// formatNearest prints the story an article that leads its own came
// nearest to joining, and why it did not.
func formatNearest(w io.Writer, n *nearestExplanation) {
	switch {
	case n == nil:
		fmt.Fprintf(w, "  no other story's headline within the window shares its terms\n")
		return
	case n.Story == "":
		fmt.Fprintf(w, "  %s\n", n.Apart)
		return
	}
	title, source, url := "(no longer stored)", "", ""
	if n.Article != nil {
		title, source, url = fmt.Sprintf("%q", n.Article.Title), n.Article.Source, n.Article.URL
	}
	fmt.Fprintf(w, "  nearest story %s: %s (%s, %s), %.0fh apart\n", n.Story, title, source, url, n.Hours)
	fmt.Fprintf(w, "    share %.3f, bar %.3f; shared: %s\n", n.Share, n.Bar, orDash(strings.Join(n.Shared, ", ")))
	if n.Apart == "" {
		fmt.Fprintf(w, "    apart only by arrival: it would join that story now (the story's articles that bring it within reach came later, or the settings changed since)\n")
	} else {
		fmt.Fprintf(w, "    apart: %s\n", n.Apart)
	}
	if n.Related {
		fmt.Fprintf(w, "    near enough to list: the page of this article's story names it under \"Near it\"\n")
	}
}

// topicSlugs are the slugs of ms.
func topicSlugs(ms []article.TopicMatch) []string {
	out := make([]string, 0, len(ms))
	for _, m := range ms {
		out = append(out, m.Slug)
	}
	return out
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
