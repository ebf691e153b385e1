package retrieval

import (
	"slices"
	"testing"
)

// TestPackedRuns round-trips runs of term numbers of every varint length,
// with the short ones run reads inline at the end of a run and before a
// longer one.
func TestPackedRuns(t *testing.T) {
	runs := [][]uint32{
		{0, 1, 127},
		{128, 16383, 5},
		{16384, 1<<21 - 1, 1 << 21, 1<<32 - 1, 127, 128},
		{},
		{300},
		{1<<28 + 3, 0},
	}
	var r tokenRuns
	for _, run := range runs {
		r.toks = append(r.toks, run...)
		r.ends = append(r.ends, uint32(len(r.toks)))
	}
	p := packRuns(r)
	for i, want := range runs {
		if got := p.run(i, nil); !slices.Equal(got, want) {
			t.Errorf("run %d = %v, want %v", i, got, want)
		}
	}
	for k, want := range []uint64{0, 1, 127, 128, 16383, 5} {
		data := p.data[p.offs[0]:p.offs[2]]
		var v uint64
		at := 0
		for range k + 1 {
			v, at = uvarint(data, at)
		}
		if v != want {
			t.Errorf("uvarint %d = %d, want %d", k, v, want)
		}
	}
}
