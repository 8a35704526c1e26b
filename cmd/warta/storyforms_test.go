package main

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// pageForms reads the forms of an HTML page: where each posts, and its
// fields with the values a browser sends untouched ("" for what a reader
// fills in).
func pageForms(t *testing.T, body string) map[string]url.Values {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	forms := map[string]url.Values{}
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode || n.Data != "form" {
			continue
		}
		fields := url.Values{}
		for c := range n.Descendants() {
			if c.Type == html.ElementNode && (c.Data == "input" || c.Data == "select") && attr(c, "name") != "" {
				fields.Add(attr(c, "name"), attr(c, "value"))
			}
		}
		forms[attr(n, "action")] = fields
	}
	return forms
}

// A reader corrects a story from its page on the daemon, as a browser
// would: the page of a story carries the label and join forms when the
// labels token is set; posted with the token, the label takes the meeting
// out of international relations and the reader lands back on the page,
// which shows the label; clearing it from the form gives it back; a join
// from the form folds two stories into one entry and the undo form on the
// page parts them again. A wrong token changes nothing.
func TestDaemonStoryPageForms(t *testing.T) {
	const token = "4b1d-forms-0123456789abcdef"
	l := runLabelsDaemon(t, "sqlite", token)
	site, cfg, d, base := l.site, l.cfg, l.d, l.base
	defer d.cancel()
	meeting, irHas := l.meeting(), l.inIR
	story := l.meetingStory(t)
	page := base + "/stories/" + story

	// post fills the page's form that posts to action with fill and the
	// token, and posts it as a browser does, following the redirect.
	post := func(action string, fill url.Values, tok string) (int, string, string) {
		t.Helper()
		_, body := get(page)
		form, ok := pageForms(t, body)[action]
		if !ok {
			t.Fatalf("no form posting to %s on %s:\n%s", action, page, body)
		}
		for k, v := range fill {
			form[k] = v
		}
		form.Set("token", tok)
		resp, err := http.PostForm(action, form)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, resp.Request.URL.String(), string(b)
	}
	labels, joins := page+"/labels", page+"/joins"
	if code, _, body := post(labels, url.Values{"topic": {"international-relations"}, "of": {"out"}}, "not-the-token-0000000000"); code != http.StatusForbidden || !strings.Contains(body, "token") {
		t.Errorf("the label form with a wrong token: %d %s", code, body)
	}
	code, landed, body := post(labels, url.Values{"topic": {"international-relations"}, "of": {"out"}, "note": {"from the page"}}, token)
	if code != http.StatusOK || landed != page+"#labels" || !strings.Contains(body, "from the page") {
		t.Fatalf("the label form: %d, landed on %s:\n%s", code, landed, body)
	}
	eventually(t, "the meeting out of the international relations feed", d.log, func() bool { return !irHas(meeting) })
	if code, _, body := post(labels, url.Values{"topic": {"international-relations"}, "of": {"clear"}}, token); code != http.StatusOK || strings.Contains(body, "from the page") {
		t.Fatalf("the label form, clear: %d:\n%s", code, body)
	}
	eventually(t, "the meeting back in the international relations feed", d.log, func() bool { return irHas(meeting) })

	// A join from the form, and its undo from the page's undo form.
	chilli := oneStory(t, cfg, []string{site.URL + "/ekonomi/harga-cabai"})
	code, landed, body = post(joins, url.Values{"stories": {chilli}, "note": {"one event, from the page"}}, token)
	if code != http.StatusOK || landed != page+"#joins" || !strings.Contains(body, chilli) {
		t.Fatalf("the join form: %d, landed on %s:\n%s", code, landed, body)
	}
	if got := oneStory(t, cfg, []string{meeting, site.URL + "/ekonomi/harga-cabai"}); got != story {
		t.Errorf("after the join: story %s, want %s", got, story)
	}
	code, landed, _ = post(base+"/stories/"+chilli+"/joins", nil, token)
	if code != http.StatusOK || landed != base+"/stories/"+chilli {
		t.Fatalf("the undo form: %d, landed on %s", code, landed)
	}
	if got := oneStory(t, cfg, []string{site.URL + "/ekonomi/harga-cabai"}); got != chilli {
		t.Errorf("after the undo: story %s, want %s", got, chilli)
	}
	d.stop(t)
	if strings.Contains(d.log.String(), token) {
		t.Error("the daemon logged the labels token")
	}
}

// A browser the reader asked to remember posts the story page's forms on
// the daemon without the token until it is forgotten: the label it posts
// takes the meeting out of international relations, and once forgotten
// its forms want the token again.
func TestDaemonStoryPageFormsRememberTheBrowser(t *testing.T) {
	const token = "4b1d-forms-0123456789abcdef"
	l := runLabelsDaemon(t, "sqlite", token)
	d, base := l.d, l.base
	defer d.cancel()
	meeting, irHas := l.meeting(), l.inIR
	page := base + "/stories/" + l.meetingStory(t)
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	browser := &http.Client{Jar: jar}
	// post posts the label form as a browser on the daemon's own page
	// does, following the redirect.
	post := func(form url.Values) (int, string) {
		t.Helper()
		req, err := http.NewRequest("POST", page+"/labels", strings.NewReader(form.Encode()))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		resp, err := browser.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	ir := url.Values{"topic": {"international-relations"}}
	if code, body := post(url.Values{"topic": ir["topic"], "of": {"in"}, "token": {token}, "remember": {"1"}}); code != http.StatusOK {
		t.Fatalf("the label form with the token, remembered: %d %s", code, body)
	}
	if code, body := post(url.Values{"topic": ir["topic"], "of": {"out"}}); code != http.StatusOK {
		t.Fatalf("the label form from the remembered browser: %d %s", code, body)
	}
	eventually(t, "the meeting out of the international relations feed", d.log, func() bool { return !irHas(meeting) })
	if code, body := post(url.Values{"forget": {"1"}}); code != http.StatusOK || !strings.Contains(body, "remember this browser") {
		t.Fatalf("forget: %d %s", code, body)
	}
	if code, body := post(url.Values{"topic": ir["topic"], "of": {"clear"}}); code != http.StatusForbidden || !strings.Contains(body, "not remembered") {
		t.Errorf("the forgotten browser without the token: %d %s", code, body)
	}
	d.stop(t)
	if strings.Contains(d.log.String(), token) {
		t.Error("the daemon logged the labels token")
	}
}
