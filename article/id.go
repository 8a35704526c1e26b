package article

import (
	"crypto/sha256"
	"encoding/hex"
)

// IDFromURL derives a stable article ID from a canonical URL: the first 16
// bytes of its SHA-256, hex-encoded. Stable across runs, restarts and
// databases.
func IDFromURL(canonicalURL string) string {
	sum := sha256.Sum256([]byte(canonicalURL))
	return hex.EncodeToString(sum[:16])
}
