package sqlite

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/store"
	"github.com/warta-news/warta/store/internal/schema"
)

// timeLayout is how times are stored: UTC, fixed width, nanoseconds. Fixed
// width makes text order equal time order for years 0000-9999, so indexes and
// comparisons work on the text; unlike unix nanoseconds it also holds the
// zero time.Time and dates far outside 1678-2262 that broken feeds produce.
const timeLayout = "2006-01-02T15:04:05.000000000Z"

// encodeTime formats t for storage; see schema.CheckTime.
func encodeTime(t time.Time) (string, error) {
	if err := schema.CheckTime(t); err != nil {
		return "", err
	}
	return t.UTC().Format(timeLayout), nil
}

// decodeTime parses a stored time; the result is in UTC. Rebuilding the
// story index decodes two per stored article: timeLayout's fixed positions
// are read directly (a fifth of time.Parse's cost), and anything else is
// left to time.Parse, which explains what is wrong.
func decodeTime(s string) (time.Time, error) {
	if t, ok := decodeFixed(s); ok {
		return t, nil
	}
	t, err := time.Parse(timeLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("store: stored time %q: %w", s, err)
	}
	return t, nil
}

// decodeFixed reads s in timeLayout, reporting false for anything it does
// not hold exactly (a date that does not exist included).
func decodeFixed(s string) (time.Time, bool) {
	if len(s) != len(timeLayout) {
		return time.Time{}, false
	}
	num := func(from, to int) (int, bool) {
		n := 0
		for i := from; i < to; i++ {
			c := s[i]
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, true
	}
	for i, c := range timeLayout {
		if (c < '0' || c > '9') && s[i] != byte(c) {
			return time.Time{}, false // a separator differs
		}
	}
	year, ok1 := num(0, 4)
	month, ok2 := num(5, 7)
	day, ok3 := num(8, 10)
	hour, ok4 := num(11, 13)
	minute, ok5 := num(14, 16)
	sec, ok6 := num(17, 19)
	nsec, ok7 := num(20, 29)
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6 && ok7) || month < 1 || month > 12 || hour > 23 || minute > 59 || sec > 59 {
		return time.Time{}, false
	}
	t := time.Date(year, time.Month(month), day, hour, minute, sec, nsec, time.UTC)
	if t.Day() != day {
		return time.Time{}, false // 31 February and the like
	}
	return t, true
}

// scanner is *sql.Row or *sql.Rows.
type scanner interface {
	Scan(dest ...any) error
}

// scanArticle reads one row of schema.ArticleCols. Topics are loaded separately.
func scanArticle(sc scanner) (*article.Article, error) {
	var (
		a                    article.Article
		cats, pub, upd, seen string
		fp                   int64
	)
	err := sc.Scan(&a.ID, &a.URL, &a.Link, &a.GUID, &a.Source, &a.Title, &a.Summary, &a.Content,
		&a.Text, &a.Author, &a.Language, &cats, &pub, &upd, &seen, &a.StoryID, &fp,
		&a.StoryMatch.MatchedID, &a.StoryMatch.Similarity, &a.StoryMatch.Method, &a.Sketch, &a.FeedGenre, &a.Outlet, &a.OutletURL)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(cats), &a.Categories); err != nil {
		return nil, fmt.Errorf("store: article %s: categories: %w", a.ID, err)
	}
	if a.Published, err = decodeTime(pub); err != nil {
		return nil, err
	}
	if a.Updated, err = decodeTime(upd); err != nil {
		return nil, err
	}
	if a.FirstSeen, err = decodeTime(seen); err != nil {
		return nil, err
	}
	a.Fingerprint = uint64(fp)
	a.Sketch = schema.SketchOf(a.Sketch)
	return &a, nil
}

// articleArgs returns the values of schema.ArticleCols for a, in order.
func articleArgs(a *article.Article) ([]any, error) {
	cats, err := json.Marshal(a.Categories)
	if err != nil {
		return nil, fmt.Errorf("store: article %s: categories: %w", a.ID, err)
	}
	var times [3]string
	for i, t := range []time.Time{a.Published, a.Updated, a.FirstSeen} {
		if times[i], err = encodeTime(t); err != nil {
			return nil, fmt.Errorf("store: article %s: %w", a.ID, err)
		}
	}
	story := schema.StoryOf(a)
	return []any{a.ID, a.URL, a.Link, a.GUID, a.Source, a.Title, a.Summary, a.Content, a.Text, a.Author,
		a.Language, string(cats), times[0], times[1], times[2], story, int64(a.Fingerprint),
		a.StoryMatch.MatchedID, a.StoryMatch.Similarity, a.StoryMatch.Method, schema.BlobArg(a.Sketch), a.FeedGenre,
		a.Outlet, a.OutletURL}, nil
}

// fetchStateArgs returns the values of the fetch_state columns after source.
func fetchStateArgs(st store.FetchState) ([]any, error) {
	var times [3]string
	for i, t := range []time.Time{st.LastAttempt, st.LastSuccess, st.NextAttempt} {
		var err error
		if times[i], err = encodeTime(t); err != nil {
			return nil, fmt.Errorf("store: fetch state: %w", err)
		}
	}
	return []any{st.ETag, st.LastModified, times[0], times[1], times[2],
		st.Failures, st.LastStatus, st.LastError, st.Items, st.ItemVotes}, nil
}

// scanFetchState reads source followed by the fetch_state columns.
func scanFetchState(sc scanner) (string, store.FetchState, error) {
	var (
		src        string
		st         store.FetchState
		la, ls, na string
	)
	if err := sc.Scan(&src, &st.ETag, &st.LastModified, &la, &ls, &na,
		&st.Failures, &st.LastStatus, &st.LastError, &st.Items, &st.ItemVotes); err != nil {
		return "", store.FetchState{}, err
	}
	var err error
	if st.LastAttempt, err = decodeTime(la); err != nil {
		return "", store.FetchState{}, err
	}
	if st.LastSuccess, err = decodeTime(ls); err != nil {
		return "", store.FetchState{}, err
	}
	if st.NextAttempt, err = decodeTime(na); err != nil {
		return "", store.FetchState{}, err
	}
	return src, st, nil
}
