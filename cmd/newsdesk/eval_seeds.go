package main

import (
	"context"
	"errors"
)

func evalSeeds(ctx context.Context, env *environment, args []string) error {
	return errors.New("eval seeds: not built yet")
}
