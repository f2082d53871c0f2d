package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"kinship"
	"kinship/store"
)

// defaultDB is where Kinship keeps its data unless told otherwise.
const defaultDB = "./kinship.db"

// flagSet returns a flag set for a subcommand whose errors are returned,
// not printed and exited on.
func flagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet("kinship "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// parse parses args, applying KINSHIP_* environment variables to flags not
// given on the command line. Every flag --some-name has KINSHIP_SOME_NAME.
// Arguments after the flags are refused.
func parse(fs *flag.FlagSet, args []string) error { return parseWith(fs, args, false) }

// parseWith is parse, keeping arguments after the flags when positional.
func parseWith(fs *flag.FlagSet, args []string, positional bool) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return helpRequested{helpText(fs)}
		}
		// The flag package writes -flag; Kinship's docs write --flag.
		return usageError{strings.Replace(err.Error(), " -", " --", 1)}
	}
	if fs.NArg() > 0 && !positional {
		return usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	var err error
	fs.VisitAll(func(f *flag.Flag) {
		env := envName(f.Name)
		v, ok := os.LookupEnv(env)
		if given[f.Name] || !ok || err != nil {
			return
		}
		if e := fs.Set(f.Name, v); e != nil {
			err = usageError{fmt.Sprintf("%s=%q is not a valid value for --%s", env, v, f.Name)}
		}
	})
	return err
}

func envName(flagName string) string {
	return "KINSHIP_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

func helpText(fs *flag.FlagSet) string {
	var b strings.Builder
	fmt.Fprintf(&b, "flags (each also read from its KINSHIP_* variable):\n")
	fs.VisitAll(func(f *flag.Flag) {
		// A long usage may span lines; they line up under its first.
		usage := strings.ReplaceAll(f.Usage, "\n", "\n"+strings.Repeat(" ", 21))
		fmt.Fprintf(&b, "  --%-16s %s (%s", f.Name, usage, envName(f.Name))
		if f.DefValue != "" && f.DefValue != "false" {
			fmt.Fprintf(&b, ", default %s", f.DefValue)
		}
		b.WriteString(")\n")
	})
	return b.String()
}

// dbFlag adds --db to fs.
func dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", defaultDB, "SQLite file path, or a postgres:// URL")
}

// helpRequested is -h: the help goes to standard output and exits 0.
type helpRequested struct{ text string }

func (h helpRequested) Error() string { return h.text }

// parseAndOpen adds --db to fs, parses args and opens an existing
// database, for commands with no other flags.
func parseAndOpen(ctx context.Context, fs *flag.FlagSet, args []string) (*store.Store, error) {
	dsn := dbFlag(fs)
	if err := parse(fs, args); err != nil {
		return nil, err
	}
	return openDB(ctx, *dsn, false)
}

// openDB opens and migrates the database. Only commands that may start a
// new one (serve, migrate, admin create, demo) pass create; the others
// refuse a SQLite file that does not exist, so a typo is not mistaken
// for an empty database.
func openDB(ctx context.Context, dsn string, create bool) (*store.Store, error) {
	if !create && !strings.Contains(dsn, "://") {
		if _, err := os.Stat(dsn); err != nil {
			return nil, fmt.Errorf("there is no database at %s (use --db, or KINSHIP_DB, to name it)", dsn)
		}
	}
	s, err := store.Open(ctx, dsn, kinship.SystemClock{})
	if err != nil {
		return nil, err
	}
	if _, err := s.Migrate(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("migrate: %w", err)
	}
	return s, nil
}

// readPassword reads a password from the first line of stdin, so it never
// appears in the process list or shell history.
func readPassword(stdin io.Reader) (string, error) {
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	return strings.TrimRight(line, "\r\n"), nil
}

// required returns a usage error naming the first empty flag.
func required(flags map[string]string) error {
	for _, name := range []string{"email", "name", "role"} {
		if v, ok := flags[name]; ok && strings.TrimSpace(v) == "" {
			return usageError{"--" + name + " is required"}
		}
	}
	return nil
}
