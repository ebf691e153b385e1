package retrieval

import "testing"

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
