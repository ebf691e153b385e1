package rouge

import (
	"slices"
	"testing"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		name string
		in   string
		stem bool
		want []string
	}{
		// What rouge-score's tokenize.py does without a stemmer.
		{"lower-cased", "Police Killed the GUNMAN", false, []string{"police", "killed", "the", "gunman"}},
		{"punctuation separates", "Hello, world! (Again.)", false, []string{"hello", "world", "again"}},
		{"numbers split at punctuation", "£1.13bn, up 76%", false, []string{"1", "13bn", "up", "76"}},
		{"apostrophes split", "don't stop the Bank's plan", false, []string{"don", "t", "stop", "the", "bank", "s", "plan"}},
		{"hyphens split", "year-on-year", false, []string{"year", "on", "year"}},
		{"whitespace of every kind", "a\tb\nc\r\nd  e", false, []string{"a", "b", "c", "d", "e"}},
		{"non-ASCII letters separate", "Zürich café", false, []string{"z", "rich", "caf"}},
		{"dotted capital I", "İstanbul", false, []string{"i", "stanbul"}},
		{"kelvin sign", "4 \u212a", false, []string{"4", "k"}},
		{"invalid UTF-8", "a\xffb", false, []string{"a", "b"}},
		{"empty", "", false, nil},
		{"no letters", "... -- !", false, nil},

		// Porter2, for tokens longer than three bytes.
		{"stemmed", "Companies are cutting jobs", true, []string{"compani", "are", "cut", "job"}},
		{"stop words stemmed too", "having being", true, []string{"have", "be"}},
		{"three letters kept", "ran was dogs", true, []string{"ran", "was", "dog"}},
		{"digits", "2004 1990s", true, []string{"2004", "1990s"}},
		{"special word", "news skies", true, []string{"news", "sky"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Tokenize(tt.in, tt.stem); !slices.Equal(got, tt.want) {
				t.Errorf("Tokenize(%q, %v) = %q, want %q", tt.in, tt.stem, got, tt.want)
			}
		})
	}
}
