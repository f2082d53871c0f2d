package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"kinship"
)

const inquiryColumns = `id, source, caller_type, caller_name, caller_relationship, name_to_use, pronouns, phone, email,
	ok_to_voicemail, ok_to_text, substances, insurance, referral_source, notes, status, status_changed_at, close_reason,
	screening_level, screening_reasons, COALESCE(client_id, 0), created_at`

func scanInquiry(r rowScanner) (*kinship.Inquiry, error) {
	in := &kinship.Inquiry{}
	var reasons string
	err := r.Scan(&in.ID, &in.Source, &in.CallerType, &in.CallerName, &in.CallerRelationship, &in.NameToUse, &in.Pronouns,
		&in.Phone, &in.Email, &in.OKToVoicemail, &in.OKToText, &in.Substances, &in.Insurance, &in.ReferralSource, &in.Notes,
		&in.Status, scanTime(&in.StatusChangedAt), &in.CloseReason, &in.ScreeningLevel, &reasons, &in.ClientID, scanTime(&in.CreatedAt))
	in.ScreeningReasons = lines(reasons)
	return in, err
}

// CreateInquiry records an inquiry. The public may create one from the web
// form or the screening page; staff need PermAdmissions.
func (s *Store) CreateInquiry(ctx context.Context, f kinship.InquiryFields) (*kinship.Inquiry, error) {
	a := kinship.ActorFrom(ctx)
	if a.StaffID != 0 || a.System {
		if err := kinship.Authorize(ctx, kinship.PermAdmissions); err != nil {
			return nil, err
		}
	} else if f.Source != "web" && f.Source != "screening" {
		return nil, kinship.Errorf(kinship.EFORBIDDEN, "Please sign in.")
	}
	if err := f.Validate(); err != nil {
		return nil, err
	}
	var id int64
	err := s.update(ctx, func(tx *Tx) (err error) {
		status := kinship.InquiryNew
		if f.ScreeningLevel != "" {
			status = kinship.InquiryScreened
		}
		id, err = tx.insert(`INSERT INTO inquiries (source, caller_type, caller_name, caller_relationship, name_to_use, pronouns,
			phone, email, ok_to_voicemail, ok_to_text, substances, insurance, referral_source, notes, status, status_changed_at,
			screening_level, screening_reasons, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			f.Source, f.CallerType, f.CallerName, f.CallerRelationship, f.NameToUse, f.Pronouns, f.Phone, f.Email,
			f.OKToVoicemail, f.OKToText, f.Substances, f.Insurance, f.ReferralSource, f.Notes, status, writtenAt(tx),
			f.ScreeningLevel, strings.Join(f.ScreeningReasons, "\n"), writtenAt(tx))
		if err != nil {
			return err
		}
		if f.Emergency {
			msg := "Someone who left their details on the public screening said they may be in danger now. Call them at once: inquiry " + strconv.FormatInt(id, 10) + "."
			for _, role := range []kinship.Role{kinship.RoleAdmin, kinship.RoleFrontDesk, kinship.RoleSupervisor} {
				if err := tx.raiseAlert(kinship.AlertScreeningEmergency, 0, recipients{role: role}, msg); err != nil {
					return err
				}
			}
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionInquiryCreate, ResourceType: "inquiry", ResourceID: strconv.FormatInt(id, 10), Detail: "source " + f.Source})
	})
	if err != nil {
		return nil, err
	}
	return s.inquiry(ctx, id)
}

func (s *Store) inquiry(ctx context.Context, id int64) (*kinship.Inquiry, error) {
	in, err := scanInquiry(s.queryRow(ctx, "SELECT "+inquiryColumns+" FROM inquiries WHERE id = ?", id))
	if err != nil {
		return nil, notFound(err, "The inquiry")
	}
	in.Assessment, err = s.assessmentOf(ctx, id)
	return in, err
}

// Inquiry returns one inquiry, audited as a read.
func (s *Store) Inquiry(ctx context.Context, id int64) (*kinship.Inquiry, error) {
	if err := kinship.Authorize(ctx, kinship.PermAdmissions); err != nil {
		return nil, err
	}
	in, err := s.inquiry(ctx, id)
	if err != nil {
		return nil, err
	}
	return in, s.Audit(ctx, kinship.AuditRecord{Action: kinship.ActionInquiryRead, ResourceType: "inquiry", ResourceID: strconv.FormatInt(id, 10)})
}

// Board returns the admissions board: open inquiries in every column, and
// closed ones changed since since. Counts cover inquiries made since since.
func (s *Store) Board(ctx context.Context, since time.Time) ([]kinship.BoardColumn, kinship.AdmissionsStats, error) {
	stats := kinship.AdmissionsStats{Since: since, ByStatus: map[kinship.InquiryStatus]int{}}
	if err := kinship.Authorize(ctx, kinship.PermAdmissions); err != nil {
		return nil, stats, err
	}
	rows, err := s.query(ctx, "SELECT "+inquiryColumns+` FROM inquiries
		WHERE status IN ('new', 'screened', 'assessment_booked') OR status_changed_at >= ? ORDER BY status_changed_at, id`, since)
	if err != nil {
		return nil, stats, err
	}
	defer rows.Close()
	byStatus := map[kinship.InquiryStatus][]*kinship.Inquiry{}
	for rows.Next() {
		in, err := scanInquiry(rows)
		if err != nil {
			return nil, stats, err
		}
		byStatus[in.Status] = append(byStatus[in.Status], in)
	}
	if err := rows.Err(); err != nil {
		return nil, stats, err
	}
	for _, in := range byStatus[kinship.InquiryAssessmentBooked] {
		if in.Assessment, err = s.assessmentOf(ctx, in.ID); err != nil {
			return nil, stats, err
		}
	}
	cols := make([]kinship.BoardColumn, len(kinship.InquiryStatuses))
	for i, st := range kinship.InquiryStatuses {
		cols[i] = kinship.BoardColumn{Status: st, Inquiries: byStatus[st]}
	}
	counts, err := s.query(ctx, "SELECT status, COUNT(*) FROM inquiries WHERE created_at >= ? GROUP BY status", since)
	if err != nil {
		return nil, stats, err
	}
	defer counts.Close()
	for counts.Next() {
		var st kinship.InquiryStatus
		var n int
		if err := counts.Scan(&st, &n); err != nil {
			return nil, stats, err
		}
		stats.ByStatus[st], stats.Total = n, stats.Total+n
	}
	if err := counts.Err(); err != nil {
		return nil, stats, err
	}
	return cols, stats, s.Audit(ctx, kinship.AuditRecord{Action: kinship.ActionInquiryRead, ResourceType: "inquiry", Detail: "admissions board"})
}

// MoveInquiry changes an inquiry's status.
func (s *Store) MoveInquiry(ctx context.Context, id int64, m kinship.InquiryMove) (*kinship.Inquiry, error) {
	if err := kinship.Authorize(ctx, kinship.PermAdmissions); err != nil {
		return nil, err
	}
	m.Reason = strings.TrimSpace(m.Reason)
	switch {
	case !m.Status.Valid():
		return nil, invalidField("status", "Status must be new, screened, assessment_booked, admitted, referred or closed.")
	case m.Status == kinship.InquiryAdmitted:
		return nil, invalidField("status", "An inquiry is marked admitted when its client is admitted to a program.")
	case m.Status == kinship.InquiryReferred && m.Reason == "":
		return nil, invalidField("reason", "Say where they were referred.")
	case m.Status == kinship.InquiryClosed && m.Reason == "":
		return nil, invalidField("reason", "Give the reason for closing.")
	}
	err := s.update(ctx, func(tx *Tx) error {
		var status kinship.InquiryStatus
		if err := tx.queryRow("SELECT status FROM inquiries WHERE id = ?", id).Scan(&status); err != nil {
			return notFound(err, "The inquiry")
		}
		if status == kinship.InquiryAdmitted {
			return kinship.Errorf(kinship.ECONFLICT, "This inquiry became an admission and cannot move.")
		}
		if _, err := tx.exec("UPDATE inquiries SET status = ?, status_changed_at = ?, close_reason = ? WHERE id = ?",
			m.Status, writtenAt(tx), m.Reason, id); err != nil {
			return err
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionInquiryUpdate, ResourceType: "inquiry", ResourceID: strconv.FormatInt(id, 10),
			Detail: string(status) + " to " + string(m.Status)})
	})
	if err != nil {
		return nil, err
	}
	return s.inquiry(ctx, id)
}

// RecordScreening stores a level-of-care result on an inquiry.
func (s *Store) RecordScreening(ctx context.Context, id int64, level string, reasons []string) (*kinship.Inquiry, error) {
	if err := kinship.Authorize(ctx, kinship.PermAdmissions); err != nil {
		return nil, err
	}
	err := s.update(ctx, func(tx *Tx) error {
		res, err := tx.exec(`UPDATE inquiries SET screening_level = ?, screening_reasons = ?,
			status = CASE WHEN status = 'new' THEN 'screened' ELSE status END,
			status_changed_at = CASE WHEN status = 'new' THEN ? ELSE status_changed_at END WHERE id = ?`,
			level, strings.Join(reasons, "\n"), writtenAt(tx), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return kinship.Errorf(kinship.ENOTFOUND, "The inquiry was not found.")
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionInquiryUpdate, ResourceType: "inquiry", ResourceID: strconv.FormatInt(id, 10), Detail: "screened: " + level})
	})
	if err != nil {
		return nil, err
	}
	return s.inquiry(ctx, id)
}

// ConvertInquiry registers the inquiry's person as a client.
func (s *Store) ConvertInquiry(ctx context.Context, id int64, f kinship.ClientFields) (*kinship.Client, error) {
	if err := kinship.Authorize(ctx, kinship.PermAdmissions); err != nil {
		return nil, err
	}
	if err := kinship.Authorize(ctx, kinship.PermClientWrite); err != nil {
		return nil, err
	}
	in, err := s.inquiry(ctx, id)
	if err != nil {
		return nil, err
	}
	if in.ClientID != 0 {
		return nil, kinship.Errorf(kinship.ECONFLICT, "This inquiry is already a client.")
	}
	if !in.Status.Open() {
		return nil, kinship.Errorf(kinship.ECONFLICT, "This inquiry is %s; move it back to an open stage before registering.", strings.ToLower(in.Status.Label()))
	}
	fillFromInquiry(&f, in)
	if a := kinship.ActorFrom(ctx); !a.System && !a.Role.Can(kinship.PermLegalName) {
		f.LegalName = kinship.LegalName{}
	}
	f.Normalize()
	if err := f.Validate(s.today(ctx)); err != nil {
		return nil, err
	}
	if err := s.refuseLikelyDuplicate(ctx, f); err != nil {
		return nil, err
	}
	var clientID int64
	err = s.update(ctx, func(tx *Tx) error {
		var existing sql.NullInt64
		if err := tx.queryRow("SELECT client_id FROM inquiries WHERE id = ?", id).Scan(&existing); err != nil {
			return err
		}
		if existing.Valid {
			return kinship.Errorf(kinship.ECONFLICT, "This inquiry is already a client.")
		}
		if clientID, err = tx.insertClient(f); err != nil {
			return err
		}
		if _, err := tx.exec("UPDATE inquiries SET client_id = ? WHERE id = ?", clientID, id); err != nil {
			return err
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionInquiryUpdate, ResourceType: "inquiry", ResourceID: strconv.FormatInt(id, 10), Detail: "converted to client " + strconv.FormatInt(clientID, 10)})
	})
	if err != nil {
		return nil, err
	}
	return s.clientByID(ctx, clientID)
}

// fillFromInquiry carries what the inquiry already holds into fields the
// caller left empty, so nobody types it twice.
func fillFromInquiry(f *kinship.ClientFields, in *kinship.Inquiry) {
	for _, p := range []struct {
		dst *string
		src string
	}{{&f.NameToUse, in.NameToUse}, {&f.Pronouns, in.Pronouns}, {&f.Phone, in.Phone}, {&f.Email, in.Email}} {
		if strings.TrimSpace(*p.dst) == "" {
			*p.dst = p.src
		}
	}
	f.OKToVoicemail = f.OKToVoicemail || in.OKToVoicemail
	f.OKToText = f.OKToText || in.OKToText
}

// lines splits stored one-per-line lists.
func lines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// invalidField is an EINVALID error about one field.
func invalidField(field, msg string) error {
	return &kinship.Error{Code: kinship.EINVALID, Message: msg, Fields: map[string]string{field: msg}}
}
