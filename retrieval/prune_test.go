package retrieval

import (
	"cmp"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// bbcDir holds the BBC News Summary articles (see bench_test.go).
const bbcDir = "../../shared/data/bbc-news-summary/articles"

// newBBCTestIndex indexes the BBC articles, or skips the test without them.
func newBBCTestIndex(tb testing.TB) *Index {
	tb.Helper()
	files, _ := filepath.Glob(filepath.Join(bbcDir, "*", "*.txt"))
	if len(files) == 0 {
		tb.Skipf("no BBC articles in %s", bbcDir)
	}
	var articles []*Article
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		if !utf8.Valid(data) {
			continue
		}
		a, err := Parse(filepath.ToSlash(strings.TrimPrefix(f, bbcDir+"/")), data)
		if err != nil {
			tb.Fatal(err)
		}
		articles = append(articles, a)
	}
	ix, err := NewIndex(articles)
	if err != nil {
		tb.Fatal(err)
	}
	return ix
}

// firstPassIndexes returns the corpora the first-pass tests run on: the
// seeds, talks and wire, and the BBC articles unless -short or missing.
func firstPassIndexes(t *testing.T) map[string]*Index {
	indexes := map[string]*Index{"seeds": newSeedsIndex(t), "talks": newTestIndex(t, talks), "wire": newTestIndex(t, wire)}
	// The seeds again with bitmaps (dense.go), which an index so small
	// does not get: a light word read from them must score as from its
	// list, and the pass stay exact below minApproximate.
	func() {
		defer func(n int) { minDenseSentences = n }(minDenseSentences)
		minDenseSentences = 0
		indexes["seeds, dense"] = newSeedsIndex(t)
	}()
	if len(indexes["seeds, dense"].post.dense) == 0 {
		t.Fatal("the seeds' index with bitmaps has no dense terms")
	}
	if !testing.Short() {
		if files, _ := filepath.Glob(filepath.Join(bbcDir, "*", "*.txt")); len(files) > 0 {
			indexes["bbc"] = newBBCTestIndex(t)
		}
	}
	return indexes
}

// testQuestions makes n questions from the index's sentences: a question
// word and some of a sentence's words, in order, one in ten misspelled.
func testQuestions(ix *Index, n int) []string {
	r := rand.New(rand.NewPCG(11, 13))
	wh := []string{"What", "Who", "When", "Where", "How many", "Why", "Did"}
	var out []string
	for len(out) < n {
		a := ix.articles[r.IntN(len(ix.articles))]
		if len(a.Sentences) == 0 {
			continue
		}
		words := strings.Fields(a.Text(a.Sentences[r.IntN(len(a.Sentences))]))
		q := []string{wh[r.IntN(len(wh))]}
		for _, w := range words {
			if r.IntN(3) == 0 {
				if len(w) > 6 && r.IntN(10) == 0 {
					b := []byte(w)
					b[2], b[3] = b[3], b[2]
					w = string(b)
				}
				q = append(q, w)
			}
		}
		out = append(out, strings.Join(q, " "))
	}
	return out
}

// matchTerms reads which question words sentence sn holds from the forward
// index: the strongest term of each, and of those the most frequent.
func matchTerms(ix *Index, q *query, sn uint32) (uint32, [maxWords]float64, [maxWords]uint8) {
	var mask uint32
	var strength [maxWords]float64
	var tfs [maxWords]uint8
	toks := ix.fwd.run(int(sn), nil)
	for i, w := range q.words {
		for _, t := range w.terms {
			tf := uint8(0)
			for _, id := range toks {
				if id == t.id {
					tf++
				}
			}
			if tf > 0 && (mask&(1<<i) == 0 || t.strength > strength[i] || t.strength == strength[i] && tf > tfs[i]) {
				mask |= 1 << i
				strength[i], tfs[i] = t.strength, tf
			}
		}
	}
	return mask, strength, tfs
}

// exhaustiveFirst scores every sentence in [lo, hi) holding a specific
// question word on the first-pass features and returns the n best, best
// first.
func exhaustiveFirst(ix *Index, q *query, p *Params, lo, hi uint32, n int) []cand {
	sc := new(scratch)
	titles := ix.titleMatches(q, 0, len(ix.articles), sc)
	var cands []cand
	for sn := lo; sn < hi; sn++ {
		mask, strength, tfs := matchTerms(ix, q, sn)
		if mask&q.specificMask() == 0 {
			continue
		}
		h := sums(q, p, mask, &strength, &tfs, ix.sentLen[sn], ix.avgLen)
		h.sn = sn
		var title titleMatch
		if i, ok := slices.BinarySearchFunc(titles, int32(ix.articleOf(sn)), func(t titleMatch, a int32) int { return cmp.Compare(t.art, a) }); ok {
			title = titles[i]
		}
		top := topN{n: 1}
		ix.push(q, p, &h, title, &top, sc)
		cands = append(cands, top.c[0])
	}
	sortCands(cands)
	return cands[:min(n, len(cands))]
}

