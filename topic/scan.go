package topic

import (
	"slices"
	"strings"

	"github.com/warta-news/warta/actor"
	"github.com/warta-news/warta/article"
	"github.com/warta-news/warta/internal/asciicase"
)

// scratch is the per-call working memory of Tag, pooled so that tagging
// allocates little.
type scratch struct {
	count   [][2]int32 // per term: hits in title, body
	last    []int32    // per term: 1 + last position recorded, per field pass
	touched []int32
	// unbacked are the supporting terms the last evaluate matched and
	// dropped (dropUnbacked), for Explain.
	unbacked []int32
	title    []tok
	body     []tok
	cover    []int32 // per topic: the scan position its last match covers up to
	// bodyText is the body the article being read is tagged on
	// (bodyText), cut once per article (Tagger.read).
	bodyText string
	// titleLower and bodyLower are the title and bodyText lower-cased
	// (asciicase.Lower) on first need (lowered): both tokenizers, terms'
	// and actors', read them.
	titleText, titleLower, bodyLower string
	lowerDone                        bool
	// The actors found in the title and the body, for the actors model;
	// the anchors of leaders among them; the names of leaders the stream
	// learned and those the article anchors itself (see findActors).
	titleActors, bodyActors []actor.Mention
	anchors                 []actor.Anchor
	streamNames             *actor.Names
	articleNames            *actor.Names
	// abroad is whether the article the last judge read names another
	// country (namesAbroad), when a topic needs one (Tagger.foreign) or a
	// hard-news desk reads it (Tagger.hardDesk).
	abroad bool
	// hardEvidence is whether that article shows news beside the soft
	// topics: another country named (abroad) or a hard-news topic outside
	// the desks scoring (Tagger.showsHardNews); Tagger.softOnly reads it.
	hardEvidence bool
	// features asks evaluate to collect feats, the hashed stems of the
	// article, for the stream model; lifted and liftZ are, per
	// rule, whether the stream model gave it and its log-odds; zoned
	// whether it decided the rule in its model's unsure zone (Stream.zone),
	// dropped whether it removed it there, and zoneMargin that model's
	// log-odds over its cut.
	features bool
	feats    []uint64
	// phrases asks evaluate to collect, beside feats, the hashed pairs of
	// consecutive stems a word model reads (WordPhrases): titlePairs of
	// the title, leadPairs of the lead.
	phrases               WordPhrases
	titlePairs, leadPairs []uint64
	// classes asks evaluate to collect, beside feats, in its languages,
	// titleStems, the title's stems with their offsets, from which
	// classFeatures reads the actors' classes a word model reads
	// (WordModel.Classes) into classFeats once findActors has run.
	classes    WordClasses
	titleStems []titleStem
	classFeats []uint64
	// titleWords asks featureSets to read, beside feats, titleFeats: the
	// title's stems as features of their own (titleWordHash), which a
	// word model with TitleWords reads; titleFeatN is how many of feats
	// are the title's.
	titleWords bool
	titleFeatN int
	titleFeats []uint64
	// frames asks evaluate to collect titleStems in every language, from
	// which frameFeatures reads the title's relation frames a word model
	// with Frames reads (appendFrameFeatures) into frameFeats.
	frames     bool
	frameFeats []uint64
	// restApart asks evaluate to collect bodyStems, the body's stems with
	// their offsets (one per feats entry after the title's), from which
	// featureSets sets restFeats apart: the body's stems beyond its lead
	// that neither the title nor the lead holds, which a word model with
	// LeadOnly does not read and one with a RestBudget reads scaled
	// (wordFeatures).
	restApart            bool
	bodyStems            []titleStem
	restFeats, leadFeats []uint64
	// featsDistinct is set once feats and the pairs are sorted and
	// de-duplicated (featureSets).
	featsDistinct bool
	// wordPrior is the word model's log-odds the stream model's lift of
	// international relations started from (WordPrior), 0 without one.
	wordPrior  float64
	lifted     []bool
	liftZ      []float64
	zoned      []bool
	dropped    []bool
	zoneMargin []float64
	// backed is, per rule, whether a term of it that is not supporting
	// matched (see evaluate).
	backed []bool
	// boosted is, per rule, whether a model-decided topic applied by its
	// source's boost (see decide).
	boosted []bool
	// secondTo is, per rule, the desk topic (rule index) it was dropped
	// after as a second desk under SecondDeskCut, or -1 (see secondDesks).
	secondTo []int
	// deskP and deskX are, per rule, the desk model's probability and
	// features of the rule's own topic (see judge); 0 for a rule no desk
	// model decides. The verdict reads them.
	deskP []float64
	deskX [][numDeskFeatures]float64
	// odds and oddsKnown are the stream model's log-odds of every rule
	// for the last evaluate, computed on first need (oddsDone).
	odds      []float64
	oddsKnown []bool
	oddsDone  bool
	// memo is what lexWith read of the words of earlier articles.
	memo wordMemo
}

