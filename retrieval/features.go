package retrieval

import (
	"fmt"
	"strings"
)

// A Feature is one measurement of how well a sentence answers a question.
// Shares are of the question's weight: the sum of the idf of its
// meaningful words, so that features mean the same in five articles and
// in a hundred thousand.
type Feature int

const (
	FeatBM25      Feature = iota // BM25 over the sentence, as a share of the question's weight
	FeatCoverage                 // share of the question's weight the sentence matches
	FeatTitle                    // share matched by the article's title
	FeatFocus                    // share of the weight of the words the title lacks that the sentence matches
	FeatContext                  // share matched by the neighbouring sentences but not the sentence
	FeatProximity                // share of consecutive question words found close together, more in order
	FeatLead                     // 1 for an article's first sentence
	FeatPosition                 // 1/(1+i) for an article's i-th sentence, from 0
	FeatWho                      // 1 if the question asks who and the sentence names someone new
	FeatWhen                     // 1 if the question asks when and the sentence has a date
	FeatCount                    // 1 if the question asks how many or how much and the sentence has a number
	FeatWhere                    // 1 if the question asks where and the sentence names a place
	FeatDefine                   // 1 if the question asks what something is and the sentence defines ("is a", "refers to")
	FeatWhy                      // 1 if the question asks why and the sentence gives a cause ("because", "due to")
	FeatLength                   // the sentence's terms over 32, at most 1
	FeatComplete                 // 1 if the sentence ends with a period, question or exclamation mark (not a caption or fragment)
	NumFeatures
)

var featureNames = [NumFeatures]string{"bm25", "coverage", "title", "focus", "context", "proximity", "lead", "position", "who", "when", "count", "where", "define", "why", "length", "complete"}

func (f Feature) String() string {
	if f >= 0 && f < NumFeatures {
		return featureNames[f]
	}
	return fmt.Sprintf("Feature(%d)", int(f))
}

// Features holds a sentence's value for each Feature.
type Features [NumFeatures]float64

// Weights holds what each Feature is worth in a sentence's score.
type Weights [NumFeatures]float64

// Score returns the weighted sum of f.
func (w *Weights) Score(f *Features) float64 {
	s := 0.0
	for i, x := range f {
		s += w[i] * x
	}
	return s
}

// String lists the features by name, for explanations and debugging.
func (f Features) String() string {
	var b strings.Builder
	for i, x := range f {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%s=%.3f", Feature(i), x)
	}
	return b.String()
}
