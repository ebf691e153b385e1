package retrieval

import (
	"strings"
	"unicode"
)

// A query is an analyzed question: its meaningful words, what it asks
// for, and the words it uses (stop words included), lower-cased.
type query struct {
	words    []qword
	terms    []qterm   // the words' terms, in word order: words[i].terms are a run of them
	table    termTable // which words a term matches
	total    float64   // sum of the words' idf: the question's weight
	specific float64   // sum of the idf of the words that are not light
	ask      askType
	used     []string
}

// maxWords is how many distinct meaningful words of a question count; the
// rest are ignored (a match is a bit in a uint32).
const maxWords = 32

// A qword is one distinct meaningful word of a question and the indexed
// terms that match it: the word's own term, or, for a word the index
// never saw, its fuzzy matches.
type qword struct {
	term  string
	idf   float64
	light bool // one of lightWords
	terms []qterm
}

type qterm struct {
	id       uint32
	strength float64 // 1 for the word's own term, Params.Fuzzy for a fuzzy match
	idf      float64
}

// parseQuery analyzes question for ix. A word the index has is matched
// exactly; one it has not is matched fuzzily (with p.Fuzzy > 0) or not at
// all, and then weighs as much as the rarest word: the articles never
// using a question's word is the strongest sign they do not answer it.
func (ix *Index) parseQuery(question string, p *Params) query {
	return ix.parseInto(question, p, new(queryBuf))
}

// queryBuf is storage that parsing a question reuses: a search's scratch
// holds one, so that a search allocates little and the garbage collector
// runs seldom.
type queryBuf struct {
	words []qword
	terms []qterm
	used  []string
	toks  []Token
	ids   []uint32
	slots [tableSlots]termSlot
}

// parseInto is parseQuery with the query's slices in buf, which it
// holds until buf is parsed into again.
func (ix *Index) parseInto(question string, p *Params, buf *queryBuf) query {
	text := unshout(question)
	buf.used = appendLowerWords(buf.used[:0], text)
	ix.expandShorthand(buf.used)
	mistyped := ix.fixQuestionWord(buf.used)
	q := query{used: buf.used, words: buf.words[:0]}
	var frame int
	q.ask, frame = askOf(q.used)
	n := len(ix.sentLen)
	toks, ids := ix.analyzeQuestion(text, buf.toks[:0], buf.ids[:0])
	buf.toks, buf.ids = toks, ids
	terms := buf.terms[:0]
	for i, t := range toks {
		if len(q.words) == maxWords || q.has(t.Term) || t.Pos == frame || t.Pos == mistyped {
			continue
		}
		if _, filler := questionFiller[t.Term]; filler {
			continue
		}
		term := t.Term
		id, ok := ids[i]-1, ids[i] != 0
		if !ok {
			id, ok = ix.dict.lookup(term)
		}
		reread := false // read as another word
		if !ok {
			// Chat shorthand (shorthand.go), or a stop or light word with
			// two letters swapped (typos.go).
			meant, found := shorthandWord(text[t.Start:t.End])
			if !found {
				meant, found = swappedWord(text[t.Start:t.End])
			}
			if found {
				if isStopWord(meant) {
					continue
				}
				term, reread = stem(meant, nil), true
				if _, filler := questionFiller[term]; filler || q.has(term) {
					continue
				}
				id, ok = ix.dict.lookup(term)
			}
		}
		w := qword{term: term, idf: idf(0, n), light: has(lightWords, term)}
		from := len(terms) // w's terms are terms[from:]
		if ok {
			w.idf = idf(int(ix.post.df(id)), n)
			terms = append(terms, qterm{id: id, strength: 1, idf: w.idf})
			if p.Related > 0 {
				for _, r := range ix.related(t.Term, id) {
					terms = append(terms, qterm{id: r, strength: p.Related, idf: idf(int(ix.post.df(r)), n)})
				}
			}
		} else if norm, ok := normalizeWord(text[t.Start:t.End]); ok && p.Fuzzy > 0 && !reread {
			ms := ix.vocab.fuzzy(norm)
			for i, m := range ms {
				f := idf(int(ix.post.df(m.term)), n)
				if i == 0 || f > w.idf {
					w.idf = f
				}
				terms = append(terms, qterm{id: m.term, strength: p.Fuzzy, idf: f})
			}
		}
		if len(terms) > from {
			w.terms = terms[from:len(terms):len(terms)]
		}
		q.words = append(q.words, w)
		q.total += w.idf
		if !w.light {
			q.specific += w.idf
		}
	}
	buf.words, buf.terms = q.words, terms
	q.terms = terms
	q.table.build(q.words, &buf.slots)
	return q
}