func newScratch(n, topics int) *scratch {
	sc := &scratch{count: make([][2]int32, n), last: make([]int32, n), cover: make([]int32, topics), lifted: make([]bool, topics), liftZ: make([]float64, topics), zoned: make([]bool, topics), dropped: make([]bool, topics), zoneMargin: make([]float64, topics), odds: make([]float64, topics), oddsKnown: make([]bool, topics), boosted: make([]bool, topics), secondTo: make([]int, topics), backed: make([]bool, topics), deskP: make([]float64, topics), deskX: make([][numDeskFeatures]float64, topics)}
	for i := range sc.secondTo {
		sc.secondTo[i] = -1 // no rule: secondDesks has not dropped it
	}
	return sc
}

// read takes a scratch from t's pool for tagging a, with a's body text
// cut and the names the stream st learned (none when st is nil); release
// gives it back.
func (t *Tagger) read(a *article.Article, st *Stream) *scratch {
	s := t.scratch.Get().(*scratch)
	s.bodyText = bodyText(a)
	s.titleText = a.Title
	s.streamNames = st.leaderNames()
	s.phrases = t.words.phrases()
	s.classes = t.words.classes()
	s.titleWords = t.words.titleWords()
	s.frames = t.words.frames()
	s.restApart = t.words.restApart()
	return s
}

// release returns s, taken by read, to t's pool, holding nothing of the
// article or the stream: the next reader may have neither.
func (t *Tagger) release(s *scratch) {
	s.bodyText, s.titleText, s.titleLower, s.bodyLower, s.lowerDone = "", "", "", "", false
	s.streamNames, s.articleNames = nil, nil
	clear(s.anchors)
	s.anchors = s.anchors[:0]
	t.scratch.Put(s)
}

// lowered returns the article's title and body text lower-cased, as
// asciicase.Lower gives them.
func (s *scratch) lowered() (title, body string) {
	if !s.lowerDone {
		s.titleLower, s.bodyLower = asciicase.Lower(s.titleText), asciicase.Lower(s.bodyText)
		s.lowerDone = true
	}
	return s.titleLower, s.bodyLower
}

func (s *scratch) reset() {
	for _, id := range s.touched {
		s.count[id] = [2]int32{}
		s.last[id] = 0
	}
	s.touched = s.touched[:0]
	s.feats = s.feats[:0]
	s.titlePairs, s.leadPairs = s.titlePairs[:0], s.leadPairs[:0]
	s.titleStems = s.titleStems[:0]
	s.bodyStems, s.restFeats, s.leadFeats = s.bodyStems[:0], s.restFeats[:0], s.leadFeats[:0]
	s.titleFeatN, s.titleFeats = 0, s.titleFeats[:0]
	s.featsDistinct = false
	s.oddsDone = false
	s.wordPrior = 0
}

