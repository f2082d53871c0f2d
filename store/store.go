// Package store implements Kinship's services over SQL. One implementation
// serves SQLite (modernc.org/sqlite, the default) and PostgreSQL (pgx); the
// differences between them live in dialect.go.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"kinship"
	"kinship/auth"
	"kinship/instrument"
)

// Store is the database behind every Kinship service.
type Store struct {
	read    *sql.DB // any number of readers
	write   *sql.DB // SQLite: one writer connection; PostgreSQL: same pool as read
	dialect dialect
	clock   kinship.Clock
	// instruments score responses: built in, plus those loaded (Migrate
	// reads them from the database).
	instruments *instrument.Registry

	// PasswordParams are used for new password hashes.
	PasswordParams auth.PasswordParams
}

// Compile-time checks that the store implements the domain services.
var (
	_ kinship.StaffService         = (*Store)(nil)
	_ kinship.OrganizationService  = (*Store)(nil)
	_ kinship.AuditService         = (*Store)(nil)
	_ kinship.AuthService          = (*Store)(nil)
	_ kinship.ClientService        = (*Store)(nil)
	_ kinship.AdmissionsService    = (*Store)(nil)
	_ kinship.EpisodeService       = (*Store)(nil)
	_ kinship.ConsentService       = (*Store)(nil)
	_ kinship.DisclosureService    = (*Store)(nil)
	_ kinship.AlertService         = (*Store)(nil)
	_ kinship.BreakGlassService    = (*Store)(nil)
	_ kinship.ScheduleService      = (*Store)(nil)
	_ kinship.CareService          = (*Store)(nil)
	_ kinship.FeedService          = (*Store)(nil)
	_ kinship.MeasureService       = (*Store)(nil)
	_ kinship.DrugScreenService    = (*Store)(nil)
	_ kinship.TimelineService      = (*Store)(nil)
	_ kinship.PortalAuthService    = (*Store)(nil)
	_ kinship.SupportService       = (*Store)(nil)
	_ kinship.OutboxService        = (*Store)(nil)
	_ kinship.CheckInService       = (*Store)(nil)
	_ kinship.RecoveryService      = (*Store)(nil)
	_ kinship.NetworkService       = (*Store)(nil)
	_ kinship.TreatmentPlanService = (*Store)(nil)
	_ kinship.NoteService          = (*Store)(nil)
)

// Open opens the database named by dsn: a postgres:// or postgresql:// URL
// for PostgreSQL, otherwise a SQLite file path. It checks the connection but
// does not migrate; call Migrate. Errors are one line, fit for a terminal.
func Open(ctx context.Context, dsn string, clock kinship.Clock) (*Store, error) {
	s := &Store{clock: clock, PasswordParams: auth.DefaultPasswordParams, instruments: instrument.NewRegistry()}
	if scheme, _, ok := strings.Cut(dsn, "://"); ok && scheme != "postgres" && scheme != "postgresql" {
		return nil, fmt.Errorf("the database %q is neither a file path nor a postgres:// URL", redactDSN(dsn))
	}
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		db, err := sql.Open("pgx", dsn)
		if err != nil {
			return nil, fmt.Errorf("open PostgreSQL: %w", err)
		}
		s.read, s.write, s.dialect = db, db, postgres{}
	} else {
		if err := s.openSQLite(dsn); err != nil {
			return nil, err
		}
	}
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := s.write.PingContext(pingCtx); err != nil {
		s.Close()
		return nil, fmt.Errorf("cannot reach the database %s: %s", redactDSN(dsn), oneLine(err))
	}
	return s, nil
}

func (s *Store) openSQLite(path string) error {
	if path == "" {
		return errors.New("the database path is empty")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("database path %q: %w", path, err)
	}
	q := url.Values{}
	for _, p := range []string{"journal_mode(WAL)", "foreign_keys(1)", "busy_timeout(5000)", "synchronous(NORMAL)"} {
		q.Add("_pragma", p)
	}
	q.Set("_time_format", "sqlite")
	q.Set("_txlock", "immediate")
	dsn := "file:" + abs + "?" + q.Encode()
	if s.write, err = sql.Open("sqlite", dsn); err != nil {
		return fmt.Errorf("open SQLite: %w", err)
	}
	s.write.SetMaxOpenConns(1) // SQLite allows one writer; queue here, not on SQLITE_BUSY
	if s.read, err = sql.Open("sqlite", dsn); err != nil {
		return fmt.Errorf("open SQLite: %w", err)
	}
	s.read.SetMaxOpenConns(8)
	s.dialect = sqlite{}
	return nil
}

// Close closes the database.
func (s *Store) Close() error {
	var err error
	if s.read != nil && s.read != s.write {
		err = s.read.Close()
	}
	if s.write != nil {
		err = errors.Join(err, s.write.Close())
	}
	return err
}

