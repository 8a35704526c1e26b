package publish

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/internal/xmlchar"
)

// The story page's forms post to the labels API's own addresses, as
// HTML forms do (application/x-www-form-urlencoded), with the labels
// token in a field of the form rather than a header: a reader corrects a
// story from its page with no other client. A page elsewhere cannot post
// them for the reader, since it does not know the token, and the page may
// not be framed (storyFormsHeaders). Done, they send the reader back to
// the story's page (303); refused, they answer a short page saying why,
// with the API's status, but 403 for a wrong token: a form is no HTTP
// authentication scheme to challenge with a 401.
//
// A reader may ask a browser to be remembered (formRemember with the
// token): it then gets a cookie that stands for the token on the forms,
// not on the API, until it is forgotten (formForget), expires, or the
// token changes. The cookie holds no token but a MAC of it, and goes with
// same-site requests only; a form posted with it alone must also come
// from the site itself (http.CrossOriginProtection), since it proves
// nothing a page elsewhere could not make a browser send.

// Form fields and values of the story page's forms.
const (
	formToken   = "token"
	formTopic   = "topic"
	formOf      = "of"
	formNote    = "note"
	formStories = "stories"
	formUndo    = "undo"
	// formRemember, set with the token, remembers the browser;
	// formForget forgets it.
	formRemember = "remember"
	formForget   = "forget"

	formOfIn    = "in"
	formOfOut   = "out"
	formOfClear = "clear"
)

// formPost reports whether r is an HTML form's POST: a form's body, and
// no bearer token. A client of the API that sends one is the API's
// whatever its Content-Type says: `curl -d` labels its JSON body a form.
func formPost(r *http.Request) bool {
	scheme, _, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	if strings.EqualFold(scheme, "Bearer") {
		return false
	}
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return err == nil && mt == "application/x-www-form-urlencoded"
}

// readForm parses r's form, at most maxLabelBody bytes, and checks its
// token, or the cookie of a remembered browser when it has none; false
// when it answered: a refusal, or the browser forgotten.
func (p *Publisher) readForm(w http.ResponseWriter, r *http.Request) bool {
	r.Body = http.MaxBytesReader(w, r.Body, maxLabelBody)
	if err := r.ParseForm(); err != nil {
		p.refuseForm(w, r, http.StatusBadRequest, fmt.Sprintf("the form cannot be read: %v", err))
		return false
	}
	if r.PostForm.Has(formForget) {
		if err := p.fromThisSite(r); err != nil {
			p.refuseForm(w, r, http.StatusForbidden, "a form of another site may not forget this browser")
			return false
		}
		http.SetCookie(w, p.rememberedCookie("", -1))
		http.Redirect(w, r, p.storyPageURL(r.PathValue("id"))+"#labels", http.StatusSeeOther)
		return false
	}
	switch given := r.PostForm.Get(formToken); {
	case given != "":
		if !p.isLabelsToken(given) {
			p.refuseForm(w, r, http.StatusForbidden, "the token is not the one in server.labels_token_file")
			return false
		}
		if r.PostForm.Get(formRemember) != "" {
			http.SetCookie(w, p.rememberedCookie(p.rememberedValue(), int(rememberFor/time.Second)))
		}
		return true
	case p.isRemembered(r):
		if err := p.fromThisSite(r); err != nil {
			p.refuseForm(w, r, http.StatusForbidden, "a form of another site may not use this browser's remembered token")
			return false
		}
		return true
	}
	p.refuseForm(w, r, http.StatusForbidden, "type the token of server.labels_token_file: this browser is not remembered")
	return false
}

// rememberedCookieName names the cookie of a remembered browser.
const rememberedCookieName = "warta_labels"

// rememberFor is how long a browser stays remembered.
const rememberFor = 30 * 24 * time.Hour

// rememberedValue is the value of a remembered browser's cookie: a MAC of
// the labels token, which a new token makes worthless and which does not
// give the token away.
func (p *Publisher) rememberedValue() string {
	m := hmac.New(sha256.New, []byte(p.opts.LabelsToken))
	m.Write([]byte("warta: a browser remembered for the story forms"))
	return hex.EncodeToString(m.Sum(nil))
}

// isRemembered reports whether r carries a remembered browser's cookie
// for the present token.
func (p *Publisher) isRemembered(r *http.Request) bool {
	c, err := r.Cookie(rememberedCookieName)
	return err == nil && p.opts.LabelsToken != "" && hmac.Equal([]byte(c.Value), []byte(p.rememberedValue()))
}

// rememberedCookie is the cookie that remembers the browser (value, for
// maxAge seconds) or forgets it (maxAge < 0): for the story pages' forms
// only, never sent to scripts or by other sites' requests, and over
// HTTPS only when warta is served so.
func (p *Publisher) rememberedCookie(value string, maxAge int) *http.Cookie {
	u, err := url.Parse(p.storyPageURL(""))
	path := storyPagePrefix
	if err == nil && u.Path != "" {
		path = u.Path
	}
	return &http.Cookie{Name: rememberedCookieName, Value: value, Path: path, MaxAge: maxAge,
		HttpOnly: true, Secure: err == nil && u.Scheme == "https", SameSite: http.SameSiteStrictMode}
}

