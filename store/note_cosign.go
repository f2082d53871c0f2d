package store

import (
	"context"
	"fmt"
	"strconv"

	"kinship"
)

// supervises reports whether a co-signs notes: supervisors and admins.
func supervises(a kinship.Actor) bool {
	return a.System || a.Role == kinship.RoleSupervisor || a.Role == kinship.RoleAdmin
}

// cosignQueue selects the notes waiting for a co-signature: for a
// supervisor, everyone's but their own; for anyone else, their own.
func cosignQueue(a kinship.Actor) (where string, args []any) {
	where = " WHERE n.signed_at IS NOT NULL AND n.cosign_required AND n.cosigned_at IS NULL AND n.author_id "
	if supervises(a) {
		return where + "<> ?", []any{a.StaffID}
	}
	return where + "= ?", []any{a.StaffID}
}

// CosignQueue lists the notes waiting for a co-signature, oldest first.
func (s *Store) CosignQueue(ctx context.Context) ([]*kinship.Note, error) {
	if err := kinship.Authorize(ctx, kinship.PermClinicalRead); err != nil {
		return nil, err
	}
	a := kinship.ActorFrom(ctx)
	where, args := cosignQueue(a)
	rows, err := s.query(ctx, chartNotes.query+where+" ORDER BY n.signed_at, n.id", args...)
	notes, err := collect(rows, err, scanNote)
	if err != nil {
		return nil, err
	}
	return notes, s.Audit(ctx, kinship.AuditRecord{Action: kinship.ActionCosignQueueRead, ResourceType: "staff",
		ResourceID: strconv.FormatInt(a.StaffID, 10), Detail: fmt.Sprintf("%d notes", len(notes))})
}

// CosignCount counts the queue for a dashboard; 0 for roles that read no
// clinical records. A count carries no client data, so it is not audited.
func (s *Store) CosignCount(ctx context.Context) (int, error) {
	a := kinship.ActorFrom(ctx)
	if !a.System && !a.Role.Can(kinship.PermClinicalRead) {
		return 0, nil
	}
	where, args := cosignQueue(a)
	var n int
	err := s.queryRow(ctx, "SELECT COUNT(*) FROM notes n"+where, args...).Scan(&n)
	return n, err
}

// CosignNote co-signs a note waiting for it.
func (s *Store) CosignNote(ctx context.Context, id int64) (*kinship.Note, error) {
	if err := authorizeWriter(ctx); err != nil {
		return nil, err
	}
	a := kinship.ActorFrom(ctx)
	n, t, err := s.findNote(ctx, id)
	switch {
	case err != nil:
		return nil, err
	case t != chartNotes || !n.ReadableBy(a):
		return nil, errNoNote
	case !supervises(a):
		return nil, kinship.Errorf(kinship.EFORBIDDEN, "Only a supervisor or an admin co-signs notes.")
	case n.AuthorID == a.StaffID:
		return nil, kinship.Errorf(kinship.EFORBIDDEN, "Someone else co-signs your notes.")
	case !n.AwaitingCosign():
		return nil, kinship.Errorf(kinship.ECONFLICT, "This note is not waiting for a co-signature.")
	}
	if err := s.openChart(ctx, n.ClientID, kinship.ActionClientRead); err != nil {
		return nil, err
	}
	err = s.update(ctx, func(tx *Tx) error {
		res, err := tx.exec("UPDATE notes SET cosigned_at = ?, cosigned_by = ? WHERE id = ? AND cosigned_at IS NULL", writtenAt(tx), a.StaffID, id)
		if err != nil {
			return err
		}
		if k, _ := res.RowsAffected(); k == 0 {
			return kinship.Errorf(kinship.ECONFLICT, "This note was co-signed a moment ago.")
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionNoteCosign, ResourceType: "note", ResourceID: strconv.FormatInt(id, 10)})
	})
	if err != nil {
		return nil, err
	}
	return s.reread(ctx, id)
}
