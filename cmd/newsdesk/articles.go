package main

import (
	"context"
	"encoding/json"
	"fmt"
	"text/tabwriter"
	"time"
)

func runArticles(ctx context.Context, env *environment, args []string) error {
	fs := newFlagSet(env, "articles", "[--json] [--articles DIR]")
	asJSON := fs.Bool("json", false, "print one JSON object per article")
	dir := fs.String("articles", "", "folder of .txt/.md articles (default: $ARTICLES_DIR, else the built-in articles)")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	articles, err := loadArticles(articlesDir(env, *dir), env.stderr)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(env.stdout)
		for _, a := range articles {
			obj := struct {
				ID        string `json:"id"`
				Title     string `json:"title"`
				Source    string `json:"source,omitempty"`
				URL       string `json:"url,omitempty"`
				Published string `json:"published,omitempty"`
				Sentences int    `json:"sentences"`
			}{a.ID, a.Title, a.Source, a.URL, formatTime(a.Published), len(a.Sentences)}
			if err := enc.Encode(obj); err != nil {
				return err
			}
		}
		return nil
	}
	tw := tabwriter.NewWriter(env.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tPUBLISHED\tSENTENCES\tTITLE")
	for _, a := range articles {
		pub := formatTime(a.Published)
		if pub == "" {
			pub = "undated"
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\n", a.ID, pub, len(a.Sentences), a.Title)
	}
	return tw.Flush()
}

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}
