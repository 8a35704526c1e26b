package publish

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/warta-news/warta/article"
)

// postForm posts form to path as a browser's form does.
func postForm(t *testing.T, h http.Handler, path string, form url.Values) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest("POST", path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// pageForm is one form of a page: where it posts and its fields, by
// name, with the values a browser would send untouched (a checkbox's or
// a hidden field's value; "" for what the reader fills in).
type pageForm struct {
	action string
	fields map[string][]string
}

// pageForms returns the forms of an HTML page.
func pageForms(t *testing.T, body string) []pageForm {
	t.Helper()
	_, doc := pageText(t, body)
	var forms []pageForm
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode || n.Data != "form" {
			continue
		}
		f := pageForm{fields: map[string][]string{}}
		if attr(n, "method") != "post" {
			t.Errorf("a form with method %q", attr(n, "method"))
		}
		f.action = attr(n, "action")
		for c := range n.Descendants() {
			if c.Type == html.ElementNode && (c.Data == "input" || c.Data == "select") && attr(c, "name") != "" {
				f.fields[attr(c, "name")] = append(f.fields[attr(c, "name")], attr(c, "value"))
			}
		}
		forms = append(forms, f)
	}
	return forms
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// A story's page carries forms to label it and to join stories into it
// when the labels API is on, and none when it is off; the forms post to
// the API's addresses with the token in a field, and send the reader back
// to the story's page when done.
func TestStoryPageForms(t *testing.T) {
	const token = "0123456789abcdef-labels"

	off, _ := newTestPublisher(t, Options{})
	if err := off.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	rec := get(t, off.Handler(), "GET", "/stories/s1", nil)
	if rec.Code != http.StatusOK || strings.Contains(rec.Body.String(), "<form") || rec.Header().Get("X-Frame-Options") != "" {
		t.Fatalf("without the labels API: %d, a form or a framing rule on the page:\n%s", rec.Code, rec.Body.String())
	}

	rel := &fakeRelations{related: []RelatedStory{{StoryID: "s3", From: "c1a", Share: 0.5, Bar: 0.6, Hours: 2, Shared: []string{"perbatasan"}, Apart: "a guard"}}}
	p, lister := newTestPublisher(t, Options{LabelsToken: token, Related: rel})
	p.opts.Labeller = fakeLabeller{lister}
	if err := p.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	h := p.Handler()
	rec = get(t, h, "GET", "/stories/s1", nil)
	if rec.Header().Get("X-Frame-Options") != "DENY" || !strings.Contains(rec.Header().Get("Content-Security-Policy"), "frame-ancestors 'none'") {
		t.Errorf("a page with forms may be framed: %v", rec.Header())
	}
	forms := pageForms(t, rec.Body.String())
	if len(forms) != 2 {
		t.Fatalf("%d forms on the story page, want the label and join forms:\n%s", len(forms), rec.Body.String())
	}
	label, join := forms[0], forms[1]
	if label.action != testBase+"/stories/s1/labels" || !reflect.DeepEqual(label.fields["of"], []string{"in", "out", "clear"}) ||
		len(label.fields["token"]) != 1 || label.fields["token"][0] != "" || label.fields["topic"] == nil {
		t.Errorf("the label form: %+v", label)
	}
	// The story near it to tick, and a field to type others' IDs in.
	if join.action != testBase+"/stories/s1/joins" || join.fields["token"] == nil || !reflect.DeepEqual(join.fields["stories"], []string{"s3", ""}) {
		t.Errorf("the join form: %+v", join)
	}
	if strings.Contains(rec.Body.String(), token) {
		t.Error("the page shows the token")
	}
	_, doc := pageText(t, rec.Body.String())
	var options []string
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode && n.Data == "option" {
			options = append(options, attr(n, "value"))
		}
	}
	if want := []string{"international-relations", "economy", "sport"}; !slices.Equal(options, want) {
		t.Errorf("the topics a label may name: %v, want %v", options, want)
	}

	// Refused: nothing changes, the page says why with the API's status.
	for _, c := range []struct {
		path string
		form url.Values
		code int
		want string
	}{
		{"/stories/s1/labels", url.Values{"topic": {"sport"}, "of": {"out"}}, http.StatusForbidden, "token"},
		{"/stories/s1/labels", url.Values{"topic": {"sport"}, "of": {"out"}, "token": {"wrong"}}, http.StatusForbidden, "token"},
		{"/stories/s1/labels", url.Values{"of": {"out"}, "token": {token}}, http.StatusBadRequest, "choose a topic"},
		{"/stories/s1/labels", url.Values{"topic": {"sport"}, "of": {"maybe"}, "token": {token}}, http.StatusBadRequest, "whether the story is in the topic"},
		{"/stories/s1/labels", url.Values{"topic": {"sport"}, "of": {"in"}, "note": {strings.Repeat("x", article.MaxLabelNote+1)}, "token": {token}}, http.StatusBadRequest, "at most 500 characters"},
		{"/stories/s1/labels", url.Values{"topic": {"diplomacy"}, "of": {"in"}, "token": {token}}, http.StatusBadRequest, `no such topic "diplomacy"`},
		{"/stories/nope/labels", url.Values{"topic": {"sport"}, "of": {"in"}, "token": {token}}, http.StatusNotFound, "no stored story nope"},
		{"/stories/s1/joins", url.Values{"stories": {""}, "token": {token}}, http.StatusBadRequest, "stories is required"},
		{"/stories/s1/joins", url.Values{"stories": {"s2"}, "token": {"wrong"}}, http.StatusForbidden, "token"},
		{"/stories/s1/joins", url.Values{"stories": {"nope"}, "token": {token}}, http.StatusNotFound, "no stored story among s1, nope"},
		{"/stories/s1/joins", url.Values{"stories": {"busy"}, "token": {token}}, http.StatusServiceUnavailable, "try again"},
		{"/stories/s2/joins", url.Values{"undo": {"1"}, "token": {token}}, http.StatusBadRequest, "not joined"},
	} {
		rec := postForm(t, h, c.path, c.form)
		text, _ := pageText(t, rec.Body.String())
		if rec.Code != c.code || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") || !strings.Contains(text, c.want) ||
			!strings.Contains(rec.Body.String(), `href="`+testBase+strings.TrimSuffix(strings.TrimSuffix(c.path, "/labels"), "/joins")+`"`) {
			t.Errorf("POST %s %v: %d %q, want %d saying %q with a link back", c.path, c.form, rec.Code, text, c.code, c.want)
		}
	}
	if len(lister.labels) != 0 || len(lister.joins) != 0 {
		t.Fatalf("a refused form changed something: %+v %+v", lister.labels, lister.joins)
	}
	// A refusal is a page of the site: its style, its navigation.
	if body := postForm(t, h, "/stories/s1/labels", url.Values{"token": {"wrong"}}).Body.String(); !strings.Contains(body, "<style>") ||
		!strings.Contains(body, `<a href="`+testBase+`/status">Status</a>`) || !strings.Contains(body, `<p class="warn">`) {
		t.Errorf("the refusal page is not one of the site's:\n%s", body)
	}

	// The API's documented curl call (`curl -H "Authorization: Bearer …"
	// -d '{…}'`) labels its JSON body a form: the bearer token makes it
	// the API's, answered in JSON.
	req := httptest.NewRequest("POST", "/stories/s1/labels", strings.NewReader(`{"topic":"economy","of":true}`))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "Bearer "+token)
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") || len(lister.labels) != 1 {
		t.Fatalf("the API called as curl -d does: %d %s", rec.Code, rec.Body.String())
	}
	lister.labels = nil

	// Labelled from the form: back to the page, which shows the label.
	rec = postForm(t, h, "/stories/s1/labels", url.Values{"topic": {"sport"}, "of": {"out"}, "note": {" a border deal "}, "token": {token}})
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != testBase+"/stories/s1#labels" {
		t.Fatalf("POST the label form: %d, Location %q", rec.Code, rec.Header().Get("Location"))
	}
	if want := []article.Label{{Story: "s1", Topic: "sport", Of: false, Note: "a border deal", At: t0}}; !reflect.DeepEqual(lister.labels, want) {
		t.Errorf("labels %+v, want %+v", lister.labels, want)
	}
	if text, _ := pageText(t, get(t, h, "GET", "/stories/s1", nil).Body.String()); !strings.Contains(text, "Not in Sport") {
		t.Errorf("the story page after the form's label:\n%s", text)
	}
	rec = postForm(t, h, "/stories/s1/labels", url.Values{"topic": {"sport"}, "of": {"clear"}, "token": {token}})
	if rec.Code != http.StatusSeeOther || len(lister.labels) != 0 {
		t.Errorf("clear the label from the form: %d, labels %+v", rec.Code, lister.labels)
	}

	// Joined from the form: the checked story and the typed IDs, once each.
	rec = postForm(t, h, "/stories/s1/joins", url.Values{"stories": {"s2", " s2 , "}, "note": {"one event"}, "token": {token}})
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != testBase+"/stories/s1#joins" {
		t.Fatalf("POST the join form: %d, Location %q, %s", rec.Code, rec.Header().Get("Location"), rec.Body.String())
	}
	if len(lister.joins) != 1 || lister.joins[0].Story != "s2" || lister.joins[0].Into != "s1" || lister.joins[0].Note != "one event" {
		t.Errorf("joins %+v", lister.joins)
	}
	forms = pageForms(t, get(t, h, "GET", "/stories/s1", nil).Body.String())
	i := slices.IndexFunc(forms, func(f pageForm) bool { return f.action == testBase+"/stories/s2/joins" })
	if i < 0 || !reflect.DeepEqual(forms[i].fields["undo"], []string{"1"}) {
		t.Fatalf("no undo form for the join on the page: %+v", forms)
	}
	rec = postForm(t, h, "/stories/s2/joins", url.Values{"undo": {"1"}, "token": {token}})
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != testBase+"/stories/s2" || len(lister.joins) != 0 {
		t.Errorf("undo from the form: %d, Location %q, joins %+v", rec.Code, rec.Header().Get("Location"), lister.joins)
	}
}

