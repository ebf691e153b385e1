package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"newsdesk/retrieval"
)

// WikiQA (Yang, Yih & Meek, EMNLP 2015): Bing questions, each linked to a
// Wikipedia page whose summary sentences are the candidate answers,
// labelled by crowd workers. See ../shared/data/wikiqa/README.md.
//
// Two tasks are measured, each page being one article (its title, then one
// sentence a line) built through retrieval.Parse:
//
//   - ranking: each question's candidates ranked by a search restricted to
//     its page; MAP and MRR over the questions with at least one correct
//     and one incorrect candidate (the .ref "filtered" set: 237 in test);
//   - open: every page of the split in one index, each question with a
//     correct answer (243 in test) searched against all of them;
//     success@1, success@5 and MRR over the first 10 hits.
func evalWikiQA(ctx context.Context, env *environment, args []string) error {
	fs := newFlagSet(env, "eval wikiqa", "[--data DIR] [--split test|dev|train] [--fit] [--misses N]")
	dataDir := fs.String("data", defaultDataDir, "folder that holds wikiqa/")
	split := fs.String("split", "test", "which questions to report: test, dev or train")
	fit := fs.Bool("fit", false, "refit the ranking parameters (weights on train, K1, B, fuzzy and related weights on dev) and print them as Go")
	misses := fs.Int("misses", 0, "instead of the table, show the first N ranked questions whose best hit is wrong, with features")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	dir := filepath.Join(*dataDir, "wikiqa")
	if *fit {
		return fitWikiQA(ctx, env, dir)
	}
	set, err := loadWikiQA(dir, *split)
	if err != nil {
		return err
	}
	set.describe(env.stdout)
	if *misses > 0 {
		set.showMisses(env.stdout, &retrieval.DefaultParams, *misses)
		return nil
	}
	rows := []struct {
		name string
		p    *retrieval.Params
	}{
		{"BM25 (plain: K1 1.2, B 0.75, sentences only)", &retrieval.PlainBM25},
		{"Newsdesk (DefaultParams)", &retrieval.DefaultParams},
	}
	tw := tabwriter.NewWriter(env.stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "WikiQA %s\tMAP\tMRR\topen s@1\topen s@5\topen MRR@10\t\n", *split)
	for _, r := range rows {
		if err := ctx.Err(); err != nil {
			return err
		}
		m := set.evaluate(r.p, nil)
		fmt.Fprintf(tw, "%s\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t\n", r.name, m.mapScore, m.mrr, m.open1, m.open5, m.openMRR)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	nf, err := set.notFound(ctx)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(env.stdout, "\nNot found (Index.Answer, open questions): with its page, %.3f answered, %.3f with a right first quote; with its page removed from the index, %.3f refused.\n",
		nf.answered, nf.right, nf.refused)
	return err
}

// notFoundRates measure Index.Answer's "not found" on open questions.
type notFoundRates struct {
	answered float64 // page in the index: share answered
	right    float64 // page in the index: share whose first quote is a correct answer
	refused  float64 // page removed: share refused
}

// notFound asks every open question twice: of the index, and of an index
// of every page but the question's own, which cannot answer it.
func (set *wikiQA) notFound(ctx context.Context) (notFoundRates, error) {
	var r notFoundRates
	all := set.index.Articles()
	n := 0
	for _, q := range set.questions {
		if !q.hasCorrect() {
			continue
		}
		if err := ctx.Err(); err != nil {
			return r, err
		}
		n++
		ans := set.index.Answer(q.text, retrieval.AnswerOptions{})
		if ans.Found {
			r.answered++
			if h := ans.Quotes[0]; h.Article.ID == q.page && q.correct(int(h.Sentence.Line)-2) {
				r.right++
			}
		}
		rest := make([]*retrieval.Article, 0, len(all)-1)
		for _, a := range all {
			if a.ID != q.page {
				rest = append(rest, a)
			}
		}
		ix, err := retrieval.NewIndex(rest)
		if err != nil {
			return r, err
		}
		if !ix.Answer(q.text, retrieval.AnswerOptions{}).Found {
			r.refused++
		}
	}
	if n > 0 {
		r.answered /= float64(n)
		r.right /= float64(n)
		r.refused /= float64(n)
	}
	return r, nil
}

// A wikiQA split: its questions and the index of its pages.
type wikiQA struct {
	split     string
	questions []*wqQuestion
	pages     map[string]*wqPage
	index     *retrieval.Index
	direct    []string       // pages built line by line, not by Parse
	dropped   map[string]int // candidates Parse did not make one sentence, by reason
}

type wqQuestion struct {
	num      int // 1-based position in the TSV, as in the .ref files
	text     string
	page     string
	cands    []wqCand // in page order
	filtered bool     // in the -filtered.ref set
}

type wqCand struct {
	sentence int // index in the page
	correct  bool
}

type wqPage struct {
	id, title string
	sentences []string
}

func (q *wqQuestion) correct(sentence int) bool {
	for _, c := range q.cands {
		if c.sentence == sentence {
			return c.correct
		}
	}
	return false
}

func (q *wqQuestion) hasCorrect() bool {
	for _, c := range q.cands {
		if c.correct {
			return true
		}
	}
	return false
}

// loadWikiQA reads WikiQA-<split>.tsv and, for dev and test, the filtered
// question set, and indexes the split's pages.
func loadWikiQA(dir, split string) (*wikiQA, error) {
	set := &wikiQA{split: split, pages: map[string]*wqPage{}, dropped: map[string]int{}}
	name := filepath.Join(dir, "WikiQA-"+split+".tsv")
	if err := set.readTSV(name); err != nil {
		return nil, fmt.Errorf("wikiqa: %w", err)
	}
	if split != "train" {
		if err := set.readFiltered(filepath.Join(dir, "WikiQA-"+split+"-filtered.ref")); err != nil {
			return nil, fmt.Errorf("wikiqa: %w", err)
		}
	} else {
		for _, q := range set.questions {
			q.filtered = q.hasCorrect() && !allCorrect(q)
		}
	}
	if err := set.build(); err != nil {
		return nil, fmt.Errorf("wikiqa: %w", err)
	}
	return set, nil
}

func allCorrect(q *wqQuestion) bool {
	for _, c := range q.cands {
		if !c.correct {
			return false
		}
	}
	return true
}

// readTSV reads QuestionID Question DocumentID DocumentTitle SentenceID
// Sentence Label rows (CRLF line endings, one header row).
func (set *wikiQA) readTSV(name string) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var cur *wqQuestion
	lastID := ""
	for n := 1; sc.Scan(); n++ {
		if n == 1 {
			continue
		}
		cols := strings.Split(strings.TrimRight(sc.Text(), "\r"), "\t")
		if len(cols) != 7 {
			return fmt.Errorf("%s:%d: want 7 columns, got %d", name, n, len(cols))
		}
		qid, question, doc, title, sid, sentence, label := cols[0], cols[1], cols[2], cols[3], cols[4], cols[5], cols[6]
		if qid != lastID {
			cur = &wqQuestion{num: len(set.questions) + 1, text: question, page: doc}
			set.questions = append(set.questions, cur)
			lastID = qid
		}
		i, err := strconv.Atoi(sid[strings.LastIndexByte(sid, '-')+1:])
		if err != nil || !strings.HasPrefix(sid, doc+"-") {
			return fmt.Errorf("%s:%d: bad sentence id %q", name, n, sid)
		}
		p := set.pages[doc]
		if p == nil {
			p = &wqPage{id: doc, title: title}
			set.pages[doc] = p
		}
		for len(p.sentences) <= i {
			p.sentences = append(p.sentences, "")
		}
		p.sentences[i] = sentence
		cur.cands = append(cur.cands, wqCand{sentence: i, correct: label == "1"})
	}
	return sc.Err()
}

