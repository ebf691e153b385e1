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
// whole blocks when seeking, and the largest tf and shortest sentence in
// it, which bound what any of its postings can score (block-max pruning,
// see prune.go).

// blockSize is the number of postings in a block.
const blockSize = 128

type postings struct {
	data   []byte
	start  []uint32 // by term: first block in blocks; one more entry
	count  []uint32 // by term: number of postings (the term's df)
	blocks []block
}

type block struct {
	last   uint32 // last sentence in the block
	off    uint32 // byte offset of its first posting in data
	minLen uint16 // fewest terms of a sentence in the block
	maxTF  uint8  // largest tf in the block
}

func (p *postings) df(term uint32) uint32 { return p.count[term] }

// buildPostings inverts the sentences' term runs.
func buildPostings(sents tokenRuns, nterms int, sentLen []uint16) postings {
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
	p.data = make([]byte, 0, len(docs)*3/2)
	var buf [2 * binary.MaxVarintLen32]byte
	for t := range nterms {
		p.start[t] = uint32(len(p.blocks))
		d, f := docs[pos[t]:pos[t+1]], tfs[pos[t]:pos[t+1]]
		prev := uint32(0)
		for lo := 0; lo < len(d); lo += blockSize {
			hi := min(lo+blockSize, len(d))
			b := block{last: d[hi-1], off: uint32(len(p.data)), minLen: math.MaxUint16}
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
				b.maxTF = max(b.maxTF, f[i])
				b.minLen = min(b.minLen, sentLen[d[i]])
			}
			p.blocks = append(p.blocks, b)
		}
	}
	p.start[nterms] = uint32(len(p.blocks))
	p.data = append([]byte(nil), p.data...)
	return p
}

// A cursor walks one term's posting list in sentence order.
type cursor struct {
	p        *postings
	term     uint32
	b, bend  int // current block, end of the term's blocks
	n, i     int // postings in the decoded block, current one
	doc      uint32
	docs     [blockSize]uint32
	tfs      [blockSize]uint8
	word     int     // the question word this term matches
	strength float64 // 1 for the word itself, less for a fuzzy match
	idf      float64 // the term's own idf
	bound    float64 // most this term adds to a sentence's score
}

// done is the doc of an exhausted cursor: no sentence has this number.
const done = math.MaxUint32

// reset points c at the first posting of term.
func (c *cursor) reset(p *postings, term uint32) {
	c.p, c.term = p, term
	c.b, c.bend = int(p.start[term]), int(p.start[term+1])
	c.n, c.i = 0, 0
	c.doc = done
	if c.b < c.bend {
		c.load(c.b)
	}
}

// load decodes block b and moves to its first posting.
func (c *cursor) load(b int) {
	c.b = b
	blk := &c.p.blocks[b]
	prev := uint32(0)
	if b > int(c.p.start[c.term]) {
		prev = c.p.blocks[b-1].last
	}
	n := blockSize
	if b == c.bend-1 {
		if r := int(c.p.count[c.term]) % blockSize; r != 0 {
			n = r
		}
	}
	data := c.p.data[blk.off:]
	k := 0
	for i := range n {
		v, m := binary.Uvarint(data[k:])
		k += m
		tf := uint8(1)
		if v&1 != 0 {
			x, m := binary.Uvarint(data[k:])
			k += m
			tf = uint8(x + 2)
		}
		prev += uint32(v >> 1)
		c.docs[i], c.tfs[i] = prev, tf
	}
	c.n, c.i = n, 0
	c.doc = c.docs[0]
}

// tf returns the term's count in the current sentence.
func (c *cursor) tf() uint8 { return c.tfs[c.i] }

// next moves to the following posting.
func (c *cursor) next() {
	c.i++
	if c.i < c.n {
		c.doc = c.docs[c.i]
		return
	}
	if c.b+1 < c.bend {
		c.load(c.b + 1)
		return
	}
	c.doc = done
}

// seek moves to the first posting at or after sentence target.
func (c *cursor) seek(target uint32) {
	if c.doc >= target {
		return
	}
	if c.p.blocks[c.b].last < target {
		// Gallop over the blocks, then search the last stretch.
		lo, step := c.b+1, 1
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
			return
		}
		c.load(lo)
	}
	for c.docs[c.i] < target {
		c.i++
	}
	c.doc = c.docs[c.i]
}

// blockBound returns, for the block holding the current posting, the
// largest tf and the shortest sentence: what bounds its BM25 scores.
func (c *cursor) blockBound() (uint8, uint16) {
	b := &c.p.blocks[c.b]
	return b.maxTF, b.minLen
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
	for len(data) > 0 {
		v, n := binary.Uvarint(data)
		dst = append(dst, uint32(v))
		data = data[n:]
	}
	return dst
}
