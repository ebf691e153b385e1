// Package rouge computes the ROUGE scores of Lin (2004), "ROUGE: A Package
// for Automatic Evaluation of Summaries", used here to evaluate extractive
// summaries against reference summaries. It follows Google's rouge-score
// Python package (github.com/google-research/google-research, rouge/), the
// usual reference today, to the bit except for the stemmer.
//
// A summary is a list of sentences. Each metric gives a [Score]: precision
// (matches over the candidate's size), recall (over the reference's) and
// their harmonic mean F1. A side without tokens gives zeros, never NaN.
//
// # Metrics
//
// ROUGE-N ([Scorer.N]) counts the n-grams of the candidate that are also in
// the reference, each reference n-gram used at most as often as it occurs
// there: "the the the the" against "the cat" has one unigram match, so
// P = 1/4 and R = 1/2. The sentences of a summary are run together, so an
// n-gram may span two sentences, as in rouge-score.
//
// ROUGE-L ([Scorer.L]) takes as matches the length of a longest common
// subsequence (LCS) of the candidate's and the reference's tokens, again
// run together. Against "police killed the gunman", "police kill the
// gunman" has an LCS of 3 and "the gunman kill police" of 2.
//
// ROUGE-Lsum ([Scorer.LSum]) is the summary-level LCS of Lin's section 3.2,
// as rouge-score's _summary_level_lcs computes it: for each reference
// sentence, the union of its positions on an LCS with each candidate
// sentence; a position in the union is a match unless its token has
// already matched as often as it occurs in the candidate. Sentence order
// does not matter to it as it does to ROUGE-L. Where a pair of sentences
// has several LCSs the one chosen changes the union, so the choice follows
// rouge-score's backtracking exactly.
//
// A Scorer holds a tokenized reference; [N], [L] and [LSum] build one with
// stemming for a single call. Sentences are split again at newlines, so
// that scoring sentences equals rouge-score scoring them joined with "\n",
// the form its rougeLsum expects.
//
// # Tokens
//
// [Tokenize] is rouge-score's tokenize.py: lower-case, replace everything
// but a–z and 0–9 with spaces, split. "Don't" gives "don" and "t", "£1.2bn"
// gives "1" and "2bn", and "Zürich" gives "z" and "rich". With stemming,
// tokens longer than three letters are stemmed. rouge-score uses NLTK's
// Porter stemmer; this package uses Porter2, from
// github.com/kljensen/snowball/english, stop words included. The two
// disagree on 485 of the 27,489 distinct words longer than three letters
// in the BBC News Summary corpus (1.5% of their occurrences; "general" is
// "gener" to Porter and "general" to Porter2). Scoring the corpus's 2,225
// reference summaries against leads of the same length (the first article
// sentences up to the reference's word count), this package and
// rouge-score with stemming give a different F1 for 45 pairs in ROUGE-1, 8
// in ROUGE-2, 16 in ROUGE-L and 44 in ROUGE-Lsum; the mean absolute
// difference is at most 1.1e-4, the largest 0.012 (ROUGE-Lsum), and the
// corpus means agree to four decimals (ROUGE-1 F1 0.6604). Without
// stemming the two agree bit for bit on all 2,225 pairs. (rouge-score was
// run as a transcription of its rouge_scorer.py and tokenize.py, with NLTK
// 3.8's PorterStemmer.)
//
// # Validation
//
// testdata/jsrouge.json holds 36 pairs of made-up news sentences: Lin's
// examples, repeated words, numbers, punctuation, non-ASCII letters, and
// pairs whose ROUGE-Lsum depends on which LCS is taken. Their scores come
// from js-rouge 3.2.3 (npm), an independent implementation, configured by
// testdata/jsrouge.js to tokenize as rouge-score does: its n() for
// ROUGE-1 and ROUGE-2, its l(), which is the summary-level union LCS with
// the same clipping, for ROUGE-Lsum with one sentence a line and for
// ROUGE-L with the whole summary as one sentence. js-rouge returns only
// F_beta, so precision is taken with beta = 0 and recall with beta = ∞.
// TestJSRouge checks all three numbers of all four metrics to 1e-6; the
// largest difference is 1.1e-16, from the two F1 formulas. When the package
// was written, the same comparison found at most 3.3e-16 on the 2,225 BBC
// pairs and on 3,000 random pairs over vocabularies of two to five words
// (where taking the other LCS on ties changes ROUGE-Lsum in 982 of them).
// TestScorerMatchesDirect repeats the random check against a direct Go
// transcription of rouge-score's functions.
//
// js-rouge's defaults differ from rouge-score: Penn Treebank tokens
// (punctuation is a token, "don't" is "do" and "n't", "12,000" one token),
// case-sensitive unless caseSensitive is false, its own sentence
// segmenter, no stemming, and an error on an empty summary. Left at those
// defaults (with caseSensitive false), its F1 differs from this package's
// on 14 to 20 of the 36 pairs, depending on the metric, by up to 0.38.
package rouge
