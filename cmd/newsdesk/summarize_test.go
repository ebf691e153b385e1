package main

import (
	"bufio"
	"encoding/json"
	"strings"
	"testing"

	"newsdesk/bot"
	"newsdesk/retrieval"
	"newsdesk/seeds"
	"newsdesk/summarize"
)

func TestSummarizePlain(t *testing.T) {
	out, _, err := runCLI(t, "", nil, "summarize", "001")
	if err != nil {
		t.Fatal(err)
	}
	articles, err := retrieval.Load(seeds.FS)
	if err != nil {
		t.Fatal(err)
	}
	want := bot.SummaryMarkdown(summarize.Summarize(articles[1], 3))
	if out != want {
		t.Errorf("summarize 001 printed\n%s\nwant what the bot posts:\n%s", out, want)
	}
}

func TestSummarizeJSON(t *testing.T) {
	out, _, err := runCLI(t, "", nil, "summarize", "--json", "004_0e41236b8ab5037e.txt", "--sentences", "2")
	if err != nil {
		t.Fatal(err)
	}
	var s jsonSummary
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatalf("%v in %s", err, out)
	}
	if s.Article != "004_0e41236b8ab5037e.txt" || s.Title == "" || len(s.Quotes) != 2 {
		t.Fatalf("summary %+v, want 2 quotes of 004 with its title", s)
	}
	checkQuotes(t, s)
}

// checkQuotes checks every quote of s against its line of the seed file.
func checkQuotes(t *testing.T, s jsonSummary) {
	t.Helper()
	data, err := seeds.FS.ReadFile(s.Article)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	for _, q := range s.Quotes {
		if q.Line < 1 || q.Line > len(lines) || !strings.Contains(lines[q.Line-1], q.Text) {
			t.Errorf("%s: %q is not on line %d", s.Article, q.Text, q.Line)
		}
		if q.Score <= 0 || q.Score > 1 {
			t.Errorf("%s: score %v outside (0, 1]", s.Article, q.Score)
		}
	}
}

// TestSummarizeStdin summarizes several articles in one process, one JSON
// object per line; a bad line gets an error object and fails the run once
// every line is done.
func TestSummarizeStdin(t *testing.T) {
	in := "001_e23c1adbc54749fb.txt\n\n002 5\nnone.txt\n003 zero\n000 2 3\n004 1\n"
	out, _, err := runCLI(t, in, nil, "summarize")
	if err == nil || !strings.Contains(err.Error(), "3 of the input lines") {
		t.Errorf("err = %v, want one naming 3 failed lines", err)
	}
	sc := bufio.NewScanner(strings.NewReader(out))
	var got []jsonSummary
	for sc.Scan() {
		var s jsonSummary
		if err := json.Unmarshal(sc.Bytes(), &s); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		got = append(got, s)
	}
	tests := []struct {
		article string
		quotes  int
		error   bool
	}{
		{"001_e23c1adbc54749fb.txt", 3, false},
		{"002_2febd623e457be3d.txt", 5, false},
		{"none.txt", 0, true},
		{"003", 0, true},
		{"000", 0, true},
		{"004_0e41236b8ab5037e.txt", 1, false},
	}
	if len(got) != len(tests) {
		t.Fatalf("got %d objects, want %d (blank lines skipped):\n%s", len(got), len(tests), out)
	}
	for i, tt := range tests {
		s := got[i]
		if s.Article != tt.article || len(s.Quotes) != tt.quotes || (s.Error != "") != tt.error {
			t.Errorf("line %d: %+v, want article %s, %d quotes, error %v", i, s, tt.article, tt.quotes, tt.error)
		}
		if !tt.error {
			checkQuotes(t, s)
		}
	}
}

func TestSummarizeHelp(t *testing.T) {
	for _, cmd := range []string{"summarize", "brief"} {
		out, stderr, err := runCLI(t, "001\n", nil, cmd, "-h")
		if err != nil || out != "" || !strings.Contains(stderr, "Usage: newsdesk "+cmd) {
			t.Errorf("%s -h: err %v, stdout %q, stderr %q; want usage on stderr only", cmd, err, out, stderr)
		}
	}
}

func TestSummarizeErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"summarize", "--sentences", "0", "001"}, "at least 1"},
		{[]string{"summarize", "nothing-like-this"}, "no article"},
		{[]string{"summarize", "00"}, "names 5 articles"},
		{[]string{"summarize", "001", "002"}, "one ARTICLE at a time"},
		{[]string{"summarize", "--articles", "/nonexistent/folder", "001"}, "articles folder"},
	}
	for _, tt := range tests {
		_, _, err := runCLI(t, "", nil, tt.args...)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: err = %v, want one containing %q", tt.args, err, tt.want)
		}
	}
}
