package publish

import (
	"html"
	"strings"
)

// feedStylesheet returns the XSLT 1.0 stylesheet Atom and RSS documents
// name in <?xml-stylesheet?>: a browser opening a feed shows a page that
// says what the address is for and lists the entries, with a link to the
// index page under baseURL. Feed readers never apply it. An entry title
// of type="html" is warta's own html.EscapeString of plain text (atomTitle),
// never a tag, so it is written unescaped, where the browser honours
// disable-output-escaping (Firefox does not, and shows it escaped).
func feedStylesheet(baseURL string) string {
	// The link is an attribute value template: braces are doubled.
	home := strings.NewReplacer("{", "{{", "}", "}}").Replace(html.EscapeString(baseURL + "/"))
	return strings.Replace(feedStylesheetTemplate, "{{home}}", home, 1)
}

// feedStylesheetTemplate is feedStylesheet with "{{home}}" for the index
// page's URL.
const feedStylesheetTemplate = `<?xml version="1.0" encoding="utf-8"?>
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:atom="http://www.w3.org/2005/Atom"
  exclude-result-prefixes="atom">
<xsl:output method="html" encoding="utf-8" doctype-system="about:legacy-compat"/>
<xsl:template match="/">
<html lang="en">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<title><xsl:value-of select="atom:feed/atom:title|rss/channel/title"/> (feed)</title>
<style>
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2330;background:#f7f7f5;margin:0}
main{max-width:46rem;margin:0 auto;padding:1.5rem 1rem}
.note{background:#fff8d6;border:1px solid #e8d98a;border-radius:6px;padding:.75rem 1rem;margin:0 0 1.25rem}
.note code{word-break:break-all;background:#fff;padding:0 .25rem}
h1{font-size:1.4rem;margin:0 0 .5rem}
ol{padding:0;list-style:none}
li{background:#fff;border:1px solid #e2e2de;border-radius:6px;padding:.6rem .9rem;margin:0 0 .6rem}
li a{color:#1a4fa0;text-decoration:none;font-weight:600}
.meta{font-size:.85rem;color:#666}
</style>
</head>
<body>
<main>
<p class="note" id="subscribe"><strong>This is a news feed.</strong> Subscribe in your reader by copying this page's address into it:
<code><xsl:value-of select="atom:feed/atom:link[@rel='self']/@href|rss/channel/atom:link[@rel='self']/@href"/></code>.
Feed readers fetch it for you and show new stories as they arrive. <a href="{{home}}">Every feed</a></p>
<h1><xsl:value-of select="atom:feed/atom:title|rss/channel/title"/></h1>
<p><xsl:value-of select="atom:feed/atom:subtitle|rss/channel/description"/></p>
<ol>
<xsl:for-each select="atom:feed/atom:entry">
<li><a href="{atom:link[@rel='alternate']/@href}"><xsl:choose>
<xsl:when test="atom:title/@type='html'"><xsl:value-of select="atom:title" disable-output-escaping="yes"/></xsl:when>
<xsl:otherwise><xsl:value-of select="atom:title"/></xsl:otherwise>
</xsl:choose></a>
<div class="meta"><xsl:value-of select="atom:source/atom:title"/> · <xsl:value-of select="atom:updated"/></div></li>
</xsl:for-each>
<xsl:for-each select="rss/channel/item">
<li><a href="{link}"><xsl:value-of select="title"/></a>
<div class="meta"><xsl:value-of select="pubDate"/></div></li>
</xsl:for-each>
</ol>
</main>
</body>
</html>
</xsl:template>
</xsl:stylesheet>
`
