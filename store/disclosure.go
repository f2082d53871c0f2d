package store

import (
	"context"
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
	// Treatment has ended once every episode is closed; a client still in
	// intake, with none yet, is in treatment.
	open := len(episodes) == 0 || episodes[0].Open()
	today := s.today(ctx)
	consent, why := coveringConsent(consents, r, today, open)
	if consent == nil {
		_ = s.Audit(ctx, kinship.AuditRecord{Action: kinship.ActionDisclosureRefused, ResourceType: "client",
			ResourceID: strconv.FormatInt(clientID, 10), Outcome: kinship.OutcomeDenied, Detail: why})
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

// coveringConsent returns the first consent that covers r, or nil and the
// most telling reason none does: a consent that would cover r but has
// lapsed says so, rather than "no consent".
func coveringConsent(consents []*kinship.Consent, r kinship.DisclosureRequest, today kinship.Date, open bool) (*kinship.Consent, string) {
	why := "no consent is on file"
	for _, c := range consents {
		ok, reason := c.Covers(r.Recipient, r.Purpose, r.Information, today, open)
		if ok {
			return c, ""
		}
		unlapsed := *c
		unlapsed.RevokedAt, unlapsed.Expiry = time.Time{}, kinship.ExpiryNone
		wouldCover, mismatch := unlapsed.Covers(r.Recipient, r.Purpose, r.Information, today, open)
		if wouldCover {
			return nil, reason
		}
		why = mismatch
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
	released := &kinship.Client{ID: c.ID, MRN: c.MRN, NameToUse: c.NameToUse, Pronouns: c.Pronouns}
	if full || has[kinship.InfoDemographics] {
		released.BirthDate, released.Phone, released.Email, released.PreferredLanguage = c.BirthDate, c.Phone, c.Email, c.PreferredLanguage
		released.GenderIdentity, released.SexForClinicalUse = c.GenderIdentity, c.SexForClinicalUse
	}
	if d.Purpose == kinship.PurposePayment {
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
