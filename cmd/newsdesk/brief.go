package main

import (
	"context"
	"errors"
)

func runBrief(ctx context.Context, env *environment, args []string) error {
	return errors.New("brief: not built yet")
}
