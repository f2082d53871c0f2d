package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"time"

	"kinship"
	"kinship/audit"
	"kinship/demo"
	"kinship/store"
)

// buildVersion is set at link time: -ldflags "-X main.buildVersion=v1.2.3".
var buildVersion string

func version() string {
	if buildVersion != "" {
		return buildVersion
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

func runVersion(_ context.Context, args []string, _ io.Reader, stdout io.Writer) error {
	if err := parse(flagSet("version"), args); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "kinship %s (%s)\n", version(), runtime.Version())
	return nil
}

func runMigrate(ctx context.Context, args []string, _ io.Reader, stdout io.Writer) error {
	fs := flagSet("migrate")
	dsn := dbFlag(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	s, err := store.Open(ctx, *dsn, kinship.SystemClock{})
	if err != nil {
		return err
	}
	defer s.Close()
	n, err := s.Migrate(ctx)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	fmt.Fprintf(stdout, "Applied %d migrations; the %s database is up to date.\n", n, s.Engine())
	return nil
}

func runAuditVerify(ctx context.Context, args []string, _ io.Reader, stdout io.Writer) error {
	s, err := parseAndOpen(ctx, flagSet("audit verify"), args)
	if err != nil {
		return err
	}
	defer s.Close()
	n, brk, err := audit.Verify(ctx, s)
	if err != nil {
		return err
	}
	if brk != nil {
		return brk // says which event, and exits 1
	}
	fmt.Fprintf(stdout, "The audit trail is intact: %d events, each chained to the one before.\n", n)
	return nil
}

func runDemo(ctx context.Context, args []string, _ io.Reader, stdout io.Writer) error {
	fs := flagSet("demo")
	dsn := dbFlag(fs)
	clients := fs.Int("clients", 0, "generate a synthetic program with this many clients in care instead of the demo (100 with --weeks alone)")
	weeks := fs.Int("weeks", 0, "weeks of history in the synthetic program (default 12 with --clients)")
	if err := parse(fs, args); err != nil {
		return err
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true }) // set from the command line or KINSHIP_*
	synthetic := given["clients"] || given["weeks"]
	if synthetic {
		if !given["clients"] {
			*clients = 100
		}
		if !given["weeks"] {
			*weeks = 12
		}
		if *clients < 1 || *clients > demo.MaxClients {
			return usageError{fmt.Sprintf("--clients must be a number of clients from 1 to %d, not %d", demo.MaxClients, *clients)}
		}
		if *weeks < 1 || *weeks > demo.MaxWeeks {
			return usageError{fmt.Sprintf("--weeks must be a number of weeks from 1 to %d, not %d", demo.MaxWeeks, *weeks)}
		}
	}
	s, err := openDB(ctx, *dsn, true)
	if err != nil {
		return err
	}
	defer s.Close()
	if !synthetic {
		accounts, err := demo.Seed(ctx, demo.AllServices(s), time.Now())
		if err != nil {
			return err
		}
		printAccounts(stdout, accounts, "http://localhost:8080")
		return nil
	}
	start := time.Now()
	step := max(1, (*weeks+1)/10)
	accounts, stats, err := demo.Generate(ctx, demo.AllServices(s), start, demo.Options{Clients: *clients, Weeks: *weeks,
		Progress: func(week, weeks int) {
			if week%step == 0 && week < weeks {
				fmt.Fprintf(stdout, "  week %d of %d written (%s)\n", week, weeks, time.Since(start).Round(time.Second))
			}
		}})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Generated a synthetic program in %s: %d clients in care and %d discharged, %d counselors, "+
		"%d sessions over %d weeks and this one (%d individual), %d attendance records.\n\n",
		time.Since(start).Round(100*time.Millisecond), stats.Active, stats.Discharged, stats.Counselors,
		stats.Sessions, stats.Weeks, stats.Individual, stats.Attendance)
	printAccounts(stdout, accounts, "http://localhost:8080")
	return nil
}
