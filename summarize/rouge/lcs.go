package rouge

import "math/bits"

// l returns ROUGE-L of the candidate in s.
//
// The LCS length comes from the bit-parallel algorithm of Hyyrö
// ("Bit-parallel LCS-length computation revisited", 2004): a row of the
// usual table is a bit vector over the candidate's positions, with a 0
// where the row's value steps up, and each reference token updates it in
// ⌈len(candidate)/64⌉ word operations. For BenchmarkL's 185 candidate and
// 179 reference tokens, the LCS took about 40µs filling the O(m·n) table
// one int32 row at a time; this way it takes about 2µs.
func (sc *Scorer) l(s *scratch) Score {
	m, n := len(sc.toks), len(s.toks)
	if m == 0 || n == 0 {
		return Score{}
	}
	words := (n + 63) / 64
	// match[id*words:][:words] has a 1 at each candidate position holding
	// the reference token id. Tokens the reference lacks (-1) match nothing.
	match := grow(s.match, len(sc.vocab)*words)
	clear(match)
	for j, id := range s.toks {
		if id >= 0 {
			match[int(id)*words+j/64] |= 1 << (j % 64)
		}
	}
	v := grow(s.row, words)
	for k := range v {
		v[k] = ^uint64(0)
	}
	for _, id := range sc.toks {
		mk := match[int(id)*words : int(id+1)*words]
		var carry uint64
		for k, x := range v {
			u := x & mk[k]
			var sum uint64
			sum, carry = bits.Add64(x, u, carry)
			v[k] = sum | x&^u
		}
	}
	// The LCS length is the number of 0s among the first n bits.
	zeros := 0
	for k, x := range v {
		if k == words-1 && n%64 != 0 {
			x |= ^uint64(0) << (n % 64)
		}
		zeros += bits.OnesCount64(^x)
	}
	s.match, s.row = match, v
	return newScore(zeros, n, m)
}

// lsum returns ROUGE-Lsum of the candidate in s.
func (sc *Scorer) lsum(s *scratch) Score {
	m, n := len(sc.toks), len(s.toks)
	if m == 0 || n == 0 {
		return Score{}
	}
	// in[k*words:][:words] is the set of reference ids that candidate
	// sentence k holds.
	words := (len(sc.vocab) + 63) / 64
	in := grow(s.match, len(s.sents)*words)
	clear(in)
	for k, c := range s.sents {
		for _, id := range c {
			if id >= 0 {
				in[k*words+int(id)/64] |= 1 << (id % 64)
			}
		}
	}
	// left counts the candidate's tokens not yet hit. rouge-score also
	// counts down the reference's tokens, but a reference position is hit
	// at most once, so that count never runs out first.
	left := s.countCand(len(sc.vocab))
	hits := 0
	for _, r := range sc.sents {
		hit := grow(s.hit, len(r))
		clear(hit)
		for k, c := range s.sents {
			// A row of the table for a reference token the candidate
			// sentence lacks repeats the row above, and backtracking walks
			// straight up through it, so leaving such tokens out changes
			// neither the subsequence chosen nor its positions. Scoring the
			// 2,225 BBC summaries against same-length leads, this leaves
			// 23% of the cells.
			ck := in[k*words : (k+1)*words]
			ref, pos := s.ref[:0], s.pos[:0]
			for i, id := range r {
				if ck[id/64]&(1<<(id%64)) != 0 {
					ref = append(ref, id)
					pos = append(pos, int32(i))
				}
			}
			s.ref, s.pos = ref, pos
			s.table = markLCS(ref, pos, c, s.table, hit)
		}
		for i, h := range hit {
			if id := r[i]; h && left[id] > 0 {
				hits++
				left[id]--
			}
		}
		s.hit = hit
	}
	s.match = in
	return newScore(hits, n, m)
}

// markLCS sets hit[pos[i]] for each position i of ref on one longest
// common subsequence of ref and can, chosen as rouge-score's
// _backtrack_norec does: walking back from the ends, take a match, else
// drop the last candidate token if that keeps a strictly longer
// subsequence, else drop the last reference token. It returns table, grown
// to hold the (len(ref)+1)×(len(can)+1) table of prefix LCS lengths.
func markLCS(ref, pos, can, table []int32, hit []bool) []int32 {
	if len(ref) == 0 || len(can) == 0 {
		return table
	}
	w := len(can) + 1
	t := grow(table, (len(ref)+1)*w)
	clear(t[:w])
	for i, x := range ref {
		// diag, up and left are the cells above-left, above and left of
		// the one being filled, cur[j+1].
		prev, cur := t[i*w:(i+1)*w], t[(i+1)*w:(i+2)*w]
		cur[0] = 0
		var diag, left int32
		for j, y := range can {
			up := prev[j+1]
			if x == y {
				left = diag + 1
			} else if up > left {
				left = up
			}
			cur[j+1] = left
			diag = up
		}
	}
	for i, j := len(ref), len(can); i > 0 && j > 0; {
		switch {
		case ref[i-1] == can[j-1]:
			hit[pos[i-1]] = true
			i--
			j--
		case t[i*w+j-1] > t[(i-1)*w+j]:
			j--
		default:
			i--
		}
	}
	return t
}

// grow returns b resliced, or reallocated, to length n. The contents are
// left as they were.
func grow[T any](b []T, n int) []T {
	if cap(b) < n {
		return make([]T, n)
	}
	return b[:n]
}
