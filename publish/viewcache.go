package publish

import (
	"container/list"
	"sync"
)

// viewCache keeps a snapshot's rendered views, the least recently used
// going first when it is full: views anyone can invent (?q=) do not keep
// out, for the rest of a cycle, the views readers poll.
type viewCache struct {
	mu    sync.Mutex
	limit int
	order *list.List               // of *viewEntry, most recently used first
	byKey map[string]*list.Element // "/feeds/<slug>.<ext>?<view query>"
}

// viewEntry is one cached view.
type viewEntry struct {
	key string
	res *resource
}

// newViewCache returns an empty cache of at most limit views.
func newViewCache(limit int) *viewCache {
	return &viewCache{limit: limit, order: list.New(), byKey: map[string]*list.Element{}}
}

// get returns the view cached under key, nil when none is.
func (c *viewCache) get(key string) *resource {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.byKey[key]
	if e == nil {
		return nil
	}
	c.order.MoveToFront(e)
	return e.Value.(*viewEntry).res
}

// put caches r under key and returns what the cache holds under key: r,
// or the view another request rendered first (the same bytes), so that
// every request of a snapshot is answered with one Last-Modified.
func (c *viewCache) put(key string, r *resource) *resource {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e := c.byKey[key]; e != nil {
		c.order.MoveToFront(e)
		return e.Value.(*viewEntry).res
	}
	c.byKey[key] = c.order.PushFront(&viewEntry{key: key, res: r})
	for c.order.Len() > c.limit {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.byKey, last.Value.(*viewEntry).key)
	}
	return r
}

// modifications returns what each cached view's bytes are and since when.
func (c *viewCache) modifications() modifications {
	c.mu.Lock()
	defer c.mu.Unlock()
	mods := make(modifications, len(c.byKey))
	for key, e := range c.byKey {
		r := e.Value.(*viewEntry).res
		mods[key] = modification{ETag: r.etag, Modified: r.modified}
	}
	return mods
}
