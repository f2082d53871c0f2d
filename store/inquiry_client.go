package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"kinship"
)

// ClientInquiries returns the inquiries that brought a client in, newest
// first, so their chart keeps what was said at first contact.
func (s *Store) ClientInquiries(ctx context.Context, clientID int64) ([]*kinship.Inquiry, error) {
	if err := kinship.Authorize(ctx, kinship.PermAdmissions); err != nil {
		return nil, err
	}
	if err := s.openChart(ctx, clientID, kinship.ActionInquiryRead); err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, "SELECT "+inquiryColumns+" FROM inquiries WHERE client_id = ? ORDER BY created_at DESC, id DESC", clientID)
	return collect(rows, err, scanInquiry)
}

// LinkInquiry files an open inquiry on an existing client's chart, for a
// person who already has one: admitting them then closes the inquiry as
// an admission, as for a new registration.
func (s *Store) LinkInquiry(ctx context.Context, inquiryID, clientID int64) error {
	if err := kinship.Authorize(ctx, kinship.PermAdmissions); err != nil {
		return err
	}
	in, err := s.inquiry(ctx, inquiryID)
	if err != nil {
		return err
	}
	if !in.Status.Open() {
		return kinship.Errorf(kinship.ECONFLICT, "This inquiry is %s; move it back to an open stage first.", strings.ToLower(in.Status.Label()))
	}
	if err := s.openChart(ctx, clientID, kinship.ActionClientRead); err != nil {
		return err
	}
	return s.update(ctx, func(tx *Tx) error {
		var existing sql.NullInt64
		if err := tx.queryRow("SELECT client_id FROM inquiries WHERE id = ?", inquiryID).Scan(&existing); err != nil {
			return err
		}
		if existing.Valid {
			return kinship.Errorf(kinship.ECONFLICT, "This inquiry is already on a chart.")
		}
		if _, err := tx.exec("UPDATE inquiries SET client_id = ? WHERE id = ?", clientID, inquiryID); err != nil {
			return err
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionInquiryUpdate, ResourceType: "inquiry", ResourceID: strconv.FormatInt(inquiryID, 10),
			Detail: "filed on client " + strconv.FormatInt(clientID, 10)})
	})
}
