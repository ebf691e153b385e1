package retrieval

import (
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
)

func TestNameCues(t *testing.T) {
	for _, tt := range []struct {
		text string
		want uint8
	}{
		{"The officials will meet in Florida.", cueName | cuePlace},
		{"Envoy Steve Witkoff is leading the talks.", cueName},
		{"Witkoff is leading the talks.", 0}, // the first word does not count
		{"\"Witkoff is leading the talks.\"", 0},
		{"they met at noon in the capital.", 0},
		{"They met IN ROME.", cueName | cuePlace}, // any case
		{"Talks moved to “Geneva” later.", cueName | cuePlace},
		{"Born in 1965, he moved into politics.", 0},
		{"A twin Ferrari engine.", cueName}, // "twin" is not "in"
		{"Protests in-depth on Monday.", cueName},
		{"Élan and verve.", 0},
		{"Ça va, Élodie.", cueName},
	} {
		if got := nameCues(tt.text); got != tt.want {
			t.Errorf("nameCues(%q) = %07b, want %07b", tt.text, got, tt.want)
		}
	}
}

// TestNameCuesCover checks that nameCues never leaves out a cue that
// nameCue would find: on the seeds, on the BBC articles unless -short or
// missing, and on random texts of letters, capitals, place words and
// punctuation.
func TestNameCuesCover(t *testing.T) {
	var texts []string
	indexes := []*Index{newSeedsIndex(t)}
	if files, _ := filepath.Glob(filepath.Join(bbcDir, "*", "*.txt")); len(files) > 0 && !testing.Short() {
		indexes = append(indexes, newBBCTestIndex(t))
	}
	for _, ix := range indexes {
		for ai, a := range ix.articles {
			for sn := ix.first[ai]; sn < ix.first[ai+1]; sn++ {
				_, s := ix.sentence(ai, sn)
				texts = append(texts, a.Text(s))
				if want := sentenceCues(a.Text(s)) | nameCues(a.Text(s)); ix.cues[sn] != want {
					t.Fatalf("indexed cues of %q: %07b, want %07b", a.Text(s), ix.cues[sn], want)
				}
			}
		}
	}
	r := rand.New(rand.NewPCG(3, 4))
	pieces := []string{"in", "IN", "In", "at", "from", "into", "to", "Paris", "paris", "x", "Ö", "ö", "É", "é", "ſ", "’", "'", "“", "—", "-", ".", ",", " ", " ", "5", "U.S.", "a", "B", "\u0301"}
	for range 50_000 {
		var b strings.Builder
		for range 1 + r.IntN(8) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		texts = append(texts, b.String())
	}
	for _, text := range texts {
		got := nameCues(text)
		for _, ask := range []askType{askWho, askWhere} {
			if nameCue(ask, text, nil) && got&mayNameCue[ask] == 0 {
				t.Fatalf("nameCue(%d, %q) is true, nameCues = %07b", ask, text, got)
			}
		}
	}
}
