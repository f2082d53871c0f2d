package kinship

import (
	"context"
	"strings"
	"time"
)

// Inquiry is a first contact: a phone call or the public web form, by the
// person themself or someone on their behalf. It moves through the
// admissions board until it becomes a client or is closed.
type Inquiry struct {
	ID                 int64
	Source             string // phone, web or screening
	CallerType         string // self or on_behalf
	CallerName         string // who called, when on behalf
	CallerRelationship string
	NameToUse          string
	Pronouns           string
	Phone              string
	Email              string
	OKToVoicemail      bool
	OKToText           bool
	Substances         string
	Insurance          string
	ReferralSource     string
	Notes              string
	Status             InquiryStatus
	StatusChangedAt    time.Time
	CloseReason        string // why it was closed, or where it was referred
	ScreeningLevel     string // the level-of-care recommendation, if screened
	ScreeningReasons   []string
	ClientID           int64 // set once converted
	CreatedAt          time.Time
	// Assessment is the intake assessment booked for them, if any.
	Assessment *Session
}

// InquiryStatus is a column of the admissions board.
type InquiryStatus string

// Inquiry statuses, in board order.
const (
	InquiryNew              InquiryStatus = "new"
	InquiryScreened         InquiryStatus = "screened"
	InquiryAssessmentBooked InquiryStatus = "assessment_booked"
	InquiryAdmitted         InquiryStatus = "admitted"
	InquiryReferred         InquiryStatus = "referred"
	InquiryClosed           InquiryStatus = "closed"
)

// InquiryStatuses lists the statuses in board order.
var InquiryStatuses = []InquiryStatus{InquiryNew, InquiryScreened, InquiryAssessmentBooked, InquiryAdmitted, InquiryReferred, InquiryClosed}

// Label is the status as the board shows it.
func (s InquiryStatus) Label() string {
	return map[InquiryStatus]string{InquiryNew: "New", InquiryScreened: "Screened", InquiryAssessmentBooked: "Assessment booked",
		InquiryAdmitted: "Admitted", InquiryReferred: "Referred elsewhere", InquiryClosed: "Closed"}[s]
}

// Open reports whether the inquiry is still moving through the board.
func (s InquiryStatus) Open() bool {
	return s == InquiryNew || s == InquiryScreened || s == InquiryAssessmentBooked
}

// Valid reports whether s is a known status.
func (s InquiryStatus) Valid() bool { return s.Label() != "" }

// InquiryFields is what staff or the public form record.
type InquiryFields struct {
	Source             string `json:"source"`
	CallerType         string `json:"caller_type"`
	CallerName         string `json:"caller_name"`
	CallerRelationship string `json:"caller_relationship"`
	NameToUse          string `json:"name_to_use"`
	Pronouns           string `json:"pronouns"`
	Phone              string `json:"phone"`
	Email              string `json:"email"`
	OKToVoicemail      bool   `json:"ok_to_voicemail"`
	OKToText           bool   `json:"ok_to_text"`
	Substances         string `json:"substances"`
	Insurance          string `json:"insurance"`
	ReferralSource     string `json:"referral_source"`
	Notes              string `json:"notes"`
	// A screening done with the inquiry, as on the public screening page.
	ScreeningLevel   string   `json:"-"`
	ScreeningReasons []string `json:"-"`
	// Emergency marks a screening whose answers signal danger now; the
	// admissions team is alerted at once.
	Emergency bool `json:"-"`
}

// Validate trims the fields and returns EINVALID naming each at fault. An
// inquiry needs a name to use and some way to reach the person.
func (c *InquiryFields) Validate() error {
	for _, p := range []*string{&c.Source, &c.CallerType, &c.CallerName, &c.CallerRelationship, &c.NameToUse, &c.Pronouns,
		&c.Phone, &c.Email, &c.Substances, &c.Insurance, &c.ReferralSource, &c.Notes} {
		*p = strings.TrimSpace(*p)
	}
	f := FieldErrors{}
	if c.Source == "" {
		c.Source = "phone"
	}
	if !oneOf(c.Source, []string{"phone", "web", "screening"}) {
		f.Add("source", "Source must be phone, web or screening.")
	}
	if c.CallerType == "" {
		c.CallerType = "self"
	}
	if !oneOf(c.CallerType, []string{"self", "on_behalf"}) {
		f.Add("caller_type", "Caller must be self or on_behalf.")
	}
	if c.CallerType == "on_behalf" && c.CallerName == "" {
		f.Add("caller_name", "Add the caller's name when they call on someone's behalf.")
	}
	contact := ClientFields{NameToUse: c.NameToUse, Phone: c.Phone, Email: c.Email, OKToText: c.OKToText}
	contact.Normalize()
	c.Email = contact.Email
	if err := contact.Validate(Date{9999, 12, 31}); err != nil {
		for k, v := range ErrorFields(err) {
			f.Add(k, v)
		}
	}
	if c.Phone == "" && c.Email == "" {
		f.Add("phone", "Add a phone number or an email so we can reach them.")
	}
	if len(c.Notes) > 4000 {
		f.Add("notes", "Notes must be 4000 characters or fewer.")
	}
	return f.Err()
}