// readFiltered marks the questions listed in a filtered .ref file.
func (set *wikiQA) readFiltered(name string) error {
	data, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		n, err := strconv.Atoi(f[0])
		if err != nil || n < 1 || n > len(set.questions) {
			return fmt.Errorf("%s: bad question number %q", name, f[0])
		}
		set.questions[n-1].filtered = true
	}
	return nil
}

// build makes one article per page, through retrieval.Parse when every
// candidate comes out as exactly one quotable sentence of its own line,
// and line by line otherwise (see pageArticle), and indexes them.
func (set *wikiQA) build() error {
	ids := make([]string, 0, len(set.pages))
	for id := range set.pages {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	articles := make([]*retrieval.Article, 0, len(ids))
	for _, id := range ids {
		a, err := set.pageArticle(set.pages[id])
		if err != nil {
			return err
		}
		articles = append(articles, a)
	}
	ix, err := retrieval.NewIndex(articles)
	if err != nil {
		return err
	}
	set.index = ix
	return nil
}

// pageArticle returns page p as an article: the title on line 1, sentence
// i on line i+2. Parse's cleaning rules were written for scraped news and
// read some encyclopedia sentences otherwise: a short line without a final
// period looks like a heading, a line equal to the title like the title
// printed again, two sentences may be split. Such candidates are counted
// in set.dropped and their page is built line by line as title and Text
// lines, so that every candidate can still be found.
func (set *wikiQA) pageArticle(p *wqPage) (*retrieval.Article, error) {
	body := p.title + "\n" + strings.Join(p.sentences, "\n") + "\n"
	a, err := retrieval.Parse(p.id, []byte(body))
	if err != nil {
		return nil, err
	}
	ok := strings.TrimSpace(a.Title) == strings.TrimSpace(p.title)
	for i, s := range p.sentences {
		if reason := candidateProblem(a, i+2, s); reason != "" {
			set.dropped[reason]++
			ok = false
		}
	}
	if ok {
		return a, nil
	}
	set.direct = append(set.direct, p.id)
	return lineArticle(p.id, p.title, body), nil
}

// candidateProblem says why line n of a is not the one quotable sentence
// text, or returns "".
func candidateProblem(a *retrieval.Article, n int, text string) string {
	var found []retrieval.Sentence
	for _, s := range a.Sentences {
		if int(s.Line) == n {
			found = append(found, s)
		}
	}
	switch {
	case len(found) == 0:
		return "line read as " + a.Lines[n-1].Kind.String()
	case len(found) > 1:
		return "split into sentences"
	case a.Text(found[0]) != strings.TrimSpace(text):
		return "trimmed (dateline or marker)"
	}
	return ""
}

// lineArticle builds an article whose first line is the title and every
// other non-blank line one Text sentence.
func lineArticle(id, title, body string) *retrieval.Article {
	a := &retrieval.Article{ID: id, Title: title, Body: body}
	start := 0
	for n := 1; start < len(body); n++ {
		end := strings.IndexByte(body[start:], '\n')
		if end < 0 {
			end = len(body)
		} else {
			end += start
		}
		kind := retrieval.Text
		text := body[start:end]
		trimmed := strings.TrimSpace(text)
		switch {
		case n == 1:
			kind = retrieval.Title
		case trimmed == "":
			kind = retrieval.Blank
		}
		a.Lines = append(a.Lines, retrieval.Line{Start: int32(start), End: int32(end), Kind: kind})
		if kind == retrieval.Text {
			s := start + strings.Index(text, trimmed)
			a.Sentences = append(a.Sentences, retrieval.Sentence{
				Index: int32(len(a.Sentences)), Line: int32(n), Start: int32(s), End: int32(s + len(trimmed)),
			})
		}
		start = end + 1
	}
	return a
}

func (set *wikiQA) describe(w io.Writer) {
	sentences := 0
	for _, p := range set.pages {
		sentences += len(p.sentences)
	}
	ranked, open := 0, 0
	for _, q := range set.questions {
		if q.filtered {
			ranked++
		}
		if q.hasCorrect() {
			open++
		}
	}
	fmt.Fprintf(w, "WikiQA %s: %d pages, %d sentences (%d indexed); %d questions ranked, %d searched open\n",
		set.split, len(set.pages), sentences, set.index.Len(), ranked, open)
	if len(set.direct) > 0 {
		var reasons []string
		total := 0
		for r, n := range set.dropped {
			reasons = append(reasons, fmt.Sprintf("%d %s", n, r))
			total += n
		}
		sort.Strings(reasons)
		fmt.Fprintf(w, "Parse did not make %d candidates one quotable sentence (%s); their %d pages were built line by line.\n",
			total, strings.Join(reasons, ", "), len(set.direct))
	}
	fmt.Fprintln(w)
}

// wqMetrics are one system's scores on a split.
type wqMetrics struct {
	mapScore, mrr         float64
	open1, open5, openMRR float64
}

// evaluate runs both tasks with parameters p on the questions that keep
// accepts (all if nil).
func (set *wikiQA) evaluate(p *retrieval.Params, keep func(*wqQuestion) bool) wqMetrics {
	var m wqMetrics
	ranked, open := 0, 0
	for _, q := range set.questions {
		if keep != nil && !keep(q) {
			continue
		}
		if q.filtered {
			ap, rr := set.rank(q, p)
			m.mapScore += ap
			m.mrr += rr
			ranked++
		}
		if q.hasCorrect() {
			hits := set.index.Search(q.text, retrieval.SearchOptions{K: 10, Params: p})
			for i, h := range hits {
				if h.Article.ID == q.page && q.correct(int(h.Sentence.Line)-2) {
					if i == 0 {
						m.open1++
					}
					if i < 5 {
						m.open5++
					}
					m.openMRR += 1 / float64(i+1)
					break
				}
			}
			open++
		}
	}
	m.mapScore /= float64(max(ranked, 1))
	m.mrr /= float64(max(ranked, 1))
	m.open1 /= float64(max(open, 1))
	m.open5 /= float64(max(open, 1))
	m.openMRR /= float64(max(open, 1))
	return m
}

// rank ranks q's candidates by a search of its page, the candidates the
// search did not find after it in page order, and returns the average
// precision and reciprocal rank.
func (set *wikiQA) rank(q *wqQuestion, p *retrieval.Params) (ap, rr float64) {
	hits := set.index.Search(q.text, retrieval.SearchOptions{K: len(q.cands), Article: q.page, Params: p})
	var order []int
	seen := map[int]bool{}
	for _, h := range hits {
		i := int(h.Sentence.Line) - 2
		order = append(order, i)
		seen[i] = true
	}
	for _, c := range q.cands {
		if !seen[c.sentence] {
			order = append(order, c.sentence)
		}
	}
	correct, total := 0, 0
	for _, c := range q.cands {
		if c.correct {
			total++
		}
	}
	for rank, i := range order {
		if q.correct(i) {
			correct++
			ap += float64(correct) / float64(rank+1)
			if correct == 1 {
				rr = 1 / float64(rank+1)
			}
		}
	}
	return ap / float64(max(total, 1)), rr
}

// fitWikiQA chooses DefaultParams: for every K1 and B on a small grid it
// fits the feature weights on the train questions (pairwise logistic
// regression, see retrieval.FitWeights), then keeps the setting that does
// best on dev (MAP plus open success@1), and then the fuzzy weight the
// same way. Test questions are not read.
func fitWikiQA(ctx context.Context, env *environment, dir string) error {
	train, err := loadWikiQA(dir, "train")
	if err != nil {
		return err
	}
	dev, err := loadWikiQA(dir, "dev")
	if err != nil {
		return err
	}
	best, bestScore := retrieval.DefaultParams, -1.0
	start := retrieval.DefaultParams.Weights
	try := func(p retrieval.Params) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		p.Weights = start
		for range 3 { // the first pass depends on the weights: refit on its candidates
			p.Weights = train.fit(&p, nil)
		}
		m := dev.evaluate(&p, nil)
		score := m.mapScore + m.open1
		fmt.Fprintf(env.stderr, "K1 %.2f B %.2f fuzzy %.2f related %.2f: dev MAP %.3f MRR %.3f open s@1 %.3f s@5 %.3f\n", p.K1, p.B, p.Fuzzy, p.Related, m.mapScore, m.mrr, m.open1, m.open5)
		if score > bestScore {
			best, bestScore = p, score
		}
		return nil
	}
	for _, k1 := range []float64{0.6, 0.9, 1.2, 1.6, 2.0} {
		for _, b := range []float64{0.3, 0.5, 0.75, 0.9} {
			p := best
			p.K1, p.B = k1, b
			if err := try(p); err != nil {
				return err
			}
		}
	}
	for _, fz := range []float64{0.4, 0.55, 0.7, 0.85, 1} {
		p := best
		p.Fuzzy = fz
		if err := try(p); err != nil {
			return err
		}
	}
	for _, r := range []float64{0, 0.25, 0.5, 0.75} {
		p := best
		p.Related = r
		if err := try(p); err != nil {
			return err
		}
	}
	cv := train.crossValidate(best)
	fmt.Fprintf(env.stdout, "// train 2-fold: MAP %.3f MRR %.3f open s@1 %.3f s@5 %.3f\n", cv.mapScore, cv.mrr, cv.open1, cv.open5)
	fmt.Fprintf(env.stdout, "K1: %.2f, B: %.2f, Fuzzy: %.2f, Related: %.2f, Candidates: %d,\nWeights: Weights{\n", best.K1, best.B, best.Fuzzy, best.Related, best.Candidates)
	for f := range retrieval.NumFeatures {
		fmt.Fprintf(env.stdout, "\tFeat%s: %.3f,\n", strings.ToUpper(f.String()[:1])+f.String()[1:], best.Weights[f])
	}
	fmt.Fprintln(env.stdout, "},")
	return nil
}

