package retrieval

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestDenseTerm(t *testing.T) {
	d := newDenseTerm([]uint32{0, 3, 64, 70, 200}, []uint8{1, 2, 1, 5, 1}, 201)
	at := 0
	for sn := range uint32(201) {
		want := map[uint32]uint8{0: 1, 3: 2, 64: 1, 70: 5, 200: 1}[sn]
		if d.has(sn) != (want > 0) {
			t.Fatalf("has(%d) = %v, want %v", sn, d.has(sn), want > 0)
		}
		if want > 0 {
			if got := d.tf(sn, &at); got != want {
				t.Errorf("tf(%d) = %d, want %d", sn, got, want)
			}
		}
	}
}

// TestOrRange checks orRange against setting bit by bit, for ranges of
// every alignment, with lo a multiple of 64 (a word at a time) and not.
func TestOrRange(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 8))
	src := make([]uint64, 8)
	for i := range src {
		src[i] = r.Uint64()
	}
	for _, lo := range []uint32{0, 64, 70} {
		n := uint32(len(src))*64 - lo
		for range 500 {
			from := r.Uint32N(n)
			to := from + r.Uint32N(n-from+1)
			got := make([]uint64, (n+63)/64)
			orRange(got, src, lo, from, to)
			want := make([]uint64, (n+63)/64)
			for s := from; s < to; s++ {
				if src[(lo+s)>>6]&(1<<((lo+s)&63)) != 0 {
					want[s>>6] |= 1 << (s & 63)
				}
			}
			if !slices.Equal(got, want) {
				t.Fatalf("orRange(lo %d, [%d, %d)) = %x, want %x", lo, from, to, got, want)
			}
		}
	}
}