// analyzeQuestion is Analyze for a question, appending to toks and ids:
// words the index has seen take their term from the vocabulary instead of
// the stemmer. ids holds, by token, its term's number plus one, or 0 when
// it came from the stemmer (the index may still hold it).
func (ix *Index) analyzeQuestion(text string, toks []Token, ids []uint32) ([]Token, []uint32) {
	pos := 0
	for i := 0; i < len(text); {
		start, end := nextWord(text, i)
		if start < 0 {
			break
		}
		i = end
		pos++
		word, ok := normalizeWord(text[start:end])
		if !ok {
			continue
		}
		term, known := "", uint32(0)
		if id, ok := ix.vocab.lookup(word); ok {
			term, known = ix.dict.text(id), id+1
		} else {
			term = stem(word, nil)
		}
		toks = append(toks, Token{Term: term, Start: start, End: end, Pos: pos - 1})
		ids = append(ids, known)
	}
	return toks, ids
}

// specificMask returns the words of q that are not light.
func (q *query) specificMask() uint32 {
	var m uint32
	for i, w := range q.words {
		if !w.light {
			m |= 1 << i
		}
	}
	return m
}

func (q *query) has(term string) bool {
	for _, w := range q.words {
		if w.term == term {
			return true
		}
	}
	return false
}

// unshout lower-cases a question typed in capitals ("WHO WON THE CUP"),
// whose capitals say nothing: otherwise every capitalized word would be
// read as an acronym and none as a stop word. "US" stays: in a question
// it is the country far more often than the pronoun.
func unshout(s string) string {
	upper, words := 0, 0
	for w := range strings.FieldsSeq(s) {
		if !strings.ContainsFunc(w, unicode.IsLetter) {
			continue
		}
		words++
		if !strings.ContainsFunc(w, unicode.IsLower) {
			upper++
		}
	}
	if words < 2 || upper*2 < words+1 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		start, end := nextWord(s, i)
		if start < 0 {
			b.WriteString(s[i:])
			break
		}
		b.WriteString(s[i:start])
		w := s[start:end]
		if w != "US" && w != "U.S" {
			w = strings.ToLower(w)
		}
		b.WriteString(w)
		i = end
	}
	return b.String()
}

// lowerWords returns the words of s, lower-cased, stop words included.
func lowerWords(s string) []string { return appendLowerWords(nil, s) }

// appendLowerWords appends the words of s, lower-cased, to out.
func appendLowerWords(out []string, s string) []string {
	for i := 0; i < len(s); {
		start, end := nextWord(s, i)
		if start < 0 {
			break
		}
		out = append(out, strings.ToLower(s[start:end]))
		i = end
	}
	return out
}

func contains(words []string, w string) bool {
	for _, u := range words {
		if u == w {
			return true
		}
	}
	return false
}

// lightWords are English words that say little about what a question is
// about, without being stop words: the SMART system's stop list (Salton,
// 1971, as shipped with the SMART retrieval system) less the snowball
// list the analyzer drops. They are searched like any word, but a quote
// whose only matches are light words does not answer a question: "What
// did Putin say about bitcoin?" is not answered by "Putin said…".
var lightWords = stemSet(lightList)

// lightPlain are lightWords as written, not stemmed.
var lightPlain = toSet(lightList)

const lightList = `able according accordingly actually afterwards allow allows almost alone along already
although always among amongst another anybody anyhow anyone anything anyway anywhere apart appear
appreciate appropriate around aside ask asking associated available away awfully became become becomes
becoming beforehand behind believe beside besides best better beyond brief came cannot cause causes
certain certainly changes clearly come comes concerning consequently consider considering contain
containing contains corresponding course currently definitely described despite different done
downwards either else elsewhere enough entirely especially even ever every everybody everyone
everything everywhere exactly example except far fifth first five followed following follows former
formerly forth four furthermore get gets getting given gives go goes going gone got gotten greetings
happens hardly hello help hence hereafter hereby herein hereupon hi hither hopefully howbeit however
ignored immediate inasmuch indeed indicate indicated indicates inner insofar instead inward keep keeps
kept know knows known last lately later latter latterly least less lest let like liked likely little
look looking looks mainly may maybe mean meanwhile merely might moreover mostly must name namely near
nearly necessary need needs neither never nevertheless new next nine nobody non none noone normally
nothing novel now nowhere obviously often oh ok okay old one ones onto others otherwise outside overall
particular particularly per perhaps placed please plus possible presumably probably provides quite
rather really reasonably regarding regardless regards relatively respectively right said saw say saying
says second secondly see seeing seem seemed seeming seems seen self selves sensible sent serious
seriously seven several shall since six somebody somehow someone something sometime sometimes somewhat
somewhere soon sorry specified specify specifying still sub sure take taken tell tends thank thanks
thence thereafter thereby therefore therein thereupon think third though three throughout thru thus
together took toward towards tried tries truly try trying twice two unfortunately unless unlikely unto
upon use used useful uses using usually value various via viz want wants way welcome well went whatever
whence whenever whereafter whereas whereby wherein whereupon wherever whether whither whoever whole
will willing wish within without wonder yes yet zero`
