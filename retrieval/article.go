package retrieval

import "time"

// An Article is one news article as loaded from its file: the file's bytes
// kept verbatim in Body, every physical line with its role, and the
// sentences that may be quoted. An Article is immutable once parsed.
type Article struct {
	ID        string    // path relative to the folder it was loaded from
	Title     string    // front-matter title, else the first non-empty line
	Source    string    // front-matter source (an outlet's name), may be empty
	URL       string    // front-matter url, may be empty
	Published time.Time // front-matter published, else file time; zero if undated
	Body      string    // the whole file, byte for byte
	Lines     []Line    // every physical line: Lines[i] is line i+1
	Sentences []Sentence
}

// A Line is one physical line of an article file; its number is its
// place in Article.Lines plus one. Its offsets are int32, which
// [MaxArticleBytes] allows: a Line is 12 bytes, a [Sentence] 16 (with ints,
// a line number and a Text string they were 32 and 56). On
// BenchmarkMemory's 200 MB corpus that took parsed articles from 384.7 to
// 269 MB of heap.
type Line struct {
	Start int32 // byte offset of the line in Body
	End   int32 // byte offset of its end, before "\r\n" or "\n"
	Kind  Kind  // what the line is: news text, a heading, furniture…
}

// A Sentence is a quotable span of one line. Its text is Body[Start:End]
// ([Article.Text]), so a quote is always an exact substring of the line it
// cites.
type Sentence struct {
	Index int32 // position in Article.Sentences
	Line  int32 // 1-based line number
	Start int32 // byte offset in Body
	End   int32 // byte offset just past the sentence in Body
}

// Kind says what role a line plays on the page. Only [Text] and [Bullet]
// lines hold quotable sentences; the others are structure or furniture.
type Kind uint8

const (
	Blank       Kind = iota // empty or white space only
	FrontMatter             // the --- block of key: value lines
	Title                   // the title line
	Repeat                  // the title printed again in the body
	Heading                 // a section heading, byline or label: short, no closing punctuation
	Dateline                // a place name opening the story: "MIAMI:"
	Caption                 // a photo credit or caption
	Furniture               // counters, share and subscribe calls, copyright lines
	Teaser                  // a block of links to other stories and everything after it
	Bullet                  // a list item: "- text"
	Text                    // body text
)

var kindNames = [...]string{"blank", "frontmatter", "title", "repeat", "heading", "dateline", "caption", "furniture", "teaser", "bullet", "text"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind?"
}

// Quotable reports whether sentences of a line of this kind may be quoted.
func (k Kind) Quotable() bool { return k == Text || k == Bullet }

// LineText returns the text of line n (1-based) without its line ending, or
// "" when n is out of range.
func (a *Article) LineText(n int) string {
	if n < 1 || n > len(a.Lines) {
		return ""
	}
	l := a.Lines[n-1]
	return a.Body[l.Start:l.End]
}

// Text returns the text of sentence s of a, Body[s.Start:s.End].
func (a *Article) Text(s Sentence) string { return a.Body[s.Start:s.End] }

// Dated reports whether the article has a publication time.
func (a *Article) Dated() bool { return !a.Published.IsZero() }
