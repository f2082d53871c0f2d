package main

import (
	"bytes"
	"context"
	"database/sql"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	_ "modernc.org/sqlite"
)

// runKinship runs the command in-process and returns its exit code and output.
func runKinship(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func tempDB(t *testing.T) string { return filepath.Join(t.TempDir(), "k.db") }

func TestAdminAndStaff(t *testing.T) {
	db := tempDB(t)
	if code, out, errOut := runKinship(t, "a long password\n", "admin", "create", "--db", db, "--email", "a@example.org", "--name", "Avery", "--password-stdin"); code != 0 {
		t.Fatalf("admin create: %d %s %s", code, out, errOut)
	}
	tests := []struct {
		name  string
		stdin string
		args  []string
		code  int
		want  string
	}{
		{"DuplicateEmail", "a long password\n", []string{"admin", "create", "--db", db, "--email", "A@example.org", "--name", "X", "--password-stdin"}, 1, "already exists"},
		{"ShortPassword", "short\n", []string{"staff", "add", "--db", db, "--role", "clinician", "--email", "c@example.org", "--name", "C", "--password-stdin"}, 1, "at least 12 characters"},
		{"UnknownRole", "a long password\n", []string{"staff", "add", "--db", db, "--role", "wizard", "--email", "c@example.org", "--name", "C", "--password-stdin"}, 2, `"wizard" is not a role`},
		{"NoPasswordStdin", "", []string{"staff", "add", "--db", db, "--role", "clinician", "--email", "c@example.org", "--name", "C"}, 2, "--password-stdin is required"},
		{"NoEmail", "a long password\n", []string{"staff", "add", "--db", db, "--role", "clinician", "--name", "C", "--password-stdin"}, 2, "--email is required"},
		{"UnknownFlag", "", []string{"staff", "add", "--colour", "red"}, 2, "flag provided but not defined: --colour"},
		{"UnknownCommand", "", []string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{"TokenUnknownEmail", "", []string{"token", "create", "--db", db, "--email", "nobody@example.org"}, 1, "not found"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := runKinship(t, tc.stdin, tc.args...)
			if code != tc.code || !strings.Contains(errOut, tc.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, errOut, tc.code, tc.want)
			}
		})
	}
	if code, _, errOut := runKinship(t, "a long password\n", "staff", "add", "--db", db, "--role", "front_desk", "--email", "f@example.org", "--name", "Frankie", "--password-stdin"); code != 0 {
		t.Fatalf("staff add: %d %s", code, errOut)
	}
	code, out, _ := runKinship(t, "", "token", "create", "--db", db, "--email", "f@example.org")
	if code != 0 || !regexp.MustCompile(`^kin_[A-Za-z0-9_-]{43}\n$`).MatchString(out) {
		t.Errorf("token create: %d %q", code, out)
	}
	if n := count(t, db, "staff"); n != 2 {
		t.Errorf("staff = %d, want 2 (rejected input must change nothing)", n)
	}
}

func TestEnvironment(t *testing.T) {
	db := tempDB(t)
	t.Setenv("KINSHIP_DB", db)
	if code, _, errOut := runKinship(t, "", "migrate"); code != 0 {
		t.Fatalf("migrate with KINSHIP_DB: %d %s", code, errOut)
	}
	if n := count(t, db, "schema_migrations"); n == 0 {
		t.Error("KINSHIP_DB was not used")
	}
	t.Setenv("KINSHIP_IDLE_TIMEOUT", "soon")
	if code, _, errOut := runKinship(t, "", "serve"); code != 2 || !strings.Contains(errOut, `KINSHIP_IDLE_TIMEOUT="soon"`) {
		t.Errorf("bad env value: %d %q", code, errOut)
	}
}

func TestUnreachablePostgres(t *testing.T) {
	code, _, errOut := runKinship(t, "", "migrate", "--db", "postgres://kinship:secret@127.0.0.1:1/kinship?connect_timeout=2")
	if code != 1 || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "cannot reach the database") {
		t.Errorf("exit %d, stderr %q; want 1 and one line", code, errOut)
	}
	if strings.Contains(errOut, "secret") {
		t.Error("the password was printed")
	}
}

func TestAuditVerify(t *testing.T) {
	db := tempDB(t)
	runKinship(t, "", "demo", "--db", db)
	code, out, _ := runKinship(t, "", "audit", "verify", "--db", db)
	if code != 0 || !strings.Contains(out, "intact") {
		t.Fatalf("intact chain: %d %q", code, out)
	}
	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	for _, q := range []string{"DROP TRIGGER audit_events_no_update", "UPDATE audit_events SET detail = 'rewritten' WHERE seq = 4"} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	code, _, errOut := runKinship(t, "", "audit", "verify", "--db", db)
	if code != 1 || !strings.Contains(errOut, "event 4") {
		t.Errorf("edited chain: exit %d, stderr %q; want 1 naming event 4", code, errOut)
	}
}

