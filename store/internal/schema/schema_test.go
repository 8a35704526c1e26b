package schema

import "testing"

// ArticleColsAs gives the column lists the drivers wrote by hand before:
// PostgreSQL's qualified by its alias, SQLite's feed query's with the text
// and the sketch left unread.
func TestArticleColsAs(t *testing.T) {
	for _, c := range []struct {
		alias string
		stand map[string]string
		want  string
	}{
		{"", nil, "id, url, link, guid, source, title, summary, content, text, author, " +
			"language, categories, published, updated, first_seen, story_id, fingerprint, " +
			"match_id, match_similarity, match_method, sketch, feed_genre"},
		{"a", nil, "a.id, a.url, a.link, a.guid, a.source, a.title, a.summary, a.content, a.text, a.author, " +
			"a.language, a.categories, a.published, a.updated, a.first_seen, a.story_id, a.fingerprint, " +
			"a.match_id, a.match_similarity, a.match_method, a.sketch, a.feed_genre"},
		{"", map[string]string{"text": "''", "sketch": "NULL"}, "id, url, link, guid, source, title, summary, content, '' AS text, author, " +
			"language, categories, published, updated, first_seen, story_id, fingerprint, " +
			"match_id, match_similarity, match_method, NULL AS sketch, feed_genre"},
	} {
		if got := ArticleColsAs(c.alias, c.stand); got != c.want {
			t.Errorf("ArticleColsAs(%q, %v) =\n%s\nwant\n%s", c.alias, c.stand, got, c.want)
		}
	}
}
