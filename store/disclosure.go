package store

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"kinship"
)

// Disclose releases a client's records under a consent that covers the
// recipient, purpose and information, and records it in the accounting of
// disclosures. Without one it refuses, audits the refusal and says why.
func (s *Store) Disclose(ctx context.Context, clientID int64, r kinship.DisclosureRequest) (*kinship.DisclosedRecord, error) {
	if err := kinship.Authorize(ctx, kinship.PermDisclose); err != nil {
		return nil, err
	}
	if err := s.openChart(ctx, clientID, kinship.ActionClientRead); err != nil {
		return nil, err
	}
	if err := r.Validate(); err != nil {
		return nil, err
	}
	consents, err := s.consents(ctx, clientID)
	if err != nil {
		return nil, err
	}
	episodes, err := s.episodesOf(ctx, clientID)
	if err != nil {
		return nil, err
	}
	consent, why := coveringConsent(consents, r, s.today(ctx))
	if consent == nil {
		// The recipient may be a person's name, so the audit keeps only
		// what was asked for and why it was refused.
		_ = s.Audit(ctx, kinship.AuditRecord{Action: kinship.ActionDisclosureRefused, ResourceType: "client",
			ResourceID: strconv.FormatInt(clientID, 10), Outcome: kinship.OutcomeDenied,
			Detail: fmt.Sprintf("%s of %s: %s", r.Purpose, joinLines(r.Information), why)})
		return nil, kinship.Errorf(kinship.EFORBIDDEN, "This disclosure is refused: %s. Records leave the program only under a consent in force that names the recipient, the purpose and the information.", why)
	}
	d := &kinship.Disclosure{ClientID: clientID, ConsentID: consent.ID, Recipient: r.Recipient, Purpose: r.Purpose,
		Information: r.Information, Method: r.Method, DisclosedBy: kinship.ActorFrom(ctx).Label()}
	err = s.update(ctx, func(tx *Tx) (err error) {
		d.DisclosedAt = tx.now
		if d.ID, err = tx.insert(`INSERT INTO disclosures (client_id, consent_id, recipient, purpose, information, method,
			disclosed_at, disclosed_by, disclosed_by_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			clientID, consent.ID, r.Recipient, r.Purpose, joinLines(r.Information), r.Method, tx.now, actorID(ctx), d.DisclosedBy); err != nil {
			return err
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionDisclosure, ResourceType: "client", ResourceID: strconv.FormatInt(clientID, 10),
			Detail: "disclosure " + strconv.FormatInt(d.ID, 10) + " under consent " + strconv.FormatInt(consent.ID, 10)})
	})
	if err != nil {
		return nil, err
	}
	return s.releasedRecord(ctx, d, episodes)
}

// coveringConsent returns a consent in force that covers r, or nil and the
// most telling reason none does: a consent that would cover r but has
// lapsed says so, rather than "no consent".
func coveringConsent(consents []*kinship.Consent, r kinship.DisclosureRequest, today kinship.Date) (*kinship.Consent, string) {
	for _, c := range consents {
		if ok, _ := c.Covers(r.Recipient, r.Purpose, r.Information, today); ok {
			return c, ""
		}
	}
	why := "no consent is on file"
	for _, c := range consents {
		unlapsed := *c
		unlapsed.RevokedAt, unlapsed.Expiry = time.Time{}, kinship.ExpiryNone
		if wouldCover, mismatch := unlapsed.Covers(r.Recipient, r.Purpose, r.Information, today); wouldCover {
			return nil, c.Lapsed(today)
		} else {
			why = mismatch
		}
	}
	return nil, why
}

// releasedRecord assembles only the parts of the record the disclosure
// releases. The legal name travels only for payment, where claims need it.
func (s *Store) releasedRecord(ctx context.Context, d *kinship.Disclosure, episodes []*kinship.Episode) (*kinship.DisclosedRecord, error) {
	out := &kinship.DisclosedRecord{Disclosure: d, Notice: kinship.Part2Notice}
	has := map[kinship.InfoKind]bool{}
	for _, k := range d.Information {
		has[k] = true
	}
	full := has[kinship.InfoFullRecord]
	c, err := scanClient(s.queryRow(ctx, "SELECT "+clientColumns+" FROM clients c WHERE c.id = ?", d.ClientID))
	if err != nil {
		return nil, err
	}
	// The name to use identifies whose record it is; pronouns and the
	// rest travel only with demographics, so an attendance note to family
	// cannot out anyone.
	released := &kinship.Client{ID: c.ID, MRN: c.MRN, NameToUse: c.NameToUse}
	if full || has[kinship.InfoDemographics] {
		released.Pronouns, released.BirthDate, released.Phone, released.Email = c.Pronouns, c.BirthDate, c.Phone, c.Email
		released.PreferredLanguage, released.GenderIdentity, released.SexForClinicalUse = c.PreferredLanguage, c.GenderIdentity, c.SexForClinicalUse
	}
	// Claims need the legal name, and only roles that may see it send them.
	if a := kinship.ActorFrom(ctx); d.Purpose == kinship.PurposePayment && (a.System || a.Role.Can(kinship.PermLegalName)) {
		released.LegalName = c.LegalName
	}
	out.Client = released
	for _, e := range episodes {
		r := &kinship.Episode{ID: e.ID, ProgramName: e.ProgramName, AdmittedOn: e.AdmittedOn, DischargedOn: e.DischargedOn}
		if full || has[kinship.InfoDiagnoses] {
			r.Diagnoses = e.Diagnoses
		}
		if full || has[kinship.InfoDischargeSummary] {
			r.DischargeReason, r.DischargeSummary, r.Referrals = e.DischargeReason, e.DischargeSummary, e.Referrals
		}
		out.Episodes = append(out.Episodes, r)
	}
	if out.Notes, err = s.releasedNotes(ctx, d.ClientID, d.Information); err != nil {
		return nil, err
	}
	return out, nil
}

// episodesOf lists a client's episodes without a permission check or audit,
// for callers that have done both.
func (s *Store) episodesOf(ctx context.Context, clientID int64) ([]*kinship.Episode, error) {
	rows, err := s.query(ctx, "SELECT "+episodeColumns+episodeFrom+" WHERE e.client_id = ? ORDER BY e.admitted_on DESC, e.id DESC", clientID)
	out, err := collect(rows, err, scanEpisode)
	if err != nil {
		return nil, err
	}
	return out, s.loadDiagnoses(ctx, out)
}

// Disclosures is the accounting of disclosures for the last three years.
func (s *Store) Disclosures(ctx context.Context, clientID int64) ([]*kinship.Disclosure, error) {
	if err := kinship.Authorize(ctx, kinship.PermDisclose); err != nil {
		return nil, err
	}
	if err := s.openChart(ctx, clientID, kinship.ActionAccountingRead); err != nil {
		return nil, err
	}
	since := s.now().AddDate(-kinship.AccountingYears, 0, 0)
	rows, err := s.query(ctx, `SELECT id, client_id, consent_id, recipient, purpose, information, method, disclosed_at, disclosed_by_name
		FROM disclosures WHERE client_id = ? AND disclosed_at >= ? ORDER BY disclosed_at DESC, id DESC`, clientID, since)
	return collect(rows, err, func(r rowScanner) (*kinship.Disclosure, error) {
		d := &kinship.Disclosure{}
		var info string
		err := r.Scan(&d.ID, &d.ClientID, &d.ConsentID, &d.Recipient, &d.Purpose, &info, &d.Method, scanTime(&d.DisclosedAt), &d.DisclosedBy)
		for _, k := range lines(info) {
			d.Information = append(d.Information, kinship.InfoKind(k))
		}
		return d, err
	})
}
