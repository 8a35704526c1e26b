package websub_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/publish"
	"github.com/warta-news/warta/publish/websub"
)

// memStore is an in-memory websub.Store; the store drivers have their own
// contract tests.
type memStore struct {
	mu   sync.Mutex
	subs map[[2]string]websub.Subscription
}

func newMemStore() *memStore { return &memStore{subs: map[[2]string]websub.Subscription{}} }

func (m *memStore) Subscriptions(ctx context.Context) ([]websub.Subscription, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []websub.Subscription
	for _, s := range m.subs {
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b websub.Subscription) int { return strings.Compare(a.Callback, b.Callback) })
	return out, nil
}

func (m *memStore) SaveSubscription(ctx context.Context, s websub.Subscription) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.subs[[2]string{s.Topic, s.Callback}] = s
	return nil
}

func (m *memStore) DeleteSubscription(ctx context.Context, topic, callback string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.subs, [2]string{topic, callback})
	return nil
}

func (m *memStore) list(t *testing.T) []websub.Subscription {
	subs, _ := m.Subscriptions(context.Background())
	return subs
}

// lister serves settable stories.
type lister struct {
	mu      sync.Mutex
	stories []*article.Story
}

func (l *lister) Stories(ctx context.Context, topic string, limit int) ([]*article.Story, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []*article.Story
	for _, s := range l.stories {
		if topic == "" || s.Lead.HasTopic(topic) {
			out = append(out, s)
		}
	}
	return out[:min(limit, len(out))], nil
}

func (l *lister) add(id, title string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	at := time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC).Add(time.Duration(len(l.stories)) * time.Hour)
	a := &article.Article{ID: id, StoryID: id, URL: "https://tempo.example/" + id, Source: "tempo", Title: title,
		Summary: "<p>" + title + "</p>", Language: "id", Published: at, Updated: at, FirstSeen: at,
		Topics: []article.TopicMatch{{Slug: "economy"}}}
	l.stories = append([]*article.Story{{ID: id, Lead: a}}, l.stories...)
}

// site is warta serving feeds with a hub, as the daemon wires them.
type site struct {
	srv    *httptest.Server
	pub    *publish.Publisher
	hub    *websub.Hub
	store  *memStore
	lister *lister
	topic  string
	// contents is what the hub reads: s.pub unless a test swaps it.
	contents *contents
	cancel   context.CancelFunc
	done     chan struct{}
}

