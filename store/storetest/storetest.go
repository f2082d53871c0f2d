// Package storetest opens real databases for tests: SQLite always, and
// PostgreSQL too when KINSHIP_TEST_POSTGRES_URL is set. Each test gets a
// fresh database (a temporary file, or a schema of its own).
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"kinship"
	"kinship/auth"
	"kinship/store"
)

// PostgresEnv names the PostgreSQL URL tests use when it is set.
const PostgresEnv = "KINSHIP_TEST_POSTGRES_URL"

// Now is where every test clock starts: Monday 23 November 2026, 09:00 in
// Los Angeles.
var Now = time.Date(2026, 11, 23, 17, 0, 0, 0, time.UTC)

// DB is a migrated, empty store with a settable clock.
type DB struct {
	*store.Store
	Clock *kinship.FixedClock
	// Raw is a second handle on the same database, for tests that must do
	// what Kinship never does, such as tampering with the audit trail.
	Raw *sql.DB
	DSN string
}

// Engines lists the engines available to this test run.
func Engines() []string {
	if os.Getenv(PostgresEnv) != "" {
		return []string{"sqlite", "postgres"}
	}
	return []string{"sqlite"}
}

// Each runs fn as a subtest on each available engine.
func Each(t *testing.T, fn func(t *testing.T, db *DB)) {
	t.Helper()
	for _, engine := range Engines() {
		t.Run(engine, func(t *testing.T) { fn(t, Open(t, engine)) })
	}
}

// Open returns a fresh, migrated store on engine, closed when tb ends.
func Open(tb testing.TB, engine string) *DB {
	tb.Helper()
	ctx := context.Background()
	dsn := filepath.Join(tb.TempDir(), "kinship.db")
	if engine == "postgres" {
		dsn = postgresSchema(tb)
	}
	clock := &kinship.FixedClock{T: Now}
	s, err := store.Open(ctx, dsn, clock)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	// Cheap hashes keep the suite fast; the real cost is tested in auth.
	s.PasswordParams = auth.PasswordParams{MemoryKiB: 64, Iterations: 1, Threads: 1}
	if _, err := s.Migrate(ctx); err != nil {
		tb.Fatal(err)
	}
	driver := "sqlite"
	if engine == "postgres" {
		driver = "pgx"
	}
	raw, err := sql.Open(driver, dsn)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { raw.Close() })
	return &DB{Store: s, Clock: clock, Raw: raw, DSN: dsn}
}

// postgresSchema creates a schema of the test's own and returns a URL whose
// search_path points at it; the schema is dropped when tb ends.
func postgresSchema(tb testing.TB) string {
	base := os.Getenv(PostgresEnv)
	if base == "" {
		tb.Skip(PostgresEnv + " is not set")
	}
	b := make([]byte, 6)
	rand.Read(b)
	schema := "kinship_test_" + hex.EncodeToString(b)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		admin.Close()
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		admin.Exec("DROP SCHEMA " + schema + " CASCADE")
		admin.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// AdminPassword is the password of every member the fixtures create.
const AdminPassword = "correct horse battery"

// MustSetUp creates the organization, a site in Los Angeles and an admin, and
// returns a context acting as that admin.
func (db *DB) MustSetUp(tb testing.TB) (context.Context, *kinship.Staff) {
	tb.Helper()
	_, admin, err := db.Store.SetUp(context.Background(), kinship.Setup{
		OrgName: "Rainbow Recovery", SiteName: "Main", Timezone: "America/Los_Angeles",
		Admin: kinship.StaffCreate{Email: "admin@example.org", Name: "Alex Admin", Password: AdminPassword},
	})
	if err != nil {
		tb.Fatal(err)
	}
	return As(admin), admin
}

// AddStaff creates a member with role and returns a context acting as them.
func (db *DB) AddStaff(tb testing.TB, role kinship.Role, email string) (context.Context, *kinship.Staff) {
	tb.Helper()
	m, err := db.CreateStaff(kinship.SystemContext(context.Background()), kinship.StaffCreate{
		Email: email, Name: string(role) + " member", Role: role, Password: AdminPassword,
	})
	if err != nil {
		tb.Fatal(err)
	}
	return As(m), m
}

// As returns a context acting as m from 192.0.2.1.
func As(m *kinship.Staff) context.Context {
	return kinship.WithActor(context.Background(), kinship.Actor{StaffID: m.ID, Name: m.Name, Role: m.Role, IP: "192.0.2.1"})
}

// AsClient returns a context acting as a client signed in to their portal.
func AsClient(clientID int64) context.Context {
	return kinship.WithActor(context.Background(), kinship.Actor{ClientID: clientID, Role: kinship.RoleClient, IP: "192.0.2.2"})
}

// Count returns the number of rows in table; tests use it to prove that
// rejected input changed nothing.
func (db *DB) Count(tb testing.TB, table string) int {
	tb.Helper()
	var n int
	if err := db.Raw.QueryRow("SELECT COUNT(*) FROM " + table).Scan(&n); err != nil {
		tb.Fatal(err)
	}
	return n
}

// MustAdmit admits a client to a program with a primary counselor, as
// enrolling and booking need.
func (db *DB) MustAdmit(tb testing.TB, clientID, programID, counselorID int64, on kinship.Date) {
	tb.Helper()
	if _, err := db.Admit(kinship.SystemContext(context.Background()), clientID, kinship.Admission{ProgramID: programID,
		AdmittedOn: on, PrimaryCounselorID: counselorID}); err != nil {
		tb.Fatal(err)
	}
}
