package genre

import "testing"

// The formats genre6 reads in a fixed place of the headline: a gallery's
// singular kicker, a sign-up's own sentence, a call-out's closing appeal,
// a recipe, a reference sheet and a year's review; and news that carries
// the same words elsewhere, which stays news. The headlines are written
// for this test; none comes from labelled data.
func TestOfFormatsInFixedPlaces(t *testing.T) {
	judgeTitles(t, []titleCase{
		{"In Picture: Warga Membersihkan Pantai Usai Badai", Gallery},
		{"Harbour lights at dawn | In Picture", Gallery},
		{"City Digest - sign up and get the day's news first", Notice},
		{"Morning Note: sign up and never miss a story", Notice},
		{"Were you caught in Friday's floods? Get in touch", Notice},
		{"Have you moved abroad for work? Get in touch.", Notice},
		{"How to bake a plum cake – recipe | The weekend cook", Guide},
		{"Three quick lentil suppers - recipes", Guide},
		{"Jane Q. Example fast facts", Profile},
		{"Kaleidoskop 2019: Banjir, Gempa dan Pemilu", History},
		{"Kaleidoskop 2021, Deretan Peristiwa Ekonomi", History},

		{"In picture-perfect village, residents fight new road", News},
		{"Minister in picture with donor faces questions", News},
		{"Farmers sign up and protest over subsidy cuts", News},
		{"Police urge witnesses to get in touch", News},
		{"Why did no one get in touch? Families ask after flood", News},
		{"Austerity is a recipe for unrest, union warns", News},
		{"Recipe for peace: envoys meet in Geneva", News},
		{"Ministers ignore fast facts on rising prices", News},
		{"Kaleidoskop Budaya dibuka di Taman Kota", News},
		{"Kaleidoskop 20 penari tampil di Jakarta", News},
	})
}
