// Package summarize picks the most informative sentences of news articles,
// verbatim, and groups the articles of a day into the stories of a brief.
//
// [Summarize] ranks the quotable sentences of one article: centrality in
// a graph of sentences whose edges are the cosine similarities of their
// stemmed, tf-idf weighted terms (LexRank), similarity to the title, and a
// position prior, since news puts the key facts first. It then picks
// sentences greedily with maximal marginal relevance, so no two say the
// same thing, and returns them in article order. Only sentences of body
// text are candidates: never headings, datelines, captions, furniture or
// list items, and a sentence that leans on the one before it ("He added…",
// "But…") is taken only together with it.
//
// [NewBrief] chooses the articles of one day, merges those that report the
// same event into a [Story], orders the stories by how many sources carry
// them and how central they are to the day, and quotes each in 1–3
// sentences that no other story repeats.
//
// Both return values that quote [retrieval.Sentence]s exactly: how they
// are shown is the caller's business. Neither reads the clock: the day of
// a brief is passed in.
package summarize
