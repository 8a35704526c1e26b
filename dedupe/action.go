package dedupe

import "strings"

// A headline's action is the verb after its subject: "Pelindo Kupang
// membekukan izin smelter nikel" and "Pelindo menyetujui izin smelter
// nikel" share their subject and object and report two decisions. Two
// headlines that each name an action the other lacks are two stories
// unless their long texts are alike (textsAlike in evConflict).
//
// An Indonesian verb is known by its prefix: active me(N)- and passive
// di- ("membekukan", "dibekukan"), read to its root so both voices and a
// reworded "bekukan" meet. Bare roots ("Bekukan Izin …", headline case)
// are not told from nouns and name no action. English verbs carry no
// mark, so a list of the verbs news headlines use for decisions and
// deeds names them in their inflected forms.

// actionVerb returns the root of w when w is a verb of action, and
// whether it is one.
func actionVerb(w headlineWord) (string, bool) {
	if lemma, ok := englishActions[w.lower]; ok {
		return lemma, true
	}
	if notActions[w.lower] || !strings.HasPrefix(w.lower, "me") && !strings.HasPrefix(w.lower, "di") {
		return "", false
	}
	// lightStem strips one prefix: "memperkenalkan" is "perkenal" after
	// it, "kenal" after a second pass, as "kenalkan" is.
	if strings.HasPrefix(w.stem, w.lower[:2]) || len(w.stem) >= len(w.lower) {
		return "", false // no prefix came off: "medis", "dinas"
	}
	return lightStem(w.stem), true
}

// notActions are words that open like a prefixed verb and are none, or
// hedges and verbs of being that name no deed of their own.
var notActions = set("menteri", "media", "medis", "mereka", "menara", "merek", "metode", "meter", "mesin", "mesir",
	"meksiko", "menu", "mental", "memori", "medali", "melayu", "merdeka", "merah", "menjadi", "merupakan",
	"diduga", "dikabarkan", "disebut", "dinilai", "dianggap", "dikira", "direktur", "dirut", "dividen")

// englishActions maps the inflected forms of English verbs of action to
// their lemma.
var englishActions = actionForms(
	// Regular forms (-s/-es, -ed/-d, -ing) of these.
	[]string{"approve", "reject", "raise", "hike", "lower", "reduce", "increase", "boost", "double", "triple", "halve",
		"announce", "unveil", "launch", "introduce", "delay", "postpone", "suspend", "halt", "lift", "block",
		"back", "endorse", "support", "oppose", "expand", "extend", "review", "probe", "investigate", "sign", "acquire",
		"sue", "arrest", "kill", "attack", "resume", "cancel", "ease", "tighten", "impose", "pass", "veto",
		"confirm", "reveal", "revise", "upgrade", "downgrade", "hire", "sack", "elect", "appoint", "nominate",
		"resign", "raid", "evacuate", "rescue", "propose", "accept", "adopt", "award", "grant", "settle", "merge",
		"invest", "borrow", "restore", "remove", "agree", "refuse", "retain"},
	// Lemmas that double their last consonant (banned, scrapping).
	[]string{"ban", "scrap", "drop", "cap", "stop", "trim"},
	// Irregular forms.
	map[string]string{"cut": "cut", "cuts": "cut", "cutting": "cut", "freeze": "freeze", "freezes": "freeze", "froze": "freeze",
		"frozen": "freeze", "freezing": "freeze", "win": "win", "wins": "win", "won": "win", "winning": "win",
		"lose": "lose", "loses": "lose", "lost": "lose", "losing": "lose", "sell": "sell", "sells": "sell", "sold": "sell",
		"selling": "sell", "buy": "buy", "buys": "buy", "bought": "buy", "buying": "buy", "hit": "hit", "hits": "hit",
		"hitting": "hit", "shut": "shut", "shuts": "shut", "shutting": "shut", "quit": "quit", "quits": "quit",
		"quitting": "quit", "strike": "strike", "strikes": "strike", "struck": "strike", "striking": "strike",
		"seize": "seize", "seizes": "seize", "seized": "seize", "seizing": "seize", "beat": "beat", "beats": "beat",
		"beaten": "beat", "beating": "beat", "hold": "hold", "holds": "hold", "held": "hold", "holding": "hold",
		"keep": "keep", "keeps": "keep", "kept": "keep", "keeping": "keep"},
)

// actionForms builds englishActions: each regular lemma with its -s,
// -ed and -ing forms, each doubling lemma likewise with its last
// consonant doubled before -ed and -ing, and the irregular forms as
// given.
func actionForms(regular, doubling []string, irregular map[string]string) map[string]string {
	forms := make(map[string]string, 4*(len(regular)+len(doubling))+len(irregular))
	for _, l := range regular {
		forms[l] = l
		stem := strings.TrimSuffix(l, "e")
		switch {
		case strings.HasSuffix(l, "y") && !strings.ContainsRune("aeiou", rune(l[len(l)-2])):
			forms[l[:len(l)-1]+"ies"] = l
			forms[l[:len(l)-1]+"ied"] = l
		case strings.HasSuffix(l, "s") || strings.HasSuffix(l, "x") || strings.HasSuffix(l, "ch") || strings.HasSuffix(l, "sh"):
			forms[l+"es"] = l
			forms[l+"ed"] = l
		default:
			forms[l+"s"] = l
			forms[stem+"ed"] = l
		}
		forms[stem+"ing"] = l
	}
	for _, l := range doubling {
		forms[l] = l
		forms[l+"s"] = l
		forms[l+l[len(l)-1:]+"ed"] = l
		forms[l+l[len(l)-1:]+"ing"] = l
	}
	for f, l := range irregular {
		forms[f] = l
	}
	return forms
}
