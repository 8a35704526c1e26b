//go:build race

package fetch

// raceBuild is true under the race detector, whose runtime allocates more
// than a plain build: tests that count bytes allocated skip that count.
const raceBuild = true
