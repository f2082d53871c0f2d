package main

import (
	"context"
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
	if err := parse(fs, args); err != nil {
		return err
	}
	s, err := openDB(ctx, *dsn, true)
	if err != nil {
		return err
	}
	defer s.Close()
	accounts, err := demo.Seed(ctx, demoServices(s), time.Now())
	if err != nil {
		return err
	}
	printAccounts(stdout, accounts, "http://localhost:8080")
	return nil
}

// demoServices are the store's services the demo seeds through.
func demoServices(s *store.Store) demo.Services {
	return demo.Services{Orgs: s, Staff: s, Clients: s, Admissions: s, Episodes: s, Consents: s, Disclosures: s}
}
