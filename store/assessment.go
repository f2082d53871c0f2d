package store

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strconv"
	"time"

	"kinship"
)

// BookAssessment books an inquiry's intake assessment as a session with
// the clinician, so it is on their schedule and the front desk's day,
// and moves the inquiry to assessment booked.
func (s *Store) BookAssessment(ctx context.Context, inquiryID int64, b kinship.AssessmentBooking) (*kinship.Session, error) {
	if err := kinship.Authorize(ctx, kinship.PermAdmissions); err != nil {
		return nil, err
	}
	in, err := s.inquiry(ctx, inquiryID)
	if err != nil {
		return nil, err
	}
	if !in.Status.Open() {
		return nil, kinship.Errorf(kinship.ECONFLICT, "This inquiry is %s; move it back to an open stage before booking.", in.Status.Label())
	}
	if b.Minutes == 0 {
		b.Minutes = kinship.AssessmentMinutes
	}
	loc := s.homeLocation(ctx)
	f := kinship.FieldErrors{}
	if b.ProgramID == 0 {
		if b.ProgramID, err = s.onlyProgram(ctx); err != nil {
			return nil, err
		}
		if b.ProgramID == 0 {
			f.Add("program_id", "Choose the program they are being assessed for.")
		}
	}
	if ok, err := s.isCounselor(ctx, b.ClinicianID); err != nil {
		return nil, err
	} else if !ok {
		f.Add("clinician_id", "Choose the clinician who will do the assessment.")
	}
	clock, terr := kinship.ParseClockTime(b.Time)
	start := b.Date.In(loc).Add(time.Duration(clock) * time.Minute)
	switch {
	case b.Date.IsZero():
		f.Add("date", "Enter the date of the assessment.")
	case terr != nil:
		f.Add("time", "Enter the time like 10:00.")
	case start.Before(s.clock.Now()):
		f.Add("date", "That time has passed; choose a time to come.")
	}
	if b.Minutes < 15 || b.Minutes > 240 {
		f.Add("minutes", "An assessment lasts between 15 and 240 minutes.")
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	end := start.Add(time.Duration(b.Minutes) * time.Minute)
	if err := s.withinHours(ctx, b.ClinicianID, start, end); kinship.ErrorCode(err) == kinship.EINVALID {
		return nil, invalidField("time", "That is outside the clinician's working hours.")
	} else if err != nil {
		return nil, err
	}
	var id int64
	err = s.update(ctx, func(tx *Tx) error {
		var typeID int64
		if err := tx.queryRow("SELECT id FROM session_types WHERE kind = ? ORDER BY id LIMIT 1", kinship.KindAssessment).Scan(&typeID); err != nil {
			return err
		}
		if id, err = tx.bookOneOff(loc, oneOff{programID: b.ProgramID, typeID: typeID, title: "Intake assessment", inquiryID: inquiryID,
			counselorID: b.ClinicianID, roomID: b.RoomID, start: start, end: end}); err != nil {
			return err
		}
		if _, err := tx.exec("UPDATE inquiries SET status = ?, status_changed_at = ? WHERE id = ?", kinship.InquiryAssessmentBooked, tx.now, inquiryID); err != nil {
			return err
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionBooking, ResourceType: "inquiry", ResourceID: strconv.FormatInt(inquiryID, 10),
			Detail: "intake assessment, session " + strconv.FormatInt(id, 10)})
	})
	if err != nil {
		return nil, err
	}
	return s.Session(ctx, id)
}

// onlyProgram is the organization's program when it has exactly one, or 0.
func (s *Store) onlyProgram(ctx context.Context) (int64, error) {
	rows, err := s.query(ctx, "SELECT id FROM programs ORDER BY id LIMIT 2")
	ids, err := collect(rows, err, func(r rowScanner) (id int64, err error) { return id, r.Scan(&id) })
	if err != nil || len(ids) != 1 {
		return 0, err
	}
	return ids[0], nil
}

// isCounselor reports whether id is an active member who may carry a
// caseload, and so do an assessment.
func (s *Store) isCounselor(ctx context.Context, id int64) (bool, error) {
	var role kinship.Role
	err := s.queryRow(ctx, "SELECT role FROM staff WHERE id = ? AND active", id).Scan(&role)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return slices.Contains(kinship.CounselorRoles, role), err
}

// assessmentOf is the inquiry's booked assessment still to happen or
// most recent, or nil.
func (s *Store) assessmentOf(ctx context.Context, inquiryID int64) (*kinship.Session, error) {
	m, err := scanSession(s.queryRow(ctx, "SELECT "+sessionColumns+sessionFrom+` WHERE s.inquiry_id = ? AND NOT s.cancelled
		ORDER BY s.starts_at DESC LIMIT 1`, inquiryID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return m, err
}
