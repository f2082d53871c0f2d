package kinship

import (
	"context"
	"strings"
	"time"
)

// Consent is a client's written consent under 42 CFR Part 2 to disclose
// their records. It holds every element §2.31 requires: the patient, who
// may disclose, what information, to whom, why, until when, the right to
// revoke, the signature and its date.
type Consent struct {
	ID          int64
	ClientID    int64
	Discloser   string // who may disclose: the program
	Information []InfoKind
	// InformationDetail describes the information specifically, in words.
	InformationDetail string
	// Recipients are named people or organizations. A TPO consent instead
	// covers any recipient for treatment, payment and health care operations.
	Recipients      []string
	TPO             bool
	Purposes        []Purpose
	PurposeDetail   string
	Expiry          ExpiryKind
	ExpiresOn       Date // when Expiry is ExpiryDate
	RevocationNoted bool // the client was told they may revoke at any time
	SignedName      string
	SignedOn        Date
	SignatureMethod string // typed or paper_scan; portal signing comes with the client portal
	ScanDocumentID  int64  // the uploaded paper form, for paper_scan
	RevokedAt       time.Time
	RevokeNote      string
	CreatedAt       time.Time
	// TreatmentEnded is set by the store: an episode was discharged on or
	// after the day the consent was signed, so an "end of treatment"
	// consent has lapsed, even if the client is later readmitted.
	TreatmentEnded bool
}

// InfoKind is a kind of information a consent may release.
type InfoKind string

// Kinds of information. FullRecord covers every kind but SUD counseling
// notes, which always need a consent of their own.
const (
	InfoDemographics     InfoKind = "demographics"
	InfoAttendance       InfoKind = "attendance"
	InfoDiagnoses        InfoKind = "diagnoses"
	InfoTreatmentPlan    InfoKind = "treatment_plan"
	InfoProgressNotes    InfoKind = "progress_notes"
	InfoAssessments      InfoKind = "assessments"
	InfoDrugScreens      InfoKind = "drug_screens"
	InfoDischargeSummary InfoKind = "discharge_summary"
	InfoFullRecord       InfoKind = "full_record"
	InfoCounselingNotes  InfoKind = "counseling_notes"
)

// InfoKinds lists the kinds in the order forms offer them.
var InfoKinds = []InfoKind{InfoDemographics, InfoAttendance, InfoDiagnoses, InfoTreatmentPlan, InfoProgressNotes,
	InfoAssessments, InfoDrugScreens, InfoDischargeSummary, InfoFullRecord, InfoCounselingNotes}

// Label is the kind as people read it.
func (k InfoKind) Label() string {
	return map[InfoKind]string{InfoDemographics: "Name, pronouns and contact details", InfoAttendance: "Attendance",
		InfoDiagnoses: "Diagnoses", InfoTreatmentPlan: "Treatment plan", InfoProgressNotes: "Progress notes",
		InfoAssessments: "Assessment scores", InfoDrugScreens: "Drug screen results", InfoDischargeSummary: "Discharge summary",
		InfoFullRecord: "The whole record (except counseling notes)", InfoCounselingNotes: "SUD counseling notes"}[k]
}

// Purpose is why information is disclosed.
type Purpose string

// Purposes of disclosure.
const (
	PurposeTreatment     Purpose = "treatment"
	PurposePayment       Purpose = "payment"
	PurposeOperations    Purpose = "health_care_operations"
	PurposeFamilySupport Purpose = "family_support"
	PurposeLegal         Purpose = "legal"
	PurposeOther         Purpose = "other"
)

// Purposes lists the purposes in the order forms offer them.
var Purposes = []Purpose{PurposeTreatment, PurposePayment, PurposeOperations, PurposeFamilySupport, PurposeLegal, PurposeOther}

// Label is the purpose as people read it.
func (p Purpose) Label() string {
	return map[Purpose]string{PurposeTreatment: "Treatment", PurposePayment: "Payment", PurposeOperations: "Health care operations",
		PurposeFamilySupport: "Support from family or friends", PurposeLegal: "Legal or court", PurposeOther: "Other"}[p]
}

// tpo reports whether p is treatment, payment or health care operations.
func (p Purpose) tpo() bool {
	return p == PurposeTreatment || p == PurposePayment || p == PurposeOperations
}

