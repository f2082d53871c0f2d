package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"kinship"
)

const clientColumns = `c.id, COALESCE(c.mrn, ''), c.name_to_use, c.pronouns, c.legal_given, c.legal_family, c.gender_identity,
	c.sexual_orientation, c.sex_for_clinical_use, c.birth_date, c.phone, c.email, c.ok_to_voicemail, c.ok_to_text,
	c.discreet_mail, c.emergency_name, c.emergency_relationship, c.emergency_phone, c.preferred_language, c.created_at, ` + clientStatusSQL

func scanClient(r rowScanner) (*kinship.Client, error) {
	c := &kinship.Client{}
	var birth string
	err := r.Scan(&c.ID, &c.MRN, &c.NameToUse, &c.Pronouns, &c.LegalName.Given, &c.LegalName.Family, &c.GenderIdentity,
		&c.SexualOrientation, &c.SexForClinicalUse, &birth, &c.Phone, &c.Email, &c.OKToVoicemail, &c.OKToText,
		&c.DiscreetMail, &c.EmergencyContact.Name, &c.EmergencyContact.Relationship, &c.EmergencyContact.Phone,
		&c.PreferredLanguage, scanTime(&c.CreatedAt), &c.Status)
	c.BirthDate, _ = kinship.ParseDate(birth)
	return c, err
}

// today is the current date in the organization's first site's timezone,
// which is what "today" means for dates people enter.
func (s *Store) today(ctx context.Context) kinship.Date {
	return kinship.DateOf(s.clock.Now().In(s.homeLocation(ctx)))
}

// homeLocation is the first site's timezone, or UTC before setup.
func (s *Store) homeLocation(ctx context.Context) *time.Location {
	site := &kinship.Site{Timezone: "UTC"}
	_ = s.queryRow(ctx, "SELECT timezone FROM sites ORDER BY id LIMIT 1").Scan(&site.Timezone)
	return site.Location()
}

// CreateClient registers a client and assigns the next MRN.
func (s *Store) CreateClient(ctx context.Context, f kinship.ClientFields) (*kinship.Client, error) {
	if err := kinship.Authorize(ctx, kinship.PermClientWrite); err != nil {
		return nil, err
	}
	if !kinship.ActorFrom(ctx).Role.Can(kinship.PermLegalName) && !kinship.ActorFrom(ctx).System {
		f.LegalName = kinship.LegalName{}
	}
	f.Normalize()
	if err := f.Validate(s.today(ctx)); err != nil {
		return nil, err
	}
	if err := s.refuseLikelyDuplicate(ctx, f); err != nil {
		return nil, err
	}
	var id int64
	err := s.update(ctx, func(tx *Tx) (err error) {
		id, err = tx.insertClient(f)
		return err
	})
	if err != nil {
		return nil, err
	}
	return s.clientByID(ctx, id)
}