// fromThisSite says why r is not a request of warta's own pages: by the
// browser's Sec-Fetch-Site, else its Origin against the host asked and
// the base URL's.
func (p *Publisher) fromThisSite(r *http.Request) error {
	c := http.NewCrossOriginProtection()
	if u, err := url.Parse(p.opts.BaseURL); err == nil && u.Scheme != "" && u.Host != "" {
		if err := c.AddTrustedOrigin(u.Scheme + "://" + u.Host); err != nil {
			return err
		}
	}
	return c.Check(r)
}

// serveLabelForm answers the story page's label form: topic, of (in, out,
// or clear to remove the story's label on topic), note.
func (p *Publisher) serveLabelForm(w http.ResponseWriter, r *http.Request) {
	if !p.readForm(w, r) {
		return
	}
	story := r.PathValue("id")
	topic, of, note := r.PostForm.Get(formTopic), r.PostForm.Get(formOf), r.PostForm.Get(formNote)
	switch {
	case topic == "":
		p.refuseForm(w, r, http.StatusBadRequest, "choose a topic")
		return
	case of != formOfIn && of != formOfOut && of != formOfClear:
		p.refuseForm(w, r, http.StatusBadRequest, "say whether the story is in the topic, is not, or clear your label")
		return
	case !article.NoteFits(note):
		p.refuseForm(w, r, http.StatusBadRequest, fmt.Sprintf("the note must be UTF-8 text of at most %d characters", article.MaxLabelNote))
		return
	}
	var err error
	if of == formOfClear {
		_, _, err = p.opts.Labeller.ClearLabel(r.Context(), story, topic)
	} else {
		_, err = p.opts.Labeller.SetLabel(r.Context(), story, topic, of == formOfIn, strings.TrimSpace(xmlchar.Clean(note)))
	}
	if code, msg := p.labelFailure(story, err); code != 0 {
		p.refuseForm(w, r, code, msg)
		return
	}
	http.Redirect(w, r, p.storyPageURL(story)+"#labels", http.StatusSeeOther)
}

// serveJoinForm answers the story page's join form: the stories to join
// into the page's story (one field per checked story near it, and a field
// of IDs separated by spaces or commas), note; or, with undo set, the
// undo of the join of the story the form posts to.
func (p *Publisher) serveJoinForm(w http.ResponseWriter, r *http.Request) {
	if !p.readForm(w, r) {
		return
	}
	story := r.PathValue("id")
	if r.PostForm.Has(formUndo) {
		_, err := p.opts.Labeller.UnjoinStory(r.Context(), story)
		if code, msg := p.joinFailure(w, []string{story}, err); code != 0 {
			p.refuseForm(w, r, code, msg)
			return
		}
		http.Redirect(w, r, p.storyPageURL(story), http.StatusSeeOther)
		return
	}
	// A story named twice (ticked and typed) is one story to the joiner.
	ids := []string{story}
	for _, v := range r.PostForm[formStories] {
		ids = append(ids, strings.FieldsFunc(v, func(c rune) bool { return c == ',' || unicode.IsSpace(c) })...)
	}
	note := r.PostForm.Get(formNote)
	if msg := checkJoin(ids, note); msg != "" {
		p.refuseForm(w, r, http.StatusBadRequest, msg)
		return
	}
	_, err := p.opts.Labeller.JoinStories(r.Context(), ids, strings.TrimSpace(xmlchar.Clean(note)))
	if code, msg := p.joinFailure(w, ids, err); code != 0 {
		p.refuseForm(w, r, code, msg)
		return
	}
	http.Redirect(w, r, p.storyPageURL(story)+"#joins", http.StatusSeeOther)
}

// refuseForm answers a refused form with code and a page of the site's
// saying why, with a link back to the story.
func (p *Publisher) refuseForm(w http.ResponseWriter, r *http.Request, code int, why string) {
	pg := p.sitePage("Not done")
	pg.Refusal = &refusal{Why: xmlchar.Clean(why), Back: p.storyPageURL(r.PathValue("id"))}
	var buf bytes.Buffer
	if err := p.pages.ExecuteTemplate(&buf, "refused", pg); err != nil {
		http.Error(w, why, code)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	storyFormsHeaders(h)
	w.WriteHeader(code)
	w.Write(buf.Bytes())
}

// storyFormsHeaders forbid framing a page that carries the forms, so that
// no other site can show it under its own and have the reader click.
func storyFormsHeaders(h http.Header) {
	h.Set("Content-Security-Policy", "frame-ancestors 'none'")
	h.Set("X-Frame-Options", "DENY")
}

// storyForms are the forms a story's page carries when the labels API is
// on: their addresses and the topics a label may name (the page's joins
// and near stories carry their own IDs).
type storyForms struct {
	Labels, Joins string
	Topics        []topicOption
	NoteMax       int
}

// topicOption is a topic a label may name.
type topicOption struct{ Slug, Title string }

// storyFormsFor returns the forms of story id's page; nil when the labels
// API is off.
func (p *Publisher) storyFormsFor(id string) *storyForms {
	if p.opts.LabelsToken == "" || p.opts.Labeller == nil {
		return nil
	}
	f := &storyForms{Labels: p.storyPageURL(id) + "/labels", Joins: p.storyPageURL(id) + "/joins", NoteMax: article.MaxLabelNote}
	for _, fi := range p.feeds[1:] {
		if fi.Filter == "" {
			f.Topics = append(f.Topics, topicOption{Slug: fi.Slug, Title: xmlchar.Clean(fi.Title)})
		}
	}
	return f
}
