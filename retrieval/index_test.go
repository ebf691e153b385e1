package retrieval

import (
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"
)

// TestPostingsRoundTrip encodes random posting lists and reads them back
// with next and seek.
func TestPostingsRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	const nterms, nsents = 50, 3000
	var runs tokenRuns
	want := make([][][2]uint32, nterms) // by term: sentence, tf
	lens := make([]uint16, nsents)
	for sn := range nsents {
		n := r.IntN(12)
		var toks []uint32
		for range n {
			// Term t appears with probability falling with t, so that lists
			// range from a few postings to several blocks.
			toks = append(toks, uint32(r.IntN(1+r.IntN(nterms))))
		}
		runs.toks = append(runs.toks, toks...)
		runs.ends = append(runs.ends, uint32(len(runs.toks)))
		lens[sn] = uint16(n)
		count := map[uint32]uint32{}
		for _, tk := range toks {
			count[tk]++
		}
		for tk, c := range count {
			want[tk] = append(want[tk], [2]uint32{uint32(sn), c})
		}
	}
	p := buildPostings(runs, nterms, lens, true)
	var c cursor
	for term := range uint32(nterms) {
		w := want[term]
		if int(p.df(term)) != len(w) {
			t.Fatalf("term %d: df %d, want %d", term, p.df(term), len(w))
		}
		c.reset(&p, term)
		c.seek(0)
		for i, x := range w {
			if c.doc != x[0] || uint32(c.tf()) != x[1] {
				t.Fatalf("term %d posting %d: (%d, %d), want %v", term, i, c.doc, c.tf(), x)
			}
			c.next()
		}
		if c.doc != done {
			t.Fatalf("term %d: after %d postings, doc %d, want done", term, len(w), c.doc)
		}
		// Seeks to random targets, forward only, from a fresh cursor.
		c.reset(&p, term)
		target := uint32(0)
		for range 20 {
			target += uint32(r.IntN(400))
			c.seek(target)
			i := sort.Search(len(w), func(i int) bool { return w[i][0] >= target })
			if i == len(w) {
				if c.doc != done {
					t.Fatalf("term %d: seek(%d) = %d, want done", term, target, c.doc)
				}
				break
			}
			if c.doc != w[i][0] {
				t.Fatalf("term %d: seek(%d) = %d, want %d", term, target, c.doc, w[i][0])
			}
		}
		b := p.bounds[term]
		for _, x := range w {
			if uint32(b.maxTF) < x[1] || b.minLen > lens[x[0]] {
				t.Fatalf("term %d: bound %+v does not bound sentence %d (tf %d, %d terms)", term, b, x[0], x[1], lens[x[0]])
			}
		}
	}
}

func TestDictionary(t *testing.T) {
	terms := []string{"say", "ukrain", "peac", "talk", "ukrainian", "ukrainians", "a"}
	d := newDictionary(terms)
	for i, term := range terms {
		if id, ok := d.lookup(term); !ok || id != uint32(i) {
			t.Errorf("lookup(%q) = %d, %v, want %d", term, id, ok, i)
		}
		if got := d.text(uint32(i)); got != term {
			t.Errorf("text(%d) = %q, want %q", i, got, term)
		}
	}
	for _, term := range []string{"", "ukrai", "zzz", "ukrainianz"} {
		if id, ok := d.lookup(term); ok {
			t.Errorf("lookup(%q) = %d, want none", term, id)
		}
	}
	var sorted []string
	for i := range d.len() {
		sorted = append(sorted, d.at(i))
	}
	if !slices.IsSorted(sorted) {
		t.Errorf("terms not sorted: %q", sorted)
	}
}

