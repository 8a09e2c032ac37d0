package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/keypoints-dev/keypoints/doc"
)

// command is one verb of the CLI. Usage and help are generated from this
// table, in this order.
type command struct {
	name  string
	usage string // arguments after the name
	short string
	long  string
	run   func(ctx context.Context, env *env, args []string) error
}

// env is what a command may touch: its streams. Commands never use os.Std*
// directly, so tests run them in-process.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

// usageError marks bad flags or arguments (exit status 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

var commands []*command

func init() {
	commands = []*command{cmdSummarize, cmdSentences, cmdBatch, cmdExtract, cmdStories, cmdEval, cmdTrain, cmdBench, cmdServe, cmdVersion}
}

func lookup(name string) *command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return nil
}

// run executes the command line and returns the exit status: 0 on
// success, 1 on failure, 2 on a usage error.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		printUsage(stderr)
		return 2
	}
	name := args[0]
	if name == "help" || name == "-h" || name == "--help" || name == "-help" {
		if len(args) > 1 {
			if c := lookup(args[1]); c != nil {
				printHelp(stdout, c)
				return 0
			}
			fmt.Fprintf(stderr, "keypoints help: unknown command %q\n", args[1])
			return 2
		}
		printUsage(stdout)
		return 0
	}
	c := lookup(name)
	if c == nil {
		fmt.Fprintf(stderr, "keypoints: unknown command %q\nRun 'keypoints help' for usage.\n", name)
		return 2
	}
	err := c.run(ctx, e, args[1:])
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, new(usageError)):
		fmt.Fprintf(stderr, "keypoints %s: %v\nusage: keypoints %s %s\n", c.name, err, c.name, c.usage)
		return 2
	case errors.Is(err, context.Canceled):
		fmt.Fprintf(stderr, "keypoints %s: interrupted\n", c.name)
		return 130
	}
	fmt.Fprintf(stderr, "keypoints %s: %v\n", c.name, err)
	return 1
}

func printUsage(w io.Writer) {
	fmt.Fprintf(w, "keypoints writes the key points of news articles.\n\nUsage:\n\n\tkeypoints <command> [arguments]\n\nCommands:\n\n")
	for _, c := range commands {
		fmt.Fprintf(w, "\t%-10s %s\n", c.name, c.short)
	}
	fmt.Fprintf(w, "\nRun 'keypoints help <command>' for details.\n")
}

func printHelp(w io.Writer, c *command) {
	fmt.Fprintf(w, "usage: keypoints %s %s\n\n%s\n", c.name, c.usage, strings.TrimSpace(c.long))
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	if f, ok := flagSetups[c.name]; ok {
		f(fs)
		fmt.Fprintln(w, "\nFlags:")
		fs.SetOutput(w)
		fs.PrintDefaults()
	}
}

// flagSetups lets help print a command's flags without running it.
var flagSetups = map[string]func(*flag.FlagSet){}

// parseFlags parses args with fs, sending flag errors back as usage errors.
//
// Flags may come before or after the file arguments ("summarize
// article.txt -n 4"), as users type them; "--" ends the flags.
func parseFlags(fs *flag.FlagSet, e *env, args []string) error {
	fs.SetOutput(io.Discard)
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fs.SetOutput(e.stdout)
				fs.PrintDefaults()
				return err
			}
			return usageError{err.Error()}
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			positional = append(positional, rest...) // after "--": all files
			break
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
	// Leave the file arguments as fs.Args(): "--" stops Parse at once.
	return fs.Parse(append([]string{"--"}, positional...))
}

// readInput reads the single FILE argument, "-" or stdin when absent.
func readInput(e *env, args []string) (string, string, error) {
	switch len(args) {
	case 0:
		b, err := io.ReadAll(io.LimitReader(e.stdin, maxInput+1))
		return string(b), "stdin", err
	case 1:
		if args[0] == "-" {
			b, err := io.ReadAll(io.LimitReader(e.stdin, maxInput+1))
			return string(b), "stdin", err
		}
		f, err := os.Open(args[0])
		if err != nil {
			return "", args[0], err
		}
		defer f.Close()
		b, err := io.ReadAll(io.LimitReader(f, maxInput+1))
		return string(b), args[0], err
	}
	return "", "", usageError{"at most one input file"}
}

// maxInput bounds what the CLI reads into memory for one article; the
// engine rejects anything over its own limit with a clear message.
const maxInput = 64 << 20

// describe turns engine errors into messages naming the input.
func describe(source string, err error) error {
	if doc.ErrorCode(err) == doc.EInternal {
		return err
	}
	return fmt.Errorf("%s: %w", source, err)
}