func logger(t *testing.T) *slog.Logger {
	return slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// newSite starts warta with a hub over store; opts.URL and AllowNets
// (127.0.0.1 unless set) are filled in.
func newSite(t *testing.T, store *memStore, opts websub.Options) *site {
	return newSiteAt(t, "", store, opts)
}

// newSiteAt is newSite listening on addr ("" for any port).
func newSiteAt(t *testing.T, addr string, store *memStore, opts websub.Options) *site {
	t.Helper()
	s := &site{store: store, lister: &lister{}, done: make(chan struct{})}
	s.lister.add("s1", "Rupiah menguat")
	mux := http.NewServeMux()
	s.srv = httptest.NewUnstartedServer(mux)
	if addr != "" {
		l, err := net.Listen("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		s.srv.Listener = l
	}
	s.srv.Start()
	t.Cleanup(s.srv.Close)
	opts.URL = s.srv.URL + "/websub"
	if opts.AllowNets == nil {
		opts.AllowNets = []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}
	}
	var hub *websub.Hub
	s.pub = publish.New(publish.Options{BaseURL: s.srv.URL, Hub: opts.URL, OnRefresh: func() { hub.Notify() }},
		[]publish.FeedInfo{{Slug: "economy", Title: "Ekonomi"}}, s.lister, logger(t))
	s.contents = &contents{}
	s.contents.pub.Store(s.pub)
	hub = websub.New(opts, store, s.contents, logger(t))
	s.hub = hub
	mux.Handle("/websub", hub)
	mux.Handle("/", s.pub.Handler())
	if err := s.pub.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	s.topic = s.srv.URL + "/feeds/economy.atom"
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	go func() { defer close(s.done); hub.Run(ctx) }()
	t.Cleanup(s.stop)
	return s
}

// contents is the hub's view of the current publisher, as the daemon's
// is; fail makes it fail as a render error does.
type contents struct {
	pub  atomic.Pointer[publish.Publisher]
	fail atomic.Bool
}

func (c *contents) Content(topic string) (string, []byte, bool, error) {
	if c.fail.Load() {
		return "", nil, false, errors.New("render failed")
	}
	return c.pub.Load().Content(topic)
}

func (s *site) stop() {
	s.cancel()
	<-s.done
}

// change adds a story and refreshes the feeds, as a cycle does.
func (s *site) change(t *testing.T, id, title string) {
	t.Helper()
	s.lister.add(id, title)
	if err := s.pub.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// subscribe posts a subscription request and returns the response code.
func (s *site) subscribe(t *testing.T, form url.Values) int {
	t.Helper()
	if form.Get("hub.mode") == "" {
		form.Set("hub.mode", "subscribe")
	}
	if form.Get("hub.topic") == "" {
		form.Set("hub.topic", s.topic)
	}
	resp, err := http.PostForm(s.srv.URL+"/websub", form)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusAccepted {
		t.Logf("subscribe: %d %s", resp.StatusCode, body)
	}
	s.hub.Wait()
	return resp.StatusCode
}

// delivery is one request a subscriber received.
type delivery struct {
	header http.Header
	body   string
}

// subscriber is a WebSub subscriber: it confirms the modes it is told to
// and records deliveries.
type subscriber struct {
	srv        *httptest.Server
	mu         sync.Mutex
	verified   []url.Values
	deliveries chan delivery
	status     int // answer to deliveries; 0 means 204
	confirm    bool
}

func newSubscriber(t *testing.T, listen string) *subscriber {
	t.Helper()
	sub := &subscriber{deliveries: make(chan delivery, 100), confirm: true}
	sub.srv = httptest.NewUnstartedServer(http.HandlerFunc(sub.serve))
	if listen != "" {
		l, err := net.Listen("tcp", listen)
		if err != nil {
			t.Skipf("cannot listen on %s: %v", listen, err)
		}
		sub.srv.Listener = l
	}
	sub.srv.Start()
	t.Cleanup(sub.srv.Close)
	return sub
}

func (sub *subscriber) serve(w http.ResponseWriter, r *http.Request) {
	sub.mu.Lock()
	defer sub.mu.Unlock()
	if r.Method == http.MethodGet {
		sub.verified = append(sub.verified, r.URL.Query())
		if !sub.confirm {
			http.NotFound(w, r)
			return
		}
		io.WriteString(w, r.URL.Query().Get("hub.challenge"))
		return
	}
	body, _ := io.ReadAll(r.Body)
	sub.deliveries <- delivery{header: r.Header.Clone(), body: string(body)}
	if sub.status != 0 {
		w.WriteHeader(sub.status)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (sub *subscriber) url() string { return sub.srv.URL + "/cb?id=1" }

func (sub *subscriber) verifications() []url.Values {
	sub.mu.Lock()
	defer sub.mu.Unlock()
	return slices.Clone(sub.verified)
}

// next waits for the next delivery.
func (sub *subscriber) next(t *testing.T) delivery {
	t.Helper()
	select {
	case d := <-sub.deliveries:
		return d
	case <-time.After(30 * time.Second):
		t.Fatal("no delivery")
	}
	return delivery{}
}

// eventually polls cond until it holds; the bound only stops a hung test.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("never: %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestSubscribeVerifyDeliverSigned(t *testing.T) {
	store := newMemStore()
	s := newSite(t, store, websub.Options{})
	sub := newSubscriber(t, "")

	// The feed advertises the hub and itself, in the document and in the
	// HTTP Link header.
	resp, err := http.Get(s.topic)
	if err != nil {
		t.Fatal(err)
	}
	feed, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{`<link href="` + s.srv.URL + `/websub" rel="hub">`, `<link href="` + s.topic + `" rel="self"`} {
		if !strings.Contains(string(feed), want) {
			t.Errorf("feed lacks %s", want)
		}
	}
	if links := strings.Join(resp.Header.Values("Link"), ", "); !strings.Contains(links, `rel="hub"`) || !strings.Contains(links, "<"+s.topic+`>; rel="self"`) {
		t.Errorf("Link header %q", links)
	}

	if code := s.subscribe(t, url.Values{"hub.callback": {sub.url()}, "hub.secret": {"s3cret"}, "hub.lease_seconds": {"999999999"}}); code != http.StatusAccepted {
		t.Fatalf("subscribe: %d", code)
	}
	v := sub.verifications()
	if len(v) != 1 || v[0].Get("hub.mode") != "subscribe" || v[0].Get("hub.topic") != s.topic || v[0].Get("id") != "1" {
		t.Fatalf("verification requests %v", v)
	}
	if got, want := v[0].Get("hub.lease_seconds"), fmt.Sprint(int(websub.DefaultMaxLease/time.Second)); got != want {
		t.Errorf("lease %s, want the bound %s", got, want)
	}
	if subs := store.list(t); len(subs) != 1 || subs[0].Secret != "s3cret" {
		t.Fatalf("stored %+v", subs)
	}

	// A refresh that changes nothing delivers nothing; the next change is
	// the next delivery.
	if err := s.pub.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	s.change(t, "s2", "Harga beras naik")
	d := sub.next(t)
	if !strings.Contains(d.body, "Harga beras naik") || !strings.Contains(d.body, "Rupiah menguat") {
		t.Errorf("delivery lacks the new content:\n%s", d.body)
	}
	if ct := d.header.Get("Content-Type"); ct != "application/atom+xml; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	if sig := d.header.Get("X-Hub-Signature"); sig != websub.Signature("s3cret", []byte(d.body)) {
		t.Errorf("X-Hub-Signature %q does not sign the body", sig)
	}
	if links := strings.Join(d.header.Values("Link"), ", "); !strings.Contains(links, "<"+s.topic+`>; rel="self"`) {
		t.Errorf("delivery Link %q", links)
	}
	if links := strings.Join(d.header.Values("Link"), ", "); !strings.Contains(links, "<"+s.srv.URL+`/websub>; rel="hub"`) {
		t.Errorf("delivery Link %q lacks the hub", links)
	}
	// A reloaded base URL moves the hub the deliveries name (review 11, F10).
	const moved = "https://news.example.org/websub"
	s.hub.SetURL(moved)
	s.change(t, "s3", "Ekspor meningkat")
	d = sub.next(t)
	if !strings.Contains(d.body, "Ekspor meningkat") {
		t.Errorf("second delivery lacks the change:\n%s", d.body)
	}
	if links := strings.Join(d.header.Values("Link"), ", "); !strings.Contains(links, "<"+moved+`>; rel="hub"`) {
		t.Errorf("delivery Link %q after SetURL(%s)", links, moved)
	}

	// Unsubscribe, verified like a subscription.
	if code := s.subscribe(t, url.Values{"hub.mode": {"unsubscribe"}, "hub.callback": {sub.url()}}); code != http.StatusAccepted {
		t.Fatalf("unsubscribe: %d", code)
	}
	if v := sub.verifications(); v[len(v)-1].Get("hub.mode") != "unsubscribe" || len(store.list(t)) != 0 {
		t.Errorf("after unsubscribe: %v, stored %v", v[len(v)-1], store.list(t))
	}
}

func TestSubscriptionsSurviveRestart(t *testing.T) {
	store := newMemStore()
	first := newSite(t, store, websub.Options{})
	sub := newSubscriber(t, "")
	if code := first.subscribe(t, url.Values{"hub.callback": {sub.url()}}); code != http.StatusAccepted {
		t.Fatalf("subscribe: %d", code)
	}
	first.stop()
	first.srv.Close()
	// A new process over the same store, serving at the same address: it
	// delivers nothing until a feed changes.
	second := newSiteAt(t, first.srv.Listener.Addr().String(), store, websub.Options{})
	second.change(t, "s2", "Harga beras naik")
	if d := sub.next(t); !strings.Contains(d.body, "Harga beras naik") || d.header.Get("X-Hub-Signature") != "" {
		t.Errorf("after restart: %q, signature %q", d.body, d.header.Get("X-Hub-Signature"))
	}
}

func TestIntentNotConfirmed(t *testing.T) {
	store := newMemStore()
	s := newSite(t, store, websub.Options{})
	sub := newSubscriber(t, "")
	sub.confirm = false
	if code := s.subscribe(t, url.Values{"hub.callback": {sub.url()}}); code != http.StatusAccepted {
		t.Fatalf("subscribe: %d", code)
	}
	if len(sub.verifications()) != 1 || len(store.list(t)) != 0 {
		t.Errorf("unconfirmed subscription stored: %v", store.list(t))
	}
}

func TestBadRequests(t *testing.T) {
	s := newSite(t, newMemStore(), websub.Options{})
	sub := newSubscriber(t, "")
	for name, form := range map[string]url.Values{
		"mode":     {"hub.mode": {"publish"}, "hub.callback": {sub.url()}},
		"topic":    {"hub.topic": {"https://elsewhere.example/feed"}, "hub.callback": {sub.url()}},
		"callback": {"hub.callback": {"ftp://127.0.0.1/x"}},
		"secret":   {"hub.callback": {sub.url()}, "hub.secret": {strings.Repeat("x", 201)}},
		"lease":    {"hub.callback": {sub.url()}, "hub.lease_seconds": {"-5"}},
	} {
		if code := s.subscribe(t, form); code != http.StatusBadRequest {
			t.Errorf("%s: %d, want 400", name, code)
		}
	}
	resp, err := http.Get(s.srv.URL + "/websub")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET /websub: %d", resp.StatusCode)
	}
	if len(sub.verifications()) != 0 {
		t.Errorf("invalid requests were verified: %v", sub.verifications())
	}
}

func TestPrivateCallbacksRefused(t *testing.T) {
	sub := newSubscriber(t, "")
	port := sub.srv.Listener.Addr().(*net.TCPAddr).Port

	// No network allowed: loopback is refused at once.
	s := newSite(t, newMemStore(), websub.Options{AllowNets: []netip.Prefix{}})
	if code := s.subscribe(t, url.Values{"hub.callback": {sub.url()}}); code != http.StatusBadRequest {
		t.Errorf("loopback callback: %d, want 400", code)
	}
	// The resolved address counts, not the name.
	s2 := newSite(t, newMemStore(), websub.Options{AllowNets: []netip.Prefix{netip.MustParsePrefix("127.0.0.2/32")}})
	if code := s2.subscribe(t, url.Values{"hub.callback": {fmt.Sprintf("http://localhost:%d/cb", port)}}); code != http.StatusBadRequest {
		t.Errorf("localhost callback: %d, want 400", code)
	}
	for _, cb := range []string{"http://10.1.2.3/cb", "http://169.254.169.254/latest", "http://[::1]/cb", "http://[fe80::1]/cb", "http://100.64.0.1/cb", "http://0.0.0.0/cb"} {
		if code := s2.subscribe(t, url.Values{"hub.callback": {cb}}); code != http.StatusBadRequest {
			t.Errorf("%s: %d, want 400", cb, code)
		}
	}
	if len(sub.verifications()) != 0 {
		t.Errorf("refused callbacks were called: %v", sub.verifications())
	}
}

func TestRedirectToPrivateAddressRefused(t *testing.T) {
	inner := newSubscriber(t, "127.0.0.2:0")
	// The allowed callback redirects the hub to an address it may not call.
	outer := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, inner.srv.URL+r.URL.RequestURI(), http.StatusTemporaryRedirect)
	}))
	t.Cleanup(outer.Close)
	store := newMemStore()
	s := newSite(t, store, websub.Options{})
	if code := s.subscribe(t, url.Values{"hub.callback": {outer.URL + "/cb"}}); code != http.StatusAccepted {
		t.Fatalf("subscribe: %d", code)
	}
	if len(inner.verifications()) != 0 || len(store.list(t)) != 0 {
		t.Errorf("the redirect was followed: verified %v, stored %v", inner.verifications(), store.list(t))
	}
}