// FuzzStoryPageForms: whatever a form posts to the labels API's
// addresses, the answer is a status it means, never a server error, and
// nothing changes without the token in the form.
func FuzzStoryPageForms(f *testing.F) {
	const token = "0123456789abcdef-labels"
	h, lister := labelsFuzzHandler(f, token)
	f.Add("/stories/s1/labels", "topic=sport&of=out&note=x&token="+token)
	f.Add("/stories/s1/labels", "topic=sport&of=clear&token="+token)
	f.Add("/stories/s1/labels", "topic=sport&of=in&token=nope")
	f.Add("/stories/s1/joins", "stories=s2&stories=s3+s1&token="+token)
	f.Add("/stories/s2/joins", "undo=1&token="+token)
	f.Add("/stories/s1/joins", "stories=%ff%00&token="+token)
	f.Fuzz(func(t *testing.T, target, body string) {
		u, err := url.ParseRequestURI(target)
		if err != nil {
			return
		}
		req := httptest.NewRequest("GET", "/", strings.NewReader(body))
		req.Method, req.URL, req.RequestURI = "POST", u, target
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		before, joinsBefore := slices.Clone(lister.labels), slices.Clone(lister.joins)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 && rec.Code != http.StatusServiceUnavailable {
			t.Errorf("POST %q %q: %d %q", target, body, rec.Code, rec.Body.String())
		}
		if form, err := url.ParseQuery(body); (err != nil || strings.TrimSpace(form.Get("token")) != token) &&
			(!slices.Equal(lister.labels, before) || !reflect.DeepEqual(lister.joins, joinsBefore)) {
			t.Errorf("POST %q %q changed the labels or joins without the token", target, body)
		}
	})
}

