package kinship

import (
	"context"
	"net/mail"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// Client is a person in the program. Everyone sees the name they use and
// their pronouns; the legal name is kept for claims, legal documents and
// identity checks, and shown only where PermLegalName allows.
type Client struct {
	ID                int64
	MRN               string // assigned by Kinship, e.g. K000042
	NameToUse         string
	Pronouns          string
	LegalName         LegalName
	GenderIdentity    string // free text, optional (HL7 Gender Harmony)
	SexualOrientation string // free text, optional
	SexForClinicalUse string // one of SexForClinicalUseValues
	BirthDate         Date
	Phone             string
	Email             string
	OKToVoicemail     bool
	OKToText          bool
	DiscreetMail      bool
	EmergencyContact  EmergencyContact
	PreferredLanguage string
	Status            ClientStatus // derived from episodes of care
	CreatedAt         time.Time
}

// LegalName is the name on insurance and legal documents.
type LegalName struct {
	Given  string `json:"given"`
	Family string `json:"family"`
}

// String is "Given Family".
func (n LegalName) String() string { return strings.TrimSpace(n.Given + " " + n.Family) }

// EmergencyContact is who to call in an emergency.
type EmergencyContact struct {
	Name         string `json:"name"`
	Relationship string `json:"relationship"`
	Phone        string `json:"phone"`
}

// ClientStatus is where a client is in care.
type ClientStatus string

// Client statuses.
const (
	StatusRegistered ClientStatus = "registered" // no episode yet
	StatusActive     ClientStatus = "active"     // an open episode of care
	StatusDischarged ClientStatus = "discharged" // every episode is closed
)

// SexForClinicalUseValues are the allowed sex parameters for clinical use,
// after HL7 Gender Harmony; "unknown" when not recorded.
var SexForClinicalUseValues = []string{"unknown", "female-typical", "male-typical", "specified"}

var sexForClinicalUseLabels = map[string]string{
	"unknown": "Not recorded", "female-typical": "Female-typical", "male-typical": "Male-typical",
	"specified": "Specified for each test or medicine",
}

// SexForClinicalUseLabel is a sex parameter for clinical use in words.
func SexForClinicalUseLabel(v string) string { return sexForClinicalUseLabels[v] }

// CommonPronouns are offered as choices; any text is accepted.
var CommonPronouns = []string{"she/her", "he/him", "they/them", "she/they", "he/they", "ze/zir", "xe/xem", "any pronouns", "use my name"}

// ClientFields is what staff enter about a client, for both create and
// update. Pointer-free: an update replaces every field it is given.
type ClientFields struct {
	NameToUse         string           `json:"name_to_use"`
	Pronouns          string           `json:"pronouns"`
	LegalName         LegalName        `json:"legal_name"`
	GenderIdentity    string           `json:"gender_identity"`
	SexualOrientation string           `json:"sexual_orientation"`
	SexForClinicalUse string           `json:"sex_for_clinical_use"`
	BirthDate         Date             `json:"birth_date"`
	Phone             string           `json:"phone"`
	Email             string           `json:"email"`
	OKToVoicemail     bool             `json:"ok_to_voicemail"`
	OKToText          bool             `json:"ok_to_text"`
	DiscreetMail      bool             `json:"discreet_mail"`
	EmergencyContact  EmergencyContact `json:"emergency_contact"`
	PreferredLanguage string           `json:"preferred_language"`
	// ConfirmNew registers the person even though they look like an
	// existing client: the second, explicit step of registration.
	ConfirmNew bool `json:"confirm_new"`
}

var phoneShape = regexp.MustCompile(`^\+?[0-9 ().-]{7,25}$`)

// phoneProblem says what a phone number that fails phoneShape should be.
const phoneProblem = "Phone must be a number like (510) 555-0142 or +1 510 555 0142."

// Normalize trims every text field and fills defaults.
func (c *ClientFields) Normalize() {
	for _, p := range []*string{&c.NameToUse, &c.Pronouns, &c.LegalName.Given, &c.LegalName.Family, &c.GenderIdentity,
		&c.SexualOrientation, &c.SexForClinicalUse, &c.Phone, &c.Email, &c.EmergencyContact.Name,
		&c.EmergencyContact.Relationship, &c.EmergencyContact.Phone, &c.PreferredLanguage} {
		*p = strings.TrimSpace(*p)
	}
	c.Email = strings.ToLower(c.Email)
	if c.SexForClinicalUse == "" {
		c.SexForClinicalUse = "unknown"
	}
}

// Validate returns EINVALID naming each field at fault. today bounds the
// birth date.
func (c *ClientFields) Validate(today Date) error {
	f := FieldErrors{}
	if c.NameToUse == "" {
		f.Add("name_to_use", "Name to use is required: the name this person wants to be called.")
	}
	for field, v := range map[string]string{"name_to_use": c.NameToUse, "legal_name.given": c.LegalName.Given,
		"legal_name.family": c.LegalName.Family, "emergency_contact.name": c.EmergencyContact.Name} {
		if utf8.RuneCountInString(v) > 200 {
			f.Add(field, "Names must be 200 characters or fewer.")
		}
	}
	for field, v := range map[string]string{"pronouns": c.Pronouns, "gender_identity": c.GenderIdentity,
		"sexual_orientation": c.SexualOrientation, "preferred_language": c.PreferredLanguage,
		"emergency_contact.relationship": c.EmergencyContact.Relationship} {
		if utf8.RuneCountInString(v) > 100 {
			f.Add(field, "This must be 100 characters or fewer.")
		}
	}
	if !oneOf(c.SexForClinicalUse, SexForClinicalUseValues) {
		f.Add("sex_for_clinical_use", "Sex for clinical use must be female-typical, male-typical, specified or unknown.")
	}
	if !c.BirthDate.IsZero() && (today.Before(c.BirthDate) || c.BirthDate.Before(Date{1900, 1, 1})) {
		f.Add("birth_date", "Birth date must be a real date between 1900 and today.")
	}
	for field, v := range map[string]string{"phone": c.Phone, "emergency_contact.phone": c.EmergencyContact.Phone} {
		if v != "" && !phoneShape.MatchString(v) {
			f.Add(field, phoneProblem)
		}
	}
	if c.Email != "" {
		if a, err := mail.ParseAddress(c.Email); err != nil || a.Address != c.Email {
			f.Add("email", "Email must be an address like name@example.org.")
		}
	}
	if c.OKToText && c.Phone == "" {
		f.Add("ok_to_text", "Add a phone number before allowing texts.")
	}
	return f.Err()
}

func oneOf(v string, allowed []string) bool {
	for _, a := range allowed {
		if v == a {
			return true
		}
	}
	return false
}

// ClientMatch is one search result. It never carries the legal name: when
// the search matched only the legal name, MatchedLegalName says so.
type ClientMatch struct {
	ID               int64
	MRN              string
	NameToUse        string
	Pronouns         string
	BirthDate        Date
	Status           ClientStatus
	MatchedLegalName bool
}

// ClientFilter finds clients. Q matches the name to use, the MRN or a
// birth date (YYYY-MM-DD), and the legal name for roles that may see it;
// empty Q lists everyone.
type ClientFilter struct {
	Q string
	// CounselorID, when set, keeps only that counselor's caseload: clients
	// in an open episode with them as primary counselor.
	CounselorID int64
	Limit       int
	Offset      int
}

// ClientService keeps client records. Reads and writes are audited; the
// legal name is returned only to holders of PermLegalName.
type ClientService interface {
	// CreateClient registers a client and assigns an MRN. EINVALID on bad
	// fields; ECONFLICT, a *PossibleDuplicate with the likely matches (see
	// MatchOf), unless f.ConfirmNew.
	CreateClient(ctx context.Context, c ClientFields) (*Client, error)
	// Client returns one client for their chart. It needs PermClientRead
	// and, for caseload roles, the client on their caseload or break-glass
	// access: EFORBIDDEN otherwise. The legal name is blank unless the
	// actor holds PermLegalName.
	Client(ctx context.Context, id int64) (*Client, error)
	// UpdateClient replaces the client's fields except the legal name,
	// which only UpdateLegalName changes.
	UpdateClient(ctx context.Context, id int64, c ClientFields) (*Client, error)
	// UpdateLegalName changes the legal name; it needs PermLegalName.
	UpdateLegalName(ctx context.Context, id int64, n LegalName) error
	// SearchClients finds clients, by name to use first; with the total.
	SearchClients(ctx context.Context, f ClientFilter) ([]*ClientMatch, int, error)
	// Registration returns a client with the legal name, for the one
	// registration page. It needs PermLegalName.
	Registration(ctx context.Context, id int64) (*Client, error)
}

// ErrNotOnCaseload is returned when a caseload-limited role opens a chart
// outside its caseload; break-glass access can open it.
var ErrNotOnCaseload = &Error{Code: EFORBIDDEN, Message: "This client is not on your caseload. In an emergency you can open the chart with emergency access; it is audited and the admins are told."}
