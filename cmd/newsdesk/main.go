// Command newsdesk answers questions about news articles with verbatim,
// cited quotes, summarizes them, and runs the Discord bot.
//
// Usage:
//
//	newsdesk ask [--json] [--articles DIR] [--article ID] [--top K] [QUESTION…]
//	newsdesk articles [--json] [--articles DIR]
//	newsdesk summarize [--json] [--sentences N] [--articles DIR] [ARTICLE]
//	newsdesk brief [--json] [--date YYYY-MM-DD] [--articles DIR]
//	newsdesk serve
//	newsdesk healthcheck [--timeout D]
//	newsdesk fetch [--articles DIR] [--feeds URL,...]
//	newsdesk eval seeds|wikiqa|bbc|cnndm
//
// Configuration comes from flags, then the environment, then a .env file
// in the working directory.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"syscall"

	"github.com/joho/godotenv"
)

func main() {
	if err := godotenv.Load(); err != nil && !errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(os.Stderr, "newsdesk: read .env: %v\n", err)
		os.Exit(1)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	env := &environment{
		args:    os.Args[1:],
		getenv:  os.Getenv,
		stdin:   os.Stdin,
		stdout:  os.Stdout,
		stderr:  os.Stderr,
		envFile: ".env",
	}
	if err := run(ctx, env); err != nil {
		if !errors.Is(err, errUsage) {
			fmt.Fprintf(os.Stderr, "newsdesk: %v\n", err)
		}
		os.Exit(exitCode(err))
	}
}

// environment is what a command may touch of the outside world, so tests
// can run commands in-process.
type environment struct {
	args    []string
	getenv  func(string) string
	stdin   io.Reader
	stdout  io.Writer
	stderr  io.Writer
	envFile string // the .env file main reads, if it exists; serve checks who may read it
}

// errUsage marks an error whose message was already printed with usage.
var errUsage = errors.New("usage")

// errHelped stops a command whose flags asked for help, which the flag
// package has printed: run returns nil for it.
var errHelped = errors.New("help printed")

func exitCode(err error) int {
	if errors.Is(err, errUsage) {
		return 2
	}
	return 1
}

const usage = `Newsdesk answers questions about news articles with verbatim, cited quotes.

Usage:
  newsdesk ask [--json] [--articles DIR] [--article ID] [--top K] [QUESTION...]
  newsdesk articles [--json] [--articles DIR]
  newsdesk summarize [--json] [--sentences N] [--articles DIR] [ARTICLE]
  newsdesk brief [--json] [--date YYYY-MM-DD] [--articles DIR]
  newsdesk serve
  newsdesk healthcheck [--timeout D]
  newsdesk fetch [--articles DIR] [--feeds URL,...]
  newsdesk eval seeds|wikiqa|bbc|cnndm

With no --articles flag and no ARTICLES_DIR, the built-in articles are used.
Run "newsdesk COMMAND -h" for a command's flags.
`

// commands maps each subcommand to the function that runs it.
var commands = map[string]func(context.Context, *environment, []string) error{
	"ask":         runAsk,
	"articles":    runArticles,
	"summarize":   runSummarize,
	"brief":       runBrief,
	"serve":       runServe,
	"healthcheck": runHealthcheck,
	"fetch":       runFetch,
	"eval":        runEval,
}

func run(ctx context.Context, env *environment) error {
	if len(env.args) == 0 || env.args[0] == "-h" || env.args[0] == "--help" || env.args[0] == "help" {
		fmt.Fprint(env.stderr, usage)
		if len(env.args) == 0 {
			return errUsage
		}
		return nil
	}
	cmd, ok := commands[env.args[0]]
	if !ok {
		fmt.Fprintf(env.stderr, "newsdesk: unknown command %q\n\n%s", env.args[0], usage)
		return errUsage
	}
	if err := cmd(ctx, env, env.args[1:]); !errors.Is(err, errHelped) {
		return err
	}
	return nil
}
