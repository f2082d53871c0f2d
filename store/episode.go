package store

import (
	"context"
	"database/sql"
	"strconv"

	"kinship"
	"kinship/diagnosis"
)

const episodeColumns = `e.id, e.client_id, e.program_id, p.name, e.admitted_on, e.primary_counselor_id, s.name,
	e.discharged_on, e.discharge_reason, e.discharge_summary, e.referrals`

const episodeFrom = ` FROM episodes e JOIN programs p ON p.id = e.program_id JOIN staff s ON s.id = e.primary_counselor_id`

func scanEpisode(r rowScanner) (*kinship.Episode, error) {
	e := &kinship.Episode{}
	var admitted, discharged string
	err := r.Scan(&e.ID, &e.ClientID, &e.ProgramID, &e.ProgramName, &admitted, &e.PrimaryCounselorID, &e.PrimaryCounselor,
		&discharged, &e.DischargeReason, &e.DischargeSummary, &e.Referrals)
	e.AdmittedOn, _ = kinship.ParseDate(admitted)
	e.DischargedOn, _ = kinship.ParseDate(discharged)
	return e, err
}

// Admit opens an episode of care for a client.
func (s *Store) Admit(ctx context.Context, clientID int64, a kinship.Admission) (*kinship.Episode, error) {
	if err := kinship.Authorize(ctx, kinship.PermEpisodeManage); err != nil {
		return nil, err
	}
	if a.TrackID != 0 {
		if err := kinship.Authorize(ctx, kinship.PermEnroll); err != nil {
			return nil, err
		}
	}
	if err := s.openChart(ctx, clientID, kinship.ActionEpisodeRead); err != nil {
		return nil, err
	}
	f := kinship.FieldErrors{}
	if err := a.Validate(); err != nil {
		f = kinship.ErrorFields(err)
	}
	if today := s.today(ctx); !a.AdmittedOn.IsZero() && today.AddDays(30).Before(a.AdmittedOn) {
		f.Add("admitted_on", "The admission date is more than 30 days away.")
	}
	if !a.AdmittedOn.IsZero() {
		if why := s.admissionDateProblem(ctx, clientID, a.AdmittedOn); why != "" {
			f.Add("admitted_on", why)
		}
	}
	var codes []diagnosis.Code
	for _, c := range a.Diagnoses {
		code, ok := diagnosis.Pick(c)
		if !ok {
			f.Add("diagnoses", "“"+c+"” is not one ICD-10-CM code Kinship offers; type the code or more of its title, and choose from the list.")
			continue
		}
		codes = append(codes, code)
	}
	var id int64
	err := s.update(ctx, func(tx *Tx) error {
		var n int
		if err := tx.queryRow("SELECT COUNT(*) FROM programs WHERE id = ?", a.ProgramID).Scan(&n); err != nil {
			return err
		}
		if n == 0 && a.ProgramID != 0 {
			f.Add("program_id", "Choose one of the programs.")
		}
		var role kinship.Role
		var active bool
		err := tx.queryRow("SELECT role, active FROM staff WHERE id = ?", a.PrimaryCounselorID).Scan(&role, &active)
		if (err == sql.ErrNoRows || !active || (role != kinship.CounselorRoles[0] && role != kinship.CounselorRoles[1])) && a.PrimaryCounselorID != 0 {
			f.Add("primary_counselor_id", "Choose an active counselor.")
		} else if err != nil && err != sql.ErrNoRows {
			return err
		}
		if a.TrackID != 0 {
			var program int64
			if err := tx.queryRow("SELECT program_id FROM tracks WHERE id = ?", a.TrackID).Scan(&program); err != nil && err != sql.ErrNoRows {
				return err
			}
			if program != a.ProgramID {
				f.Add("track_id", "Choose a track of the program the client is admitted to.")
			}
		}
		if err := f.Err(); err != nil {
			return err
		}
		if err := tx.queryRow("SELECT COUNT(*) FROM episodes WHERE client_id = ? AND discharged_on = ''", clientID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return kinship.Errorf(kinship.ECONFLICT, "This client is already in an episode of care. Discharge it before a new admission.")
		}
		if id, err = tx.insert(`INSERT INTO episodes (client_id, program_id, admitted_on, primary_counselor_id, created_at)
			VALUES (?, ?, ?, ?, ?)`, clientID, a.ProgramID, a.AdmittedOn.String(), a.PrimaryCounselorID, tx.now); err != nil {
			return err
		}
		for i, c := range codes {
			if _, err := tx.exec("INSERT INTO episode_diagnoses (episode_id, position, code, title) VALUES (?, ?, ?, ?)", id, i, c.Code, c.Title); err != nil {
				if tx.dialect.isUnique(err) {
					return invalidField("diagnoses", "Each diagnosis may be chosen once.")
				}
				return err
			}
		}
		if a.TrackID != 0 {
			if err := tx.enroll(&kinship.Enrollment{ClientID: clientID, TrackID: a.TrackID, Start: a.AdmittedOn}); err != nil {
				return err
			}
		}
		// The inquiry that brought this client in has now become an admission.
		if _, err := tx.exec(`UPDATE inquiries SET status = 'admitted', status_changed_at = ?
			WHERE client_id = ? AND status IN ('new', 'screened', 'assessment_booked')`, writtenAt(tx), clientID); err != nil {
			return err
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionEpisodeAdmit, ResourceType: "episode", ResourceID: strconv.FormatInt(id, 10)})
	})
	if err != nil {
		return nil, err
	}
	return s.episode(ctx, id)
}