// Engine names the database engine: "sqlite" or "postgres".
func (s *Store) Engine() string { return s.dialect.name() }

// Tx is a write transaction. Now is fixed when it begins, so every row it
// writes agrees on the time.
type Tx struct {
	tx      *sql.Tx
	ctx     context.Context
	dialect dialect
	now     time.Time
	// stmts caches the statements prepared in this transaction, so one
	// run many times (a row per booking or attendance mark) is parsed
	// once; database/sql closes them when the transaction ends.
	stmts map[string]*sql.Stmt
}

// stmt returns query prepared in the transaction.
func (tx *Tx) stmt(query string) (*sql.Stmt, error) {
	if st, ok := tx.stmts[query]; ok {
		return st, nil
	}
	st, err := tx.tx.PrepareContext(tx.ctx, tx.dialect.rebind(query))
	if err != nil {
		return nil, err
	}
	if tx.stmts == nil {
		tx.stmts = map[string]*sql.Stmt{}
	}
	tx.stmts[query] = st
	return st, nil
}

// update runs fn in a write transaction and commits if fn returns nil.
func (s *Store) update(ctx context.Context, fn func(*Tx) error) error {
	sqlTx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	tx := &Tx{tx: sqlTx, ctx: ctx, dialect: s.dialect, now: s.now()}
	if err := fn(tx); err != nil {
		_ = sqlTx.Rollback()
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

func (s *Store) now() time.Time { return dbTime(s.clock.Now()) }

// dbTime is the one form times take in the database: UTC, to the
// microsecond (PostgreSQL's precision), so values round-trip exactly and
// SQLite's text timestamps sort correctly.
func dbTime(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

func (tx *Tx) exec(query string, args ...any) (sql.Result, error) {
	st, err := tx.stmt(query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(tx.ctx, dbArgs(args)...)
}

func (tx *Tx) queryRow(query string, args ...any) *sql.Row {
	st, err := tx.stmt(query)
	if err != nil {
		// A *sql.Row cannot carry err; let the unprepared query report it.
		return tx.tx.QueryRowContext(tx.ctx, tx.dialect.rebind(query), dbArgs(args)...)
	}
	return st.QueryRowContext(tx.ctx, dbArgs(args)...)
}

func (tx *Tx) query(query string, args ...any) (*sql.Rows, error) {
	st, err := tx.stmt(query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(tx.ctx, dbArgs(args)...)
}

// insert runs an INSERT … RETURNING id and returns the id.
func (tx *Tx) insert(query string, args ...any) (int64, error) {
	var id int64
	err := tx.queryRow(query+" RETURNING id", args...).Scan(&id)
	return id, err
}

func (s *Store) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	return s.read.QueryRowContext(ctx, s.dialect.rebind(query), dbArgs(args)...)
}

func (s *Store) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return s.read.QueryContext(ctx, s.dialect.rebind(query), dbArgs(args)...)
}

// dbArgs puts times into their database form, zero times as NULL, and
// drops NUL bytes from text: they are never meaningful there, and
// PostgreSQL refuses them where SQLite would keep them.
func dbArgs(args []any) []any {
	for i, a := range args {
		switch v := a.(type) {
		case time.Time:
			if v.IsZero() {
				args[i] = nil
			} else {
				args[i] = dbTime(v)
			}
		case string:
			args[i] = strings.ReplaceAll(v, "\x00", "")
		}
	}
	return args
}

// rowScanner is a *sql.Row or *sql.Rows.
type rowScanner interface{ Scan(...any) error }

// collect scans every row of a query with scan and closes the rows.
func collect[T any](rows *sql.Rows, err error, scan func(rowScanner) (T, error)) ([]T, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// each calls scan for every row of a query and closes the rows.
func each(rows *sql.Rows, err error, scan func(rowScanner) error) error {
	_, err = collect(rows, err, func(r rowScanner) (struct{}, error) { return struct{}{}, scan(r) })
	return err
}

// nullTime scans a nullable timestamp into a time that is zero for NULL.
type nullTime struct{ t *time.Time }

func (n nullTime) Scan(v any) error {
	var nt sql.NullTime
	if err := nt.Scan(v); err != nil {
		return err
	}
	*n.t = time.Time{}
	if nt.Valid {
		*n.t = nt.Time.UTC()
	}
	return nil
}

// scanTime wraps a destination for a timestamp column.
func scanTime(t *time.Time) nullTime { return nullTime{t} }

// notFound maps sql.ErrNoRows to an ENOTFOUND error about what.
func notFound(err error, what string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return kinship.Errorf(kinship.ENOTFOUND, "%s was not found.", what)
	}
	return err
}

// redactDSN drops the password from a URL so it can be printed.
func redactDSN(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.Scheme == "" {
		return dsn
	}
	return u.Redacted()
}

func oneLine(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}
