package topiceval

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/config"
	"github.com/warta-news/warta/normalize"
	"github.com/warta-news/warta/pipeline"
	"github.com/warta-news/warta/topic"
)

// StreamLabel is what a reader said of one item of a real feed stream.
type StreamLabel struct {
	IR, News bool
	Lang     string
}

// StreamTitle is the key of an item's label: its title with each run of
// white space made one space.
func StreamTitle(title string) string { return strings.Join(strings.Fields(title), " ") }

// streamLabelColumns are the columns of a stream's labels file: two of
// provenance, IR (1 or 0), news (1 or 0), language, title.
const streamLabelColumns = 6

// ReadStreamLabels reads a stream's labels (tab-separated, '#' comments;
// see cmd/warta/testdata/stream-labels.tsv): title (StreamTitle) → label.
// A title labelled twice must be labelled alike.
func ReadStreamLabels(r io.Reader) (map[string]StreamLabel, error) {
	labels := map[string]StreamLabel{}
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.SplitN(line, "\t", streamLabelColumns)
		if len(cols) != streamLabelColumns {
			return nil, fmt.Errorf("topiceval: stream labels line %d: want %d columns", n, streamLabelColumns)
		}
		title := StreamTitle(cols[5])
		l := StreamLabel{IR: cols[2] == "1", News: cols[3] == "1", Lang: cols[4]}
		if old, ok := labels[title]; ok && old != l {
			return nil, fmt.Errorf("topiceval: stream labels line %d: %q labelled twice, differently", n, title)
		}
		labels[title] = l
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("topiceval: stream labels: %w", err)
	}
	return labels, nil
}

// LabelledStream is a real feed stream as one warta cycle on an empty
// store meets it: its items prepared and in the order the cycle tags them,
// and a reader's labels.
type LabelledStream struct {
	Name string
	// Year is the year most of the stream's snapshots were captured in
	// (captureYear), 0 when its SOURCES.tsv names none.
	Year     int
	Articles []*article.Article
	Labels   map[string]StreamLabel
}

// StreamLabelsFile is the name of the labels file of the stream in the
// directory named dir: "stream" → "stream-labels.tsv".
func StreamLabelsFile(dir string) string { return filepath.Base(dir) + "-labels.tsv" }

// LoadStream reads the feed snapshots in dir (every file but SOURCES.tsv
// is one) and the labels in labelsDir (StreamLabelsFile), and prepares the
// items as a cycle of cfg at now does (pipeline.PrepareFeed, each snapshot
// a source named after its file, in the order of the file names; one
// article per ID; pipeline.OrderForStories).
func LoadStream(ctx context.Context, cfg *config.Config, t *topic.Tagger, dir, labelsDir string, now time.Time) (*LabelledStream, error) {
	f, err := os.Open(filepath.Join(labelsDir, StreamLabelsFile(dir)))
	if err != nil {
		return nil, fmt.Errorf("topiceval: %w", err)
	}
	labels, err := ReadStreamLabels(f)
	f.Close()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	arts, err := loadSnapshots(ctx, cfg, t, dir, now, nil)
	if err != nil {
		return nil, err
	}
	year, err := captureYear(dir)
	if err != nil {
		return nil, err
	}
	return &LabelledStream{Name: filepath.Base(dir), Year: year, Articles: arts, Labels: labels}, nil
}

// captureYear is the year most of the snapshots in dir were captured in,
// by its SOURCES.tsv's last column (a date), the later year on a tie; 0
// when there is no SOURCES.tsv or it names no year.
func captureYear(dir string) (int, error) {
	b, err := os.ReadFile(filepath.Join(dir, "SOURCES.tsv"))
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("topiceval: %w", err)
	}
	years := map[int]int{}
	for line := range strings.Lines(string(b)) {
		fields := strings.Split(strings.TrimRight(line, "\n"), "\t")
		var y int
		if _, err := fmt.Sscanf(fields[len(fields)-1], "%4d", &y); err == nil && y >= 2000 {
			years[y]++
		}
	}
	best := 0
	for y, n := range years {
		if n > years[best] || n == years[best] && y > best {
			best = y
		}
	}
	return best, nil
}

// loadSnapshots prepares the feed snapshots in dir as LoadStream says:
// every file but SOURCES.tsv and those skip (when non-nil) refuses.
func loadSnapshots(ctx context.Context, cfg *config.Config, t *topic.Tagger, dir string, now time.Time, skip func(name string) bool) ([]*article.Article, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("topiceval: %w", err)
	}
	norm := normalize.New(pipeline.NormalizeCaps(cfg))
	rank := map[string]int{}
	seen := map[string]bool{}
	var arts []*article.Article
	for _, e := range entries {
		if e.IsDir() || e.Name() == "SOURCES.tsv" || skip != nil && skip(e.Name()) {
			continue
		}
		body, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("topiceval: %w", err)
		}
		src := config.Source{Name: strings.TrimSuffix(e.Name(), filepath.Ext(e.Name())), URL: "https://stream.invalid/" + e.Name()}
		rank[src.Name] = len(rank)
		prep, err := pipeline.PrepareFeed(ctx, norm, t.Genres(), pipeline.Feed{Body: body, ContentType: "text/xml", URL: src.URL, FetchedAt: now, MaxItems: cfg.Fetch.MaxItems}, src)
		if err != nil {
			return nil, fmt.Errorf("topiceval: %s: %w", e.Name(), err)
		}
		for _, a := range prep.Articles {
			if !seen[a.ID] {
				seen[a.ID] = true
				arts = append(arts, a)
			}
		}
	}
	// A recorded stream keeps its dates: none is distrusted.
	pipeline.OrderForStories(arts, func(source string) int { return rank[source] }, time.Time{})
	return arts, nil
}