const formType = "application/x-www-form-urlencoded"

// A browser remembered with the token posts the forms without it, from
// the site's own pages only, until it is forgotten or the token changes;
// the cookie it gets is no token and goes to the story pages only.
func TestStoryPageFormsRememberTheBrowser(t *testing.T) {
	const token = "0123456789abcdef-labels"
	p, lister := newTestPublisher(t, Options{LabelsToken: token, BaseURL: "https://news.example/warta"})
	p.opts.Labeller = fakeLabeller{lister}
	if err := p.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	h := p.Handler()
	forms := pageForms(t, get(t, h, "GET", "/stories/s1", nil).Body.String())
	if len(forms) != 2 || !reflect.DeepEqual(forms[0].fields["remember"], []string{"1"}) || !reflect.DeepEqual(forms[1].fields["remember"], []string{"1"}) {
		t.Fatalf("the forms offer no way to remember the browser: %+v", forms)
	}
	// send posts body with the headers (name, value, …) and the cookie.
	send := func(path, body string, c *http.Cookie, headers ...string) *httptest.ResponseRecorder {
		t.Helper()
		req := httptest.NewRequest("POST", path, strings.NewReader(body))
		for i := 0; i+1 < len(headers); i += 2 {
			req.Header.Set(headers[i], headers[i+1])
		}
		if c != nil {
			req.AddCookie(c)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	// post sends form with the cookies given, as a browser on the site
	// (sameSite) or on another site does.
	post := func(path string, form url.Values, sameSite bool, cookies ...*http.Cookie) *httptest.ResponseRecorder {
		t.Helper()
		var c *http.Cookie
		if len(cookies) > 0 {
			c = cookies[0]
		}
		if sameSite {
			return send(path, form.Encode(), c, "Content-Type", formType, "Sec-Fetch-Site", "same-origin")
		}
		return send(path, form.Encode(), c, "Content-Type", formType, "Sec-Fetch-Site", "cross-site", "Origin", "https://elsewhere.example")
	}
	label := url.Values{"topic": {"sport"}, "of": {"out"}}

	rec := post("/stories/s1/labels", label, true)
	if rec.Code != http.StatusForbidden || !strings.Contains(rec.Body.String(), "not remembered") || len(lister.labels) != 0 {
		t.Fatalf("no token, no cookie: %d %s", rec.Code, rec.Body.String())
	}
	withToken := url.Values{"topic": {"sport"}, "of": {"out"}, "token": {token}, "remember": {"1"}}
	rec = post("/stories/s1/labels", withToken, true)
	cookies := rec.Result().Cookies()
	if rec.Code != http.StatusSeeOther || len(cookies) != 1 || len(lister.labels) != 1 {
		t.Fatalf("the token with remember: %d, cookies %v, labels %+v", rec.Code, cookies, lister.labels)
	}
	c := cookies[0]
	if c.Name != "warta_labels" || c.Value == "" || strings.Contains(c.Value, token) || !c.HttpOnly || !c.Secure ||
		c.SameSite != http.SameSiteStrictMode || c.Path != "/warta/stories/" || c.MaxAge != 30*24*3600 {
		t.Errorf("the cookie: %+v", c)
	}
	lister.labels = nil

	// Remembered: the forms work without the token, from the site only.
	for _, f := range []struct {
		path string
		form url.Values
	}{
		{"/stories/s1/labels", label},
		{"/stories/s1/joins", url.Values{"stories": {"s2"}}},
		{"/stories/s2/joins", url.Values{"undo": {"1"}}},
	} {
		labels, joins := slices.Clone(lister.labels), slices.Clone(lister.joins)
		if rec := post(f.path, f.form, false, c); rec.Code != http.StatusForbidden || !strings.Contains(rec.Body.String(), "another site") {
			t.Errorf("POST %s from another site with the cookie: %d %s", f.path, rec.Code, rec.Body.String())
		}
		if !slices.Equal(lister.labels, labels) || !reflect.DeepEqual(lister.joins, joins) {
			t.Fatalf("a form of another site changed something: %+v %+v", lister.labels, lister.joins)
		}
		if rec := post(f.path, f.form, true, c); rec.Code != http.StatusSeeOther {
			t.Errorf("POST %s with the cookie: %d %s", f.path, rec.Code, rec.Body.String())
		}
	}
	if len(lister.labels) != 1 || len(lister.joins) != 0 {
		t.Errorf("after a label, a join and its undo: labels %+v, joins %+v", lister.labels, lister.joins)
	}
	// A browser without Sec-Fetch-Site is judged by its Origin: the base
	// URL's is the site's.
	rec = send("/stories/s1/labels", url.Values{"topic": {"economy"}, "of": {"in"}}.Encode(), c, "Content-Type", formType, "Origin", "https://news.example")
	if rec.Code != http.StatusSeeOther {
		t.Errorf("with the base URL's Origin: %d %s", rec.Code, rec.Body.String())
	}

	// Not the API's: a bearer of the cookie alone is refused there.
	rec = send("/stories/s1/labels", `{"topic":"economy","of":true}`, c, "Content-Type", "application/json", "Sec-Fetch-Site", "same-origin")
	if rec.Code != http.StatusUnauthorized {
		t.Errorf("the API with the cookie alone: %d", rec.Code)
	}

	// Another cookie value, or the same after the token changed: refused.
	forged := *c
	forged.Value = strings.Repeat("0", len(c.Value))
	if rec := post("/stories/s1/labels", label, true, &forged); rec.Code != http.StatusForbidden {
		t.Errorf("a forged cookie: %d", rec.Code)
	}
	p.opts.LabelsToken = "another-token-of-24-characters"
	if rec := post("/stories/s1/labels", label, true, c); rec.Code != http.StatusForbidden {
		t.Errorf("the cookie of the old token: %d", rec.Code)
	}
	p.opts.LabelsToken = token

	// Forgotten: the cookie is dropped, and the forms want the token again.
	rec = post("/stories/s1/labels", url.Values{"forget": {"1"}}, true, c)
	gone := rec.Result().Cookies()
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "https://news.example/warta/stories/s1#labels" ||
		len(gone) != 1 || gone[0].Name != "warta_labels" || gone[0].MaxAge >= 0 {
		t.Errorf("forget: %d, Location %q, cookies %v", rec.Code, rec.Header().Get("Location"), gone)
	}
	if rec := post("/stories/s1/labels", url.Values{"forget": {"1"}}, false, c); rec.Code != http.StatusForbidden {
		t.Errorf("forget from another site: %d", rec.Code)
	}
	// Typed without remember, the token sets no cookie.
	rec = post("/stories/s1/labels", url.Values{"topic": {"sport"}, "of": {"clear"}, "token": {token}}, true)
	if rec.Code != http.StatusSeeOther || len(rec.Result().Cookies()) != 0 {
		t.Errorf("the token without remember: %d, cookies %v", rec.Code, rec.Result().Cookies())
	}
}
