package publish

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/store"
)

// fakeLabeller keeps labels in the fake lister, as a store would, for
// the stories the lister holds and the test feeds' topics.
type fakeLabeller struct{ lister *fakeLister }

func (f fakeLabeller) known(story, topic string) error {
	if !slices.ContainsFunc(f.lister.stories, func(s *article.Story) bool { return s.ID == story }) {
		return fmt.Errorf("story %s: %w", story, store.ErrNotFound)
	}
	if !slices.ContainsFunc(testFeeds(), func(fi FeedInfo) bool { return fi.Slug == topic }) {
		return fmt.Errorf("%w %q", ErrUnknownTopic, topic)
	}
	return nil
}

func (f fakeLabeller) SetLabel(ctx context.Context, story, topic string, of bool, note string) (int, error) {
	if err := f.known(story, topic); err != nil {
		return 0, err
	}
	f.lister.mu.Lock()
	defer f.lister.mu.Unlock()
	f.lister.labels = slices.DeleteFunc(f.lister.labels, func(l article.Label) bool { return l.Story == story && l.Topic == topic })
	f.lister.labels = append(f.lister.labels, article.Label{Story: story, Topic: topic, Of: of, Note: note, At: t0})
	return 2, nil
}

func (f fakeLabeller) ClearLabel(ctx context.Context, story, topic string) (bool, int, error) {
	if err := f.known(story, topic); err != nil {
		return false, 0, err
	}
	f.lister.mu.Lock()
	defer f.lister.mu.Unlock()
	n := len(f.lister.labels)
	f.lister.labels = slices.DeleteFunc(f.lister.labels, func(l article.Label) bool { return l.Story == story && l.Topic == topic })
	return n != len(f.lister.labels), 1, nil
}

// JoinStories joins the stories into the first named one known, each
// story once as pipeline.JoinStories does; ErrJoin when they are one;
// "busy" stands for a cycle holding the stories.
func (f fakeLabeller) JoinStories(ctx context.Context, ids []string, note string) ([]article.Join, error) {
	if slices.Contains(ids, "busy") {
		return nil, fmt.Errorf("waited: %w", ErrStoriesBusy)
	}
	for _, id := range ids {
		if err := f.known(id, "sport"); err != nil {
			return nil, err
		}
	}
	f.lister.mu.Lock()
	defer f.lister.mu.Unlock()
	var joins []article.Join
	for i, id := range ids[1:] {
		if id != ids[0] && !slices.Contains(ids[1:i+1], id) {
			joins = append(joins, article.Join{Story: id, Into: ids[0], Note: note, At: t0})
		}
	}
	if len(joins) == 0 {
		return nil, fmt.Errorf("%w: one story", ErrJoin)
	}
	f.lister.joins = append(f.lister.joins, joins...)
	return joins, nil
}

// UnjoinStory deletes the join of story; ErrJoin when there is none.
func (f fakeLabeller) UnjoinStory(ctx context.Context, story string) (article.Join, error) {
	f.lister.mu.Lock()
	defer f.lister.mu.Unlock()
	i := slices.IndexFunc(f.lister.joins, func(j article.Join) bool { return j.Story == story })
	if i < 0 {
		return article.Join{}, fmt.Errorf("%w: not joined", ErrJoin)
	}
	j := f.lister.joins[i]
	f.lister.joins = slices.Delete(f.lister.joins, i, i+1)
	return j, nil
}

