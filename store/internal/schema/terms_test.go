package schema

import (
	"encoding/json"
	"math"
	"reflect"
	"testing"

	"github.com/warta-news/warta/article"
)

// DecodeTerms reads back what json.Marshal writes, and whatever else
// encoding/json reads, as encoding/json does.
func TestDecodeTerms(t *testing.T) {
	var inputs []string
	for _, hits := range [][]article.TermHit{
		nil,
		{},
		{{Term: "bank sentral", Field: "body", Weight: 2}},
		{{Term: "=pengusaha", Field: "title", Weight: 1.693}, {Term: "saham", Field: "body", Weight: 2.54}},
		{{Term: `"quoted" \ <b>&`, Field: "body", Weight: 0.1}},
		{{Term: "kédutaan 北京 🙂", Field: "", Weight: -0.5}},
		{{Term: "line\nbreak\x01", Field: "body", Weight: 1e-9}},
		{{Term: "bad \xff utf-8", Field: "body", Weight: 1e300}},
		{{Term: "}],{", Field: `,"weight":`, Weight: math.SmallestNonzeroFloat64}},
		{{Term: "", Field: "", Weight: 0}},
	} {
		b, err := json.Marshal(hits)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, string(b))
	}
	inputs = append(inputs,
		`[ {"term":"a","field":"body","weight":1} ]`,            // spaces
		`[{"field":"body","term":"a","weight":1}]`,              // another key order
		`[{"term":"a","field":"body","weight":1,"extra":true}]`, // another key
		`[{"term":"a","field":"body","weight":01}]`,             // not JSON
		`[{"term":"a","field":"body","weight":+1}]`,             // not JSON
		`[{"term":"a","field":"body","weight":1.}]`,             // not JSON
		`[{"term":"a","field":"body","weight":1e}]`,             // not JSON
		`[{"term":"a","field":"body","weight":-0.0E+2}]`,        // JSON
		`[{"term":"a","field":"body","weight":1}`,               // cut short
		`[{"term":"a","field":"body","weight":1}],`,             // trailing
		`[{"term":"a","field":"body","weight":1},]`,             // trailing comma
		`{"term":"a"}`, ``, `nul`, `[`, `[{"term":"a`,
	)
	for _, in := range inputs {
		var want []article.TermHit
		wantErr := json.Unmarshal([]byte(in), &want)
		got, err := DecodeTerms(in)
		if (err != nil) != (wantErr != nil) || !reflect.DeepEqual(got, want) && wantErr == nil {
			t.Errorf("DecodeTerms(%q) = %#v, %v; encoding/json: %#v, %v", in, got, err, want, wantErr)
		}
	}
	// The form the stores write takes the direct path.
	if _, ok := decodeTermsFast(`[{"term":"saham","field":"body","weight":2.54},{"term":"bps","field":"title","weight":1}]`); !ok {
		t.Error("json.Marshal's form not read directly")
	}
}

func FuzzDecodeTerms(f *testing.F) {
	f.Add(`[{"term":"saham","field":"body","weight":2.54}]`)
	f.Add(`null`)
	f.Fuzz(func(t *testing.T, in string) {
		var want []article.TermHit
		wantErr := json.Unmarshal([]byte(in), &want)
		got, err := DecodeTerms(in)
		if (err != nil) != (wantErr != nil) || wantErr == nil && !reflect.DeepEqual(got, want) {
			t.Fatalf("DecodeTerms(%q) = %#v, %v; encoding/json: %#v, %v", in, got, err, want, wantErr)
		}
	})
}