// admissionDateProblem says why a client cannot have been admitted on a
// date: before they were born, or before their last discharge.
func (s *Store) admissionDateProblem(ctx context.Context, clientID int64, on kinship.Date) string {
	var birth, lastDischarge string
	_ = s.queryRow(ctx, `SELECT c.birth_date, COALESCE((SELECT MAX(discharged_on) FROM episodes WHERE client_id = c.id), '')
		FROM clients c WHERE c.id = ?`, clientID).Scan(&birth, &lastDischarge)
	if b, err := kinship.ParseDate(birth); err == nil && on.Before(b) {
		return "The admission date is before the client was born."
	}
	if on.Before(kinship.Date{Year: 2000, Month: 1, Day: 1}) {
		return "The admission date is too far in the past."
	}
	if d, err := kinship.ParseDate(lastDischarge); err == nil && on.Before(d) {
		return "The admission date is before the last discharge (" + d.Label() + "); episodes cannot overlap."
	}
	return ""
}

func (s *Store) episode(ctx context.Context, id int64) (*kinship.Episode, error) {
	e, err := scanEpisode(s.queryRow(ctx, "SELECT "+episodeColumns+episodeFrom+" WHERE e.id = ?", id))
	if err != nil {
		return nil, notFound(err, "The episode")
	}
	return e, s.loadDiagnoses(ctx, []*kinship.Episode{e})
}

func (s *Store) loadDiagnoses(ctx context.Context, eps []*kinship.Episode) error {
	for _, e := range eps {
		rows, err := s.query(ctx, "SELECT code, title FROM episode_diagnoses WHERE episode_id = ? ORDER BY position", e.ID)
		if e.Diagnoses, err = collect(rows, err, func(r rowScanner) (d kinship.Diagnosis, err error) {
			return d, r.Scan(&d.Code, &d.Title)
		}); err != nil {
			return err
		}
	}
	return nil
}

// DischargeEpisode closes an open episode.
func (s *Store) DischargeEpisode(ctx context.Context, episodeID int64, d kinship.Discharge) (*kinship.Episode, error) {
	if err := kinship.Authorize(ctx, kinship.PermEpisodeManage); err != nil {
		return nil, err
	}
	e, err := s.episode(ctx, episodeID)
	if err != nil {
		return nil, err
	}
	if err := s.openChart(ctx, e.ClientID, kinship.ActionEpisodeRead); err != nil {
		return nil, err
	}
	if err := d.Validate(); err != nil {
		return nil, err
	}
	if !e.Open() {
		return nil, kinship.Errorf(kinship.ECONFLICT, "This episode is already closed.")
	}
	if d.On.Before(e.AdmittedOn) {
		return nil, invalidField("discharged_on", "The discharge date is before the admission date.")
	}
	if s.today(ctx).Before(d.On) {
		return nil, invalidField("discharged_on", "The discharge date cannot be in the future.")
	}
	err = s.update(ctx, func(tx *Tx) error {
		if _, err := tx.exec(`UPDATE episodes SET discharged_on = ?, discharge_reason = ?, discharge_summary = ?, referrals = ?
			WHERE id = ? AND discharged_on = ''`, d.On.String(), d.Reason, d.Summary, d.Referrals, episodeID); err != nil {
			return err
		}
		// A client leaves their tracks and groups on the day of discharge.
		if _, err := tx.exec(`UPDATE enrollments SET ends_on = ? WHERE client_id = ? AND (ends_on = '' OR ends_on > ?)`,
			d.On.String(), e.ClientID, d.On.String()); err != nil {
			return err
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionEpisodeDischarge, ResourceType: "episode", ResourceID: strconv.FormatInt(episodeID, 10), Detail: string(d.Reason)})
	})
	if err != nil {
		return nil, err
	}
	return s.episode(ctx, episodeID)
}

// Episodes lists a client's episodes, newest first.
func (s *Store) Episodes(ctx context.Context, clientID int64) ([]*kinship.Episode, error) {
	if err := kinship.Authorize(ctx, kinship.PermClinicalRead); err != nil {
		return nil, err
	}
	if err := s.openChart(ctx, clientID, kinship.ActionEpisodeRead); err != nil {
		return nil, err
	}
	return s.episodesOf(ctx, clientID)
}

// Counselors lists active staff who may carry a caseload, by name.
func (s *Store) Counselors(ctx context.Context) ([]*kinship.Staff, error) {
	if err := kinship.Authorize(ctx, kinship.PermClientRead); err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, "SELECT "+staffColumns+" FROM staff WHERE active AND role IN (?, ?) ORDER BY name", kinship.CounselorRoles[0], kinship.CounselorRoles[1])
	return collect(rows, err, scanStaff)
}