// The labels API sets and clears a story's labels for a client that
// presents the token, and refuses everyone else, bodies that are not one
// label that says which way, unknown stories and topics; without a token
// configured there is no API.
func TestLabelsAPI(t *testing.T) {
	const token = "0123456789abcdef-labels"
	serve := func(h http.Handler, method, path, auth, body string) (int, map[string]any, http.Header) {
		t.Helper()
		req := httptest.NewRequest(method, path, strings.NewReader(body))
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		var got map[string]any
		if rec.Code != http.StatusNotFound || strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
			if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
				t.Fatalf("%s %s: %d, body %q: %v", method, path, rec.Code, rec.Body.String(), err)
			}
		}
		return rec.Code, got, rec.Header()
	}

	// No token configured: no API.
	p, _ := newTestPublisher(t, Options{Labeller: fakeLabeller{}})
	if err := p.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	if code, _, _ := serve(p.Handler(), "POST", "/stories/s1/labels", "Bearer "+token, `{"topic":"sport","of":false}`); code != http.StatusNotFound && code != http.StatusMethodNotAllowed {
		t.Errorf("POST without a configured token: %d, want no API", code)
	}

	p, lister := newTestPublisher(t, Options{LabelsToken: token})
	p.opts.Labeller = fakeLabeller{lister}
	if err := p.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	h := p.Handler()
	good := "Bearer " + token
	for _, auth := range []string{"", "Bearer", "Bearer wrong", "Basic " + token, "Bearer " + token + "x", token} {
		code, got, hdr := serve(h, "POST", "/stories/s1/labels", auth, `{"topic":"sport","of":false}`)
		if code != http.StatusUnauthorized || hdr.Get("WWW-Authenticate") == "" || got["error"] == nil {
			t.Errorf("POST with Authorization %q: %d %v", auth, code, got)
		}
	}
	if len(lister.labels) != 0 {
		t.Fatalf("an unauthorised request labelled: %+v", lister.labels)
	}
	for _, c := range []struct{ path, body, want string }{
		{"/stories/s1/labels", `not json`, "not a label"},
		{"/stories/s1/labels", `{"topic":"sport"}`, "of is required"},
		{"/stories/s1/labels", `{"of":false}`, "topic is required"},
		{"/stories/s1/labels", `{"topic":"sport","of":false,"weight":3}`, "unknown field"},
		{"/stories/s1/labels", `{"topic":"sport","of":false}{"topic":"economy","of":true}`, "more than one label"},
		{"/stories/s1/labels", `{"topic":"sport","of":false,"note":"` + strings.Repeat("x", article.MaxLabelNote+1) + `"}`, "at most 500 characters"},
		{"/stories/s1/labels", `{"topic":"diplomacy","of":true}`, `no such topic "diplomacy"`},
	} {
		code, got, _ := serve(h, "POST", c.path, good, c.body)
		if msg, _ := got["error"].(string); code != http.StatusBadRequest || !strings.Contains(msg, c.want) {
			t.Errorf("POST %s: %d %v, want 400 saying %q", c.body, code, got, c.want)
		}
	}
	if code, got, _ := serve(h, "POST", "/stories/nope/labels", good, `{"topic":"sport","of":false}`); code != http.StatusNotFound || got["error"] != "no stored story nope" {
		t.Errorf("POST to an unknown story: %d %v", code, got)
	}
	if len(lister.labels) != 0 {
		t.Fatalf("a refused request labelled: %+v", lister.labels)
	}

	// The scheme's name in any case.
	code, got, hdr := serve(h, "POST", "/stories/s1/labels", "bearer "+token, `{"topic":"sport","of":false,"note":" a border deal\u0000 "}`)
	want := map[string]any{"story": "s1", "changed": 2.0, "labels": []any{map[string]any{"topic": "sport", "of": false, "note": "a border deal", "at": t0.Format("2006-01-02T15:04:05Z")}}}
	if code != http.StatusOK || fmt.Sprint(got) != fmt.Sprint(want) || hdr.Get("Cache-Control") != "no-store" {
		t.Errorf("POST a label: %d %v, want %v", code, got, want)
	}
	// The story's page shows it.
	if text, _ := pageText(t, get(t, h, "GET", "/stories/s1", nil).Body.String()); !strings.Contains(text, "Not in Sport") {
		t.Errorf("the story page after the label:\n%s", text)
	}
	code, got, _ = serve(h, "DELETE", "/stories/s1/labels/sport", good, "")
	if code != http.StatusOK || got["cleared"] != true || len(got["labels"].([]any)) != 0 {
		t.Errorf("DELETE the label: %d %v", code, got)
	}
	code, got, _ = serve(h, "DELETE", "/stories/s1/labels/sport", good, "")
	if code != http.StatusOK || got["cleared"] != false {
		t.Errorf("DELETE it again: %d %v", code, got)
	}
	if code, _, _ := serve(h, "DELETE", "/stories/s1/labels/sport", "", ""); code != http.StatusUnauthorized {
		t.Errorf("DELETE without the token: %d", code)
	}

	// Joins: the same token, the same refusals.
	for _, c := range []struct {
		method, path, auth, body string
		code                     int
		want                     string
	}{
		{"POST", "/stories/s1/joins", "Bearer wrong", `{"stories":["s2"]}`, http.StatusUnauthorized, "bearer token"},
		{"POST", "/stories/s1/joins", good, `{"stories":[]}`, http.StatusBadRequest, "stories is required"},
		{"POST", "/stories/s1/joins", good, `{"story":"s2"}`, http.StatusBadRequest, "unknown field"},
		{"POST", "/stories/s1/joins", good, `{"stories":["s2"]}{}`, http.StatusBadRequest, "more than one join"},
		{"POST", "/stories/s1/joins", good, `{"stories":[""]}`, http.StatusBadRequest, "a story's ID is"},
		{"POST", "/stories/s1/joins", good, `{"stories":["s1"]}`, http.StatusBadRequest, "one story"},
		{"POST", "/stories/s1/joins", good, `{"stories":["nope"]}`, http.StatusNotFound, "no stored story among s1, nope"},
		{"POST", "/stories/s1/joins", good, `{"stories":["busy"]}`, http.StatusServiceUnavailable, "try again"},
		{"DELETE", "/stories/s2/joins", good, ``, http.StatusBadRequest, "not joined"},
		{"DELETE", "/stories/s2/joins", "", ``, http.StatusUnauthorized, "bearer token"},
	} {
		code, got, hdr := serve(h, c.method, c.path, c.auth, c.body)
		if msg, _ := got["error"].(string); code != c.code || !strings.Contains(msg, c.want) {
			t.Errorf("%s %s %s: %d %v, want %d saying %q", c.method, c.path, c.body, code, got, c.code, c.want)
		}
		if c.code == http.StatusServiceUnavailable && hdr.Get("Retry-After") == "" {
			t.Errorf("%s %s %s: no Retry-After", c.method, c.path, c.body)
		}
	}
	if len(lister.joins) != 0 {
		t.Fatalf("a refused request joined: %+v", lister.joins)
	}
	// The answer gives the story's labels after the join.
	if code, got, _ := serve(h, "POST", "/stories/s1/labels", good, `{"topic":"economy","of":true}`); code != http.StatusOK {
		t.Fatalf("POST a label: %d %v", code, got)
	}
	code, got, hdr = serve(h, "POST", "/stories/s1/joins", good, `{"stories":["s2"],"note":" one event\u0000 "}`)
	want = map[string]any{"story": "s1", "page": testBase + "/stories/s1", "joins": []any{map[string]any{"story": "s2", "into": "s1", "note": "one event", "at": t0.Format("2006-01-02T15:04:05Z")}},
		"labels": []any{map[string]any{"topic": "economy", "of": true, "at": t0.Format("2006-01-02T15:04:05Z")}}}
	if code != http.StatusOK || fmt.Sprint(got) != fmt.Sprint(want) || hdr.Get("Cache-Control") != "no-store" {
		t.Errorf("POST a join: %d %v, want %v", code, got, want)
	}
	if text, _ := pageText(t, get(t, h, "GET", "/stories/s1", nil).Body.String()); !strings.Contains(text, "story s2 joined") {
		t.Errorf("the story page after the join:\n%s", text)
	}
	code, got, _ = serve(h, "DELETE", "/stories/s2/joins", good, "")
	if code != http.StatusOK || got["story"] != "s2" || len(lister.joins) != 0 || fmt.Sprint(got["labels"]) != "[]" {
		t.Errorf("DELETE the join: %d %v; joins left %+v", code, got, lister.joins)
	}
}

