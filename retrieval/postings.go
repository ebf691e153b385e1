package retrieval

import (
	"encoding/binary"
	"math"
)

// Posting lists. For each term, the sentences that hold it, ascending,
// each with the term's count there (tf), cut into blocks of blockSize
// postings. A posting is one uvarint, (gap << 1) | (tf > 1), followed by
// uvarint(tf − 2) when tf > 1; the gap is from the previous sentence in the
// list (from 0 for the first). Most postings take one or two bytes.
//
// Every block records its last sentence and byte offset, so a cursor skips
// whole blocks when seeking. Every list records its largest tf and its
// shortest sentence, which bound what any of its postings can score (see
// prune.go). Block-max bounds were left out: in sentences tf is nearly
// always 1 and half of a term's bound is its coverage weight, which does
// not vary, so they would bound little tighter.

// blockSize is the number of postings in a block. A seek decodes from the
// start of the block it lands in, and questions seek a lot (WAND, title
// articles). Against 128, blocks of 32 searched the BBC corpus 12–17%
// faster (benchstat, n=5: 3–4 words 43.2 → 37.9 µs, 8–10 words 153.9 →
// 127.1 µs, p99 −16 to −20%) for 0.02 more bytes of index per byte of text
// on the 100k corpus.
const blockSize = 32

type postings struct {
	data   []byte
	start  []uint32 // by term: first block in blocks; one more entry
	count  []uint32 // by term: number of postings (the term's df)
	blocks []block
	bounds []bound               // by term: over all its blocks; nil for titles
	dense  map[uint32]*denseTerm // see dense.go; nil for titles and large indexes
}

// A bound is the largest tf and the shortest sentence among postings: no
// posting scores more BM25 than one with both.
type bound struct {
	minLen uint16
	maxTF  uint8
}

type block struct {
	last uint32 // last sentence in the block
	off  uint32 // byte offset of its first posting in data
}

func (p *postings) df(term uint32) uint32 { return p.count[term] }

// end returns the offset in p.data just past term's postings.
func (p *postings) end(term uint32) int {
	if b := p.start[term+1]; int(b) < len(p.blocks) {
		return int(p.blocks[b].off)
	}
	return len(p.data)
}

// buildPostings inverts the term runs: run i becomes posting i of each
// of its terms. sentLen gives each run's length for the bounds; with nil
// (titles, which nothing bounds) there are none. With dense, dense terms
// get bitmaps (see dense.go).
func buildPostings(sents tokenRuns, nterms int, sentLen []uint16, dense bool) postings {
	count := make([]uint32, nterms)
	seen := make([]uint32, nterms) // sentence number + 1 that last counted the term
	for i := range sents.ends {
		for _, t := range sents.run(i) {
			if seen[t] != uint32(i)+1 {
				seen[t] = uint32(i) + 1
				count[t]++
			}
		}
	}
	pos := make([]uint32, nterms+1)
	for t, c := range count {
		pos[t+1] = pos[t] + c
	}
	docs := make([]uint32, pos[nterms])
	tfs := make([]uint8, pos[nterms])
	next := pos[:nterms:nterms]
	next = append([]uint32(nil), next...)
	clear(seen)
	slot := make([]uint32, nterms)
	for i := range sents.ends {
		for _, t := range sents.run(i) {
			if seen[t] != uint32(i)+1 {
				seen[t] = uint32(i) + 1
				slot[t] = next[t]
				docs[next[t]] = uint32(i)
				tfs[next[t]] = 1
				next[t]++
			} else if tfs[slot[t]] < math.MaxUint8 {
				tfs[slot[t]]++
			}
		}
	}
	p := postings{count: count, start: make([]uint32, nterms+1)}
	if sentLen != nil {
		p.bounds = make([]bound, nterms)
	}
	p.data = make([]byte, 0, len(docs)*3/2)
	var buf [2 * binary.MaxVarintLen32]byte
	for t := range nterms {
		p.start[t] = uint32(len(p.blocks))
		d, f := docs[pos[t]:pos[t+1]], tfs[pos[t]:pos[t+1]]
		prev := uint32(0)
		tb := bound{minLen: math.MaxUint16}
		for lo := 0; lo < len(d); lo += blockSize {
			hi := min(lo+blockSize, len(d))
			p.blocks = append(p.blocks, block{last: d[hi-1], off: uint32(len(p.data))})
			for i := lo; i < hi; i++ {
				v := uint64(d[i]-prev) << 1
				if f[i] > 1 {
					v |= 1
				}
				n := binary.PutUvarint(buf[:], v)
				if f[i] > 1 {
					n += binary.PutUvarint(buf[n:], uint64(f[i]-2))
				}
				p.data = append(p.data, buf[:n]...)
				prev = d[i]
				tb.maxTF = max(tb.maxTF, f[i])
				if sentLen != nil {
					tb.minLen = min(tb.minLen, sentLen[d[i]])
				}
			}
		}
		if p.bounds != nil {
			p.bounds[t] = tb
		}
		if dense && len(d)*denseShare > len(sents.ends) {
			if p.dense == nil {
				p.dense = map[uint32]*denseTerm{}
			}
			p.dense[uint32(t)] = newDenseTerm(d, f, len(sents.ends))
		}
	}
	p.start[nterms] = uint32(len(p.blocks))
	p.data = append([]byte(nil), p.data...)
	return p
}

