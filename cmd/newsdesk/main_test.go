package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"newsdesk/bot"
	"newsdesk/seeds"
)

// runCLI runs newsdesk in-process with args, stdin and the given
// environment variables, and returns stdout, stderr and the error.
func runCLI(tb testing.TB, stdin string, env map[string]string, args ...string) (string, string, error) {
	tb.Helper()
	var stdout, stderr bytes.Buffer
	e := &environment{
		args:   args,
		getenv: func(k string) string { return env[k] },
		stdin:  strings.NewReader(stdin),
		stdout: &stdout,
		stderr: &stderr,
	}
	err := run(context.Background(), e)
	return stdout.String(), stderr.String(), err
}

func TestAskPlain(t *testing.T) {
	out, _, err := runCLI(t, "", nil, "ask", "Who", "is", "leading", "the", "talks?")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out, "> ") || !strings.Contains(out, "(`001_e23c1adbc54749fb.txt`, line 25)") {
		t.Errorf("ask output:\n%s\nwant a block quote citing 001_e23c1adbc54749fb.txt line 25", out)
	}
}

func TestAskNotFound(t *testing.T) {
	out, _, err := runCLI(t, "", nil, "ask", "Who won the World Cup?")
	if err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(out) != "I could not find that in the articles." {
		t.Errorf("ask output %q, want the not-found sentence", out)
	}
}

// TestAskNoSubject: a question with nothing to search for ("hey!") is
// asked for words, as the bot asks, not told that nothing was found.
func TestAskNoSubject(t *testing.T) {
	for _, q := range []string{"hey!", "thanks", "what did they say?"} {
		out, _, err := runCLI(t, "", nil, "ask", q)
		if err != nil {
			t.Fatal(err)
		}
		if strings.TrimSpace(out) != bot.NoSubject {
			t.Errorf("ask %q: %q, want the note asking for words", q, out)
		}
	}
}

// TestAskJSONStdin answers one question per line of standard input and
// checks every quote against its cited line of the seed file.
func TestAskJSONStdin(t *testing.T) {
	in := "Who is leading the talks?\n\nWho won the World Cup?\nHow big is the EU loan to Ukraine?\n"
	out, _, err := runCLI(t, in, nil, "ask", "--json")
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(strings.NewReader(out))
	var answers []jsonAnswer
	for sc.Scan() {
		var a jsonAnswer
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		answers = append(answers, a)
	}
	if len(answers) != 3 {
		t.Fatalf("got %d answers, want 3 (blank lines skipped)", len(answers))
	}
	if !answers[0].Found || answers[1].Found || len(answers[1].Quotes) != 0 {
		t.Errorf("found = %v, %v (quotes %d); want true, false (0)", answers[0].Found, answers[1].Found, len(answers[1].Quotes))
	}
	for _, a := range answers {
		for _, q := range a.Quotes {
			data, err := seeds.FS.ReadFile(q.Article)
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(string(data), "\n")
			if q.Line < 1 || q.Line > len(lines) || !strings.Contains(lines[q.Line-1], q.Text) {
				t.Errorf("%q: quote %q not on %s line %d", a.Question, q.Text, q.Article, q.Line)
			}
		}
	}
}

func TestAskArticleAndTop(t *testing.T) {
	out, _, err := runCLI(t, "", nil, "ask", "--json", "--top", "5", "--article", "003_1a5226c0d40cfbf9.txt", "concessions")
	if err != nil {
		t.Fatal(err)
	}
	var a jsonAnswer
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatal(err)
	}
	if len(a.Quotes) < 3 {
		t.Errorf("--top 5 gave %d quotes, want several", len(a.Quotes))
	}
	for _, q := range a.Quotes {
		if q.Article != "003_1a5226c0d40cfbf9.txt" {
			t.Errorf("--article: quote from %s", q.Article)
		}
	}
}

func TestArticles(t *testing.T) {
	out, _, err := runCLI(t, "", nil, "articles")
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(out, "\n"); n != 6 {
		t.Errorf("articles printed %d lines, want header + 5:\n%s", n, out)
	}
	out, _, err = runCLI(t, "", nil, "articles", "--json")
	if err != nil || strings.Count(out, "\n") != 5 || !strings.Contains(out, `"sentences":`) {
		t.Errorf("articles --json = %q, %v", out, err)
	}
}

