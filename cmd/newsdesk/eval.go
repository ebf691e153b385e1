package main

import (
	"context"
	"fmt"
	"sort"
	"strings"
)

// evaluations maps each `newsdesk eval NAME` to its runner. Each prints a
// table on stdout. Data sets are read from --data (default ../shared/data),
// never shipped with the bot.
var evaluations = map[string]func(context.Context, *environment, []string) error{
	"seeds":  evalSeeds,
	"wikiqa": evalWikiQA,
	"bbc":    evalBBC,
	"cnndm":  evalCNNDM,
}

// defaultDataDir is where the evaluation data sets live beside a checkout.
const defaultDataDir = "../shared/data"

func runEval(ctx context.Context, env *environment, args []string) error {
	var names []string
	for n := range evaluations {
		names = append(names, n)
	}
	sort.Strings(names)
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprintf(env.stderr, "Usage: newsdesk eval %s [flags]\n", strings.Join(names, "|"))
		if len(args) == 0 {
			return errUsage
		}
		return errHelped
	}
	f, ok := evaluations[args[0]]
	if !ok {
		fmt.Fprintf(env.stderr, "newsdesk eval: unknown evaluation %q (have %s)\n", args[0], strings.Join(names, ", "))
		return errUsage
	}
	return f(ctx, env, args[1:])
}
