package parse

import (
	"strconv"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
	gofeedrss "github.com/mmcdole/gofeed/rss"
)

// customTTL keys the RSS <ttl> in a translated feed's Custom map: gofeed's
// universal feed has no field for it.
const customTTL = "warta:ttl"

// customOutlet and customOutletURL key, in a translated item's Custom map,
// the outlet an RSS item's <source url="…">Outlet</source> names (Google
// News names each item's real outlet so): gofeed's universal item has no
// field for it.
const (
	customOutlet    = "warta:outlet"
	customOutletURL = "warta:outlet_url"
)

// rssTranslator is gofeed's RSS translator keeping the channel's <ttl> and
// the items' <source>.
type rssTranslator struct {
	gofeed.DefaultRSSTranslator
}

func (t *rssTranslator) Translate(feed any) (*gofeed.Feed, error) {
	gf, err := t.DefaultRSSTranslator.Translate(feed)
	if err != nil {
		return nil, err
	}
	if rf, ok := feed.(*gofeedrss.Feed); ok && strings.TrimSpace(rf.TTL) != "" {
		if gf.Custom == nil {
			gf.Custom = map[string]string{}
		}
		gf.Custom[customTTL] = rf.TTL
	}
	if rf, ok := feed.(*gofeedrss.Feed); ok && len(rf.Items) == len(gf.Items) {
		for i, ri := range rf.Items {
			if ri == nil || ri.Source == nil || gf.Items[i] == nil || strings.TrimSpace(ri.Source.Title) == "" {
				continue
			}
			if gf.Items[i].Custom == nil {
				gf.Items[i].Custom = map[string]string{}
			}
			gf.Items[i].Custom[customOutlet] = ri.Source.Title
			gf.Items[i].Custom[customOutletURL] = ri.Source.URL
		}
	}
	return gf, nil
}

// feedTTL reads the RSS <ttl>, in minutes; 0 when absent or not a
// positive number. sy:updatePeriod is not read: WordPress writes "hourly"
// on every feed by default, which would slow busy news sites to one fetch
// an hour.
func feedTTL(gf *gofeed.Feed) time.Duration {
	mins, err := strconv.ParseInt(strings.TrimSpace(gf.Custom[customTTL]), 10, 64)
	if err != nil || mins <= 0 {
		return 0
	}
	const year = 366 * 24 * 60 // minutes; more would overflow nothing useful
	return time.Duration(min(mins, year)) * time.Minute
}