// featureSets returns the features the last evaluate collected (feats,
// titlePairs, leadPairs), each sorted and de-duplicated, the lead's pairs
// without those of the title: a pair of the title and the lead counts
// once, as in WithPhrases. They are sorted on first need, as most
// articles are tagged without a stream or word model reading them.
func (s *scratch) featureSets() (feats, titlePairs, leadPairs []uint64) {
	if !s.featsDistinct {
		if s.titleWords {
			for _, f := range s.feats[:s.titleFeatN] {
				s.titleFeats = append(s.titleFeats, titleWordHash(f))
			}
			s.titleFeats = distinctFeatures(s.titleFeats)
		}
		if s.restApart {
			s.setRestApart()
		}
		s.feats = distinctFeatures(s.feats)
		s.titlePairs = distinctFeatures(s.titlePairs)
		s.leadPairs = slices.DeleteFunc(distinctFeatures(s.leadPairs), func(f uint64) bool {
			_, found := slices.BinarySearch(s.titlePairs, f)
			return found
		})
		s.featsDistinct = true
	}
	return s.feats, s.titlePairs, s.leadPairs
}

// setRestApart sets restFeats, before feats are sorted: the stems of the
// body beyond its first sentence (firstSentenceEnd, the actors model's
// lead) that neither the title nor the lead holds, sorted and distinct.
func (s *scratch) setRestApart() {
	leadEnd := firstSentenceEnd(s.bodyText)
	s.leadFeats = append(s.leadFeats[:0], s.feats[:s.titleFeatN]...)
	for i, st := range s.bodyStems {
		if st.start < leadEnd {
			s.leadFeats = append(s.leadFeats, s.feats[s.titleFeatN+i])
		} else {
			s.restFeats = append(s.restFeats, s.feats[s.titleFeatN+i])
		}
	}
	s.leadFeats = distinctFeatures(s.leadFeats)
	s.restFeats = slices.DeleteFunc(distinctFeatures(s.restFeats), func(f uint64) bool {
		_, found := slices.BinarySearch(s.leadFeats, f)
		return found
	})
}

// restFeatures returns the body's stems beyond its lead that neither the
// title nor the lead holds (setRestApart), once featureSets has run; none
// unless s.restApart.
func (s *scratch) restFeatures() []uint64 { return s.restFeats }

// wordFeatures is featureSets as word model m reads them: under LeadOnly
// the stems without restFeatures (the title's and the lead's); under a
// RestBudget that restFeatures exceed, the same with restFeatures as rest,
// at their restScale.
func (s *scratch) wordFeatures(m *WordModel) (feats, titlePairs, leadPairs []uint64, rest scaledFeatures) {
	feats, titlePairs, leadPairs = s.featureSets()
	if m.leadOnly() {
		// leadFeats holds exactly the title's and the lead's stems.
		feats = s.leadFeats
	} else if scale := restScale(m.RestBudget, len(s.restFeats)); scale < 1 {
		feats, rest = s.leadFeats, scaledFeatures{s.restFeats, scale}
	}
	return feats, titlePairs, leadPairs, rest
}

// titleFeatures returns the title's stems as features of their own
// (titleWordHash) of the last evaluate, sorted and de-duplicated, once
// featureSets has run; none unless s.titleWords.
func (s *scratch) titleFeatures() []uint64 { return s.titleFeats }

// classFeatures returns the actors' classes of the last evaluate, its
// actors found (findActors), as a word model reads them
// (appendClassFeatures), sorted and de-duplicated; none unless s.classes
// holds the language l it was read in.
func (s *scratch) classFeatures(l int) []uint64 {
	if !s.classes.in(l) {
		return nil
	}
	s.classFeats = distinctFeatures(appendClassFeatures(s.classFeats[:0], s.titleStems, s.titleActors, s.bodyActors, firstSentenceEnd(s.bodyText)))
	return s.classFeats
}

// frameFeatures returns the title's relation frames of the last evaluate,
// its actors found (findActors), as a word model reads them
// (appendFrameFeatures), sorted and de-duplicated; none unless s.frames.
func (s *scratch) frameFeatures() []uint64 {
	if !s.frames {
		return nil
	}
	s.frameFeats = distinctFeatures(appendFrameFeatures(s.frameFeats[:0], s.titleStems, s.titleActors))
	return s.frameFeats
}

// tok is one word as vocabulary ids (see index): its readings and the
// folded word itself, noID for those no term mentions. It holds no
// pointers, so the garbage collector neither scans nor guards it.
type tok struct {
	n    uint8
	name bool // written as a name (see isNameAt): it matches terms only as written
	id   [4]int32
	word int32
}