func TestNewIndex(t *testing.T) {
	a, err := Parse("a.txt", []byte("A title\n\nOne sentence here.\n"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := NewIndex([]*Article{a, a}); err == nil || !strings.Contains(err.Error(), `duplicate article id "a.txt"`) {
		t.Errorf("NewIndex with a duplicate ID: error %v", err)
	}
	empty, err := NewIndex(nil)
	if err != nil {
		t.Fatal(err)
	}
	if hits := empty.Search("anything at all", SearchOptions{}); hits != nil {
		t.Errorf("empty index: Search found %v", hits)
	}
	if ans := empty.Answer("anything at all", AnswerOptions{Top: 3}); ans.Found {
		t.Errorf("empty index: Answer found %v", ans.Quotes)
	}
	ix, err := NewIndex([]*Article{a})
	if err != nil {
		t.Fatal(err)
	}
	if ix.Len() != 1 || ix.DocFreq("sentenc") != 1 || ix.DocFreq("titl") != 0 || ix.Article("a.txt") != a || ix.Article("b.txt") != nil {
		t.Errorf("Len %d, DocFreq(sentenc) %d, DocFreq(titl) %d", ix.Len(), ix.DocFreq("sentenc"), ix.DocFreq("titl"))
	}
}

// TestAnalyzeQuestion checks that questions, which take the terms of
// known words from the vocabulary, are analyzed as Analyze would, and
// those from the vocabulary come with their terms' numbers.
func TestAnalyzeQuestion(t *testing.T) {
	ix := newSeedsIndex(t)
	texts := []string{"Whats the latest on the Odessa port attack", "U.S. 4.5bn loans to Ukraine’s army", "Zelenskyy’s aides said", "WHO IS LEADING"}
	for _, a := range ix.Articles() {
		for _, s := range a.Sentences {
			texts = append(texts, a.Text(s))
		}
	}
	known := 0
	for _, text := range texts {
		got, ids := ix.analyzeQuestion(text, nil, nil)
		if want := Analyze(text); !slices.Equal(got, want) {
			t.Errorf("analyzeQuestion(%q) = %v, want %v", text, got, want)
		}
		for i, id := range ids {
			if id == 0 {
				continue
			}
			known++
			if term := ix.dict.text(id - 1); term != got[i].Term {
				t.Errorf("analyzeQuestion(%q): token %q has the number of %q", text, got[i].Term, term)
			}
		}
	}
	if known == 0 {
		t.Error("analyzeQuestion gave no token its term's number")
	}
}

func TestUnshout(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"WHO WON THE CUP IN THE US", "who won the cup in the US"},
		{"What did NATO say?", "What did NATO say?"},
		{"NATO", "NATO"},
		{"HOW MUCH IS CENTAVOS IN MEXICO", "how much is centavos in mexico"},
	} {
		if got := unshout(tt.in); got != tt.want {
			t.Errorf("unshout(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestAskOf(t *testing.T) {
	for _, tt := range []struct {
		question string
		ask      askType
		frame    string
	}{
		{"Who is leading the talks?", askWho, ""},
		{"who is Rustem Umerov", askDefine, ""},
		{"When did Russia invade Ukraine?", askWhen, ""},
		{"In what year was it built?", askWhen, "year"},
		{"How many people died?", askCount, "many"},
		{"how long was frank sinatra famous", askCount, "long"},
		{"Where will officials meet?", askWhere, ""},
		{"What country are bongo drums from?", askWhere, ""},
		{"What is a plus-minus sign?", askDefine, ""},
		{"what does auld lang syne mean", askDefine, "mean"},
		{"Why do Ukrainians oppose the plan?", askWhy, ""},
		{"How did the talks go?", askOther, ""},
		{"Did the EU agree?", askOther, ""},
	} {
		words := lowerWords(tt.question)
		ask, frame := askOf(words)
		f := ""
		if frame >= 0 {
			f = words[frame]
		}
		if ask != tt.ask || f != tt.frame {
			t.Errorf("askOf(%q) = %d, %q, want %d, %q", tt.question, ask, f, tt.ask, tt.frame)
		}
	}
}

func TestSentenceCues(t *testing.T) {
	for _, tt := range []struct {
		text string
		want uint8
	}{
		{"Russia invaded Ukraine in February 2022.", cueDate | cueComplete},
		{"Seven people died, fifteen were wounded", cueNumber},
		{"The loan of 90 billion euros plugs the gap.", cueNumber | cueComplete},
		{"It costs $4.5bn", cueNumber},
		{"He was born on 31 July 1965.", cueDate | cueComplete}, // 31 is a day, 1965 a year
		{"A newton metre is a unit of torque.", cueDefine | cueComplete},
		{"Mens rea refers to the guilty mind.", cueDefine | cueComplete},
		{"Talks stalled because neither side would concede.", cueCause | cueComplete},
		{"So far, so good.", cueComplete},
	} {
		if got := sentenceCues(tt.text); got != tt.want {
			t.Errorf("sentenceCues(%q) = %05b, want %05b", tt.text, got, tt.want)
		}
	}
	used := lowerWords("Who is leading the talks in Miami?")
	for _, tt := range []struct {
		ask  askType
		text string
		want bool
	}{
		{askWho, "Witkoff is leading the talks.", false}, // the first word does not count
		{askWho, "Envoy Steve Witkoff is leading the talks.", true},
		{askWho, "The talks in Miami go on.", false}, // Miami is in the question
		{askWhere, "The officials will meet in Florida.", true},
		{askWhere, "The officials met Florida's governor.", false},
	} {
		if got := nameCue(tt.ask, tt.text, used); got != tt.want {
			t.Errorf("nameCue(%d, %q) = %v, want %v", tt.ask, tt.text, got, tt.want)
		}
	}
}
