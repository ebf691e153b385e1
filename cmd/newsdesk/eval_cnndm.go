package main

import (
	"context"
	"errors"
)

func evalCNNDM(ctx context.Context, env *environment, args []string) error {
	return errors.New("eval cnndm: not built yet")
}
