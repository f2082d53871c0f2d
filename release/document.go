// Package release writes a released record as the document that leaves the
// program: canonical JSON bytes whose SHA-256 the accounting of
// disclosures keeps. It maps domain values and knows nothing of HTTP or SQL.
package release

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"time"

	"kinship"
)

// document is a released record on the wire: the §2.32 notice first, what
// was asked and released, and then each released kind under its own key.
// A key is present exactly when its kind was released, even with no items.
type document struct {
	Notice          string             `json:"notice"`
	DisclosureID    int64              `json:"disclosure_id"`
	DisclosedTo     string             `json:"disclosed_to"`
	Purpose         kinship.Purpose    `json:"purpose"`
	Information     []kinship.InfoKind `json:"information"`
	Released        []kindCount        `json:"released"`
	DisclosedAt     time.Time          `json:"disclosed_at"`
	ConsentID       int64              `json:"consent_id"`
	Client          client             `json:"client"`
	Episodes        *[]episode         `json:"episodes,omitempty"`
	Attendance      *[]attendance      `json:"attendance,omitempty"`
	DrugScreens     *[]screen          `json:"drug_screens,omitempty"`
	Scores          *[]score           `json:"scores,omitempty"`
	TreatmentPlan   *json.RawMessage   `json:"treatment_plan,omitempty"`
	ProgressNotes   *[]note            `json:"progress_notes,omitempty"`
	CounselingNotes *[]note            `json:"counseling_notes,omitempty"`
}

type kindCount struct {
	Kind  kinship.InfoKind `json:"kind"`
	Items int              `json:"items"`
}

type client struct {
	MRN               string             `json:"mrn"`
	NameToUse         string             `json:"name_to_use"`
	Pronouns          string             `json:"pronouns,omitempty"`
	LegalName         *kinship.LegalName `json:"legal_name,omitempty"`
	BirthDate         *kinship.Date      `json:"birth_date,omitempty"`
	Phone             string             `json:"phone,omitempty"`
	Email             string             `json:"email,omitempty"`
	GenderIdentity    string             `json:"gender_identity,omitempty"`
	SexForClinicalUse string             `json:"sex_for_clinical_use,omitempty"`
	PreferredLanguage string             `json:"preferred_language,omitempty"`
}

type episode struct {
	Program          string              `json:"program"`
	AdmittedOn       kinship.Date        `json:"admitted_on"`
	DischargedOn     kinship.Date        `json:"discharged_on"`
	Diagnoses        []kinship.Diagnosis `json:"diagnoses,omitempty"`
	DischargeReason  string              `json:"discharge_reason,omitempty"`
	DischargeSummary string              `json:"discharge_summary,omitempty"`
	Referrals        string              `json:"referrals,omitempty"`
}

type attendance struct {
	Date    kinship.Date `json:"date"`
	Session string       `json:"session"`
	Status  string       `json:"status"`
	Minutes int          `json:"minutes"`
}

type screen struct {
	CollectedOn kinship.Date           `json:"collected_on"`
	Specimen    string                 `json:"specimen"`
	Results     []kinship.ScreenResult `json:"results"`
}

type score struct {
	Instrument string       `json:"instrument"`
	TakenOn    kinship.Date `json:"taken_on"`
	Total      int          `json:"total"`
	Severity   string       `json:"severity"`
}

type plan struct {
	Version  int                   `json:"version"`
	SignedBy string                `json:"signed_by"`
	SignedOn kinship.Date          `json:"signed_on"`
	Problems []kinship.PlanProblem `json:"problems"`
}

type note struct {
	Kind        kinship.NoteKind        `json:"kind"`
	Template    string                  `json:"template"`
	ServiceDate kinship.Date            `json:"service_date"`
	Minutes     int                     `json:"minutes"`
	Author      string                  `json:"author"`
	SignedAt    time.Time               `json:"signed_at"`
	Sections    []kinship.NoteSection   `json:"sections"`
	Objectives  []kinship.NoteObjective `json:"objectives,omitempty"`
	Addenda     []addendum              `json:"addenda,omitempty"`
}

type addendum struct {
	Text     string    `json:"text"`
	Author   string    `json:"author"`
	SignedAt time.Time `json:"signed_at"`
}