func TestSubscriptionCountBounded(t *testing.T) {
	store := newMemStore()
	s := newSite(t, store, websub.Options{MaxSubscriptions: 1})
	a, b := newSubscriber(t, ""), newSubscriber(t, "")
	if code := s.subscribe(t, url.Values{"hub.callback": {a.url()}}); code != http.StatusAccepted {
		t.Fatalf("first: %d", code)
	}
	if code := s.subscribe(t, url.Values{"hub.callback": {b.url()}}); code != http.StatusTooManyRequests {
		t.Errorf("second: %d, want 429", code)
	}
	// Renewing the existing one is not a new subscription.
	if code := s.subscribe(t, url.Values{"hub.callback": {a.url()}, "hub.lease_seconds": {"60"}}); code != http.StatusAccepted {
		t.Errorf("renewal: %d", code)
	}
	if v := a.verifications(); v[len(v)-1].Get("hub.lease_seconds") != fmt.Sprint(int(websub.DefaultMinLease/time.Second)) {
		t.Errorf("short lease not raised to the minimum: %v", v[len(v)-1])
	}
}

func TestFailingSubscriberRetriedThenDropped(t *testing.T) {
	store := newMemStore()
	s := newSite(t, store, websub.Options{MaxFailures: 3, RetryBase: time.Millisecond, RetryMax: 4 * time.Millisecond})
	bad, good := newSubscriber(t, ""), newSubscriber(t, "")
	bad.status = http.StatusInternalServerError
	for _, sub := range []*subscriber{bad, good} {
		if code := s.subscribe(t, url.Values{"hub.callback": {sub.url()}}); code != http.StatusAccepted {
			t.Fatalf("subscribe: %d", code)
		}
	}
	s.change(t, "s2", "Harga beras naik")
	for range 3 {
		if d := bad.next(t); !strings.Contains(d.body, "Harga beras naik") {
			t.Errorf("retry lacks the content")
		}
	}
	eventually(t, "the failing subscriber is dropped", func() bool { return len(store.list(t)) == 1 })
	if subs := store.list(t); subs[0].Callback != good.url() || subs[0].Failures != 0 {
		t.Errorf("left: %+v", subs)
	}
	if d := good.next(t); !strings.Contains(d.body, "Harga beras naik") {
		t.Errorf("good subscriber: %q", d.body)
	}
	// A subscriber answering 410 Gone is dropped at once.
	good.mu.Lock()
	good.status = http.StatusGone
	good.mu.Unlock()
	s.change(t, "s3", "Ekspor meningkat")
	good.next(t)
	eventually(t, "the gone subscriber is dropped", func() bool { return len(store.list(t)) == 0 })
}