// InquiryMove changes an inquiry's status. Closing or referring needs a
// reason (for a referral: where to).
type InquiryMove struct {
	Status InquiryStatus `json:"status"`
	Reason string        `json:"reason"`
}

// AssessmentBooking is when, with whom and where an intake assessment is.
type AssessmentBooking struct {
	ProgramID   int64 // 0: the only program
	ClinicianID int64
	RoomID      int64 // 0: no room yet
	Date        Date
	Time        string // like 10:00, at the site
	Minutes     int    // 0: AssessmentMinutes
}

// AssessmentMinutes is how long an intake assessment is booked for unless
// staff say otherwise.
const AssessmentMinutes = 60

// BoardColumn is one status column with its inquiries, oldest first.
type BoardColumn struct {
	Status    InquiryStatus
	Inquiries []*Inquiry
}

// AdmissionsStats are the board's conversion counts over a period.
type AdmissionsStats struct {
	Since    time.Time
	Total    int
	ByStatus map[InquiryStatus]int
}

// Admitted is how many inquiries became admissions.
func (s AdmissionsStats) Admitted() int { return s.ByStatus[InquiryAdmitted] }

// ConversionRate is the share of inquiries that became admissions.
func (s AdmissionsStats) ConversionRate() float64 {
	if s.Total == 0 {
		return 0
	}
	return float64(s.ByStatus[InquiryAdmitted]) / float64(s.Total)
}

// AdmissionsService keeps the admissions pipeline. It needs
// PermAdmissions, except CreateInquiry from the public web form.
type AdmissionsService interface {
	// CreateInquiry records an inquiry. Anonymous actors may create one
	// from the public web form or the screening page only.
	CreateInquiry(ctx context.Context, in InquiryFields) (*Inquiry, error)
	Inquiry(ctx context.Context, id int64) (*Inquiry, error)
	// Board returns the columns and the counts since the given time.
	Board(ctx context.Context, since time.Time) ([]BoardColumn, AdmissionsStats, error)
	// MoveInquiry changes the status. EINVALID for an unknown status or a
	// missing reason; ECONFLICT to move an admitted inquiry.
	MoveInquiry(ctx context.Context, id int64, m InquiryMove) (*Inquiry, error)
	// RecordScreening stores a level-of-care result on the inquiry and
	// moves a new inquiry to screened.
	RecordScreening(ctx context.Context, id int64, level string, reasons []string) (*Inquiry, error)
	// BookAssessment books the inquiry's intake assessment with a
	// clinician and moves it to assessment booked. EINVALID naming the
	// field at fault; ECONFLICT if the clinician or room is taken then.
	BookAssessment(ctx context.Context, inquiryID int64, b AssessmentBooking) (*Session, error)
	// ConvertInquiry registers the inquiry's person as a client, carrying
	// over everything already typed, merged with fields. ECONFLICT if it
	// was already converted, and as CreateClient for likely matches.
	ConvertInquiry(ctx context.Context, id int64, fields ClientFields) (*Client, error)
	// LinkInquiry files an open inquiry on the chart of a client who
	// already has one, instead of registering them again. ECONFLICT if it
	// is closed or already on a chart.
	LinkInquiry(ctx context.Context, inquiryID, clientID int64) error
	// ClientInquiries lists the inquiries on a client's chart, newest
	// first: insurance, substances, referral source and notes stay there.
	ClientInquiries(ctx context.Context, clientID int64) ([]*Inquiry, error)
}

// InquirySourceLabel is how an inquiry came in, in words.
func InquirySourceLabel(source string) string {
	switch source {
	case "phone":
		return "Phone call"
	case "web":
		return "Website"
	case "screening":
		return "The public screening"
	}
	return source
}
