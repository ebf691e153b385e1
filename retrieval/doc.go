// Package retrieval owns Newsdesk's text model and its search.
//
// An [Article] is a file read verbatim into Body and divided into physical
// [Line]s, each given a [Kind] by general cleaning rules (clean.go): news
// text, headings, datelines, captions, page furniture, teaser blocks.
// Quotable lines are split into [Sentence]s (sentence.go) that keep their
// line number and byte span, so every quote is an exact substring of the
// line it cites.
//
// [Analyze] turns text into [Token]s: words are normalized (NFKC, curly
// quotes and dashes), case-folded, stripped of possessives, filtered of
// English stop words and reduced to their snowball stems. The same
// analyzer serves articles and questions.
//
// An [Index] is an inverted index over sentences scored with BM25, the
// article title counting as a weaker field. [Index.Search] ranks sentences;
// [Index.Answer] composes the 1–3 quotes of a reply, or says nothing was
// found. An Index is immutable and safe for concurrent use once built. A
// search of 32,768 to 100,000 sentences shares its work with one goroutine
// that the package starts on the first such search and keeps for the
// process, polling while searches come and asleep when they stop
// (assist.go).
//
// The package knows nothing of Discord or the command line and does not
// log: problems are returned as errors.
package retrieval
