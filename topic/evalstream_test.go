package topic

import (
	"strings"
	"testing"
)

// The whole tagger in two passes, as `warta tag` tags, on the dev data.
// The stream model learns from no label, so its lift is not fitted on the
// dev data; the international-relations floor is below the figure of
// `warta eval-topics -cv 5` (0.805), whose weights never saw the fold they
// are scored on.
func TestEvaluateStreamDevData(t *testing.T) {
	articles, labels := devData(t)
	rep, err := EvaluateStream(defaultTagger(t), articles, labels)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := rep.Write(&b); err != nil {
		t.Fatal(err)
	}
	t.Logf("\n%s", b.String())
	for name, c := range map[string]struct{ got, floor float64 }{
		"macroF1_en": {rep.MacroF1EN, 0.87}, // 0.886
		"macroF1_id": {rep.MacroF1ID, 0.94}, // 0.954
		"IR_F1":      {rep.IR.F1, 0.78},     // cross-validated 0.805
		"parity":     {rep.Parity, 0.84},    // 0.856
	} {
		if c.got < c.floor {
			t.Errorf("%s = %.3f, below the floor %.2f", name, c.got, c.floor)
		}
	}
}
