package store

import (
	"context"
	"strconv"
	"strings"

	"kinship"
)

// consentColumns include whether treatment ended after the consent was
// signed: an episode discharged on or after that day.
const consentColumns = `k.id, k.client_id, k.discloser, k.information, k.information_detail, k.recipients, k.tpo, k.purposes,
	k.purpose_detail, k.expiry, k.expires_on, k.revocation_noted, k.signed_name, k.signed_on, k.signature_method,
	COALESCE(k.scan_document_id, 0), k.revoked_at, k.revoke_note, k.created_at,
	EXISTS (SELECT 1 FROM episodes e WHERE e.client_id = k.client_id AND e.discharged_on <> '' AND e.discharged_on >= k.signed_on)`

func scanConsent(r rowScanner) (*kinship.Consent, error) {
	c := &kinship.Consent{}
	var info, recipients, purposes, expires, signed string
	err := r.Scan(&c.ID, &c.ClientID, &c.Discloser, &info, &c.InformationDetail, &recipients, &c.TPO, &purposes, &c.PurposeDetail,
		&c.Expiry, &expires, &c.RevocationNoted, &c.SignedName, &signed, &c.SignatureMethod, &c.ScanDocumentID,
		scanTime(&c.RevokedAt), &c.RevokeNote, scanTime(&c.CreatedAt), &c.TreatmentEnded)
	for _, k := range lines(info) {
		c.Information = append(c.Information, kinship.InfoKind(k))
	}
	for _, p := range lines(purposes) {
		c.Purposes = append(c.Purposes, kinship.Purpose(p))
	}
	c.Recipients = lines(recipients)
	c.ExpiresOn, _ = kinship.ParseDate(expires)
	c.SignedOn, _ = kinship.ParseDate(signed)
	return c, err
}

// joinLines stores a list one item per line.
func joinLines[T ~string](items []T) string {
	s := make([]string, len(items))
	for i, it := range items {
		s[i] = strings.ReplaceAll(string(it), "\n", " ")
	}
	return strings.Join(s, "\n")
}

// CreateConsent records a signed consent.
func (s *Store) CreateConsent(ctx context.Context, clientID int64, f kinship.ConsentFields) (*kinship.Consent, error) {
	if err := kinship.Authorize(ctx, kinship.PermConsentManage); err != nil {
		return nil, err
	}
	if err := s.openChart(ctx, clientID, kinship.ActionConsentRead); err != nil {
		return nil, err
	}
	if err := f.Validate(s.today(ctx)); err != nil {
		return nil, err
	}
	var id int64
	err := s.update(ctx, func(tx *Tx) error {
		var scan any
		if f.SignatureMethod == "paper_scan" {
			var n int
			if err := tx.queryRow("SELECT COUNT(*) FROM documents WHERE id = ? AND client_id = ?", f.ScanDocumentID, clientID).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return invalidField("scan", "Upload the scan of the signed paper form.")
			}
			scan = f.ScanDocumentID
		}
		var err error
		id, err = tx.insertConsent(clientID, f, scan)
		return err
	})
	if err != nil {
		return nil, err
	}
	return scanConsent(s.queryRow(ctx, "SELECT "+consentColumns+" FROM consents k WHERE k.id = ?", id))
}

// Consents lists a client's consents, newest first.
func (s *Store) Consents(ctx context.Context, clientID int64) ([]*kinship.Consent, error) {
	if err := s.openChart(ctx, clientID, kinship.ActionConsentRead); err != nil {
		return nil, err
	}
	return s.consents(ctx, clientID)
}

func (s *Store) consents(ctx context.Context, clientID int64) ([]*kinship.Consent, error) {
	rows, err := s.query(ctx, "SELECT "+consentColumns+" FROM consents k WHERE k.client_id = ? ORDER BY k.id DESC", clientID)
	list, err := collect(rows, err, scanConsent)
	// The typed signature may be the legal name; only roles that may see
	// it get it.
	if a := kinship.ActorFrom(ctx); !a.System && !a.Role.Can(kinship.PermLegalName) {
		for _, c := range list {
			c.SignedName = ""
		}
	}
	return list, err
}

