package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// goodTagLine is one valid `warta tag` input line with id i.
func goodTagLine(i int) string {
	return fmt.Sprintf(`{"id": %d, "title": "Menteri luar negeri bertemu diplomat Rusia membahas sanksi %d", "summary": "Kerja sama militer dan perjanjian dagang dibahas.", "language": "id"}`, i, i)
}

// tagLines runs `warta tag` on in and checks that every output line is a
// whole JSON object; it returns the ids in order.
func tagLines(t *testing.T, in string) (code int, ids []string, stderr string) {
	t.Helper()
	cfg := writeConfig(t, t.TempDir(), []testSource{{Name: "X", URL: "https://x.example/rss"}}, nil)
	code, out, errOut := warta(t, context.Background(), in, "-config", cfg, "tag")
	for n, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if l == "" {
			continue
		}
		var o struct {
			ID json.RawMessage `json:"id"`
		}
		if err := json.Unmarshal([]byte(l), &o); err != nil {
			t.Fatalf("output line %d is not whole JSON (%v): %.200q", n+1, err, l)
		}
		ids = append(ids, string(o.ID))
	}
	return code, ids, errOut
}

// A bad line is reported by its number and the good lines around it are all
// answered; the exit status says something was wrong.
func TestTagAnswersEveryGoodLineAroundBadOnes(t *testing.T) {
	cases := []struct {
		name    string
		lines   []string
		wantIDs int
		badLine []int
	}{
		{"100 good then {bad", append(repeatGood(1, 100), "{bad"), 100, []int{101}},
		{"2 good then an array", append(repeatGood(1, 2), "[1,2,3]"), 2, []int{3}},
		{"bad lines between good ones", []string{goodTagLine(1), "42", goodTagLine(2), `"x"`, "", goodTagLine(3)}, 3, []int{2, 4}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, ids, errOut := tagLines(t, strings.Join(c.lines, "\n")+"\n")
			if code == 0 {
				t.Errorf("exit 0 with bad input; stderr: %s", errOut)
			}
			if len(ids) != c.wantIDs {
				t.Errorf("%d answers, want %d", len(ids), c.wantIDs)
			}
			for i, id := range ids {
				if id != fmt.Sprint(i+1) {
					t.Errorf("answer %d has id %s", i, id)
					break
				}
			}
			for _, n := range c.badLine {
				if !strings.Contains(errOut, fmt.Sprintf("line %d:", n)) {
					t.Errorf("stderr does not name line %d:\n%s", n, errOut)
				}
			}
		})
	}
}

func repeatGood(from, to int) []string {
	var out []string
	for i := from; i <= to; i++ {
		out = append(out, goodTagLine(i))
	}
	return out
}

// A line is as long as it needs to be: 20 MB of body is read, tagged and
// answered.
func TestTagReadsA20MBLine(t *testing.T) {
	body := strings.Repeat("Menteri luar negeri bertemu diplomat. ", 20<<20/38)
	huge := fmt.Sprintf(`{"id": 2, "title": "Sanksi baru", "content": %q, "language": "id"}`, body)
	if len(huge) < 20<<20 {
		t.Fatalf("line is %d bytes", len(huge))
	}
	code, ids, errOut := tagLines(t, goodTagLine(1)+"\n"+huge+"\n"+goodTagLine(3))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if strings.Join(ids, ",") != "1,2,3" {
		t.Errorf("answers %v, want 1,2,3", ids)
	}
}

// Every answer has the README's {id, language, topics}, language "" when
// it is not known.
func TestTagAlwaysAnswersLanguage(t *testing.T) {
	cfg := writeConfig(t, t.TempDir(), []testSource{{Name: "X", URL: "https://x.example/rss"}}, nil)
	out := mustWartaIn(t, `{"id": 1, "title": "12345 67890"}`+"\n"+goodTagLine(2)+"\n", "-config", cfg, "tag")
	for n, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		var o map[string]json.RawMessage
		if err := json.Unmarshal([]byte(l), &o); err != nil {
			t.Fatalf("line %d: %v", n+1, err)
		}
		for _, k := range []string{"id", "language", "topics"} {
			if _, ok := o[k]; !ok {
				t.Errorf("line %d has no %q: %s", n+1, k, l)
			}
		}
	}
}

// A line without an id is answered with the id "" (answers keep the input's
// order, in both modes, so such a line is matched by its place); an id
// given, null included, is echoed as written (review 13, finding 6).
func TestTagAnswersAMissingIDWithEmpty(t *testing.T) {
	for _, mode := range [][]string{nil, {"-stream"}} {
		cfg := writeConfig(t, t.TempDir(), []testSource{{Name: "X", URL: "https://x.example/rss"}}, nil)
		in := `{"title":"Persib menang atas Persija"}` + "\n" + `{"id":null,"title":"Persib menang"}` + "\n" + `{"id":{"k":1},"title":"Persib"}` + "\n"
		code, out, errOut := warta(t, context.Background(), in, append([]string{"-config", cfg, "tag"}, mode...)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", mode, code, errOut)
		}
		var ids []string
		for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
			var o struct {
				ID json.RawMessage `json:"id"`
			}
			if err := json.Unmarshal([]byte(l), &o); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, string(o.ID))
		}
		if want := []string{`""`, "null", `{"k":1}`}; fmt.Sprint(ids) != fmt.Sprint(want) {
			t.Errorf("%v: ids %v, want %v", mode, ids, want)
		}
	}
}

// The two-pass mode learns from each distinct id once, as a cycle stores
// one article per id; lines without an id are distinct items.
func TestTagLearnsEachIDOnce(t *testing.T) {
	lines := []string{`{"id":1,"title":"a"}`, `{"id":1,"title":"a"}`, `{"id": 1,"title":"a"}`, `{"id":"1","title":"a"}`, `{"title":"b"}`, `{"title":"b"}`}
	var items []tagPending
	for _, l := range lines {
		var ti tagInput
		if err := json.Unmarshal([]byte(l), &ti); err != nil {
			t.Fatal(err)
		}
		items = append(items, tagPending{id: ti.ID})
	}
	var learned []string
	learnOnce(items, func(p tagPending) { learned = append(learned, string(p.id)) })
	if want := []string{"1", `"1"`, "", ""}; fmt.Sprint(learned) != fmt.Sprint(want) {
		t.Errorf("learned %q, want %q", learned, want)
	}
}

// A line declared in a language the rules do not cover keeps it and gets
// no rule topic (review 13, finding 5).
func TestTagKeepsAnotherDeclaredLanguage(t *testing.T) {
	cfg := writeConfig(t, t.TempDir(), []testSource{{Name: "X", URL: "https://x.example/rss"}}, nil)
	in := `{"id":"de","title":"Bundesliga: Bayern München schlägt Borussia Dortmund","summary":"Das Tor fiel in der 90. Minute.","language":"de"}` + "\n"
	code, out, errOut := warta(t, context.Background(), in, "-config", cfg, "tag")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if want := `{"id":"de","language":"de","topics":[]}`; strings.TrimSpace(out) != want {
		t.Errorf("got %s, want %s", out, want)
	}
}
