package demo

import (
	"context"
	"fmt"
	"time"

	"kinship"
)

// person is one demo client. Some use a name that differs from their
// legal name; the demo shows the legal name stays on the registration page.
type person struct {
	name, pronouns, given, family, gender, orientation, sex string
	born                                                    string
	// days since admission; 0 for a client still in intake, and a
	// negative number for a client discharged that many days ago.
	admitted   int
	counselor  int // index into the demo counselors
	diagnoses  []string
	okToText   bool
	voicemail  bool
	discreet   bool
	preferred  string
	emergency  kinship.EmergencyContact
	dischargeR kinship.DischargeReason
}

var people = []person{
	{"River", "they/them", "Daniel", "Ortiz", "non-binary", "queer", "specified", "1994-03-14", 31, 0, []string{"F10.20", "F41.1"}, true, false, true, "English", kinship.EmergencyContact{Name: "Maya Ortiz", Relationship: "sister", Phone: "510-555-0181"}, ""},
	{"Alex", "he/him", "Alexandra", "Kim", "transgender man", "gay", "specified", "1990-07-02", 20, 0, []string{"F11.20"}, true, true, false, "English", kinship.EmergencyContact{Name: "Chris Lee", Relationship: "partner", Phone: "510-555-0122"}, ""},
	{"Jamie", "she/her", "Jamie", "Nguyen", "woman", "lesbian", "female-typical", "1987-11-23", 33, 1, []string{"F10.20", "F32.1"}, false, false, false, "Vietnamese", kinship.EmergencyContact{}, ""},
	{"Sol", "ze/zir", "Marisol", "Reyes", "genderqueer", "pansexual", "specified", "1999-01-30", 5, 1, []string{"F12.20"}, true, true, false, "Spanish", kinship.EmergencyContact{Name: "Ana Reyes", Relationship: "mother", Phone: "510-555-0148"}, ""},
	{"Marcus", "he/him", "Marcus", "Bell", "man", "straight", "male-typical", "1979-05-18", 41, 0, []string{"F14.20", "F43.10"}, false, true, false, "English", kinship.EmergencyContact{}, ""},
	{"Dee", "she/they", "Deborah", "Walsh", "woman", "bisexual", "female-typical", "1983-09-09", 26, 1, []string{"F13.20"}, true, false, true, "English", kinship.EmergencyContact{Name: "Pat Walsh", Relationship: "chosen family", Phone: "510-555-0190"}, ""},
	{"Kai", "he/they", "Kailani", "Makoa", "transgender man", "queer", "specified", "2001-02-11", 9, 0, []string{"F10.10"}, true, true, false, "English", kinship.EmergencyContact{}, ""},
	{"Priscilla", "she/her", "Paul", "Andrews", "transgender woman", "straight", "specified", "1975-12-01", 47, 1, []string{"F11.20", "F33.1"}, false, false, true, "English", kinship.EmergencyContact{Name: "Gloria", Relationship: "friend", Phone: "510-555-0133"}, ""},
	{"Theo", "he/him", "Theodore", "Grant", "man", "gay", "male-typical", "1992-06-25", 16, 0, []string{"F15.20", "F90.0"}, true, true, false, "English", kinship.EmergencyContact{}, ""},
	{"Nia", "she/her", "Nia", "Johnson", "woman", "straight", "female-typical", "1996-04-04", 2, 1, []string{"F10.20"}, true, true, false, "English", kinship.EmergencyContact{Name: "Tasha Johnson", Relationship: "aunt", Phone: "510-555-0177"}, ""},
	{"Ezra", "they/he", "Esther", "Cohen", "non-binary", "asexual", "specified", "1998-08-19", 30, 0, []string{"F12.20", "F41.1"}, true, false, false, "English", kinship.EmergencyContact{}, ""},
	{"Rosa", "she/her", "Rosa", "Delgado", "woman", "lesbian", "female-typical", "1969-10-31", 38, 1, []string{"F10.20", "F32.2"}, false, true, false, "Spanish", kinship.EmergencyContact{Name: "Lucia Delgado", Relationship: "wife", Phone: "510-555-0155"}, ""},
	{"Jordan", "any pronouns", "Jordan", "Park", "genderfluid", "queer", "unknown", "2003-03-03", 7, 0, []string{"F19.20"}, true, true, false, "Korean", kinship.EmergencyContact{}, ""},
	{"Luis", "he/him", "Luis", "Herrera", "man", "bisexual", "male-typical", "1985-01-15", 22, 1, []string{"F11.20", "F43.10"}, true, false, false, "Spanish", kinship.EmergencyContact{}, ""},
	{"Sky", "they/them", "Schuyler", "Moss", "agender", "", "specified", "1995-11-11", 14, 0, []string{"F13.10"}, true, true, true, "English", kinship.EmergencyContact{}, ""},
	{"Grace", "she/her", "Grace", "O'Neill", "woman", "straight", "female-typical", "1958-07-07", 44, 1, []string{"F10.20"}, false, true, false, "English", kinship.EmergencyContact{Name: "Michael O'Neill", Relationship: "son", Phone: "510-555-0166"}, ""},
	{"Two Feathers", "he/they", "Daniel", "Yazzie", "two-spirit", "queer", "male-typical", "1989-12-12", 19, 0, []string{"F10.20", "F43.12"}, true, false, false, "English", kinship.EmergencyContact{}, ""},
	// Discharged.
	{"Morgan", "she/her", "Morgan", "Blake", "woman", "bisexual", "female-typical", "1991-05-05", -20, 0, []string{"F10.20"}, true, true, false, "English", kinship.EmergencyContact{}, kinship.DischargeCompleted},
	{"Quinn", "they/them", "Quincy", "Adams", "non-binary", "gay", "male-typical", "1997-09-27", -45, 1, []string{"F11.20"}, true, false, false, "English", kinship.EmergencyContact{}, kinship.DischargeHigherLevel},
	{"Tomás", "he/him", "Tomás", "Vega", "man", "straight", "male-typical", "1982-02-20", -12, 0, []string{"F14.20"}, false, false, false, "Spanish", kinship.EmergencyContact{}, kinship.DischargeAgainstAdvice},
	{"Lee", "she/her", "Leanne", "Foster", "transgender woman", "lesbian", "specified", "1986-06-16", -90, 1, []string{"F10.20", "F41.1"}, true, true, true, "English", kinship.EmergencyContact{}, kinship.DischargeCompleted},
	// In intake: registered, not yet admitted.
	{"Avery", "they/them", "Avery", "Lindqvist", "non-binary", "", "unknown", "2000-10-10", 0, 0, nil, true, false, false, "English", kinship.EmergencyContact{}, ""},
	{"Malik", "he/him", "Malik", "Hassan", "man", "gay", "male-typical", "1993-04-22", 0, 0, nil, false, true, false, "Arabic", kinship.EmergencyContact{}, ""},
	{"Bea", "she/her", "Beatrix", "Novak", "woman", "queer", "female-typical", "1977-08-08", 0, 0, nil, true, true, false, "English", kinship.EmergencyContact{}, ""},
	{"Ren", "xe/xem", "Renata", "Silva", "non-binary", "pansexual", "specified", "2002-12-24", 0, 0, nil, true, false, true, "Portuguese", kinship.EmergencyContact{}, ""},
}

