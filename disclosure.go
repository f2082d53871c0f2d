package kinship

import (
	"context"
	"strings"
	"time"
)

// Part2Notice is the notice that must accompany each disclosure made with
// the patient's consent (42 CFR §2.32(a)(1), as amended in 2024).
const Part2Notice = "This record which has been disclosed to you is protected by Federal confidentiality rules (42 CFR part 2). " +
	"These rules prohibit you from using or disclosing this record, or testimony that describes the information contained in this record, " +
	"in any civil, criminal, administrative, or legislative proceedings by any Federal, State, or local authority, against the patient, " +
	"unless authorized by the consent of the patient, except as provided at 42 CFR 2.12(c)(5) or as authorized by a court in accordance " +
	"with 42 CFR 2.64 or 2.65. In addition, the Federal rules prohibit you from making any other use or disclosure of this record unless " +
	"at least one of the following applies: (i) Further use or disclosure is expressly permitted by the written consent of the individual " +
	"whose information is being disclosed in this record or as otherwise permitted by 42 CFR part 2. (ii) You are a covered entity or " +
	"business associate and have received the record for treatment, payment, or health care operations, or (iii) You have received the " +
	"record from a covered entity or business associate as permitted by 45 CFR part 164, subparts A and E. A general authorization for " +
	"the release of medical or other information is NOT sufficient to meet the required elements of written consent to further use or " +
	"redisclose the record (see 42 CFR 2.31)."

// AccountingYears is how long the accounting of disclosures is kept and shown.
const AccountingYears = 3

// Disclosure is one release of records outside the program: a row of the
// client's accounting of disclosures.
type Disclosure struct {
	ID          int64
	ClientID    int64
	ConsentID   int64
	Recipient   string
	Purpose     Purpose
	Information []InfoKind
	Method      string // download, print or api
	DisclosedAt time.Time
	DisclosedBy string // the staff member's name
	// Released is each kind the release held and how many items of it;
	// SHA256 is the hex digest of the released document's canonical bytes,
	// so a copy produced later can be checked against the accounting.
	Released []KindCount
	SHA256   string
}

// DisclosureRequest asks to release a client's records.
type DisclosureRequest struct {
	Recipient   string     `json:"recipient"`
	Purpose     Purpose    `json:"purpose"`
	Information []InfoKind `json:"information"`
	Method      string     `json:"method"`
}

// Validate returns EINVALID naming each field at fault.
func (r *DisclosureRequest) Validate() error {
	r.Recipient = strings.TrimSpace(r.Recipient)
	f := FieldErrors{}
	if r.Recipient == "" {
		f.Add("recipient", "Name who will receive the records.")
	}
	if r.Purpose.Label() == "" {
		f.Add("purpose", "Purpose must be among treatment, payment, health_care_operations, family_support, legal and other.")
	}
	if len(r.Information) == 0 {
		f.Add("information", "Choose what information to release.")
	}
	for _, k := range r.Information {
		if k.Label() == "" {
			f.Add("information", "Information must be among: "+strings.Join(kindCodes(), ", ")+".")
		}
	}
	if r.Method == "" {
		r.Method = "download"
	}
	if !oneOf(r.Method, []string{"download", "print", "api"}) {
		f.Add("method", "Method must be download, print or api.")
	}
	return f.Err()
}

// DisclosedRecord is what leaves the program: the released parts of the
// record and the notice that must travel with them. Release fills it.
type DisclosedRecord struct {
	Disclosure *Disclosure
	Notice     string
	Client     *Client // only the released demographics; the legal name only for payment
	// Episodes frame released diagnoses and discharge summaries.
	Episodes   []*Episode
	Attendance []AttendedSession
	Screens    []*DrugScreen
	Scores     []Score
	Plan       *TreatmentPlan // the signed version in force
	// Notes are signed progress notes, and counseling notes only under a
	// consent that names them, released by a reader their author allowed.
	Notes []*Note
	// Document is the record as it left, in canonical bytes (JSON): every
	// form of the release is these bytes or drawn from the same record.
	Document []byte
}

// DisclosureService releases records only under a consent that covers
// them, and keeps the accounting. Refusals are audited.
type DisclosureService interface {
	// Disclose releases records. EFORBIDDEN, with the reason, when no
	// consent in force covers the recipient, purpose and information.
	Disclose(ctx context.Context, clientID int64, r DisclosureRequest) (*DisclosedRecord, error)
	// Disclosures is the accounting of disclosures for the last three
	// years, newest first.
	Disclosures(ctx context.Context, clientID int64) ([]*Disclosure, error)
}
