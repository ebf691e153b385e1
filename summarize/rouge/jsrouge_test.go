package rouge

import (
	"encoding/json"
	"math"
	"os"
	"testing"
)

// TestJSRouge checks the unstemmed scores against js-rouge's on the pairs
// in testdata/jsrouge.json (see testdata/jsrouge.js). The two compute F1
// by different formulas, so they may differ in the last bit or two.
func TestJSRouge(t *testing.T) {
	b, err := os.ReadFile("testdata/jsrouge.json")
	if err != nil {
		t.Fatal(err)
	}
	var data struct {
		JSRouge string `json:"jsRouge"`
		Pairs   []struct {
			Name      string     `json:"name"`
			Cand      []string   `json:"cand"`
			Ref       []string   `json:"ref"`
			Rouge1    [3]float64 `json:"rouge1"`
			Rouge2    [3]float64 `json:"rouge2"`
			RougeL    [3]float64 `json:"rougeL"`
			RougeLsum [3]float64 `json:"rougeLsum"`
		} `json:"pairs"`
	}
	if err := json.Unmarshal(b, &data); err != nil {
		t.Fatalf("testdata/jsrouge.json: %v", err)
	}
	if len(data.Pairs) < 30 {
		t.Fatalf("testdata/jsrouge.json has %d pairs, want at least 30", len(data.Pairs))
	}
	const tol = 1e-6
	var maxDiff float64
	for _, p := range data.Pairs {
		t.Run(p.Name, func(t *testing.T) {
			sc := NewScorer(p.Ref, false)
			for _, m := range []struct {
				name string
				got  Score
				want [3]float64
			}{
				{"rouge1", sc.N(p.Cand, 1), p.Rouge1},
				{"rouge2", sc.N(p.Cand, 2), p.Rouge2},
				{"rougeL", sc.L(p.Cand), p.RougeL},
				{"rougeLsum", sc.LSum(p.Cand), p.RougeLsum},
			} {
				got := [3]float64{m.got.Precision, m.got.Recall, m.got.F1}
				for i := range got {
					d := math.Abs(got[i] - m.want[i])
					maxDiff = max(maxDiff, d)
					if d > tol {
						t.Errorf("%s(%q, %q) = %v, js-rouge %s has %v", m.name, p.Cand, p.Ref, got, data.JSRouge, m.want)
						break
					}
				}
			}
		})
	}
	t.Logf("%d pairs, largest difference from js-rouge %s: %.3g", len(data.Pairs), data.JSRouge, maxDiff)
}