// lexWith tokenizes and stems text in language l into dst, collapsing
// reduplication as stemSeq does, reading the words from lower (text as
// asciicase.Lower gives it) and each word through memo (none when nil).
// With feats non-nil it also appends the hash of every stem, up to
// StreamWords of them, with pairs non-nil the hash of every pair of
// consecutive stems among those (pairHash), and with at non-nil each
// hashed stem with its offset in text.
func (t *Tagger) lexWith(memo *wordMemo, text, lower string, l int, dst []tok, feats, pairs *[]uint64, at *[]titleStem) []tok {
	prev := ""           // first reading of the last word kept
	prevCapital := false // the last word was written with a capital
	lastFeat := false    // a stem (not "") was hashed into feats, for pairs
	var lastHash uint64  // the hash of that stem
	var fresh wordReading
	// Lower-casing ASCII letters up front costs one copy of the text rather
	// than one per capitalised word, and tokenizing folds the same way.
	tokenizeFunc(lower, func(w word) {
		r := &fresh
		if memo != nil {
			r = memo.read(t, w.text, l)
		} else {
			t.readWord(r, w.text, l)
		}
		if w.joined && len(dst) > 0 && prev == r.stem {
			return
		}
		prev = r.stem
		capital := startsWithCapital(text[w.start:])
		tail := w.joined && prevCapital && !capital
		prevCapital = capital
		if tail {
			// A lower-case part joined to a capitalised one belongs to
			// that name or compound (Kim Jong-un, Iran-backed): it is no
			// word of its own, so it matches no term.
			dst = append(dst, tok{word: noID, name: true})
			return
		}
		if feats != nil && len(*feats) < StreamWords {
			*feats = append(*feats, r.hash)
			if at != nil {
				*at = append(*at, titleStem{hash: r.hash, start: w.start})
			}
			if pairs != nil && lastFeat {
				*pairs = append(*pairs, pairHashAfter(lastHash, r.stem))
			}
			lastFeat, lastHash = r.stem != "", r.hash
		}
		k := r.tok
		k.name = capital && isNameAt(text, w.start)
		dst = append(dst, k)
	})
	return dst
}

// wordReading is what lexWith reads of a folded word in one language: its
// readings' ids and its own (tok, name unset), its first reading and that
// reading's hash (featureHash).
type wordReading struct {
	tok  tok
	stem string
	hash uint64
}

// readWord sets r to the reading of the folded word w in language l.
func (t *Tagger) readWord(r *wordReading, w string, l int) {
	ix := &t.idx[l]
	var v stems
	stemInto(&v, w, l)
	r.tok = tok{n: uint8(v.n), word: ix.lookup(w)}
	for j, st := range v.list() {
		r.tok.id[j] = ix.lookup(st)
	}
	r.stem = v.s[0]
	r.hash = featureHash(r.stem)
}

// wordMemo remembers, per language, the readings of the words lexWith met
// (readWord): stemming and the index's look-ups are a function of the word
// alone, and a stream's words repeat, so that one probe of a small hash
// table (cheaper than a Go map's for these short keys) replaces them for
// most words. It keeps copies of the words, nothing of an article.
// A reading depends on the word, the language and t.idx, which only New
// builds: the memo lives in a scratch of t's pool, which New makes per
// Tagger and only its With… copies share, and they share t.idx with it,
// so no reading crosses to a Tagger of other terms. A full memo holds
// about 1.5 MiB per language (72-byte entries, the slots, the words);
// a scratch the pool drops takes its memo with it, refilled as read.
type wordMemo struct {
	langs [numLangs]memoTable
}

// memoTable is one language's memo: open addressing over slots (an index
// into entries plus one, 0 for none), at most half full.
type memoTable struct {
	slots   []int32
	entries []memoEntry
}

type memoEntry struct {
	word string
	hash uint64 // featureHash(word)
	wordReading
}

// maxMemoWords bounds a memo's words per language: a full memo starts
// afresh, so that a long-lived scratch does not grow without end.
const maxMemoWords = 1 << 14

