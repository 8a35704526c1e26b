// Package fetch downloads feeds politely: one shared HTTP client, conditional
// GET with ETag and Last-Modified, gzip decoded here so the size cap applies to
// decompressed bytes, a concurrency cap per host, Retry-After and a backoff
// schedule for sources that keep failing.
package fetch
