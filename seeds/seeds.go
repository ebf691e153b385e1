// Package seeds embeds the default articles: five real news pages, kept
// byte for byte as they were scraped, that Newsdesk answers from when no
// folder of articles is given.
package seeds

import "embed"

// FS holds the seed articles at its root, one .txt file each.
//
//go:embed *.txt
var FS embed.FS
