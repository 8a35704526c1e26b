package pipeline

import (
	"strings"
	"time"
)

// rulesRecord is the store's record of the topic rules its articles are
// tagged with (metaTopicRules): their fingerprint and when the process
// that tagged them loaded them, the rules' generation.
type rulesRecord struct {
	fingerprint string
	loaded      time.Time // zero in records written before generations
}

// String is the record as stored: the fingerprint, a space and the load
// time.
func (r rulesRecord) String() string {
	return r.fingerprint + " " + r.loaded.UTC().Format(time.RFC3339Nano)
}

// parseRulesRecord reads a stored record. A bare fingerprint, as stored
// before records had generations, or a load time that does not parse, is
// older than any rules loaded since.
func parseRulesRecord(v string) rulesRecord {
	fp, when, found := strings.Cut(v, " ")
	if !found {
		return rulesRecord{fingerprint: v}
	}
	loaded, err := time.Parse(time.RFC3339Nano, when)
	if err != nil {
		return rulesRecord{fingerprint: fp}
	}
	return rulesRecord{fingerprint: fp, loaded: loaded}
}

// newer reports whether r's rules were loaded after o's. Equal load times
// are ordered by fingerprint, so that every process sharing the store
// decides alike and no two re-tag it in turn.
func (r rulesRecord) newer(o rulesRecord) bool {
	if !r.loaded.Equal(o.loaded) {
		return r.loaded.After(o.loaded)
	}
	return r.fingerprint > o.fingerprint
}