// read returns the reading of the folded word w in language l, valid
// until the next read.
func (m *wordMemo) read(t *Tagger, w string, l int) *wordReading {
	tb := &m.langs[l]
	h := featureHash(w)
	mask := uint64(len(tb.slots) - 1)
	for i := h & mask; len(tb.slots) > 0 && tb.slots[i] != 0; i = (i + 1) & mask {
		if e := &tb.entries[tb.slots[i]-1]; e.hash == h && e.word == w {
			return &e.wordReading
		}
	}
	return tb.add(t, w, h, l)
}

// add reads w (of hash h, in language l), keeps it and returns its
// reading; read, which found no w, keeps this apart so that it stays small.
func (tb *memoTable) add(t *Tagger, w string, h uint64, l int) *wordReading {
	if tb.slots == nil {
		tb.slots = make([]int32, 2*maxMemoWords)
	}
	if len(tb.entries) == maxMemoWords {
		clear(tb.slots)
		clear(tb.entries)
		tb.entries = tb.entries[:0]
	}
	mask := uint64(len(tb.slots) - 1)
	i := h & mask
	for tb.slots[i] != 0 {
		i = (i + 1) & mask
	}
	e := memoEntry{hash: h}
	t.readWord(&e.wordReading, w, l)
	// w may be a slice of the article's text: keep a copy, and the stem
	// as a slice of it where it is one.
	e.word = strings.Clone(w)
	if k := strings.Index(e.word, e.stem); k >= 0 {
		e.stem = e.word[k : k+len(e.stem)]
	} else {
		e.stem = strings.Clone(e.stem)
	}
	tb.entries = append(tb.entries, e)
	tb.slots[i] = int32(len(tb.entries))
	return &tb.entries[len(tb.entries)-1].wordReading
}

// scan records the terms of language l found in seq (field 0 title, 1 body).
func (t *Tagger) scan(s *scratch, seq []tok, l, field int) {
	ix := &t.idx[l]
	clear(s.cover)
	for i := range seq {
		w := &seq[i]
		wordIsReading := false
		for _, id := range w.id[:w.n] {
			if id == noID {
				continue
			}
			wordIsReading = wordIsReading || id == w.word
			t.try(s, ix.postings[id], seq, i, field)
		}
		if !wordIsReading && w.word != noID {
			t.try(s, ix.postings[w.word], seq, i, field)
		}
	}
}

// try records the postings that match at position i.
//
// Within a topic a word counts once: the longest term starting at a word
// wins, and words inside a matched phrase do not count again on their own
// ("gencatan senjata" is one cue, not also "senjata").
func (t *Tagger) try(s *scratch, ps []posting, seq []tok, i, field int) {
	for _, p := range ps {
		if p.scoring && int32(i) < s.cover[p.topic] {
			continue
		}
		// A name is a name first: "Mitra Kukar" is a club, not kemitraan.
		if seq[i].name && t.terms[p.term].toks[0].word != seq[i].word {
			continue
		}
		switch p.kind {
		case postingJoined:
		case postingPair:
			if i+1 >= len(seq) || seq[i+1].id[0] != p.second {
				continue
			}
		case postingExact:
			if seq[i].word != p.second || p.words > 1 && !t.phraseAt(p.term, seq, i) {
				continue
			}
		default:
			// A one-word term has matched already.
			if p.words > 1 && !t.phraseAt(p.term, seq, i) {
				continue
			}
		}
		s.record(p.term, field, i)
		if p.scoring {
			s.cover[p.topic] = int32(i + p.span())
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
	return int(p.words)
}

func (t *Tagger) phraseAt(id int32, seq []tok, i int) bool {
	ws := t.terms[id].toks
	if i+len(ws) > len(seq) {
		return false
	}
	exact := t.terms[id].exact
	for k := 1; k < len(ws); k++ {
		if exact && seq[i+k].word != ws[k].word || !exact && !shares(&seq[i+k], &ws[k]) {
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

// shares reports whether two words share a reading.
func shares(a, b *tok) bool {
	for _, x := range a.id[:a.n] {
		for _, y := range b.id[:b.n] {
			if x == y && x != noID {
				return true
			}
		}
	}
	return false
}