// ExpiryKind is how a consent ends.
type ExpiryKind string

// Expiry kinds.
const (
	ExpiryDate           ExpiryKind = "date"
	ExpiryEndOfTreatment ExpiryKind = "end_of_treatment"
	ExpiryNone           ExpiryKind = "none"
)

// ConsentFields is what is recorded when a consent is signed.
type ConsentFields struct {
	Discloser         string     `json:"discloser"`
	Information       []InfoKind `json:"information"`
	InformationDetail string     `json:"information_detail"`
	Recipients        []string   `json:"recipients"`
	TPO               bool       `json:"tpo"`
	Purposes          []Purpose  `json:"purposes"`
	PurposeDetail     string     `json:"purpose_detail"`
	Expiry            ExpiryKind `json:"expiry"`
	ExpiresOn         Date       `json:"expires_on"`
	RevocationNoted   bool       `json:"revocation_noted"`
	SignedName        string     `json:"signed_name"`
	SignedOn          Date       `json:"signed_on"`
	SignatureMethod   string     `json:"signature_method"`
	// Confirmed is the signer's checkbox: "I have read this consent and
	// agree." A typed name alone is not a signature.
	Confirmed      bool  `json:"confirmed"`
	ScanDocumentID int64 `json:"scan_document_id"`
}

// Validate returns EINVALID naming each missing or wrong element.
func (c *ConsentFields) Validate(today Date) error {
	c.Discloser, c.InformationDetail = strings.TrimSpace(c.Discloser), strings.TrimSpace(c.InformationDetail)
	c.PurposeDetail, c.SignedName = strings.TrimSpace(c.PurposeDetail), strings.TrimSpace(c.SignedName)
	var recipients []string
	for _, r := range c.Recipients {
		if r = strings.TrimSpace(r); r != "" {
			recipients = append(recipients, r)
		}
	}
	c.Recipients = recipients
	f := FieldErrors{}
	if c.Discloser == "" {
		f.Add("discloser", "Say who may disclose: the program's name.")
	}
	if len(c.Information) == 0 {
		f.Add("information", "Choose what information may be disclosed.")
	}
	for _, k := range c.Information {
		if k.Label() == "" {
			f.Add("information", "Information must be among: "+strings.Join(kindCodes(), ", ")+".")
		}
	}
	if c.InformationDetail == "" {
		f.Add("information_detail", "Describe the information specifically, in words the client understands.")
	}
	if len(c.Recipients) == 0 && !c.TPO {
		f.Add("recipients", "Name at least one recipient, or make this a consent for treatment, payment and operations.")
	}
	if len(c.Purposes) == 0 {
		f.Add("purposes", "Choose the purpose of the disclosure.")
	}
	for _, p := range c.Purposes {
		if p.Label() == "" {
			f.Add("purposes", "Purposes must be among treatment, payment, health_care_operations, family_support, legal and other.")
		} else if c.TPO && !p.tpo() {
			f.Add("purposes", "A consent for treatment, payment and operations covers only those purposes.")
		}
	}
	switch c.Expiry {
	case ExpiryDate:
		if c.ExpiresOn.IsZero() {
			f.Add("expires_on", "Give the expiry date.")
		} else if c.ExpiresOn.Before(today) {
			f.Add("expires_on", "The expiry date has already passed.")
		}
	case ExpiryEndOfTreatment, ExpiryNone:
	default:
		f.Add("expiry", "Expiry must be date, end_of_treatment or none.")
	}
	if !c.RevocationNoted {
		f.Add("revocation_noted", "Confirm the client was told they may revoke this consent at any time.")
	}
	if c.SignatureMethod != "paper_scan" {
		if c.SignedName == "" {
			f.Add("signed_name", "The client types their name to sign.")
		}
		if !c.Confirmed {
			f.Add("confirmed", "The client must tick the box to confirm they agree.")
		}
	}
	if c.Expiry != ExpiryDate {
		c.ExpiresOn = Date{} // only a dated consent has an expiry date
	}
	if c.SignedOn.IsZero() {
		c.SignedOn = today
	} else if today.Before(c.SignedOn) {
		f.Add("signed_on", "The signature date cannot be in the future.")
	}
	switch c.SignatureMethod {
	case "", "typed":
		c.SignatureMethod = "typed"
	case "paper_scan":
		if c.ScanDocumentID == 0 {
			f.Add("scan", "Upload the scan of the signed paper form.")
		}
	default:
		f.Add("signature_method", "Signature method must be typed or paper_scan.")
	}
	return f.Err()
}

