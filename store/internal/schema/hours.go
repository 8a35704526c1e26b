package schema

import "time"

// HourCount is one count of Store.ArticlesPerHour: the articles first
// seen in the UTC hour starting at Hour, of Source or tagged Topic.
type HourCount struct {
	Hour          time.Time
	Source, Topic string
	N             int
}

// HourCounts gathers a driver's counts, read in full before fn runs so
// that fn never holds the driver's rows (or connection) open.
type HourCounts []HourCount

// Add appends n articles of hour under key: a source when bySource, else
// a topic.
func (h *HourCounts) Add(hour time.Time, key string, bySource bool, n int) {
	c := HourCount{Hour: hour.UTC(), N: n}
	if bySource {
		c.Source = key
	} else {
		c.Topic = key
	}
	*h = append(*h, c)
}

// Each calls fn with every count, in order; an error from fn stops it
// and is returned.
func (h HourCounts) Each(fn func(hour time.Time, source, topic string, n int) error) error {
	for _, c := range h {
		if err := fn(c.Hour, c.Source, c.Topic, c.N); err != nil {
			return err
		}
	}
	return nil
}
