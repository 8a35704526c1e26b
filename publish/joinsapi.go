package publish

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/internal/xmlchar"
	"github.com/warta-news/warta/store"
)

// ErrJoin is a join that cannot be made or undone: the stories named are
// one, or the story is not joined.
var ErrJoin = errors.New("cannot join")

// ErrStoriesBusy is a join that waited for a cycle deciding stories, and
// gave up: the client tries again (503, Retry-After).
var ErrStoriesBusy = errors.New("a cycle is deciding stories now")

// storiesBusyRetry is the Retry-After of a join refused while a cycle
// decides stories, in seconds: most cycles end within it.
const storiesBusyRetry = "30"

// joinRequest is the body of POST /stories/<id>/joins: the other stories
// to join with it.
type joinRequest struct {
	Stories []string `json:"stories"`
	Note    string   `json:"note"`
}

// joinAnswer is the joins API's answer: the story the others were joined
// into (or the story given back), its page, the joins made or undone, and
// the story's labels after them (a joined story's label gives way to the
// other story's own on its topic; an undo gives it back).
type joinAnswer struct {
	Story  string         `json:"story"`
	Page   string         `json:"page"`
	Joins  []article.Join `json:"joins"`
	Labels []labelJSON    `json:"labels"`
}

// answerJoin answers a, with the labels of its story read after the change.
func (p *Publisher) answerJoin(w http.ResponseWriter, r *http.Request, a joinAnswer) {
	labels, err := p.storyLabels(r.Context(), a.Story)
	if err != nil {
		p.logger.Error("publish: read labels", "story", a.Story, "err", err)
		labelError(w, http.StatusInternalServerError, "done, but cannot read the story's labels back")
		return
	}
	a.Labels = labelsJSON(labels, a.Story)
	writeLabelJSON(w, http.StatusOK, a)
}

// checkJoin says what is wrong with a join of the stories ids (the
// story joined into first) noted note; "" when nothing is.
func checkJoin(ids []string, note string) string {
	switch {
	case len(ids) < 2:
		return "stories is required: the other stories to join with this one"
	case !article.NoteFits(note):
		return fmt.Sprintf("note must be UTF-8 text of at most %d characters", article.MaxLabelNote)
	}
	for _, id := range ids {
		if id == "" || len(id) > maxStoryIDLen {
			return "a story's ID is 1 to " + fmt.Sprint(maxStoryIDLen) + " characters"
		}
	}
	return ""
}

// serveJoinStories answers POST /stories/<id>/joins.
func (p *Publisher) serveJoinStories(w http.ResponseWriter, r *http.Request) {
	if formPost(r) {
		p.serveJoinForm(w, r)
		return
	}
	if !p.labelsAuthorized(w, r) {
		return
	}
	var req joinRequest
	if !decodeOne(w, r, &req, "join", `{"stories": ["…"], "note": "…"}`) {
		return
	}
	ids := append([]string{r.PathValue("id")}, req.Stories...)
	if msg := checkJoin(ids, req.Note); msg != "" {
		labelError(w, http.StatusBadRequest, msg)
		return
	}
	joins, err := p.opts.Labeller.JoinStories(r.Context(), ids, strings.TrimSpace(xmlchar.Clean(req.Note)))
	if p.joinFailed(w, ids, err) {
		return
	}
	a := joinAnswer{Joins: joins}
	if len(joins) > 0 {
		a.Story, a.Page = joins[0].Into, p.storyPageURL(joins[0].Into)
	}
	p.answerJoin(w, r, a)
}

// serveUnjoinStory answers DELETE /stories/<id>/joins: the join of story
// id (the ID it had) undone.
func (p *Publisher) serveUnjoinStory(w http.ResponseWriter, r *http.Request) {
	if !p.labelsAuthorized(w, r) {
		return
	}
	story := r.PathValue("id")
	j, err := p.opts.Labeller.UnjoinStory(r.Context(), story)
	if p.joinFailed(w, []string{story}, err) {
		return
	}
	p.answerJoin(w, r, joinAnswer{Story: story, Page: p.storyPageURL(story), Joins: []article.Join{j}})
}

// joinFailed answers a joiner's error and reports whether there was one.
func (p *Publisher) joinFailed(w http.ResponseWriter, ids []string, err error) bool {
	code, msg := p.joinFailure(w, ids, err)
	if code == 0 {
		return false
	}
	labelError(w, code, msg)
	return true
}

// joinFailure is the status and message that answer a joiner's error, 0
// for none; a cycle deciding stories sets w's Retry-After.
func (p *Publisher) joinFailure(w http.ResponseWriter, ids []string, err error) (int, string) {
	switch {
	case err == nil:
		return 0, ""
	case errors.Is(err, store.ErrNotFound):
		return http.StatusNotFound, "no stored story among " + strings.Join(ids, ", ") + " names one"
	case errors.Is(err, ErrJoin):
		return http.StatusBadRequest, err.Error()
	case errors.Is(err, ErrStoriesBusy):
		w.Header().Set("Retry-After", storiesBusyRetry)
		return http.StatusServiceUnavailable, "a cycle is deciding stories now: try again when it ends"
	default:
		p.logger.Error("publish: join", "stories", ids, "err", err)
		return http.StatusInternalServerError, "cannot join these stories"
	}
}
