package retrieval

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"
)

// bestTitles gives the first titleFirst of the matches sorted by share,
// largest first, ties in title order.
func TestBestTitles(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 5, titleFirst - 1, titleFirst, titleFirst + 1, 100, 3000} {
		for range 20 {
			titles := make([]titleMatch, n)
			for i := range titles {
				titles[i].share = float64(r.IntN(8)) / 8 // many ties
			}
			want := make([]int32, n)
			for i := range want {
				want[i] = int32(i)
			}
			slices.SortFunc(want, func(x, y int32) int {
				if a, b := titles[x].share, titles[y].share; a != b {
					return cmp.Compare(b, a)
				}
				return cmp.Compare(x, y)
			})
			want = want[:min(n, titleFirst)]
			if got := bestTitles(titles, nil); !slices.Equal(got, want) {
				t.Fatalf("%d titles: %v, want %v", n, got, want)
			}
		}
	}
}

// mergeRuns sorts hits made of sorted runs, some empty, as a sort would.
func TestMergeRuns(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var spare []titleHit
	for _, k := range []int{0, 1, 2, 3, 5, 8, 17} {
		for range 50 {
			var hits []titleHit
			var runs []int
			for w := range k {
				runs = append(runs, len(hits))
				n := r.IntN(4) * r.IntN(30) // often empty
				arts := make([]int32, n)
				for i := range arts {
					arts[i] = int32(r.IntN(200))
				}
				slices.Sort(arts)
				for _, a := range arts {
					hits = append(hits, titleHit{art: a, word: int32(w)})
				}
			}
			want := slices.Clone(hits)
			slices.SortStableFunc(want, func(a, b titleHit) int { return cmp.Compare(a.art, b.art) })
			var got []titleHit
			got, spare = mergeRuns(hits, runs, spare)
			if !slices.EqualFunc(got, want, func(a, b titleHit) bool { return a.art == b.art }) {
				t.Fatalf("%d runs: %v, want %v", k, got, want)
			}
			// The same hits, whatever their order within an article.
			count := func(hs []titleHit) map[titleHit]int {
				m := map[titleHit]int{}
				for _, h := range hs {
					m[h]++
				}
				return m
			}
			if g, w := count(got), count(want); len(g) != len(w) {
				t.Fatalf("%d runs: merged %d distinct hits, want %d", k, len(g), len(w))
			} else {
				for h, n := range w {
					if g[h] != n {
						t.Fatalf("%d runs: hit %v %d times, want %d", k, h, g[h], n)
					}
				}
			}
		}
	}
}