// Stopping the hub cancels a verification of intent in flight: a callback
// that never answers does not hold the daemon's shutdown for the
// verification's timeout.
func TestStopCancelsVerification(t *testing.T) {
	asked := make(chan struct{})
	cancelled := make(chan error, 1)
	callback := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(asked)
		<-r.Context().Done()
		cancelled <- r.Context().Err()
	}))
	t.Cleanup(callback.Close)
	// A timeout far past the test's bound: only the stop can end it.
	s := newSite(t, newMemStore(), websub.Options{Timeout: time.Hour})
	resp, err := http.PostForm(s.srv.URL+"/websub", url.Values{
		"hub.mode": {"subscribe"}, "hub.topic": {s.topic}, "hub.callback": {callback.URL + "/cb"},
	})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusAccepted {
		t.Fatalf("subscribe: %d", resp.StatusCode)
	}
	<-asked
	s.cancel()
	select {
	case <-s.done:
	case <-time.After(time.Minute): // a bound against hanging, not a speed check
		callback.CloseClientConnections()
		<-s.done
		t.Fatal("the hub did not stop with a verification in flight")
	}
	if err := <-cancelled; err == nil {
		t.Error("the callback's request was not cancelled")
	}
}

// A delivery answered with a redirect is a failure, kept for a retry: Go
// would follow a 302 with a GET without the body, so nothing arrived
// (review 16, finding 4). The verification of intent may still follow
// redirects.
func TestDeliveryRedirectIsNotDelivered(t *testing.T) {
	var mu sync.Mutex
	var seen []string
	callback := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.Method+" "+r.URL.Path)
		mu.Unlock()
		switch {
		case r.URL.Path == "/moved":
			// The challenge lives at the redirect's target.
			http.Redirect(w, r, "/cb?"+r.URL.RawQuery, http.StatusFound)
		case r.Method == http.MethodGet:
			io.WriteString(w, r.URL.Query().Get("hub.challenge"))
		default:
			http.Redirect(w, r, "/after-redirect", http.StatusFound)
		}
	}))
	t.Cleanup(callback.Close)
	store := newMemStore()
	// One failure is kept, not dropped; the retry is an hour away.
	s := newSite(t, store, websub.Options{MaxFailures: 5, RetryBase: time.Hour})
	if code := s.subscribe(t, url.Values{"hub.callback": {callback.URL + "/moved"}}); code != http.StatusAccepted {
		t.Fatalf("subscribe: %d", code)
	}
	subs := store.list(t)
	if len(subs) != 1 {
		t.Fatalf("a verification answered after a redirect was not kept: %v (requests %v)", subs, seen)
	}
	before := subs[0].Delivered
	s.change(t, "s2", "Harga beras naik")
	eventually(t, "the redirected delivery counts as a failure", func() bool {
		subs := store.list(t)
		return len(subs) == 1 && subs[0].Failures == 1
	})
	if subs := store.list(t); subs[0].Delivered != before {
		t.Errorf("a redirected delivery was recorded as delivered")
	}
	mu.Lock()
	defer mu.Unlock()
	if slices.Contains(seen, "GET /after-redirect") {
		t.Errorf("the delivery's redirect was followed: %v", seen)
	}
}