// calledAgo is how many days ago each client who came in through the
// admissions board first called; the others were registered directly.
var calledAgo = map[string]int{"Avery": 4, "Malik": 8, "Bea": 12, "Ren": 15, "Nia": 11, "Sol": 13, "Jordan": 16}

// daysAgo is ctx in which the system records inquiries and notes as
// written that many days before now.
func daysAgo(ctx context.Context, now time.Time, days int) context.Context {
	return kinship.WithWrittenAt(ctx, now.AddDate(0, 0, -days))
}

// seedClients registers the demo clients, admits most of them with one of
// the counselors, and records consents and a disclosure. today is the
// site's date on now. It returns the clients admitted; those whose stay
// has ended are still to be discharged (see member.discharge).
func seedClients(ctx context.Context, svc Services, program int64, counselors []*kinship.Staff, now time.Time, today kinship.Date) ([]*member, error) {
	ids := map[string]int64{}
	var members []*member
	for i, p := range people {
		born, _ := kinship.ParseDate(p.born)
		fields := kinship.ClientFields{
			NameToUse: p.name, Pronouns: p.pronouns, LegalName: kinship.LegalName{Given: p.given, Family: p.family},
			GenderIdentity: p.gender, SexualOrientation: p.orientation, SexForClinicalUse: p.sex, BirthDate: born,
			Phone: fmt.Sprintf("510-555-%04d", 200+i), Email: fmt.Sprintf("client%02d@example.org", i+1),
			OKToText: p.okToText, OKToVoicemail: p.voicemail, DiscreetMail: p.discreet, PreferredLanguage: p.preferred,
			EmergencyContact: p.emergency,
		}
		var c *kinship.Client
		var err error
		if ago, ok := calledAgo[p.name]; ok {
			c, err = intake(daysAgo(ctx, now, ago), svc, fields)
		} else {
			c, err = svc.Clients.CreateClient(ctx, fields)
		}
		if err != nil {
			return nil, fmt.Errorf("demo client %d: %w", i+1, err)
		}
		ids[p.name] = c.ID
		if p.admitted == 0 {
			continue
		}
		stay := p.admitted
		if stay < 0 {
			stay = 42 - p.admitted // discharged clients stayed about six weeks
		}
		e, err := svc.Episodes.Admit(daysAgo(ctx, now, stay), c.ID, kinship.Admission{ProgramID: program, AdmittedOn: today.AddDays(-stay),
			PrimaryCounselorID: counselors[p.counselor].ID, Diagnoses: p.diagnoses})
		if err != nil {
			return nil, fmt.Errorf("demo admission %d: %w", i+1, err)
		}
		m := &member{id: c.ID, name: p.name, counselor: counselors[p.counselor].ID, admitted: e.AdmittedOn, episode: e.ID}
		if p.admitted < 0 {
			// Discharged once their history is written: see discharge.
			m.discharged, m.reason, m.referrals = today.AddDays(p.admitted), p.dischargeR, "Alumni peer circle, Thursday evenings"
		}
		members = append(members, m)
	}
	return members, seedConsents(ctx, svc, ids, today)
}

