// Package section reads the desk a publisher files an item under: the
// section in the item's URL (news.detik.com/internasional/…, /world/…,
// global.liputan6.com), the item's own categories, and the feed's title
// ("CNN Indonesia | Internasional", "BBC News - World"). Readers rely on
// it; the tagger uses it as evidence beside the text.
//
// The names are general knowledge of how English and Indonesian news sites
// name their sections, not words taken from labelled items.
package section

import (
	"net/url"
	"strings"
	"unicode"
)

// Desk is the kind of section an item was filed under.
type Desk uint8

// The desks. Unknown: nothing the publisher says names a section.
const (
	Unknown Desk = iota
	World
	National
	Economy
	Sport
	SciTech
	Lifestyle
	Opinion
	NumDesks
)

var deskNames = [NumDesks]string{"unknown", "world", "national", "economy", "sport", "science-technology", "entertainment-lifestyle", "opinion"}

// String names the desk.
func (d Desk) String() string {
	if d >= NumDesks {
		return "unknown"
	}
	return deskNames[d]
}

// names maps a section's name, folded to lower case with spaces and
// underscores as hyphens, to its desk.
var names = map[string]Desk{
	// World: the foreign desk and its regional sub-desks.
	"world": World, "world-news": World, "international": World, "internasional": World,
	"dunia": World, "global": World, "foreign": World, "luar-negeri": World, "mancanegara": World,
	"asia": World, "asia-pacific": World, "asia-pasifik": World, "middle-east": World, "timur-tengah": World,
	"africa": World, "afrika": World, "europe": World, "eropa": World, "americas": World, "amerika": World,
	// National: home news and domestic politics.
	"national": National, "nasional": National, "politics": National, "politik": National,
	"local": National, "regional": National, "daerah": National, "nusantara": National,
	"metro": National, "megapolitan": National, "us-news": National, "uk-news": National,
	// Economy.
	"business": Economy, "economy": Economy, "economics": Economy, "ekonomi": Economy, "bisnis": Economy,
	"finance": Economy, "finans": Economy, "keuangan": Economy, "money": Economy, "markets": Economy,
	"ekbis": Economy,
	// Sport.
	"sport": Sport, "sports": Sport, "olahraga": Sport, "football": Sport, "soccer": Sport,
	"sepakbola": Sport, "sepak-bola": Sport, "bola": Sport,
	// Science and technology.
	"technology": SciTech, "tech": SciTech, "tekno": SciTech, "teknologi": SciTech,
	"science": SciTech, "sains": SciTech, "gadget": SciTech,
	// Entertainment and lifestyle.
	"entertainment": Lifestyle, "hiburan": Lifestyle, "celebrity": Lifestyle, "seleb": Lifestyle,
	"selebriti": Lifestyle, "showbiz": Lifestyle, "lifestyle": Lifestyle, "gaya-hidup": Lifestyle,
	"travel": Lifestyle, "food": Lifestyle, "kuliner": Lifestyle, "fashion": Lifestyle,
	"film": Lifestyle, "music": Lifestyle, "musik": Lifestyle, "arts": Lifestyle, "culture": Lifestyle,
	// Opinion.
	"opinion": Opinion, "opini": Opinion, "comment": Opinion, "commentisfree": Opinion,
	"editorial": Opinion, "kolom": Opinion, "columnists": Opinion, "op-ed": Opinion, "tajuk": Opinion,
}

// Of returns the desk an item was filed under: the section in its URL's
// path (any segment but the last, the item's own) or host (the labels
// before the site's name), else the first of its categories that names a
// section, else the feed's title. Unknown when none says.
func Of(feedTitle string, categories []string, link string) Desk {
	if d := ofURL(link); d != Unknown {
		return d
	}
	for _, c := range categories {
		if d := names[fold(c)]; d != Unknown {
			return d
		}
	}
	return ofTitle(feedTitle)
}

func ofURL(link string) Desk {
	u, err := url.Parse(link)
	if err != nil || u.Host == "" {
		return Unknown
	}
	segs := strings.Split(strings.Trim(u.Path, "/"), "/")
	for _, s := range segs[:len(segs)-1] {
		if d := names[fold(s)]; d != Unknown {
			return d
		}
	}
	labels := strings.Split(strings.ToLower(u.Hostname()), ".")
	// The last two labels (three for a second-level country domain such
	// as co.id or co.uk) name the site, not a section.
	site := 2
	if n := len(labels); n >= 3 && len(labels[n-2]) <= 3 && len(labels[n-1]) == 2 {
		site = 3
	}
	for i := 0; i < len(labels)-site; i++ {
		if d := names[labels[i]]; d != Unknown {
			return d
		}
	}
	return Unknown
}

// ofTitle reads a feed's title: the desk of the first word or pair of
// words that names one ("BBC News - World", "Tempo Ekonomi").
func ofTitle(title string) Desk {
	words := strings.FieldsFunc(strings.ToLower(title), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-'
	})
	for i, w := range words {
		if i+1 < len(words) {
			if d := names[w+"-"+words[i+1]]; d != Unknown {
				return d
			}
		}
		if d := names[w]; d != Unknown {
			return d
		}
	}
	return Unknown
}

// fold writes a section name as the keys of names are written.
func fold(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '_' {
			return '-'
		}
		return r
	}, s)
}
