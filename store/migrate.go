package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
)

// Migrations are numbered files in migrations/: NNNN_name.sql runs on both
// engines, and NNNN_name.sqlite.sql or NNNN_name.postgres.sql on one only.
// Each runs once, in its own transaction, in number order.
//
//go:embed migrations/*.sql
var migrationFiles embed.FS

type migration struct {
	version int
	name    string
	sql     string
}

// migrations returns the migrations for this engine, in order.
func (s *Store) migrations() ([]migration, error) {
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, path := range names {
		name := strings.TrimPrefix(path, "migrations/")
		base := strings.TrimSuffix(name, ".sql")
		if engine := base[strings.LastIndexByte(base, '.')+1:]; strings.Contains(base, ".") && engine != s.dialect.name() {
			continue
		}
		v, err := strconv.Atoi(strings.SplitN(name, "_", 2)[0])
		if err != nil {
			return nil, fmt.Errorf("migration %s: name must start with a number", name)
		}
		body, err := migrationFiles.ReadFile(path)
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: name, sql: s.dialect.types().Replace(string(body))})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	for i := 1; i < len(out); i++ {
		if out[i].version == out[i-1].version {
			return nil, fmt.Errorf("migrations %s and %s share a number", out[i-1].name, out[i].name)
		}
	}
	return out, nil
}

// Migrate brings the schema up to date and returns how many migrations ran.
func (s *Store) Migrate(ctx context.Context) (int, error) {
	if _, err := s.write.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMP NOT NULL)`); err != nil {
		return 0, fmt.Errorf("create schema_migrations: %w", err)
	}
	all, err := s.migrations()
	if err != nil {
		return 0, err
	}
	ran := 0
	for _, m := range all {
		applied := false
		err := s.update(ctx, func(tx *Tx) error {
			if err := tx.dialect.lockAudit(tx); err != nil { // also keeps two starting servers from racing
				return err
			}
			var n int
			if err := tx.queryRow("SELECT COUNT(*) FROM schema_migrations WHERE version = ?", m.version).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return nil
			}
			// A migration is a script of several statements, which cannot
			// be prepared, so it runs as it is.
			if _, err := tx.tx.ExecContext(tx.ctx, m.sql); err != nil {
				return fmt.Errorf("migration %s: %w", m.name, err)
			}
			applied = true
			_, err := tx.exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)", m.version, m.name, tx.now)
			return err
		})
		if err != nil {
			return ran, err
		}
		if applied {
			ran++
		}
	}
	return ran, s.loadInstruments(ctx)
}