// denials records the hub.mode=denied requests a callback gets and
// confirms every other verification.
type denials struct {
	mu     sync.Mutex
	denied []url.Values
}

func (d *denials) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	q := r.URL.Query()
	if q.Get("hub.mode") == "denied" {
		d.mu.Lock()
		d.denied = append(d.denied, q)
		d.mu.Unlock()
	}
	io.WriteString(w, q.Get("hub.challenge"))
}

func (d *denials) list() []url.Values {
	d.mu.Lock()
	defer d.mu.Unlock()
	return slices.Clone(d.denied)
}

// A subscription dropped because its topic is no longer published is
// denied to its subscriber (WebSub §5.2), so that it can subscribe again
// rather than wait for a lease that brings nothing (review 16, finding 8).
func TestDroppedTopicIsDenied(t *testing.T) {
	d := &denials{}
	callback := httptest.NewServer(http.HandlerFunc(d.serve))
	t.Cleanup(callback.Close)
	store := newMemStore()
	s := newSite(t, store, websub.Options{})
	if code := s.subscribe(t, url.Values{"hub.callback": {callback.URL + "/cb"}}); code != http.StatusAccepted {
		t.Fatalf("subscribe: %d", code)
	}
	// The topic's feed is gone: the stored subscription names a topic the
	// publisher does not serve.
	gone := store.list(t)[0]
	gone.Topic = s.srv.URL + "/feeds/nosuch.atom"
	store.DeleteSubscription(context.Background(), s.topic, gone.Callback)
	store.SaveSubscription(context.Background(), gone)
	s.hub.Notify()
	eventually(t, "the subscriber is told", func() bool { return len(d.list()) == 1 })
	if q := d.list()[0]; q.Get("hub.topic") != gone.Topic || q.Get("hub.reason") == "" {
		t.Errorf("denial %v", q)
	}
	if len(store.list(t)) != 0 {
		t.Errorf("kept: %v", store.list(t))
	}
}

