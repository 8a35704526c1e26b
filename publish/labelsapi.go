package publish

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/internal/xmlchar"
	"github.com/warta-news/warta/store"
)

// StoryLabeller sets and clears readers' labels (article.Label) and
// applies them to the stored articles of their story at once, as `warta
// label` does, and joins stories (article.Join) as `warta join` does. An unknown story is an error wrapping store.ErrNotFound,
// a topic the config has not one wrapping ErrUnknownTopic.
type StoryLabeller interface {
	// SetLabel labels story as of (or not of) topic and returns how many
	// stored articles' topics changed.
	SetLabel(ctx context.Context, story, topic string, of bool, note string) (changed int, err error)
	// ClearLabel removes story's label on topic and returns whether there
	// was one and how many stored articles' topics changed.
	ClearLabel(ctx context.Context, story, topic string) (had bool, changed int, err error)
	// JoinStories joins the stories ids name into one, as `warta join`
	// does, and returns the joins made (into one story). An unknown story
	// is an error wrapping store.ErrNotFound, stories that are one an
	// error wrapping ErrJoin, a cycle deciding stories for longer than
	// the joiner waits one wrapping ErrStoriesBusy.
	JoinStories(ctx context.Context, ids []string, note string) ([]article.Join, error)
	// UnjoinStory undoes the join of story (the ID it had), as `warta join
	// -undo` does, and returns the join undone; an error wrapping ErrJoin
	// when story is not joined, ErrStoriesBusy as JoinStories.
	UnjoinStory(ctx context.Context, story string) (article.Join, error)
}

// ErrUnknownTopic is a label's topic that the config does not have.
var ErrUnknownTopic = errors.New("no such topic")

// maxLabelBody is the largest request body the labels API reads.
const maxLabelBody = 16 << 10

// labelRequest is the body of POST /stories/<id>/labels. Of is a pointer:
// a request that does not say which way is refused, not read as "not of".
type labelRequest struct {
	Topic string `json:"topic"`
	Of    *bool  `json:"of"`
	Note  string `json:"note"`
}

// labelAnswer is the labels API's answer: the story's labels after the
// change, and how many stored articles' topics it changed.
type labelAnswer struct {
	Story   string      `json:"story"`
	Changed int         `json:"changed"`
	Cleared *bool       `json:"cleared,omitempty"` // DELETE: whether there was a label
	Labels  []labelJSON `json:"labels"`
}

// serveSetLabel answers POST /stories/<id>/labels.
func (p *Publisher) serveSetLabel(w http.ResponseWriter, r *http.Request) {
	if formPost(r) {
		p.serveLabelForm(w, r)
		return
	}
	if !p.labelsAuthorized(w, r) {
		return
	}
	var req labelRequest
	if !decodeOne(w, r, &req, "label", `{"topic": "…", "of": true or false, "note": "…"}`) {
		return
	}
	switch {
	case req.Topic == "":
		labelError(w, http.StatusBadRequest, "topic is required")
		return
	case req.Of == nil:
		labelError(w, http.StatusBadRequest, `of is required: true (the story is of the topic) or false (it is not)`)
		return
	case !article.NoteFits(req.Note):
		labelError(w, http.StatusBadRequest, fmt.Sprintf("note must be UTF-8 text of at most %d characters", article.MaxLabelNote))
		return
	}
	story := r.PathValue("id")
	note := strings.TrimSpace(xmlchar.Clean(req.Note))
	n, err := p.opts.Labeller.SetLabel(r.Context(), story, req.Topic, *req.Of, note)
	if !p.labelFailed(w, story, err) {
		p.answerLabels(w, r, story, labelAnswer{Story: story, Changed: n})
	}
}

// serveClearLabel answers DELETE /stories/<id>/labels/<topic>.
func (p *Publisher) serveClearLabel(w http.ResponseWriter, r *http.Request) {
	if !p.labelsAuthorized(w, r) {
		return
	}
	story := r.PathValue("id")
	had, n, err := p.opts.Labeller.ClearLabel(r.Context(), story, r.PathValue("topic"))
	if !p.labelFailed(w, story, err) {
		p.answerLabels(w, r, story, labelAnswer{Story: story, Changed: n, Cleared: &had})
	}
}

// decodeOne reads the body of r into v, one JSON object of its fields
// alone, at most maxLabelBody bytes, and reports whether it could; else it
// answers 400 naming what (a label, a join) and the body wanted.
func decodeOne(w http.ResponseWriter, r *http.Request, v any, what, want string) bool {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxLabelBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		labelError(w, http.StatusBadRequest, fmt.Sprintf("the body is not a %s: %v; want %s", what, err, want))
		return false
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		labelError(w, http.StatusBadRequest, "the body holds more than one "+what)
		return false
	}
	return true
}

// labelsAuthorized reports whether r presents the labels token as a
// bearer token, and answers 401 when it does not.
func (p *Publisher) labelsAuthorized(w http.ResponseWriter, r *http.Request) bool {
	// The scheme's name is case-insensitive (RFC 9110, 11.1).
	scheme, given, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	if strings.EqualFold(scheme, "Bearer") && p.isLabelsToken(given) {
		return true
	}
	w.Header().Set("WWW-Authenticate", `Bearer realm="warta labels"`)
	labelError(w, http.StatusUnauthorized, "the labels API needs the token of server.labels_token_file as a bearer token")
	return false
}

// isLabelsToken reports whether given is the labels token. The tokens are
// compared by their SHA-256 in constant time: neither their contents nor
// their lengths show in the time taken.
func (p *Publisher) isLabelsToken(given string) bool {
	want := sha256.Sum256([]byte(p.opts.LabelsToken))
	got := sha256.Sum256([]byte(strings.TrimSpace(given)))
	return subtle.ConstantTimeCompare(want[:], got[:]) == 1
}

// labelFailed answers a labeller's error and reports whether there was
// one.
func (p *Publisher) labelFailed(w http.ResponseWriter, story string, err error) bool {
	code, msg := p.labelFailure(story, err)
	if code == 0 {
		return false
	}
	labelError(w, code, msg)
	return true
}

// labelFailure is the status and message that answer a labeller's error;
// 0 for none.
func (p *Publisher) labelFailure(story string, err error) (int, string) {
	switch {
	case err == nil:
		return 0, ""
	case errors.Is(err, store.ErrNotFound):
		return http.StatusNotFound, "no stored story " + story
	case errors.Is(err, ErrUnknownTopic):
		return http.StatusBadRequest, err.Error()
	default:
		p.logger.Error("publish: label", "story", story, "err", err)
		return http.StatusInternalServerError, "cannot label this story"
	}
}

// answerLabels answers with a, the story's labels read back after the
// change.
func (p *Publisher) answerLabels(w http.ResponseWriter, r *http.Request, story string, a labelAnswer) {
	labels, err := p.storyLabels(r.Context(), story)
	if err != nil {
		p.logger.Error("publish: read labels", "story", story, "err", err)
		labelError(w, http.StatusInternalServerError, "labelled, but cannot read the labels back")
		return
	}
	a.Labels = labelsJSON(labels, story)
	writeLabelJSON(w, http.StatusOK, a)
}

// labelError answers the labels API's error as {"error": msg}.
func labelError(w http.ResponseWriter, code int, msg string) {
	writeLabelJSON(w, code, map[string]string{"error": msg})
}

// writeLabelJSON answers v as JSON, never cached.
func writeLabelJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(v)
}
