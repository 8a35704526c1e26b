package dedupe

// isLabel reports whether a cleaned title, split into its words
// (headlineWords), is a label rather than a headline: fewer than two
// content words (a desk or section name that a feed gives every item of
// it, "Ekonomi").
func isLabel(words []headlineWord) bool {
	content := 0
	for _, w := range words {
		if w.num != "" || !w.stop {
			content++
		}
	}
	return content < 2
}
