package main

import (
	"context"
	"errors"
)

// Commands still being built; each moves to its own file when it lands.

func runSummarize(ctx context.Context, env *environment, args []string) error {
	return errors.New("summarize: not built yet")
}

func runBrief(ctx context.Context, env *environment, args []string) error {
	return errors.New("brief: not built yet")
}

func runServe(ctx context.Context, env *environment, args []string) error {
	return errors.New("serve: not built yet")
}

func runEval(ctx context.Context, env *environment, args []string) error {
	return errors.New("eval: not built yet")
}
