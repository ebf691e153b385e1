package main

import (
	"context"
	"errors"
)

func evalWikiQA(ctx context.Context, env *environment, args []string) error {
	return errors.New("eval wikiqa: not built yet")
}