// A cursor walks one term's posting list in sentence order, decoding one
// posting at a time: a seek that lands in a block decodes it only as far
// as it needs.
type cursor struct {
	p        *postings
	term     uint32
	b, bend  int    // current block, end of the term's blocks
	left     int    // postings of the block not yet decoded
	k        uint32 // offset of the next posting in p.data
	doc      uint32 // current sentence, or done
	tf_      uint8
	word     int     // the question word this term matches
	strength float64 // 1 for the word itself, less for a fuzzy match
	idf      float64 // the term's own idf
	bound    float64 // most this term adds to a sentence's word score
}

// done is the doc of an exhausted cursor: no sentence has this number.
const done = math.MaxUint32

// reset points c at term's posting list without reading it: seek must
// come first.
func (c *cursor) reset(p *postings, term uint32) {
	c.p, c.term = p, term
	c.b, c.bend = int(p.start[term]), int(p.start[term+1])
	c.left = -1
	c.doc = 0
}

// enter moves to the start of block b and decodes its first posting.
func (c *cursor) enter(b int) {
	c.b = b
	n := blockSize
	if b == c.bend-1 {
		if r := int(c.p.count[c.term]) % blockSize; r != 0 {
			n = r
		}
	}
	c.left = n
	c.k = c.p.blocks[b].off
	c.doc = 0
	if b > int(c.p.start[c.term]) {
		c.doc = c.p.blocks[b-1].last
	}
	c.decode()
}

// decode reads the next posting of the current block.
func (c *cursor) decode() {
	v, k := uvarint(c.p.data, int(c.k))
	tf := uint8(1)
	if v&1 != 0 {
		var x uint64
		x, k = uvarint(c.p.data, k)
		tf = uint8(x + 2)
	}
	c.k = uint32(k)
	c.doc += uint32(v >> 1)
	c.tf_ = tf
	c.left--
}

// uvarint decodes the uvarint at data[k:] and returns it and the offset
// after it. Nearly all are one or two bytes: gaps in posting lists, and
// term numbers in the forward index (on BBC, 26% one byte, 73% two).
func uvarint(data []byte, k int) (uint64, int) {
	b := data[k]
	if b < 0x80 {
		return uint64(b), k + 1
	}
	if k+1 < len(data) {
		if c := data[k+1]; c < 0x80 {
			return uint64(b&0x7f) | uint64(c)<<7, k + 2
		}
	}
	v, n := binary.Uvarint(data[k:])
	return v, k + n
}

// tf returns the term's count in the current sentence.
func (c *cursor) tf() uint8 { return c.tf_ }

// next moves to the following posting.
func (c *cursor) next() {
	switch {
	case c.doc == done:
	case c.left > 0:
		c.decode()
	case c.b+1 < c.bend:
		c.enter(c.b + 1)
	default:
		c.doc = done
	}
}

// seek moves to the first posting at or after sentence target.
func (c *cursor) seek(target uint32) {
	if c.left < 0 { // just reset
		if c.b >= c.bend {
			c.doc = done
			return
		}
		c.gallop(c.b, target)
	} else if c.doc >= target {
		return
	} else if c.p.blocks[c.b].last < target {
		c.gallop(c.b+1, target)
	}
	for c.doc < target {
		c.decode() // the block's last posting is ≥ target
	}
}

// gallop enters the first block from lo on whose last sentence is at
// least target, galloping then searching, or marks c done.
func (c *cursor) gallop(lo int, target uint32) {
	step := 1
	for lo+step < c.bend && c.p.blocks[lo+step-1].last < target {
		lo += step
		step *= 2
	}
	hi := min(lo+step, c.bend)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if c.p.blocks[m].last < target {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo >= c.bend {
		c.doc = done
		c.left = 0
		return
	}
	c.enter(lo)
}

// packed holds runs of term numbers as uvarints back to back.
type packed struct {
	data []byte
	offs []uint32 // run i is data[offs[i]:offs[i+1]]
}

func packRuns(r tokenRuns) packed {
	p := packed{offs: make([]uint32, 0, len(r.ends)+1)}
	p.data = make([]byte, 0, len(r.toks)*2)
	p.offs = append(p.offs, 0)
	for i := range r.ends {
		for _, t := range r.run(i) {
			p.data = binary.AppendUvarint(p.data, uint64(t))
		}
		p.offs = append(p.offs, uint32(len(p.data)))
	}
	p.data = append([]byte(nil), p.data...)
	return p
}

// run appends run i's term numbers to dst.
func (p *packed) run(i int, dst []uint32) []uint32 {
	data := p.data[p.offs[i]:p.offs[i+1]]
	for k := 0; k < len(data); {
		// uvarint's one- and two-byte cases, inlined: nearly every term.
		if b := data[k]; b < 0x80 {
			dst = append(dst, uint32(b))
			k++
		} else if k+1 < len(data) && data[k+1] < 0x80 {
			dst = append(dst, uint32(b&0x7f)|uint32(data[k+1])<<7)
			k += 2
		} else {
			var v uint64
			v, k = uvarint(data, k)
			dst = append(dst, uint32(v))
		}
	}
	return dst
}