// A topic that cannot be rendered for now is retried, not dropped (review
// 16, minor).
func TestRenderErrorKeepsSubscription(t *testing.T) {
	store := newMemStore()
	s := newSite(t, store, websub.Options{RetryBase: time.Millisecond, RetryMax: time.Millisecond})
	sub := newSubscriber(t, "")
	if code := s.subscribe(t, url.Values{"hub.callback": {sub.url()}}); code != http.StatusAccepted {
		t.Fatalf("subscribe: %d", code)
	}
	s.contents.fail.Store(true)
	s.change(t, "s2", "Harga beras naik")
	// Several passes run while the content fails.
	for range 3 {
		s.hub.Notify()
		time.Sleep(10 * time.Millisecond)
	}
	if len(store.list(t)) != 1 {
		t.Fatalf("a render error dropped the subscription")
	}
	s.contents.fail.Store(false)
	s.hub.Notify()
	if d := sub.next(t); !strings.Contains(d.body, "Harga beras naik") {
		t.Errorf("after the render error: %q", d.body)
	}
}

// MaxSubscriptions holds for verifications in flight at once: the bound is
// checked again when a verified subscription is saved (review 16, minor).
func TestSubscriptionCountBoundedInFlight(t *testing.T) {
	arrived := make(chan struct{}, 2)
	release := make(chan struct{})
	callback := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		arrived <- struct{}{}
		<-release
		io.WriteString(w, r.URL.Query().Get("hub.challenge"))
	}))
	t.Cleanup(callback.Close)
	store := newMemStore()
	s := newSite(t, store, websub.Options{MaxSubscriptions: 1})
	for _, cb := range []string{"/a", "/b"} {
		resp, err := http.PostForm(s.srv.URL+"/websub", url.Values{
			"hub.mode": {"subscribe"}, "hub.topic": {s.topic}, "hub.callback": {callback.URL + cb},
		})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusAccepted {
			t.Fatalf("subscribe %s: %d", cb, resp.StatusCode)
		}
	}
	<-arrived
	<-arrived
	close(release)
	s.hub.Wait()
	if n := len(store.list(t)); n != 1 {
		t.Errorf("%d subscriptions kept, bound 1", n)
	}
}

