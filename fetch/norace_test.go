//go:build !race

package fetch

// raceBuild is true under the race detector (race_test.go).
const raceBuild = false