// FuzzLabelsAPI: whatever a client sends the labels API (method, path,
// credentials, body), it answers with a status it means, never a server
// error, and labels or joins nothing without the token.
func FuzzLabelsAPI(f *testing.F) {
	const token = "0123456789abcdef-labels"
	h, lister := labelsFuzzHandler(f, token)
	f.Add("POST", "/stories/s1/labels", "Bearer "+token, `{"topic":"sport","of":false,"note":"x"}`)
	f.Add("POST", "/stories/s1/labels", "Bearer nope", `{"topic":"sport","of":true}`)
	f.Add("POST", "/stories/nope/labels", "Bearer "+token, `{"topic":"economy","of":true}`)
	f.Add("DELETE", "/stories/s1/labels/sport", "Bearer "+token, ``)
	f.Add("POST", "/stories/s1/labels", "Bearer "+token, `{"topic":"sport","of":null,"note":"\u202e"}`)
	f.Add("POST", "/stories/s1/joins", "Bearer "+token, `{"stories":["s2","s3"],"note":"x"}`)
	f.Add("POST", "/stories/s1/joins", "Bearer nope", `{"stories":["s2"]}`)
	f.Add("DELETE", "/stories/s2/joins", "Bearer "+token, ``)
	f.Fuzz(func(t *testing.T, method, target, auth, body string) {
		u, err := url.ParseRequestURI(target)
		if err != nil {
			return
		}
		req := httptest.NewRequest("GET", "/", strings.NewReader(body))
		req.Method, req.URL, req.RequestURI = method, u, target
		req.Header.Set("Authorization", auth)
		before, joinsBefore := slices.Clone(lister.labels), slices.Clone(lister.joins)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 && rec.Code != http.StatusServiceUnavailable {
			t.Errorf("%s %q: %d %q", method, target, rec.Code, rec.Body.String())
		}
		// Without the token no label is set, changed or cleared.
		if scheme, given, _ := strings.Cut(auth, " "); (!strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(given) != token) &&
			(!slices.Equal(lister.labels, before) || !reflect.DeepEqual(lister.joins, joinsBefore)) {
			t.Errorf("%s %q with %q changed the labels or joins without the token", method, target, auth)
		}
	})
}

// labelsFuzzHandler is the handler of a publisher of the test stories
// with the labels API open to token, for a fuzz target, and the fake
// lister whose labels and joins it changes.
func labelsFuzzHandler(f *testing.F, token string) (http.Handler, *fakeLister) {
	f.Helper()
	lister := &fakeLister{stories: testStories()}
	opts := Options{BaseURL: testBase + "/", Now: newClock(tRefresh).Now, LabelsToken: token, Labeller: fakeLabeller{lister}}
	p := New(opts, testFeeds(), lister, slog.New(slog.DiscardHandler))
	if err := p.Refresh(context.Background()); err != nil {
		f.Fatal(err)
	}
	return p.Handler(), lister
}
