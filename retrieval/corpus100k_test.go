package retrieval_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"newsdesk/retrieval"
)

// bbcDir holds the BBC News Summary articles, one folder per category, one
// file per article: a title line, a blank line, paragraphs.
const bbcDir = "../../shared/data/bbc-news-summary/articles"

// A bbcArticle is one BBC article split into its title and paragraphs.
type bbcArticle struct {
	category   string
	title      string
	paragraphs []string
	body       []byte
	name       string
}

var bbc struct {
	once     sync.Once
	articles []bbcArticle
	err      error
}

// loadBBC reads the BBC articles once per process, skipping the one file
// that is not UTF-8. It skips the benchmark when the data is absent.
func loadBBC(tb testing.TB) []bbcArticle {
	tb.Helper()
	bbc.once.Do(func() {
		files, err := filepath.Glob(filepath.Join(bbcDir, "*", "*.txt"))
		if err != nil || len(files) == 0 {
			bbc.err = fmt.Errorf("no BBC articles in %s", bbcDir)
			return
		}
		sort.Strings(files)
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				bbc.err = err
				return
			}
			if !utf8.Valid(data) {
				continue
			}
			lines := strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
			a := bbcArticle{
				category: filepath.Base(filepath.Dir(f)),
				title:    strings.TrimSpace(lines[0]),
				body:     data,
				name:     filepath.Base(filepath.Dir(f)) + "/" + filepath.Base(f),
			}
			for _, l := range lines[1:] {
				if l = strings.TrimSpace(l); l != "" {
					a.paragraphs = append(a.paragraphs, l)
				}
			}
			bbc.articles = append(bbc.articles, a)
		}
	})
	if bbc.err != nil {
		tb.Skip(bbc.err)
	}
	return bbc.articles
}

// mustParseBBC parses the BBC articles through the real pipeline.
func mustParseBBC(tb testing.TB) []*retrieval.Article {
	tb.Helper()
	src := loadBBC(tb)
	out := make([]*retrieval.Article, 0, len(src))
	for _, a := range src {
		art, err := retrieval.Parse(a.name, a.body)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, art)
	}
	return out
}

// big is the generated corpus of 100,000 articles, built once per process.
var big struct {
	once      sync.Once
	articles  []*retrieval.Article
	index     *retrieval.Index
	textBytes int     // sum of article body sizes
	heapText  float64 // heap bytes held by the parsed articles alone
	heapIndex float64 // heap bytes held by articles and index together
}

const bigArticles = 100_000

// bigCorpus returns the generated corpus and its index. The articles are
// BBC articles recombined: each takes the title and opening paragraph of a
// BBC article and further paragraphs from others of the same category, and
// the names in it (capitalized words inside sentences) are renamed by a
// Zipf-distributed variant (s = 1.5, up to 4,096 variants; 62% of names
// change), so the vocabulary keeps growing with the corpus as it does in
// real news: 100,000 articles hold 33 million words of which about 390,000
// are distinct. Heaps' law with the constants measured on Reuters RCV1
// (K = 44, β = 0.49; Manning, Raghavan & Schütze, ch. 5) predicts 212,000,
// so the corpus errs on the side of more names. Generation is
// deterministic.
func bigCorpus(tb testing.TB) (*retrieval.Index, []*retrieval.Article) {
	tb.Helper()
	src := loadBBC(tb)
	big.once.Do(func() {
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		big.articles = generateArticles(src, bigArticles)
		for _, a := range big.articles {
			big.textBytes += len(a.Body)
		}
		big.heapText = heapSince(before)
		ix, err := retrieval.NewIndex(big.articles)
		if err != nil {
			panic(err)
		}
		big.index = ix
		big.heapIndex = heapSince(before)
	})
	return big.index, big.articles
}

func heapSince(before runtime.MemStats) float64 {
	runtime.GC()
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	return float64(after.HeapAlloc) - float64(before.HeapAlloc)
}

// generateArticles builds n articles from src in parallel; article i
// depends only on i, so the result does not depend on scheduling.
func generateArticles(src []bbcArticle, n int) []*retrieval.Article {
	byCategory := map[string][]string{}
	for _, a := range src {
		byCategory[a.category] = append(byCategory[a.category], a.paragraphs...)
	}
	out := make([]*retrieval.Article, n)
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += workers {
				body := generateArticle(src, byCategory, i)
				a, err := retrieval.Parse(fmt.Sprintf("gen/%06d.txt", i), []byte(body))
				if err != nil {
					panic(err)
				}
				out[i] = a
			}
		}()
	}
	wg.Wait()
	return out
}

func generateArticle(src []bbcArticle, byCategory map[string][]string, i int) string {
	r := rand.New(rand.NewPCG(20251219, uint64(i)))
	base := src[r.IntN(len(src))]
	pool := byCategory[base.category]
	n := max(2, len(base.paragraphs)+r.IntN(5)-2)
	paras := []string{base.paragraphs[0]}
	for len(paras) < n {
		paras = append(paras, pool[r.IntN(len(pool))])
	}
	zipf := rand.NewZipf(r, 1.5, 1, 4096)
	names := map[string]string{}
	rename := func(w string) string {
		if v, ok := names[w]; ok {
			return v
		}
		v := variant(w, zipf.Uint64())
		names[w] = v
		return v
	}
	var b strings.Builder
	b.WriteString(renameEntities(base.title, rename))
	for _, p := range paras {
		b.WriteString("\n\n")
		b.WriteString(renameEntities(p, rename))
	}
	b.WriteString("\n")
	return b.String()
}

// renameEntities replaces the capitalized ASCII words of text that do not
// open a sentence.
func renameEntities(text string, rename func(string) string) string {
	var b strings.Builder
	start := true
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsLetter(r) {
			b.WriteRune(r)
			if r == '.' || r == '!' || r == '?' {
				start = true
			}
			i += n
			continue
		}
		j := i
		for j < len(text) {
			r, n := utf8.DecodeRuneInString(text[j:])
			if !unicode.IsLetter(r) {
				break
			}
			j += n
		}
		w := text[i:j]
		if !start && 'A' <= w[0] && w[0] <= 'Z' && len(w) >= 4 && strings.ToUpper(w) != w && isASCII(w) {
			w = rename(w)
		}
		b.WriteString(w)
		start = false
		i = j
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

var syllables = strings.Fields("an ov ek ia or us in el ar is om ut en ad ir ov ba ko ri su ta ne lo mi")

// variant returns name itself for v = 1 (the most common draw) and a
// distinct, pronounceable respelling of it for every other v.
func variant(name string, v uint64) string {
	if v <= 1 {
		return name
	}
	cut := len(name) - 1
	for cut > 2 && !strings.ContainsRune("aeiouy", rune(name[cut])) {
		cut--
	}
	var b strings.Builder
	b.WriteString(name[:cut])
	for v > 0 {
		b.WriteString(syllables[v%uint64(len(syllables))])
		v /= uint64(len(syllables))
	}
	return b.String()
}
