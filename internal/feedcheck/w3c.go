package feedcheck

import (
	"bufio"
	"bytes"
	"os/exec"
	"strings"

	"github.com/warta-news/warta/internal/shared"
	"github.com/warta-news/warta/internal/testenv"
)

// w3cTolerated are the validator messages that real data causes and that
// the project accepts.
var w3cTolerated = []string{
	"Two entries with the same value for atom:updated",
}

// W3C runs the W3C Feed Validation Service (../shared/tools/feedvalidator,
// with Debian's python3 and its lxml, html5lib and rdflib) on the feed at
// url, which must be served over HTTP so that self links are checked
// against the real location. It fails the test on any error or warning
// except those in w3cTolerated, and returns the messages it tolerated.
func W3C(t testenv.TB, url string) []string {
	t.Helper()
	py := "/usr/bin/python3"
	if out, err := exec.Command(py, "-c", "import lxml, html5lib, rdflib").CombinedOutput(); err != nil {
		testenv.Missing(t, testenv.RequireToolsEnv, "feedcheck: the W3C feed validator needs Debian's python3 with python3-lxml, python3-html5lib and python3-rdflib: %s", strings.TrimSpace(string(out)))
		return nil
	}
	demo := shared.Path(t, "tools", "feedvalidator", "demo.py")
	cmd := exec.Command(py, demo, url)
	out, err := cmd.CombinedOutput()
	var tolerated, problems []string
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, "line ") {
			continue
		}
		ok := false
		for _, tol := range w3cTolerated {
			if strings.Contains(strings.ToLower(line), strings.ToLower(tol)) {
				ok = true
			}
		}
		if ok {
			tolerated = append(tolerated, line)
		} else {
			problems = append(problems, line)
		}
	}
	if len(problems) > 0 || (err != nil && len(tolerated) == 0) {
		t.Fatalf("feedcheck: W3C feed validator on %s: %v\n%s", url, err, out)
	}
	return tolerated
}
