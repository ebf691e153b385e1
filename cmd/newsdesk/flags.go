package main

import (
	"errors"
	"flag"
	"fmt"
)

// newFlagSet returns a flag set that reports errors on env.stderr and
// returns them instead of exiting.
func newFlagSet(env *environment, name, args string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	fs.Usage = func() {
		fmt.Fprintf(env.stderr, "Usage: newsdesk %s %s\n", name, args)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args, flags before, among or after the other
// arguments ("ask Who won? --top 5"; after "--" none is a flag), and
// returns the others. A bad flag gives errUsage and -h errHelped, both
// already printed.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
			return nil, errHelped
		} else if err != nil {
			return nil, errUsage
		}
		if fs.NArg() == 0 {
			return rest, nil
		}
		if used := len(args) - fs.NArg(); used > 0 && args[used-1] == "--" {
			return append(rest, fs.Args()...), nil
		}
		rest = append(rest, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// parseNoArgs is parseFlags for a command that takes flags only.
func parseNoArgs(fs *flag.FlagSet, args []string) error {
	rest, err := parseFlags(fs, args)
	if err == nil && len(rest) > 0 {
		fmt.Fprintf(fs.Output(), "newsdesk %s: unexpected argument %q\n", fs.Name(), rest[0])
		fs.Usage()
		return errUsage
	}
	return err
}