// RevokeConsent revokes a consent from now on.
func (s *Store) RevokeConsent(ctx context.Context, consentID int64, note string) (*kinship.Consent, error) {
	if err := kinship.Authorize(ctx, kinship.PermConsentManage); err != nil {
		return nil, err
	}
	c, err := scanConsent(s.queryRow(ctx, "SELECT "+consentColumns+" FROM consents k WHERE k.id = ?", consentID))
	if err != nil {
		return nil, notFound(err, "The consent")
	}
	if err := s.openChart(ctx, c.ClientID, kinship.ActionConsentRead); err != nil {
		return nil, err
	}
	if !c.RevokedAt.IsZero() {
		return nil, kinship.Errorf(kinship.ECONFLICT, "This consent is already revoked.")
	}
	err = s.update(ctx, func(tx *Tx) error { return tx.revokeConsent(consentID, strings.TrimSpace(note)) })
	if err != nil {
		return nil, err
	}
	return scanConsent(s.queryRow(ctx, "SELECT "+consentColumns+" FROM consents k WHERE k.id = ?", consentID))
}

// maxDocument bounds an uploaded file.
const maxDocument = 10 << 20

// SaveDocument keeps an uploaded file for a client.
func (s *Store) SaveDocument(ctx context.Context, clientID int64, name, contentType string, data []byte) (int64, error) {
	if err := kinship.Authorize(ctx, kinship.PermConsentManage); err != nil {
		return 0, err
	}
	if err := s.openChart(ctx, clientID, kinship.ActionConsentRead); err != nil {
		return 0, err
	}
	switch {
	case len(data) == 0:
		return 0, invalidField("scan", "The uploaded file is empty.")
	case len(data) > maxDocument:
		return 0, invalidField("scan", "The file must be 10 MB or smaller.")
	case contentType != "application/pdf" && contentType != "image/jpeg" && contentType != "image/png":
		return 0, invalidField("scan", "Upload a PDF, JPEG or PNG file.")
	}
	var id int64
	err := s.update(ctx, func(tx *Tx) (err error) {
		if id, err = tx.insert("INSERT INTO documents (client_id, name, content_type, data, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)",
			clientID, name, contentType, data, tx.now, actorID(ctx)); err != nil {
			return err
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionDocumentCreate, ResourceType: "document", ResourceID: strconv.FormatInt(id, 10)})
	})
	return id, err
}

// actorID is the acting staff member's id, or NULL for the system.
func actorID(ctx context.Context) any {
	if id := kinship.ActorFrom(ctx).StaffID; id != 0 {
		return id
	}
	return nil
}

// Document returns one of a client's uploaded files, audited as a read.
func (s *Store) Document(ctx context.Context, clientID, documentID int64) (*kinship.Document, error) {
	if err := kinship.Authorize(ctx, kinship.PermConsentManage); err != nil {
		return nil, err
	}
	if err := s.openChart(ctx, clientID, kinship.ActionDocumentRead); err != nil {
		return nil, err
	}
	d := &kinship.Document{}
	err := s.queryRow(ctx, "SELECT id, client_id, name, content_type, data FROM documents WHERE id = ? AND client_id = ?", documentID, clientID).
		Scan(&d.ID, &d.ClientID, &d.Name, &d.ContentType, &d.Data)
	return d, notFound(err, "The document")
}

// insertConsent records a consent already validated; createdBy is the
// staff member who took it, or nil when the client signed it themselves.
func (tx *Tx) insertConsent(clientID int64, f kinship.ConsentFields, scanDocument any) (int64, error) {
	id, err := tx.insert(`INSERT INTO consents (client_id, discloser, information, information_detail, recipients, tpo, purposes,
		purpose_detail, expiry, expires_on, revocation_noted, signed_name, signed_on, signature_method, scan_document_id,
		created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		clientID, f.Discloser, joinLines(f.Information), f.InformationDetail, joinLines(f.Recipients), f.TPO, joinLines(f.Purposes),
		f.PurposeDetail, f.Expiry, f.ExpiresOn.String(), f.RevocationNoted, f.SignedName, f.SignedOn.String(), f.SignatureMethod,
		scanDocument, tx.now, actorID(tx.ctx))
	if err != nil {
		return 0, err
	}
	return id, tx.audit(kinship.AuditRecord{Action: kinship.ActionConsentCreate, ResourceType: "consent", ResourceID: strconv.FormatInt(id, 10)})
}

// revokeConsent revokes a consent from now on, if it is not already.
func (tx *Tx) revokeConsent(consentID int64, note string) error {
	res, err := tx.exec("UPDATE consents SET revoked_at = ?, revoke_note = ? WHERE id = ? AND revoked_at IS NULL", tx.now, note, consentID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil
	}
	return tx.audit(kinship.AuditRecord{Action: kinship.ActionConsentRevoke, ResourceType: "consent", ResourceID: strconv.FormatInt(consentID, 10)})
}
