// Command kinship runs an LGBTQ+-affirming intensive outpatient program:
// the staff web app, the JSON API, and the tools to administer them.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"

	"kinship"
)

// command is one subcommand: its words ("staff add"), a line of help, and
// what it runs.
type command struct {
	words string
	help  string
	run   func(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer) error
}

var commands = []command{
	{"serve", "run the web app and API", runServe},
	{"migrate", "bring the database schema up to date", runMigrate},
	{"admin create", "add an admin (the first one also sets up the organization)", runAdminCreate},
	{"staff add", "add a staff member with a role", runStaffAdd},
	{"token create", "print a new personal access token for the API", runTokenCreate},
	{"audit verify", "check the audit trail's hash chain", runAuditVerify},
	{"demo", "fill an empty database with the demo program", runDemo},
	{"score", "score an instrument's answers (kinship score phq9 0 1 2 …)", runScore},
	{"version", "print the version", runVersion},
}

// usageError is bad command-line input; it exits 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run dispatches args to a subcommand and returns the exit code.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cmd, rest := find(args)
	if cmd == nil {
		if len(args) > 0 && args[0] != "help" && args[0] != "-h" && args[0] != "--help" {
			fmt.Fprintf(stderr, "kinship: unknown command %q\n\n", strings.Join(args, " "))
			usage(stderr)
			return 2
		}
		usage(stdout)
		return 0
	}
	err := cmd.run(ctx, rest, stdin, stdout)
	if err == nil {
		return 0
	}
	var help helpRequested
	if errors.As(err, &help) {
		fmt.Fprintf(stdout, "Usage: kinship %s [flags]\n\n%s", cmd.words, help.text)
		return 0
	}
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(stderr, "kinship %s: %s\n", cmd.words, ue.msg)
		return 2
	}
	fmt.Fprintf(stderr, "kinship %s: %s\n", cmd.words, describe(err))
	return 1
}

// find returns the longest command whose words start args.
func find(args []string) (*command, []string) {
	var best *command
	for i := range commands {
		words := strings.Fields(commands[i].words)
		if len(args) >= len(words) && strings.Join(args[:len(words)], " ") == commands[i].words {
			if best == nil || len(words) > len(strings.Fields(best.words)) {
				best = &commands[i]
			}
		}
	}
	if best == nil {
		return nil, nil
	}
	return best, args[len(strings.Fields(best.words)):]
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Usage: kinship COMMAND [flags]")
	fmt.Fprintln(w, "\nCommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-14s %s\n", c.words, c.help)
	}
	fmt.Fprintln(w, "\nRun 'kinship COMMAND -h' for a command's flags.")
}

// describe renders an error for a terminal: the safe message, then one
// line per field at fault.
func describe(err error) string {
	if kinship.ErrorCode(err) == kinship.EINTERNAL {
		return err.Error()
	}
	msg := kinship.ErrorMessage(err)
	fields := kinship.ErrorFields(err)
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if fields[k] != msg {
			msg += "\n  " + k + ": " + fields[k]
		}
	}
	return msg
}
