package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"

	"kinship"
	"kinship/audit"
)

// audit appends an event to the chain inside tx, so the event commits or
// rolls back with the change it describes.
func (tx *Tx) audit(r kinship.AuditRecord) error {
	if err := tx.dialect.lockAudit(tx); err != nil {
		return err
	}
	e := &kinship.AuditEvent{
		At:           tx.now,
		Action:       r.Action,
		ResourceType: r.ResourceType,
		ResourceID:   r.ResourceID,
		Outcome:      r.Outcome,
		Detail:       r.Detail,
	}
	if e.Outcome == "" {
		e.Outcome = kinship.OutcomeSuccess
	}
	a := kinship.ActorFrom(tx.ctx)
	e.ActorID, e.Actor, e.IP = a.StaffID, a.Label(), a.IP
	if r.Actor != "" {
		e.Actor = r.Actor
	}
	// Actors can be typed-in emails; keep every event small.
	e.Actor, e.Detail, e.ResourceID = clip(e.Actor, 254), clip(e.Detail, 1000), clip(e.ResourceID, 200)
	err := tx.queryRow("SELECT seq, hash FROM audit_head WHERE id = 1").Scan(&e.Seq, &e.PrevHash)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	e.Seq++
	e.Hash = audit.Hash(e)
	var actorID any
	if e.ActorID != 0 {
		actorID = e.ActorID
	}
	if _, err := tx.exec(`INSERT INTO audit_events
		(seq, at, actor_id, actor, action, resource_type, resource_id, ip, outcome, detail, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.Seq, e.At, actorID, e.Actor, e.Action, e.ResourceType, e.ResourceID, e.IP, e.Outcome, e.Detail, e.PrevHash, e.Hash); err != nil {
		return err
	}
	_, err = tx.exec(`INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?)
		ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash`, e.Seq, e.Hash)
	return err
}

// Audit appends an event in a transaction of its own.
func (s *Store) Audit(ctx context.Context, r kinship.AuditRecord) error {
	return s.update(ctx, func(tx *Tx) error { return tx.audit(r) })
}

const auditColumns = "seq, at, COALESCE(actor_id, 0), actor, action, resource_type, resource_id, ip, outcome, detail, prev_hash, hash"

func scanAuditEvent(r rowScanner) (*kinship.AuditEvent, error) {
	e := &kinship.AuditEvent{}
	err := r.Scan(&e.Seq, scanTime(&e.At), &e.ActorID, &e.Actor, &e.Action, &e.ResourceType, &e.ResourceID,
		&e.IP, &e.Outcome, &e.Detail, &e.PrevHash, &e.Hash)
	return e, err
}

// ListAudit lists events matching f, newest first, with the total count.
// Viewing or exporting the trail is itself audited.
func (s *Store) ListAudit(ctx context.Context, f kinship.AuditFilter) ([]*kinship.AuditEvent, int, error) {
	if err := kinship.Authorize(ctx, kinship.PermAuditView); err != nil {
		return nil, 0, err
	}
	action := kinship.ActionAuditView
	if f.Export {
		action = kinship.ActionAuditExport
	}
	if err := s.Audit(ctx, kinship.AuditRecord{Action: action, ResourceType: "audit_events"}); err != nil {
		return nil, 0, err
	}
	var where []string
	var args []any
	if f.Actor != "" {
		where = append(where, `LOWER(actor) LIKE ? ESCAPE '\'`)
		args = append(args, "%"+escapeLike(strings.ToLower(f.Actor))+"%")
	}
	if f.Action != "" {
		where = append(where, `action LIKE ? ESCAPE '\'`)
		args = append(args, escapeLike(f.Action)+"%")
	}
	if f.ClientID != 0 {
		where = append(where, "resource_type = 'client' AND resource_id = ?")
		args = append(args, strconv.FormatInt(f.ClientID, 10))
	}
	if !f.From.IsZero() {
		where = append(where, "at >= ?")
		args = append(args, f.From)
	}
	if !f.To.IsZero() {
		where = append(where, "at < ?")
		args = append(args, f.To)
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	var total int
	if err := s.queryRow(ctx, "SELECT COUNT(*) FROM audit_events"+cond, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	q := "SELECT " + auditColumns + " FROM audit_events" + cond + " ORDER BY seq DESC"
	if f.Limit > 0 {
		q += " LIMIT ? OFFSET ?"
		args = append(args, f.Limit, f.Offset)
	}
	rows, err := s.query(ctx, q, args...)
	out, err := collect(rows, err, scanAuditEvent)
	if a := kinship.ActorFrom(ctx); err != nil || !(a.System || a.Role.Can(kinship.PermClientRead)) {
		return out, total, err
	}
	return out, total, s.nameClients(ctx, out)
}

// nameClients fills in the name to use of each client the events are
// about.
func (s *Store) nameClients(ctx context.Context, events []*kinship.AuditEvent) error {
	byID := map[int64][]*kinship.AuditEvent{}
	var ids []any
	for _, e := range events {
		if id, err := strconv.ParseInt(e.ResourceID, 10, 64); err == nil && e.ResourceType == "client" {
			if byID[id] == nil {
				ids = append(ids, id)
			}
			byID[id] = append(byID[id], e)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	rows, err := s.query(ctx, "SELECT id, name_to_use FROM clients WHERE id IN (?"+strings.Repeat(", ?", len(ids)-1)+")", ids...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return err
		}
		for _, e := range byID[id] {
			e.ClientName = name
		}
	}
	return rows.Err()
}

// EachAuditEvent calls fn for each event in chain order, stopping at the
// first error fn returns.
func (s *Store) EachAuditEvent(ctx context.Context, fn func(*kinship.AuditEvent) error) error {
	rows, err := s.query(ctx, "SELECT "+auditColumns+" FROM audit_events ORDER BY seq")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanAuditEvent(rows)
		if err != nil {
			return err
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	return rows.Err()
}

// AuditHead returns the recorded last event; 0 and "" for an empty trail.
func (s *Store) AuditHead(ctx context.Context) (int64, string, error) {
	var seq int64
	var hash string
	err := s.queryRow(ctx, "SELECT seq, hash FROM audit_head WHERE id = 1").Scan(&seq, &hash)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, "", nil
	}
	return seq, hash, err
}

// clip cuts s to at most n bytes, on a rune boundary.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// escapeLike escapes LIKE's wildcards so user input matches literally.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(s)
}