// fit collects preferences from the split's questions with parameters p
// and fits weights to them. Ranking preferences put each correct candidate
// above each incorrect one its page search finds; open preferences put
// each correct candidate above each incorrect sentence among the first
// hits of a search of all pages. The weights are scaled so that the
// largest is 1.
func (set *wikiQA) fit(p *retrieval.Params, keep func(*wqQuestion) bool) retrieval.Weights {
	var prefs []retrieval.Preference
	for _, q := range set.questions {
		if !q.hasCorrect() || keep != nil && !keep(q) {
			continue
		}
		page := set.index.Search(q.text, retrieval.SearchOptions{K: len(q.cands), Article: q.page, Params: p})
		var good, bad, far []retrieval.Features
		for _, h := range page {
			if q.correct(int(h.Sentence.Line) - 2) {
				good = append(good, h.Features)
			} else {
				bad = append(bad, h.Features)
			}
		}
		for _, h := range set.index.Search(q.text, retrieval.SearchOptions{K: 20, Params: p}) {
			if h.Article.ID != q.page {
				far = append(far, h.Features)
			}
		}
		// Each question counts once in each task, as in MAP.
		for _, worse := range [][]retrieval.Features{bad, far} {
			for _, g := range good {
				for _, b := range worse {
					prefs = append(prefs, retrieval.Preference{Better: g, Worse: b, Weight: 1 / float64(len(good)*len(worse))})
				}
			}
		}
	}
	var use [retrieval.NumFeatures]bool
	for i := range use {
		use[i] = true
	}
	w := retrieval.FitWeights(prefs, use, 1)
	top := 0.0
	for _, x := range w {
		top = max(top, x)
	}
	for i := range w {
		w[i] /= top
	}
	return w
}