func TestArticlesDir(t *testing.T) {
	dir := t.TempDir()
	mustWrite(t, filepath.Join(dir, "a.txt"), "Lighthouse reopens\n\nThe old lighthouse reopened to visitors on Saturday after repairs.\n")
	mustWrite(t, filepath.Join(dir, "sub", "b.md"), "---\ntitle: Ferry strike\npublished: 2025-05-01\n---\nFerry crews walked out over pay on Monday.\n")
	mustWrite(t, filepath.Join(dir, "broken.txt"), "\xff\xfe\x00binary")
	for _, env := range []map[string]string{nil, {"ARTICLES_DIR": dir}} {
		args := []string{"ask", "--json", "when did the lighthouse reopen"}
		if env == nil {
			args = append(args[:2], append([]string{"--articles", dir}, args[2:]...)...)
		}
		out, stderr, err := runCLI(t, "", env, args...)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out, `"article":"a.txt"`) || !strings.Contains(out, `"line":3`) {
			t.Errorf("ask %v = %s", args, out)
		}
		if strings.Count(stderr, "warning") != 1 || !strings.Contains(stderr, "broken.txt") {
			t.Errorf("stderr = %q, want one warning naming broken.txt", stderr)
		}
	}
	out, _, _ := runCLI(t, "", nil, "articles", "--articles", dir)
	if !strings.Contains(out, "sub/b.md") || !strings.Contains(out, "2025-05-01T00:00:00Z") {
		t.Errorf("articles = %s, want sub/b.md with its date", out)
	}
}

// TestFlagsAnywhere checks that flags may follow the question, that "--"
// ends them, and that -h prints the command's flags and stops, without
// reading standard input for questions.
func TestFlagsAnywhere(t *testing.T) {
	out, _, err := runCLI(t, "", nil, "ask", "concessions", "--json", "--top", "5", "--article", "003_1a5226c0d40cfbf9.txt")
	if err != nil {
		t.Fatal(err)
	}
	var a jsonAnswer
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatalf("--json after the question: %v in %q", err, out)
	}
	if len(a.Quotes) < 3 || a.Question != "concessions" {
		t.Errorf("flags after the question: question %q, %d quotes; want \"concessions\" and several", a.Question, len(a.Quotes))
	}

	out, _, err = runCLI(t, "", nil, "ask", "--json", "--", "--top", "talks")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(out), &a); err != nil || a.Question != "--top talks" {
		t.Errorf(`after "--": question %q (%v), want "--top talks"`, a.Question, err)
	}

	for _, cmd := range []string{"ask", "summarize", "brief", "articles", "fetch", "eval"} {
		out, stderr, err := runCLI(t, "Who is leading the talks?\n001\n", nil, cmd, "-h")
		if err != nil || out != "" || !strings.Contains(stderr, "Usage: newsdesk "+cmd) {
			t.Errorf("%s -h: error %v, stdout %q, stderr %q; want the usage only", cmd, err, out, stderr)
		}
	}
}

func TestErrors(t *testing.T) {
	empty := t.TempDir()
	tests := []struct {
		name    string
		args    []string
		usage   bool
		message string
	}{
		{"no command", nil, true, "Usage"},
		{"unknown command", []string{"frobnicate"}, true, `unknown command "frobnicate"`},
		{"unknown flag", []string{"ask", "--frob"}, true, "flag provided but not defined: -frob"},
		{"missing folder", []string{"ask", "--articles", "/no/such/dir", "q"}, false, "articles folder: stat /no/such/dir: no such file or directory"},
		{"no articles", []string{"articles", "--articles", empty}, false, "no articles in " + empty},
		{"unknown article", []string{"ask", "--article", "nope.txt", "q"}, false, `no article "nope.txt"`},
		{"empty question", []string{"ask", "  "}, false, "the question is empty"},
		{"bad top", []string{"ask", "--top", "-1", "q"}, false, "--top must be at least 1"},
		{"flag after the question", []string{"ask", "Who", "leads?", "--article", "nope.txt"}, false, `no article "nope.txt"`},
		{"unexpected argument", []string{"articles", "extra"}, true, `newsdesk articles: unexpected argument "extra"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, err := runCLI(t, "", nil, tt.args...)
			if err == nil {
				t.Fatal("no error")
			}
			if errors.Is(err, errUsage) != tt.usage {
				t.Errorf("usage error = %v, want %v (%v)", errors.Is(err, errUsage), tt.usage, err)
			}
			msg := stderr + err.Error()
			if !strings.Contains(msg, tt.message) {
				t.Errorf("message %q does not contain %q", msg, tt.message)
			}
		})
	}
}

func mustWrite(tb testing.TB, path, data string) {
	tb.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		tb.Fatal(err)
	}
}
