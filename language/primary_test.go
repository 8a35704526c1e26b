package language

import "testing"

// A feed may declare its language by its ISO 639-2/3 code ("ind", "eng"):
// read as its two-letter form, an Indonesian feed stays Indonesian and is
// tagged and shown in the id view (review 15: 1).
func TestPrimaryReadsThreeLetterCodes(t *testing.T) {
	for in, want := range map[string]string{
		"ind": Indonesian, "IND": Indonesian, "eng": English, "en-US": English, "in": Indonesian,
		"id_ID": Indonesian, "deu": "de", "fra": "fr", "iw": "he", "ji": "yi",
		// Codes with no two-letter form, and what is no language, as written.
		"haw": "haw", "und": "und", "xx": "xx", "english": "english", "": "",
	} {
		if got := Primary(in); got != want {
			t.Errorf("Primary(%q) = %q, want %q", in, got, want)
		}
	}
	// What a title-only feed declaring "ind" is stored as.
	if got := Resolve("ind", "Gempa Guncang Maluku", ""); got != Indonesian {
		t.Errorf(`Resolve("ind", …) = %q, want id`, got)
	}
}