func TestServeAndShutdown(t *testing.T) {
	db := tempDB(t)
	ctx, cancel := context.WithCancel(context.Background())
	out := &syncBuffer{}
	done := make(chan int)
	go func() {
		done <- run(ctx, []string{"serve", "--db", db, "--addr", "127.0.0.1:0", "--log-level", "warn"}, strings.NewReader(""), out, io.Discard)
	}()
	var base string
	// Start-up can take seconds under -race on a busy machine.
	for i := 0; i < 600 && base == ""; i++ {
		time.Sleep(50 * time.Millisecond)
		if m := regexp.MustCompile(`running at (http://\S+)`).FindStringSubmatch(out.String()); m != nil {
			base = m[1]
		}
	}
	if base == "" {
		t.Fatalf("server did not start: %s", out.String())
	}
	setup := regexp.MustCompile(`/setup/(\S+)`).FindString(out.String())
	if setup == "" {
		t.Errorf("no setup URL printed on an empty database:\n%s", out.String())
	}
	res, err := http.Get(base + setup)
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("setup page: %v %v", res, err)
	}
	res.Body.Close()
	cancel()
	select {
	case code := <-done:
		if code != 0 || !strings.Contains(out.String(), "Stopped.") {
			t.Errorf("shutdown: exit %d\n%s", code, out.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop")
	}
}

func count(t *testing.T, db, table string) int {
	t.Helper()
	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var n int
	if err := raw.QueryRow("SELECT COUNT(*) FROM " + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// syncBuffer is a buffer the server goroutine writes while the test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestDemoGenerate(t *testing.T) {
	db := tempDB(t)
	code, out, errOut := runKinship(t, "", "demo", "--db", db, "--clients", "30", "--weeks", "2")
	if code != 0 {
		t.Fatalf("demo --clients 30 --weeks 2: exit %d\n%s%s", code, out, errOut)
	}
	if !strings.Contains(out, "30 clients in care") || !strings.Contains(out, "admin@kinship.example") {
		t.Errorf("output:\n%s", out)
	}
	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	for q, want := range map[string]func(int) bool{
		"SELECT COUNT(*) FROM episodes WHERE discharged_on = ''":    func(n int) bool { return n == 30 },
		"SELECT COUNT(*) FROM staff WHERE role = 'clinician'":       func(n int) bool { return n == 2 },
		"SELECT COUNT(*) FROM tracks":                               func(n int) bool { return n == 2 },
		"SELECT COUNT(*) FROM sessions WHERE series_id IS NOT NULL": func(n int) bool { return n >= 4*20 },
		"SELECT COUNT(*) FROM sessions WHERE client_id IS NOT NULL": func(n int) bool { return n >= 30 },
		"SELECT COUNT(*) FROM attendance":                           func(n int) bool { return n >= 30*2*3 },
	} {
		var n int
		if err := raw.QueryRow(q).Scan(&n); err != nil || !want(n) {
			t.Errorf("%s = %d, %v", q, n, err)
		}
	}
	for _, tc := range []struct {
		args []string
		env  string
		want string
	}{
		{[]string{"--clients", "-1"}, "", "--clients must be a number of clients from 1 to 10000, not -1"},
		{[]string{"--weeks", "0"}, "", "--weeks must be a number of weeks from 1 to 520, not 0"},
		{nil, "lots", `KINSHIP_CLIENTS="lots" is not a valid value for --clients`},
	} {
		t.Run(strings.Join(tc.args, " ")+tc.env, func(t *testing.T) {
			if tc.env != "" {
				t.Setenv("KINSHIP_CLIENTS", tc.env)
			}
			other := tempDB(t)
			code, _, errOut := runKinship(t, "", append([]string{"demo", "--db", other}, tc.args...)...)
			if code != 2 || !strings.Contains(errOut, tc.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, errOut, tc.want)
			}
		})
	}
}

func TestScore(t *testing.T) {
	code, out, _ := runKinship(t, "", "score", "phq9", "1", "1", "1", "1", "1", "1", "1", "1", "1")
	if code != 0 || !strings.Contains(out, `"total": 9`) || !strings.Contains(out, `"severity": "mild"`) || !strings.Contains(out, `"suicide_risk"`) {
		t.Errorf("score phq9: %d %s", code, out)
	}
	code, out, _ = runKinship(t, "", "score", "auditc", "--sex", "male-typical", "1,1,2")
	if code != 0 || !strings.Contains(out, `"severity": "positive"`) {
		t.Errorf("score auditc: %d %s", code, out)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"score"}, "give an instrument code"},
		{[]string{"score", "phq10", "1"}, "There is no instrument"},
		{[]string{"score", "gad7", "1", "2"}, "GAD-7 has 7 items; got 2 answers."},
		{[]string{"score", "gad7", "0", "0", "0", "0", "0", "0", "9"}, "Item 7 has options 0–3; got 9."},
		{[]string{"score", "gad7", "0", "x"}, `answer 2 is "x"`},
		{[]string{"score", "auditc", "--sex", "robot", "1", "1", "1"}, "Sex for clinical use must be one of"},
	} {
		code, _, errOut := runKinship(t, "", c.args...)
		if code != 2 || !strings.Contains(errOut, c.want) || strings.Count(strings.TrimSpace(errOut), "\n") > 1 {
			t.Errorf("%v: exit %d, %q; want 2 and %q", c.args, code, errOut, c.want)
		}
	}
}
