package topic

// scratch is the per-call working memory of Tag, pooled so that tagging
// allocates little.
type scratch struct {
	count   [][2]int32 // per term: hits in title, body
	last    []int32    // per term: 1 + last position recorded, per field pass
	touched []int32
	words   []word
	title   []stems
	body    []stems
	cover   []int32 // per topic: the scan position its last match covers up to
}

func newScratch(n, topics int) *scratch {
	return &scratch{count: make([][2]int32, n), last: make([]int32, n), cover: make([]int32, topics)}
}

func (s *scratch) reset() {
	for _, id := range s.touched {
		s.count[id] = [2]int32{}
		s.last[id] = 0
	}
	s.touched = s.touched[:0]
}

// scan records the terms of language l found in seq (field 0 title, 1 body).
func (t *Tagger) scan(s *scratch, seq []stems, l, field int) {
	ix := &t.idx[l]
	clear(s.cover)
	for i := range seq {
		w := &seq[i]
		wordIsReading := false
		for _, st := range w.list() {
			wordIsReading = wordIsReading || st == w.word
			t.try(s, ix.first[st], seq, i, field)
		}
		if !wordIsReading {
			t.try(s, ix.first[w.word], seq, i, field)
		}
	}
}

// try records the postings that match at position i.
//
// Within a topic a word counts once: the longest term starting at a word
// wins, and words inside a matched phrase do not count again on their own
// ("gencatan senjata" is one cue, not also "senjata").
func (t *Tagger) try(s *scratch, ps []posting, seq []stems, i, field int) {
	for _, p := range ps {
		tm := &t.terms[p.term]
		scoring := tm.kind == kindScore
		if scoring && int32(i) < s.cover[tm.topic] {
			continue
		}
		switch p.kind {
		case postingJoined:
		case postingPair:
			if i+1 >= len(seq) || seq[i+1].s[0] != p.second {
				continue
			}
		case postingExact:
			if seq[i].word != t.terms[p.term].words[0].word || !t.phraseAt(p.term, seq, i) {
				continue
			}
		default:
			if !t.phraseAt(p.term, seq, i) {
				continue
			}
		}
		s.record(p.term, field, i)
		if scoring {
			s.cover[tm.topic] = int32(i + p.span())
		}
	}
}

// span is the number of article words a posting's match covers.
func (p posting) span() int {
	switch p.kind {
	case postingJoined:
		return 1
	case postingPair:
		return 2
	}
	return p.words
}

func (t *Tagger) phraseAt(id int32, seq []stems, i int) bool {
	ws := t.terms[id].words
	if i+len(ws) > len(seq) {
		return false
	}
	exact := t.terms[id].exact
	for k := 1; k < len(ws); k++ {
		if exact && seq[i+k].word != ws[k].word || !exact && !intersects(&seq[i+k], &ws[k]) {
			return false
		}
	}
	return true
}

// record counts a hit once per position, whichever reading found it.
func (s *scratch) record(id int32, field, pos int) {
	if s.count[id] == [2]int32{} {
		s.touched = append(s.touched, id)
	} else if s.last[id] == int32(pos+1) {
		return
	}
	s.last[id] = int32(pos + 1)
	s.count[id][field]++
}
