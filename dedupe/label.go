package dedupe

// isLabel reports whether a cleaned title is a label rather than a
// headline: fewer than two content words (a desk or section name that a
// feed gives every item of it, "Ekonomi").
func isLabel(title string) bool {
	content := 0
	for _, w := range headlineWords(title) {
		if w.num != "" || !w.stop {
			content++
		}
	}
	return content < 2
}
