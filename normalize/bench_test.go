package normalize

import (
	"strings"
	"testing"
	"time"

	"github.com/warta-news/warta/article"
)

// benchBody is a made-up article body of about 2 KB shaped like a real news
// item: figure, paragraphs, inline markup, a relative link, a "Baca juga"
// line, a tracking script.
var benchBody = `<figure><img src="/foto/2024/05/05/gedung.jpg" alt="Gedung baru" width="960"><figcaption>Gedung baru di pusat kota.</figcaption></figure>
<p><strong>Jakarta</strong> - Pemerintah kota meresmikan gedung layanan terpadu pada Minggu pagi. Gedung itu menyatukan dua puluh layanan perizinan yang sebelumnya tersebar di beberapa kantor.</p>
<p>&ldquo;Warga tidak perlu lagi berpindah-pindah kantor untuk mengurus izin usaha,&rdquo; kata wali kota dalam sambutannya. Menurut dia, waktu pengurusan izin bisa dipangkas dari dua minggu menjadi tiga hari.</p>
<p>Baca juga: <a href="/read/2024/05/04/123/layanan-perizinan-daring-diperluas?utm_source=rss">Layanan perizinan daring diperluas</a></p>
<p>Pembangunan gedung dimulai dua tahun lalu dengan anggaran daerah. Selain loket, gedung dilengkapi ruang tunggu, ruang laktasi dan area bermain anak. Pengelola juga menyiapkan <em>antrean daring</em> agar warga bisa memilih jam kedatangan.</p>
<ul><li>Izin usaha mikro</li><li>Izin mendirikan bangunan</li><li>Dokumen kependudukan</li></ul>
<p>Sejumlah warga yang datang pada hari pertama menyambut baik layanan baru itu. Namun, sebagian mengeluhkan lahan parkir yang terbatas. Pengelola berjanji menambah kantong parkir di gedung sebelah dalam beberapa bulan ke depan.</p>
<h3>Target tahun depan</h3>
<p>Dinas terkait mencatat lebih dari <b>12.000</b> permohonan izin masuk sepanjang tahun lalu. Sebagian besar berasal dari pelaku usaha kecil yang membuka warung, bengkel dan jasa katering. Dengan gedung baru, dinas berharap jumlah permohonan yang selesai tepat waktu naik menjadi sembilan puluh persen.</p>
<blockquote>Kami ingin layanan publik yang cepat, murah dan bisa diawasi warga.</blockquote>
<p>Lembaga pemantau pelayanan publik mengingatkan agar kecepatan tidak mengorbankan ketelitian. Mereka meminta pemerintah kota membuka data waktu layanan setiap bulan supaya warga bisa menilai sendiri.</p>
<script type="text/javascript">window.track && window.track("pv");</script>
<p>Wali kota menargetkan seluruh kecamatan memiliki gerai serupa pada akhir tahun depan.<br>(ant/red)</p>`

// BenchmarkArticle reports articles/s for Normalizer.Article on a ~2 KB
// body (summary and content both set, as most feeds do).
func BenchmarkArticle(b *testing.B) {
	n := New(Caps{})
	opts := Options{Now: time.Date(2024, 5, 5, 12, 0, 0, 0, time.UTC), SourceName: "contoh", SourceLanguage: "id"}
	summary := "Pemerintah kota meresmikan gedung layanan terpadu pada Minggu pagi."
	b.SetBytes(int64(len(benchBody)))
	b.ReportAllocs()
	for b.Loop() {
		a := &article.Article{
			Link:    "https://www.contoh.test/read/2024/05/05/456/gedung-layanan-terpadu/?utm_source=rss&utm_medium=feed",
			GUID:    "456",
			Title:   "  Gedung Layanan Terpadu &amp; Ruang Laktasi Diresmikan ",
			Summary: summary,
			Content: benchBody,
		}
		if err := n.Article(a, opts); err != nil {
			b.Fatal(err)
		}
		if !strings.Contains(a.Text, "Baca juga") {
			b.Fatal("text lost")
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkPlainText isolates the text extraction.
func BenchmarkPlainText(b *testing.B) {
	b.SetBytes(int64(len(benchBody)))
	b.ReportAllocs()
	for b.Loop() {
		_ = PlainText(benchBody)
	}
}

// BenchmarkSanitize isolates the sanitiser and the link pass.
func BenchmarkSanitize(b *testing.B) {
	n := New(Caps{})
	base := mustURL(b, "https://www.contoh.test/read/1")
	b.SetBytes(int64(len(benchBody)))
	b.ReportAllocs()
	for b.Loop() {
		_ = n.sanitize(benchBody, base, DefaultMaxHTMLBytes, "")
	}
}

// BenchmarkSharedURLs is the per-fetch pass that finds links items share,
// over 200 items with tracking parameters, to set against BenchmarkArticle
// (one item).
func BenchmarkSharedURLs(b *testing.B) {
	items := make([]*article.Article, 200)
	for i := range items {
		items[i] = &article.Article{
			Link:  "https://www.contoh.test/read/2024/05/05/" + strings.Repeat("x", i%7) + "/gedung-layanan-terpadu/?utm_source=rss&n=" + string(rune('a'+i%26)) + strings.Repeat("1", i/26),
			GUID:  "g" + strings.Repeat("1", i),
			Title: "Gedung layanan terpadu",
		}
	}
	opts := Options{SourceName: "contoh"}
	b.ReportAllocs()
	for b.Loop() {
		SharedURLs(items, "https://www.contoh.test/", opts)
	}
}