// labelled calls fn with each labelled item of s in English or Indonesian
// once: the first of the items that share its title.
func (s *LabelledStream) labelled(fn func(i int, l StreamLabel)) {
	seen := map[string]bool{}
	for i, a := range s.Articles {
		title := StreamTitle(a.Title)
		l, ok := s.Labels[title]
		if !ok || seen[title] || l.Lang != "en" && l.Lang != "id" {
			continue
		}
		seen[title] = true
		fn(i, l)
	}
}

// IRSamples returns the actors model's samples of the stream's labelled
// items (view "stream"), each of weight 1 (see WeighStreams).
func (s *LabelledStream) IRSamples(t *topic.Tagger) []topic.IRSample {
	var out []topic.IRSample
	s.labelled(func(i int, l StreamLabel) {
		a := s.Articles[i]
		out = append(out, topic.IRSample{ID: a.ID, X: t.IRFeatures(a), Y: l.IR, Lang: l.Lang, View: StreamView, Group: s.Name + "\x00" + StreamTitle(a.Title), Weight: 1})
	})
	return out
}

// StreamView is the view name of a stream's samples in the fit's figures.
const StreamView = "stream"

// WeighStreams sets the weights of each stream's samples so that the
// streams together weigh share × the research samples' total weight, each
// stream an equal part of it, and returns the research samples and the
// streams' together; share 0 returns research alone.
func WeighStreams(research []topic.IRSample, streams [][]topic.IRSample, share float64) []topic.IRSample {
	if share == 0 || len(streams) == 0 {
		return research
	}
	total := 0.0
	for _, s := range research {
		total += sampleWeight(s)
	}
	out := slices.Clone(research)
	for _, samples := range streams {
		for _, s := range samples {
			s.Weight = share * total / float64(len(streams)) / float64(len(samples))
			out = append(out, s)
		}
	}
	return out
}

// sampleWeight is a sample's weight in the fit (topic.IRSample: 0 counts
// as 1).
func sampleWeight(s topic.IRSample) float64 {
	if s.Weight == 0 {
		return 1
	}
	return s.Weight
}

// ScoreStream tags the stream's items in order as one cycle on an empty
// store does (one topic.Stream that learns as it tags) and counts the
// international-relations decisions on its labelled items by language.
func ScoreStream(t *topic.Tagger, s *LabelledStream) map[string]*topic.Tally {
	st := t.NewStream()
	got := make([]bool, len(s.Articles))
	for i, a := range s.Articles {
		for _, m := range st.TagAndObserve(a, topic.Hints{}) {
			got[i] = got[i] || m.Slug == irSlug
		}
	}
	out := map[string]*topic.Tally{"en": {}, "id": {}}
	s.labelled(func(i int, l StreamLabel) { out[l.Lang].Add(l.IR, got[i]) })
	return out
}

// StreamScore is what the tagger decided on one stream's labelled items:
// international-relations tallies by language, with the actors model's cut.
type StreamScore struct {
	Stream  string
	Cut     float64
	Tallies map[string]*topic.Tally
}

// PoolStreams sums the streams' tallies by language, English and
// Indonesian always present: the pooled line of a leave-one-stream-out.
func PoolStreams(scores []StreamScore) map[string]*topic.Tally {
	pooled := map[string]*topic.Tally{"en": {}, "id": {}}
	for _, s := range scores {
		for lang, c := range s.Tallies {
			p := pooled[lang]
			if p == nil {
				p = &topic.Tally{}
				pooled[lang] = p
			}
			p.TP, p.FP, p.FN = p.TP+c.TP, p.FP+c.FP, p.FN+c.FN
		}
	}
	return pooled
}

// LeaveOneStreamOut scores each stream by the actors model fitted (k
// folds) on the research samples and the other streams' samples weighed
// by share (WeighStreams): no stream is scored by weights fitted on its
// own items.
func LeaveOneStreamOut(t *topic.Tagger, research []topic.IRSample, streams []*LabelledStream, share float64, k int) ([]StreamScore, error) {
	samples := make([][]topic.IRSample, len(streams))
	for i, s := range streams {
		samples[i] = s.IRSamples(t)
	}
	var out []StreamScore
	for i, s := range streams {
		others := slices.Delete(slices.Clone(samples), i, i+1)
		fit, err := topic.FitIR(WeighStreams(research, others, share), k)
		if err != nil {
			return nil, fmt.Errorf("topiceval: without %s: %w", s.Name, err)
		}
		out = append(out, StreamScore{Stream: s.Name, Cut: fit.Cut, Tallies: ScoreStream(t.WithIRModel(fit.Weights, fit.Cut), s)})
	}
	return out, nil
}
