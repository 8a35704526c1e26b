//go:build !unix

package sqlite

import "os"

// Without flock, locks hold within one process only.
func flockTry(*os.File) (bool, error) { return true, nil }

func flockRelease(*os.File) {}
