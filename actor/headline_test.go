package actor

import "testing"

// The headlines are written for the test, in the shapes of real ones; none
// comes from labelled data.
func TestHeadline(t *testing.T) {
	r := newRecognizer(t)
	for _, c := range []struct {
		lang, title, source string
		stance, conjecture  bool
	}{
		// A source that only reports is no stance, at the end or the start.
		{"en", "Dozens killed in shelling of border town, UN says", "UN says", false, false},
		{"en", "Dozens killed in shelling of border town, says Red Cross", "says Red Cross", false, false},
		{"en", "Dozens killed in shelling of border town, state media reports", "state media reports", false, false},
		{"en", "Dozens killed in shelling of border town, according to local officials", "according to local officials", false, false},
		{"id", "Puluhan Tewas dalam Serangan di Kota Perbatasan, Kata Palang Merah", "Kata Palang Merah", false, false},
		{"id", "Menurut PBB, Puluhan Tewas dalam Serangan di Kota Perbatasan", "Menurut PBB", false, false},
		// A state or an office speaking, or a verb of stance, is a stance.
		{"en", "Strikes on the port breach international law: PM", "PM", true, false},
		{"en", "Border shelling was an act of aggression, Polish officials say", "Polish officials say", true, false},
		{"en", "Britain says strikes on the port breach international law", "", true, false},
		{"en", "Kyiv denies drone attack on Moscow", "", true, false},
		{"en", "It was a cowardly attack, he said", "he said", true, false},
		{"id", "Serangan ke Pelabuhan Langgar Hukum Internasional, Katanya", "Katanya", true, false},
		{"id", "Korsel Bantah Tembakkan Rudal ke Perbatasan", "", true, false},
		// The Indonesian forms of pledge, insist, blame and vow, as the
		// English list has them.
		{"id", "Menlu Tekankan Serangan ke Pelabuhan Langgar Hukum Internasional", "", true, false},
		{"id", "Presiden Janjikan Balasan atas Serangan Rudal", "", true, false},
		{"id", "Kyiv Salahkan Moskow atas Serangan Drone", "", true, false},
		{"id", "Pemimpin Milisi Bersumpah Lanjutkan Serangan", "", true, false},
		// A clause that only follows a comma is no source.
		{"en", "Opposition leader backs strikes, calls for new election", "", true, false},
		{"en", "Rockets hit the capital, killing three", "", false, false},
		// Questions and suppositions report no event.
		{"en", "Why is the navy shelling the coast?", "", false, true},
		{"en", "Explainer: what the border clashes mean", "", false, true},
		{"id", "Seandainya Rudal Itu Jatuh di Ibu Kota...", "", false, true},
		{"en", "Shelling kills 12 in border town", "", false, false},
	} {
		ms := r.Find(c.title, c.lang)
		h := r.Headline(c.title, c.lang, ms)
		source := c.title[h.SourceStart:h.SourceEnd]
		if h.SourceEnd > 0 {
			source = trimSpacePunct(source)
		}
		if source != c.source || h.Stance != c.stance || h.Conjecture != c.conjecture {
			t.Errorf("%q: source %q stance %t conjecture %t, want %q %t %t", c.title, source, h.Stance, h.Conjecture, c.source, c.stance, c.conjecture)
		}
	}
}

// trimSpacePunct trims the clause break a source span starts with.
func trimSpacePunct(s string) string {
	for len(s) > 0 && (s[0] == ' ' || s[0] == ',' || s[0] == ':') {
		s = s[1:]
	}
	return s
}

// Any text reads without panic, and the attribution is a span of it.
func FuzzHeadline(f *testing.F) {
	r := newRecognizer(f)
	for _, s := range []string{"Dozens killed, UN says", "Menurut PBB, x", "a: b", ", says", "?", "", "US, Iran clash at UN", "Kata, kata, kata"} {
		f.Add(s, "en")
		f.Add(s, "id")
	}
	f.Fuzz(func(t *testing.T, title, lang string) {
		h := r.Headline(title, lang, r.Find(title, lang))
		if h.SourceStart < 0 || h.SourceStart > h.SourceEnd || h.SourceEnd > len(title) {
			t.Errorf("%q: attribution [%d, %d) outside the title", title, h.SourceStart, h.SourceEnd)
		}
	})
}

// The speaker is the actor that takes a stance on the other (headlines
// written for the test).
func TestHeadlineSpeaker(t *testing.T) {
	r := newRecognizer(t)
	for _, c := range []struct {
		lang, title, speaker string // speaker: the speaker's text, "" for none
	}{
		{"id", "Korut: AS Harus Hentikan Latihan Militer", "Korut"},
		{"en", "Britain says Iran must return to nuclear talks", "Britain"},
		{"en", "China on Tuesday denies Japan's claims", "China"},
		{"id", "Korut Kecam Jepang soal Latihan Militer", "Korut"},
		{"id", "Jepang Perlu Menahan Diri, Kata Menlu Korsel", "Menlu"},
		{"en", "Japan must stop the drills, Chinese officials say", "Chinese"},
		// A source of a report of violence speaks for no side.
		{"en", "UN says 3 killed in Gaza", ""},
		// A player is no state.
		{"id", "Ronaldo: Portugal Siap Hadapi Spanyol", ""},
		// The subject is next to its verb, in the same clause.
		{"en", "France and Germany, a long history of talks, he says", ""},
		{"en", "Indonesia and Malaysia sign a border treaty", ""},
	} {
		ms := r.Find(c.title, c.lang)
		h := r.Headline(c.title, c.lang, ms)
		got := ""
		if h.Speaker >= 0 {
			got = c.title[ms[h.Speaker].Start:ms[h.Speaker].End]
		}
		if got != c.speaker {
			t.Errorf("%q: speaker %q, want %q", c.title, got, c.speaker)
		}
	}
}
