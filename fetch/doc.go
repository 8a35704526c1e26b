// Package fetch downloads feeds politely: one shared HTTP client, conditional
// GET with ETag and Last-Modified, gzip decoded here so the size cap applies to
// decompressed bytes, a concurrency cap and a least interval between requests
// per host, the freshness a response declares (PollWait bounds it),
// Retry-After and a backoff schedule for sources that keep failing.
package fetch
