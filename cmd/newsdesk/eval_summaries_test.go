package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestSplitBBCReference(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Sales rose 2% to $11.1bn from $10.9bn.For the full-year, profit was $3.36bn.",
			[]string{"Sales rose 2% to $11.1bn from $10.9bn.", "For the full-year, profit was $3.36bn."}},
		{`He said: "We are pleased."Analysts agreed.`,
			[]string{`He said: "We are pleased."`, "Analysts agreed."}},
		{`Shares fell.“No” was the answer.`, []string{"Shares fell.“No” was the answer."}},
		{`Prices rose."It is bad," he said.`,
			[]string{"Prices rose.", `"It is bad," he said.`}},
		{"Mr. Smith won 4.5% of the vote.", []string{"Mr. Smith won 4.5% of the vote."}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := splitBBCReference(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("splitBBCReference(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCNNDMSentences(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"( cnn ) the vote passed . it was close ! why ? nobody knows",
			[]string{"( cnn ) the vote passed .", "it was close !", "why ?", "nobody knows"}},
		{"he said `` we won . '' then he left .",
			[]string{"he said `` we won . ''", "then he left ."}},
		{"she called it ' a disgrace . ' later she apologised .",
			[]string{"she called it ' a disgrace . '", "later she apologised ."}},
		{"the u.s. team won 2-1 .", []string{"the u.s. team won 2-1 ."}},
	}
	for _, tt := range tests {
		if got := cnndmSentences(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("cnndmSentences(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestEvalOnTinyData runs both evaluations on three-article copies of the
// data sets' layout, one BBC file in Latin-1.
func TestEvalOnTinyData(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	body := "Profits rise at the harbour firm\n\nThe harbour firm said profits rose 8% to £1.2m in the year to March.\n\nIt also said it would hire 40 more staff in the spring. Shares rose 3% on the news in London.\n"
	write("bbc-news-summary/articles/business/001.txt", body)
	write("bbc-news-summary/summaries/business/001.txt", "The harbour firm said profits rose 8% to £1.2m in the year to March.Shares rose 3% on the news in London.")
	latin1 := strings.ReplaceAll(body, "£", "\xa3")
	write("bbc-news-summary/articles/sport/002.txt", latin1)
	write("bbc-news-summary/summaries/sport/002.txt", "Shares rose 3% on the news in London.")
	write("cnndm-sample/articles/000001.txt", "( cnn ) the harbour firm said profits rose 8 % . it will hire 40 staff . shares rose 3 % . analysts were surprised .")
	write("cnndm-sample/highlights/000001.txt", "harbour firm profits rose 8 % .\nshares rose 3 % .")
	for _, name := range []string{"bbc", "cnndm"} {
		out, _, err := runCLI(t, "", nil, "eval", name, "--data", dir)
		if err != nil {
			t.Fatalf("eval %s: %v", name, err)
		}
		for _, want := range []string{"Newsdesk", "TextRank (plain)", "R-1"} {
			if !strings.Contains(out, want) {
				t.Errorf("eval %s output lacks %q:\n%s", name, want, out)
			}
		}
	}
	if _, _, err := runCLI(t, "", nil, "eval", "bbc", "--data", t.TempDir()); err == nil || !strings.Contains(err.Error(), "no articles") {
		t.Errorf("eval bbc on an empty folder: err = %v", err)
	}
}
