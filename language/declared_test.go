package language

import "testing"

// A declared language the detector does not know (it knows en and id) is
// kept: German is not English because it shares "in" and "der"'s letters,
// French is not "" because no en/id word was found (review 13, finding 5).
func TestDeclaredOtherLanguageIsKept(t *testing.T) {
	for _, c := range []struct{ declared, title, text string }{
		{"de", "Die Regierung in Berlin hat am Montag die neue Steuer beschlossen", "Der Finanzminister sagte, die Reform werde im Januar in Kraft treten."},
		{"de", "Bundesliga: Bayern München schlägt Borussia Dortmund", "Das Tor fiel in der 90. Minute."},
		{"fr", "Le ministre des affaires étrangères rencontre son homologue", "La France et l'Allemagne ont signé un accord."},
		{"es-AR", "El presidente de Argentina anunció nuevas medidas económicas", "El gobierno dijo que la inflación bajará."},
	} {
		if got, want := Resolve(c.declared, c.title, c.text), Primary(c.declared); got != want {
			t.Errorf("Resolve(%q, %q) = %q, want the declared %q kept", c.declared, c.title, got, want)
		}
	}
}

// A feed that declares another language but carries plain en or id text
// (a misconfigured feed) is read as what the detector is sure of; an
// undeclared item is still guessed.
func TestDeclaredOtherLanguageYieldsToConfidentDetection(t *testing.T) {
	en := "The government said on Monday that the new tax would be introduced in January, and that the reform was needed for the budget."
	if got := Resolve("fr", "Government announces new tax", en); got != English {
		t.Errorf("plain English declared fr: %q, want en", got)
	}
	if got := Resolve("", "Government announces new tax", en); got != English {
		t.Errorf("plain English undeclared: %q, want en", got)
	}
	for _, undetermined := range []string{"und", "mul", "zxx"} {
		if got := Resolve(undetermined, "Government announces new tax", en); got != English {
			t.Errorf("plain English declared %s: %q, want en", undetermined, got)
		}
	}
}

// A story may carry any language a source or feed declares (Decide keeps
// it), so a view or filter may name any ISO 639 language; a code that is
// none is refused (review 13, finding 5; review 11, F8).
func TestTaggedIsAnyLanguage(t *testing.T) {
	for code, want := range map[string]bool{"en": true, "id": true, "de": true, "fr": true, "es": true, "xx": false, "zz": false, "und": false, "": false, "eng": false, "english": false} {
		if got := Tagged(code); got != want {
			t.Errorf("Tagged(%q) = %t, want %t", code, got, want)
		}
	}
}
