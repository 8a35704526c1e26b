package testenv

import "fmt"

// Recorder is a TB that records how a test helper ended the test instead
// of ending it, for the tests of such helpers. Like a real test, a helper
// must return after Fatalf or Skipf.
type Recorder struct{ Fatal, Skip string }

func (r *Recorder) Helper()                           {}
func (r *Recorder) Fatalf(format string, args ...any) { r.Fatal = fmt.Sprintf(format, args...) }
func (r *Recorder) Skipf(format string, args ...any)  { r.Skip = fmt.Sprintf(format, args...) }