func kindCodes() []string {
	out := make([]string, len(InfoKinds))
	for i, k := range InfoKinds {
		out[i] = string(k)
	}
	return out
}

// Covers says whether the consent allows disclosing kinds to recipient for
// purpose on day, and if not, why not, in words safe to show and log.
func (c *Consent) Covers(recipient string, purpose Purpose, kinds []InfoKind, day Date) (bool, string) {
	if why := c.Lapsed(day); why != "" {
		return false, why
	}
	_, why := c.match(recipient, purpose, kinds)
	return why == "", why
}

// match checks purpose, recipient and information in turn, and returns how
// many of the three the consent names before the first it does not, with
// why it does not ("" when it names all three).
func (c *Consent) match(recipient string, purpose Purpose, kinds []InfoKind) (int, string) {
	if !c.hasPurpose(purpose) {
		return 0, "the consent does not cover this purpose"
	}
	if !(c.TPO && purpose.tpo()) && !c.names(recipient) {
		return 1, "the consent does not name this recipient"
	}
	for _, k := range kinds {
		if !c.releases(k) {
			return 2, "the consent does not release " + k.phrase()
		}
	}
	return 3, ""
}

// CoveringConsent returns a consent in force that covers r on day, or nil
// and the most specific reason none does: a consent that would cover r but
// has lapsed says so, and one naming the recipient and purpose but not the
// information says which information, rather than "no consent".
func CoveringConsent(consents []*Consent, r DisclosureRequest, day Date) (*Consent, string) {
	best, why := -1, "no consent is on file"
	for _, c := range consents {
		n, mismatch := c.match(r.Recipient, r.Purpose, r.Information)
		lapsed := c.Lapsed(day)
		if mismatch == "" && lapsed == "" {
			return c, ""
		}
		if mismatch == "" {
			n, mismatch = 4, lapsed // it would cover r, had it not lapsed
		}
		if n > best {
			best, why = n, mismatch
		}
	}
	return nil, why
}

func (c *Consent) hasPurpose(p Purpose) bool {
	for _, q := range c.Purposes {
		if q == p {
			return true
		}
	}
	return false
}

func (c *Consent) names(recipient string) bool {
	for _, r := range c.Recipients {
		if strings.EqualFold(strings.TrimSpace(r), strings.TrimSpace(recipient)) {
			return true
		}
	}
	return false
}

func (c *Consent) releases(k InfoKind) bool {
	for _, have := range c.Information {
		if have == k || (have == InfoFullRecord && k != InfoCounselingNotes) {
			return true
		}
	}
	return false
}

// Lapsed says why the consent allows no disclosure at all on day (revoked,
// expired, or ended with treatment), or "" while it is in force.
func (c *Consent) Lapsed(day Date) string {
	switch {
	case !c.RevokedAt.IsZero():
		return "the consent was revoked"
	case c.Expiry == ExpiryDate && c.ExpiresOn.Before(day):
		return "the consent has expired"
	case c.Expiry == ExpiryEndOfTreatment && c.TreatmentEnded:
		return "the consent ended with treatment"
	}
	return ""
}

// ConsentService records and revokes consents; it needs PermConsentManage
// to write and chart access to read.
type ConsentService interface {
	CreateConsent(ctx context.Context, clientID int64, c ConsentFields) (*Consent, error)
	Consents(ctx context.Context, clientID int64) ([]*Consent, error)
	// RevokeConsent stops every future disclosure under the consent at once.
	// ECONFLICT if it is already revoked.
	RevokeConsent(ctx context.Context, consentID int64, note string) (*Consent, error)
	// SaveDocument keeps an uploaded file, such as a signed paper consent.
	SaveDocument(ctx context.Context, clientID int64, name, contentType string, data []byte) (int64, error)
	// Document returns an uploaded file of the client's; ENOTFOUND if the
	// client has no such file.
	Document(ctx context.Context, clientID, documentID int64) (*Document, error)
}

// Document is an uploaded file, such as the scan of a signed paper consent.
type Document struct {
	ID          int64
	ClientID    int64
	Name        string
	ContentType string
	Data        []byte
}
