package main

import (
	"context"
	"errors"
)

func runSummarize(ctx context.Context, env *environment, args []string) error {
	return errors.New("summarize: not built yet")
}