var dischargeSummaries = map[kinship.DischargeReason]string{
	kinship.DischargeCompleted:      "Completed the program and met the plan's goals. Continuing with weekly outpatient counseling.",
	kinship.DischargeHigherLevel:    "Moved to residential care for more support; the team coordinated the transfer.",
	kinship.DischargeAgainstAdvice:  "Chose to stop attending. The door is open; the team called twice and sent a letter as agreed.",
	kinship.DischargeAdministrative: "Insurance authorization ended; referred to a sliding-scale outpatient program.",
	kinship.DischargeOther:          "Moved out of the area; records sent to the new provider with consent.",
}

// seedConsents records a TPO consent for most active clients, a family
// consent for River, one revoked consent, and one disclosure under them.
func seedConsents(ctx context.Context, svc Services, ids map[string]int64, today kinship.Date) error {
	tpo := kinship.ConsentFields{Discloser: OrgName, Information: []kinship.InfoKind{kinship.InfoFullRecord},
		InformationDetail: "My treatment records except counseling notes", TPO: true,
		Purposes: []kinship.Purpose{kinship.PurposeTreatment, kinship.PurposePayment, kinship.PurposeOperations},
		Expiry:   kinship.ExpiryEndOfTreatment, RevocationNoted: true, Confirmed: true, SignedOn: today.AddDays(-10)}
	for _, name := range []string{"River", "Alex", "Jamie", "Marcus", "Priscilla", "Rosa", "Luis", "Grace"} {
		f := tpo
		f.SignedName = name
		if _, err := svc.Consents.CreateConsent(ctx, ids[name], f); err != nil {
			return fmt.Errorf("demo consent: %w", err)
		}
	}
	family := kinship.ConsentFields{Discloser: OrgName, Information: []kinship.InfoKind{kinship.InfoAttendance},
		InformationDetail: "Whether I came to each group this week", Recipients: []string{"Maya Ortiz (sister)"},
		Purposes: []kinship.Purpose{kinship.PurposeFamilySupport}, Expiry: kinship.ExpiryDate, ExpiresOn: today.AddDays(90),
		RevocationNoted: true, SignedName: "River", Confirmed: true, SignedOn: today.AddDays(-8)}
	if _, err := svc.Consents.CreateConsent(ctx, ids["River"], family); err != nil {
		return err
	}
	employer := family
	employer.Recipients, employer.SignedName, employer.InformationDetail = []string{"Bayside Logistics HR"}, "Marcus", "Attendance, for my return-to-work plan"
	employer.Purposes = []kinship.Purpose{kinship.PurposeOther}
	c, err := svc.Consents.CreateConsent(ctx, ids["Marcus"], employer)
	if err != nil {
		return err
	}
	_, err = svc.Consents.RevokeConsent(ctx, c.ID, "Marcus asked to stop updates to his employer")
	return err
}