// insertClient writes a validated client, assigns its MRN and audits it.
func (tx *Tx) insertClient(f kinship.ClientFields) (int64, error) {
	id, err := tx.insert(`INSERT INTO clients (name_to_use, pronouns, legal_given, legal_family, gender_identity, sexual_orientation,
		sex_for_clinical_use, birth_date, phone, email, ok_to_voicemail, ok_to_text, discreet_mail, emergency_name,
		emergency_relationship, emergency_phone, preferred_language, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		f.NameToUse, f.Pronouns, f.LegalName.Given, f.LegalName.Family, f.GenderIdentity, f.SexualOrientation,
		f.SexForClinicalUse, f.BirthDate.String(), f.Phone, f.Email, f.OKToVoicemail, f.OKToText, f.DiscreetMail,
		f.EmergencyContact.Name, f.EmergencyContact.Relationship, f.EmergencyContact.Phone, f.PreferredLanguage, tx.now, tx.now)
	if err != nil {
		return 0, err
	}
	if _, err := tx.exec("UPDATE clients SET mrn = ? WHERE id = ?", fmt.Sprintf("K%06d", id), id); err != nil {
		return 0, err
	}
	return id, tx.audit(kinship.AuditRecord{Action: kinship.ActionClientCreate, ResourceType: "client", ResourceID: strconv.FormatInt(id, 10)})
}

func (s *Store) clientByID(ctx context.Context, id int64) (*kinship.Client, error) {
	c, err := scanClient(s.queryRow(ctx, "SELECT "+clientColumns+" FROM clients c WHERE c.id = ?", id))
	if err != nil {
		return nil, notFound(err, "The client")
	}
	if a := kinship.ActorFrom(ctx); !a.System && !a.Role.Can(kinship.PermLegalName) {
		c.LegalName = kinship.LegalName{}
	}
	return c, nil
}

// Client returns a client for their chart, audited as a read.
func (s *Store) Client(ctx context.Context, id int64) (*kinship.Client, error) {
	if err := s.openChart(ctx, id, kinship.ActionClientRead); err != nil {
		return nil, err
	}
	return s.clientByID(ctx, id)
}

// Registration returns a client with the legal name, audited as such.
func (s *Store) Registration(ctx context.Context, id int64) (*kinship.Client, error) {
	if err := kinship.Authorize(ctx, kinship.PermLegalName); err != nil {
		return nil, err
	}
	if err := s.openChart(ctx, id, kinship.ActionRegistrationRead); err != nil {
		return nil, err
	}
	return s.clientByID(ctx, id)
}

// UpdateClient replaces the client's fields except the legal name.
func (s *Store) UpdateClient(ctx context.Context, id int64, f kinship.ClientFields) (*kinship.Client, error) {
	if err := kinship.Authorize(ctx, kinship.PermClientWrite); err != nil {
		return nil, err
	}
	if err := s.openChart(ctx, id, kinship.ActionClientRead); err != nil {
		return nil, err
	}
	f.Normalize()
	if err := f.Validate(s.today(ctx)); err != nil {
		return nil, err
	}
	err := s.update(ctx, func(tx *Tx) error {
		_, err := tx.exec(`UPDATE clients SET name_to_use = ?, pronouns = ?, gender_identity = ?, sexual_orientation = ?,
			sex_for_clinical_use = ?, birth_date = ?, phone = ?, email = ?, ok_to_voicemail = ?, ok_to_text = ?, discreet_mail = ?,
			emergency_name = ?, emergency_relationship = ?, emergency_phone = ?, preferred_language = ?, updated_at = ? WHERE id = ?`,
			f.NameToUse, f.Pronouns, f.GenderIdentity, f.SexualOrientation, f.SexForClinicalUse, f.BirthDate.String(), f.Phone,
			f.Email, f.OKToVoicemail, f.OKToText, f.DiscreetMail, f.EmergencyContact.Name, f.EmergencyContact.Relationship,
			f.EmergencyContact.Phone, f.PreferredLanguage, tx.now, id)
		if err != nil {
			return err
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionClientUpdate, ResourceType: "client", ResourceID: strconv.FormatInt(id, 10)})
	})
	if err != nil {
		return nil, err
	}
	return s.clientByID(ctx, id)
}

// UpdateLegalName changes the name on insurance and legal documents.
func (s *Store) UpdateLegalName(ctx context.Context, id int64, n kinship.LegalName) error {
	if err := kinship.Authorize(ctx, kinship.PermLegalName); err != nil {
		return err
	}
	f := kinship.ClientFields{NameToUse: "-", LegalName: n}
	f.Normalize()
	if err := f.Validate(s.today(ctx)); err != nil {
		return err
	}
	return s.update(ctx, func(tx *Tx) error {
		res, err := tx.exec("UPDATE clients SET legal_given = ?, legal_family = ?, updated_at = ? WHERE id = ?", f.LegalName.Given, f.LegalName.Family, tx.now, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return kinship.Errorf(kinship.ENOTFOUND, "The client was not found.")
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionClientUpdate, ResourceType: "client", ResourceID: strconv.FormatInt(id, 10), Detail: "legal name"})
	})
}

// SearchClients finds clients by name to use, legal name, MRN or birth
// date. Matches on the name to use come first; a match on the legal name
// alone is flagged, never shown. The search is audited without its terms,
// which may be a name.
func (s *Store) SearchClients(ctx context.Context, f kinship.ClientFilter) ([]*kinship.ClientMatch, int, error) {
	if err := kinship.Authorize(ctx, kinship.PermClientRead); err != nil {
		return nil, 0, err
	}
	q := strings.ToLower(strings.Join(strings.Fields(f.Q), " "))
	like := "%" + escapeLike(q) + "%"
	birth := "-" // matches no stored date
	if d, err := kinship.ParseDate(q); err == nil {
		birth = d.String()
	}
	where := " WHERE TRUE"
	args := []any{like, q, birth}
	// Matching the legal name would let anyone spell it out letter by
	// letter, so only roles that may see it may search by it.
	legal := "''"
	if a := kinship.ActorFrom(ctx); a.System || a.Role.Can(kinship.PermLegalName) {
		legal = "LOWER(c.legal_given || ' ' || c.legal_family)"
	}
	if q != "" {
		where += ` AND (LOWER(c.name_to_use) LIKE ? ESCAPE '\' OR LOWER(COALESCE(c.mrn, '')) = ? OR c.birth_date = ?
			OR ` + legal + ` LIKE ? ESCAPE '\')`
		args = append(args, like, q, birth, like)
	}
	if f.CounselorID != 0 {
		where += ` AND EXISTS (SELECT 1 FROM episodes e WHERE e.client_id = c.id AND e.discharged_on = '' AND e.primary_counselor_id = ?)`
		args = append(args, f.CounselorID)
	}
	var total int
	if err := s.queryRow(ctx, "SELECT COUNT(*) FROM clients c"+where, args[3:]...).Scan(&total); err != nil {
		return nil, 0, err
	}
	if f.Limit <= 0 || f.Limit > 200 {
		f.Limit = 50
	}
	rows, err := s.query(ctx, `SELECT c.id, COALESCE(c.mrn, ''), c.name_to_use, c.pronouns, c.birth_date, `+clientStatusSQL+`,
		CASE WHEN LOWER(c.name_to_use) LIKE ? ESCAPE '\' OR LOWER(COALESCE(c.mrn, '')) = ? OR c.birth_date = ? THEN 0 ELSE 1 END AS legal_only
		FROM clients c`+where+` ORDER BY legal_only, LOWER(c.name_to_use), c.id LIMIT ? OFFSET ?`, append(args, f.Limit, f.Offset)...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []*kinship.ClientMatch
	for rows.Next() {
		m := &kinship.ClientMatch{}
		var birth string
		var legalOnly int
		if err := rows.Scan(&m.ID, &m.MRN, &m.NameToUse, &m.Pronouns, &birth, &m.Status, &legalOnly); err != nil {
			return nil, 0, err
		}
		m.BirthDate, _ = kinship.ParseDate(birth)
		m.MatchedLegalName = q != "" && legalOnly == 1
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	return out, total, s.Audit(ctx, kinship.AuditRecord{Action: kinship.ActionClientSearch, ResourceType: "client",
		Detail: fmt.Sprintf("%d results", len(out))})
}