// crossValidate fits p's weights on the odd questions and evaluates them
// on the even ones, and the other way round, and averages the two.
func (set *wikiQA) crossValidate(p retrieval.Params) wqMetrics {
	var sum wqMetrics
	for fold := range 2 {
		in := func(q *wqQuestion) bool { return q.num%2 == fold }
		out := func(q *wqQuestion) bool { return q.num%2 != fold }
		for range 3 {
			p.Weights = set.fit(&p, in)
		}
		m := set.evaluate(&p, out)
		sum.mapScore += m.mapScore / 2
		sum.mrr += m.mrr / 2
		sum.open1 += m.open1 / 2
		sum.open5 += m.open5 / 2
		sum.openMRR += m.openMRR / 2
	}
	return sum
}

// showMisses prints up to n ranked questions whose first hit is not a
// correct answer: the first three hits and the correct ones, with their
// features, to see what the ranking is missing.
func (set *wikiQA) showMisses(w io.Writer, p *retrieval.Params, n int) {
	shown := 0
	for _, q := range set.questions {
		if !q.filtered || shown >= n {
			continue
		}
		hits := set.index.Search(q.text, retrieval.SearchOptions{K: len(q.cands), Article: q.page, Params: p})
		if len(hits) > 0 && q.correct(int(hits[0].Sentence.Line)-2) {
			continue
		}
		shown++
		fmt.Fprintf(w, "\nQ%d %q [%s]\n", q.num, q.text, set.pages[q.page].title)
		for i, h := range hits[:min(3, len(hits))] {
			fmt.Fprintf(w, "  #%d %.3f %v\n     %s\n", i+1, h.Score, h.Features, h.Article.Text(h.Sentence))
		}
		for _, c := range q.cands {
			if !c.correct {
				continue
			}
			rank := "not found"
			for r, h := range hits {
				if int(h.Sentence.Line)-2 == c.sentence {
					rank = fmt.Sprintf("#%d %.3f %v", r+1, h.Score, h.Features)
				}
			}
			fmt.Fprintf(w, "  correct, %s\n     %s\n", rank, set.pages[q.page].sentences[c.sentence])
		}
	}
}
