package main

import (
	"context"
	"errors"
)

func evalBBC(ctx context.Context, env *environment, args []string) error {
	return errors.New("eval bbc: not built yet")
}