// A new base URL moves the subscriptions of the old base's feeds to the
// same feeds under the new one: the subscriber keeps getting pushes
// (review 16, finding 8).
func TestRebaseKeepsSubscribers(t *testing.T) {
	store := newMemStore()
	s := newSite(t, store, websub.Options{})
	sub := newSubscriber(t, "")
	if code := s.subscribe(t, url.Values{"hub.callback": {sub.url()}}); code != http.StatusAccepted {
		t.Fatalf("subscribe: %d", code)
	}
	const moved = "https://news.example.org"
	pub := publish.New(publish.Options{BaseURL: moved, Hub: moved + "/websub", OnRefresh: s.hub.Notify},
		[]publish.FeedInfo{{Slug: "economy", Title: "Ekonomi"}}, s.lister, logger(t))
	if err := pub.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	n, err := s.hub.Rebase(context.Background(), s.srv.URL+"/", moved+"/", func() { s.contents.pub.Store(pub) })
	if err != nil || n != 1 {
		t.Fatalf("Rebase: %d, %v", n, err)
	}
	if subs := store.list(t); len(subs) != 1 || subs[0].Topic != moved+"/feeds/economy.atom" {
		t.Fatalf("stored after the move: %+v", subs)
	}
	s.lister.add("s2", "Harga beras naik")
	if err := pub.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	// The moved document (its links changed) may come first.
	d := sub.next(t)
	if !strings.Contains(d.body, "Harga beras naik") {
		d = sub.next(t)
	}
	if !strings.Contains(d.body, "Harga beras naik") {
		t.Errorf("delivery after the move: %q", d.body)
	}
	if links := strings.Join(d.header.Values("Link"), ", "); !strings.Contains(links, "<"+moved+`/feeds/economy.atom>; rel="self"`) {
		t.Errorf("delivery Link %q does not name the moved topic", links)
	}
}
