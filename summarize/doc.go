// Package summarize picks the most informative sentences of news articles,
// verbatim, and groups the articles of a day into the stories of a brief.
//
// [Summarize] ranks the sentences of one article by centrality over their
// stemmed terms (LexRank, TextRank and SumBasic together), and, for a
// short summary, by a position prior and similarity to the title, since
// news puts the key facts first (see [Options]). It picks sentences
// greedily with maximal marginal relevance, so no two say the same thing,
// and returns them in article order. Only sentences of body text lines
// are quoted: never headings, datelines, captions, furniture, list items
// or teasers. Sentences too short to say anything, questions and captions
// run into the text are a last resort. A sentence that leans on the one
// before it ("He added…", "This comes as…", or a quotation going on
// without its quotation marks) is quoted only together with it, and half
// a quotation from nobody is avoided in a short summary.
//
// [NewBrief] chooses the articles of one day, merges those that report the
// same event into a [Story], orders the stories by how many sources carry
// them and how central they are to the day, and quotes each in 1–3
// sentences that no other story repeats.
//
// Both return values that quote [retrieval.Sentence]s exactly: how they
// are shown is the caller's business. Neither reads the clock: the day of
// a brief is passed in. Both are safe for concurrent use; words analyzed
// once are remembered in a lexicon shared by all calls.
package summarize