// Document returns rec as the canonical bytes of its document: compact
// JSON with fields in a fixed order and times in UTC.
func Document(rec *kinship.DisclosedRecord) ([]byte, error) {
	d := rec.Disclosure
	doc := document{Notice: rec.Notice, DisclosureID: d.ID, DisclosedTo: d.Recipient, Purpose: d.Purpose, Information: d.Information,
		Released: []kindCount{}, DisclosedAt: d.DisclosedAt.UTC(), ConsentID: d.ConsentID, Client: toClient(rec.Client)}
	released := map[kinship.InfoKind]bool{}
	for _, k := range d.Released {
		doc.Released = append(doc.Released, kindCount{k.Kind, k.Items})
		released[k.Kind] = true
	}
	if released[kinship.InfoDiagnoses] || released[kinship.InfoDischargeSummary] {
		doc.Episodes = wire(rec.Episodes, func(e *kinship.Episode) episode {
			return episode{Program: e.ProgramName, AdmittedOn: e.AdmittedOn, DischargedOn: e.DischargedOn, Diagnoses: e.Diagnoses,
				DischargeReason: string(e.DischargeReason), DischargeSummary: e.DischargeSummary, Referrals: e.Referrals}
		})
	}
	if released[kinship.InfoAttendance] {
		doc.Attendance = wire(rec.Attendance, func(a kinship.AttendedSession) attendance { return attendance{a.Day, a.Session, a.Status, a.Minutes} })
	}
	if released[kinship.InfoDrugScreens] {
		doc.DrugScreens = wire(rec.Screens, func(s *kinship.DrugScreen) screen { return screen{s.CollectedOn, s.Specimen, s.Results} })
	}
	if released[kinship.InfoAssessments] {
		doc.Scores = wire(rec.Scores, func(s kinship.Score) score { return score{s.Instrument, s.TakenOn, s.Total, s.Severity} })
	}
	if released[kinship.InfoTreatmentPlan] {
		raw := json.RawMessage("null")
		if p := rec.Plan; p != nil {
			b, err := json.Marshal(plan{Version: p.Version, SignedBy: p.Clinician.Name, SignedOn: p.Clinician.On, Problems: p.Problems})
			if err != nil {
				return nil, err
			}
			raw = b
		}
		doc.TreatmentPlan = &raw
	}
	progress, counseling := []note{}, []note{}
	for _, n := range rec.Notes {
		w := toNote(n)
		if n.Kind == kinship.NoteCounseling {
			counseling = append(counseling, w)
		} else {
			progress = append(progress, w)
		}
	}
	if released[kinship.InfoProgressNotes] {
		doc.ProgressNotes = &progress
	}
	if released[kinship.InfoCounselingNotes] {
		doc.CounselingNotes = &counseling
	}
	return json.Marshal(doc)
}

// wire converts a released list to its wire form: a list, empty rather
// than null, for a kind that was released.
func wire[T, W any](in []T, conv func(T) W) *[]W {
	out := make([]W, len(in))
	for i, v := range in {
		out[i] = conv(v)
	}
	return &out
}

// Digest is the hex SHA-256 of a document's bytes, as the accounting keeps it.
func Digest(doc []byte) string {
	sum := sha256.Sum256(doc)
	return hex.EncodeToString(sum[:])
}

func toClient(c *kinship.Client) client {
	out := client{MRN: c.MRN, NameToUse: c.NameToUse, Pronouns: c.Pronouns, Phone: c.Phone, Email: c.Email,
		GenderIdentity: c.GenderIdentity, SexForClinicalUse: c.SexForClinicalUse, PreferredLanguage: c.PreferredLanguage}
	if c.LegalName != (kinship.LegalName{}) {
		out.LegalName = &c.LegalName
	}
	if !c.BirthDate.IsZero() {
		out.BirthDate = &c.BirthDate
	}
	return out
}

func toNote(n *kinship.Note) note {
	w := note{Kind: n.Kind, Template: n.Template, ServiceDate: n.ServiceDate, Minutes: n.Minutes, Author: n.Author,
		SignedAt: n.SignedAt.UTC(), Sections: n.Sections, Objectives: n.Objectives}
	for _, x := range n.Addenda {
		w.Addenda = append(w.Addenda, addendum{x.Text, x.Author, x.SignedAt.UTC()})
	}
	return w
}
