package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"newsdesk/retrieval"
	"newsdesk/seeds"
)

// articlesDir returns the folder to load articles from: the flag, else
// ARTICLES_DIR, else "" for the built-in seeds.
func articlesDir(env *environment, flagValue string) string {
	if flagValue != "" {
		return flagValue
	}
	return env.getenv("ARTICLES_DIR")
}

// loadArticles reads the articles of dir (the embedded seeds when dir is
// empty). Files that cannot be loaded are reported on stderr, one line
// each, and skipped; a missing folder or one without articles is an error.
func loadArticles(dir string, stderr io.Writer) ([]*retrieval.Article, error) {
	var fsys fs.FS = seeds.FS
	where := "the built-in articles"
	if dir != "" {
		info, err := os.Stat(dir)
		if err != nil {
			return nil, fmt.Errorf("articles folder: %w", err)
		}
		if !info.IsDir() {
			return nil, fmt.Errorf("articles folder %s: not a folder", dir)
		}
		fsys = os.DirFS(dir)
		where = dir
	}
	articles, err := retrieval.Load(fsys)
	if err != nil {
		if articles == nil && !isJoined(err) {
			return nil, err
		}
		for _, e := range unwrapAll(err) {
			fmt.Fprintf(stderr, "newsdesk: warning: skipped %v\n", e)
		}
	}
	if len(articles) == 0 {
		return nil, fmt.Errorf("no articles in %s (want .txt or .md files)", where)
	}
	return articles, nil
}

func isJoined(err error) bool {
	_, ok := err.(interface{ Unwrap() []error })
	return ok
}

func unwrapAll(err error) []error {
	var j interface{ Unwrap() []error }
	if errors.As(err, &j) {
		return j.Unwrap()
	}
	return []error{err}
}

// loadIndex loads the articles of dir and indexes them.
func loadIndex(dir string, stderr io.Writer) (*retrieval.Index, error) {
	articles, err := loadArticles(dir, stderr)
	if err != nil {
		return nil, err
	}
	return retrieval.NewIndex(articles)
}
