// Package feeds turns RSS, Atom and JSON feeds into article files that
// [newsdesk/retrieval.Load] reads.
//
// A [Poller] fetches each feed (conditional GET: it remembers ETag and
// Last-Modified), and for each item it has not seen fetches the linked page
// and extracts its main text with a readability parser, falling back to the
// feed's own content or description when the page is unavailable, is not
// HTML, is over the size cap, or yields less text than the feed. The text
// is saved, one paragraph a line, as
//
//	DIR/feeds/<site>/<slug>.txt
//
// where <site> is the article's host name without "www." and <slug> comes
// from the article's URL path, or its title. A file opens with front
// matter:
//
//	---
//	title: Storm closes schools across the north
//	source: Example Gazette
//	url: https://example.com/news/storm-closes-schools
//	published: 2025-01-14T07:00:00Z
//	---
//
// published is the item's publication (else update) time, else the page's,
// else when the item was first seen. Files are written to a hidden
// temporary file and renamed into place, so a folder watcher never sees
// half a file. A person may edit or delete a saved file: the poller does
// not fetch that URL again unless the feed changes the item.
//
// Items are deduplicated by URL (fragment and utm_* parameters dropped) and
// by content: text that normalizes to the same words as a saved article is
// not saved again under another URL. An item whose title, dates or content
// change in the feed is fetched again, and its file rewritten if the text
// changed.
//
// What the poller knows between runs is kept in DIR/feeds/.state.json:
// per feed its ETag and Last-Modified; per article URL the file, a hash of
// the feed item and of the saved text, and when it was first and last seen.
// Without that file (deleted or unreadable) the poller rebuilds the URL and
// content indexes from the front matter of the saved files.
//
// A good citizen: every request carries a User-Agent naming the bot, a
// timeout and a size cap; at most one request at a time goes to a host,
// with a minimum gap between requests (and longer when it answers 429 or
// 503 with Retry-After). A feed or page that fails is logged and retried
// on the next poll; a page that keeps failing (three polls) is saved from
// the feed's text if it has some.
package feeds
