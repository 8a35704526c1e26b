package dedupe

// Labels are the titles a feed uses as labels, not headlines: a desk's or
// a section's name ("Ekonomi", "Politik dan Hukum") that it gives every
// item of the desk. Keyed by the cleaned title (Clean).
type Labels map[string]bool

// FeedLabels returns the labels among one fetch of a feed's items, given
// their titles and links in item order: a title that two or more items
// with different links carry, whatever its length. A headline names one
// event; a title the feed gives several items is a section name.
func FeedLabels(titles, links []string) Labels {
	first := map[string]string{} // cleaned title → the first link carrying it
	var out Labels
	for i, title := range titles {
		t := cleanTitleText(title)
		if t == "" {
			continue
		}
		link, ok := first[t]
		if !ok {
			first[t] = links[i]
			continue
		}
		if link != links[i] {
			if out == nil {
				out = Labels{}
			}
			out[t] = true
		}
	}
	return out
}