// seedDisclosure releases River's attendance to their sister under the
// family consent, once there is attendance to release.
func seedDisclosure(ctx context.Context, svc Services, members []*member) error {
	for _, m := range members {
		if m.name == "River" {
			_, err := svc.Disclosures.Disclose(ctx, m.id, kinship.DisclosureRequest{Recipient: "Maya Ortiz (sister)",
				Purpose: kinship.PurposeFamilySupport, Information: []kinship.InfoKind{kinship.InfoAttendance}, Method: "print"})
			return err
		}
	}
	return nil
}

// seedInquiries fills the admissions board: calls in every stage, come in
// over the weeks before now.
func seedInquiries(ctx context.Context, svc Services, now time.Time) error {
	inquiries := []struct {
		ago    int // days since the call
		f      kinship.InquiryFields
		level  string
		status kinship.InquiryStatus
		reason string
	}{
		{1, kinship.InquiryFields{NameToUse: "Casey", Pronouns: "she/her", Phone: "510-555-0301", Substances: "alcohol", Insurance: "Medi-Cal", ReferralSource: "Primary care doctor"}, "", kinship.InquiryNew, ""},
		{3, kinship.InquiryFields{Source: "web", NameToUse: "Devon", Pronouns: "they/them", Email: "devon@example.org", Substances: "methamphetamine", ReferralSource: "Pride center"}, "", kinship.InquiryNew, ""},
		{6, kinship.InquiryFields{CallerType: "on_behalf", CallerName: "Robin", CallerRelationship: "partner", NameToUse: "Sasha", Pronouns: "she/her", Phone: "510-555-0303", OKToVoicemail: true, Substances: "opioids", Insurance: "Kaiser"}, "iop", kinship.InquiryScreened, ""},
		{9, kinship.InquiryFields{NameToUse: "Frankie", Pronouns: "he/him", Phone: "510-555-0304", OKToText: true, Substances: "alcohol, cannabis", Insurance: "Blue Shield", ReferralSource: "Court"}, "iop", kinship.InquiryAssessmentBooked, ""},
		{17, kinship.InquiryFields{NameToUse: "Harper", Pronouns: "she/they", Phone: "510-555-0305", Substances: "alcohol", ReferralSource: "Hospital"}, "withdrawal_management", kinship.InquiryReferred, "Referred to Bay Detox for medically managed withdrawal first"},
		{26, kinship.InquiryFields{NameToUse: "Jesse", Phone: "510-555-0306", Substances: "cannabis"}, "op", kinship.InquiryClosed, "Chose weekly outpatient counseling elsewhere"},
	}
	for _, q := range inquiries {
		ctx := daysAgo(ctx, now, q.ago)
		in, err := svc.Admissions.CreateInquiry(ctx, q.f)
		if err != nil {
			return fmt.Errorf("demo inquiry: %w", err)
		}
		if q.level != "" {
			if _, err := svc.Admissions.RecordScreening(ctx, in.ID, q.level, []string{"Recorded from the intake call."}); err != nil {
				return err
			}
		}
		if q.status != kinship.InquiryNew && q.status != kinship.InquiryScreened {
			if _, err := svc.Admissions.MoveInquiry(ctx, in.ID, kinship.InquiryMove{Status: q.status, Reason: q.reason}); err != nil {
				return err
			}
		}
	}
	return nil
}

// intake brings a client in through the admissions board: a call, an
// assessment booked, and registration from the inquiry.
func intake(ctx context.Context, svc Services, f kinship.ClientFields) (*kinship.Client, error) {
	in, err := svc.Admissions.CreateInquiry(ctx, kinship.InquiryFields{NameToUse: f.NameToUse, Pronouns: f.Pronouns,
		Phone: f.Phone, OKToText: f.OKToText, ReferralSource: "Friend in recovery"})
	if err != nil {
		return nil, err
	}
	if _, err := svc.Admissions.MoveInquiry(ctx, in.ID, kinship.InquiryMove{Status: kinship.InquiryAssessmentBooked}); err != nil {
		return nil, err
	}
	return svc.Admissions.ConvertInquiry(ctx, in.ID, f)
}