func sortCands(cs []cand) {
	slices.SortFunc(cs, func(a, b cand) int {
		if a.better(&b) {
			return -1
		}
		return 1
	})
}

// TestFirstPassRecall checks the first pass against scoring every
// sentence that holds a specific question word. Accumulating (on ranges of
// up to maxAccumulated sentences) must keep exactly the same sentences
// with the same scores, in whole corpora and in one article, with the
// default parameters and with plain BM25. So must WAND
// on small corpora, where titleArticles scores every title-matched
// article; on the BBC articles it must keep nearly all of them and the
// same first one (see the shortcut in prune.go).
func TestFirstPassRecall(t *testing.T) {
	for name, ix := range firstPassIndexes(t) {
		for _, mode := range []struct {
			wand bool
			p    *Params
		}{{false, &DefaultParams}, {false, &PlainBM25}, {true, &DefaultParams}} {
			wand := mode.wand
			var kept, total, first, questions int
			r := rand.New(rand.NewPCG(3, 5))
			for _, question := range testQuestions(ix, 300) {
				q := ix.parseQuery(question, mode.p)
				if q.specific == 0 {
					continue
				}
				lo, hi := uint32(0), uint32(ix.Len())
				if !wand && r.IntN(2) == 0 {
					ai := r.IntN(len(ix.articles)) // as ask --article does
					lo, hi = ix.first[ai], ix.first[ai+1]
				}
				got := func() []cand {
					if wand {
						defer func(n int) { maxAccumulated = n }(maxAccumulated)
						maxAccumulated = 0
					}
					return slices.Clone(ix.firstPass(&q, mode.p, lo, hi, 16, new(scratch)))
				}()
				sortCands(got)
				want := exhaustiveFirst(ix, &q, mode.p, lo, hi, 16)
				k := 0
				for _, w := range want {
					if slices.ContainsFunc(got, func(c cand) bool { return c.sn == w.sn && math.Abs(c.score-w.score) < 1e-9 }) {
						k++
					}
				}
				kept += k
				total += len(want)
				if len(want) > 0 {
					questions++
					if len(got) > 0 && got[0].sn == want[0].sn {
						first++
					}
				}
				approximate := wand || hi-lo >= minApproximate
				if (!approximate || name != "bbc") && (len(got) != len(want) || k != len(want)) {
					t.Fatalf("%s (wand %v): firstPass(%q) in [%d, %d) keeps %v, want %v", name, wand, question, lo, hi, got, want)
				}
			}
			recall, same := float64(kept)/float64(total), float64(first)/float64(questions)
			t.Logf("%s (wand %v, plain %v): %d questions found something, %.3f of the exhaustive 16 kept, same first %.3f", name, wand, mode.p == &PlainBM25, questions, recall, same)
			if recall < 0.98 || same < 0.99 {
				t.Errorf("%s (wand %v): %.3f of the exhaustive 16 kept (want ≥ 0.98), same first %.3f (want ≥ 0.99)", name, wand, recall, same)
			}
		}
	}
}

// TestFirstPassParallel checks WAND's word pass cut into parallel parts
// (wordMatchesParallel), four of them however small the corpus, against
// one WAND search: on small corpora it must keep the same sentences; on the
// BBC articles, every sentence kept must score at least as well as the
// one a single search keeps at its rank, since a part prunes less.
func TestFirstPassParallel(t *testing.T) {
	for name, ix := range firstPassIndexes(t) {
		same, questions := 0, 0
		for _, question := range testQuestions(ix, 300) {
			q := ix.parseQuery(question, &DefaultParams)
			if q.specific == 0 {
				continue
			}
			one := func() []cand {
				defer func(n int) { maxAccumulated = n }(maxAccumulated)
				maxAccumulated = 0
				return slices.Clone(ix.firstPass(&q, &DefaultParams, 0, uint32(ix.Len()), 16, new(scratch)))
			}()
			sortCands(one)
			parts := func() []cand {
				defer func(n, m, procs int) { minPartSentences, maxAccumulated, _ = n, m, runtime.GOMAXPROCS(procs) }(minPartSentences, maxAccumulated, runtime.GOMAXPROCS(4))
				minPartSentences, maxAccumulated = 1, 0
				return slices.Clone(ix.firstPass(&q, &DefaultParams, 0, uint32(ix.Len()), 16, new(scratch)))
			}()
			sortCands(parts)
			if len(parts) != len(one) {
				t.Fatalf("%s: %q: %d sentences in parts, %d in one search", name, question, len(parts), len(one))
			}
			identical := true
			for i := range one {
				if parts[i].score < one[i].score {
					t.Fatalf("%s: %q: rank %d scores %.6f in parts, %.6f in one search", name, question, i, parts[i].score, one[i].score)
				}
				identical = identical && parts[i].sn == one[i].sn
			}
			if identical {
				same++
			} else if name != "bbc" {
				t.Errorf("%s: %q: parts keep %v, one search %v", name, question, parts, one)
			}
			questions++
		}
		t.Logf("%s: %d questions, the same 16 for %d", name, questions, same)
	}
}
