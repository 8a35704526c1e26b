package language

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"

	"github.com/warta-news/warta/internal/shared"
)

// TestDetectDevData measures detection on the labelled dev data, titles
// alone and titles with summaries, with no declared language.
func TestDetectDevData(t *testing.T) {
	if testing.Short() {
		t.Skip("dev-data evaluation skipped in -short mode")
	}
	f, err := os.Open(shared.Path(t, "data", "topics-dev.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var n, titleOK, fullOK int
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var it struct{ Title, Summary, Language string }
		if err := json.Unmarshal(sc.Bytes(), &it); err != nil {
			t.Fatal(err)
		}
		n++
		if Resolve("", it.Title, "") == it.Language {
			titleOK++
		}
		if Resolve("", it.Title, it.Summary) == it.Language {
			fullOK++
		}
	}
	title, full := float64(titleOK)/float64(n), float64(fullOK)/float64(n)
	t.Logf("%d items: accuracy title only %.3f, title+summary %.3f", n, title, full)
	if title < 0.93 || full < 0.97 {
		t.Errorf("accuracy below floor: title %.3f (0.93), title+summary %.3f (0.97)", title, full)
	}
}
