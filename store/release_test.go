package store_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"kinship"
	"kinship/store/storetest"
)

// released is River's whole record on 23 November: two diagnoses, a
// session attended, a drug screen, a PHQ-9, a signed plan, a signed
// progress note and a counseling note Sam keeps to themself, under a
// consent to Dr. Lee naming the whole record and counseling notes.
type released struct {
	plans
	staff  map[string]context.Context
	secret string
}

func setUpRelease(t *testing.T, db *storetest.DB) released {
	t.Helper()
	r := released{plans: setUpPlans(t, db), secret: "I notice frustration when River minimises."}
	sys := r.admin
	if _, err := db.Enroll(sys, kinship.Enrollment{ClientID: r.river, TrackID: r.track.ID, Start: d("2026-11-02")}); err != nil {
		t.Fatal(err)
	}
	sessions, err := db.Sessions(sys, d("2026-11-23"), d("2026-11-23"))
	if err != nil || len(sessions) == 0 {
		t.Fatalf("sessions: %v", err)
	}
	if _, err := db.RecordAttendance(sys, sessions[0].ID, []kinship.AttendanceMark{{ClientID: r.river, Status: "present"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.RecordScreen(r.sam, kinship.DrugScreenInput{ClientID: r.river, CollectedOn: d("2026-11-20"), Specimen: "urine",
		Method: "point_of_care", Results: []kinship.ScreenResult{{Substance: "alcohol", Result: "negative"}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.RecordResponse(r.sam, kinship.ResponseInput{ClientID: r.river, Code: "phq9", Answers: []int{1, 1, 1, 1, 1, 0, 0, 0, 0}}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SaveTreatmentPlan(r.sam, r.river, planDraft(r.samID)); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SignTreatmentPlan(r.sam, r.river, kinship.PlanSigning{Version: 1, Name: "Sam Okafor", ClientName: "River"}); err != nil {
		t.Fatal(err)
	}
	for _, in := range []kinship.NoteInput{
		{ClientID: r.river, Kind: kinship.NoteIndividual, Template: "DAP", ServiceDate: d("2026-11-23"), Minutes: 50,
			Sections: map[string]string{"Data": "Spoke about cravings after work.", "Assessment": "Engaged.", "Plan": "Urge surfing."}},
		{ClientID: r.river, Kind: kinship.NoteCounseling, Template: "DAP", ServiceDate: d("2026-11-23"), Minutes: 50,
			Sections: map[string]string{"Data": "-", "Assessment": r.secret, "Plan": "-"}},
	} {
		n, err := db.CreateNote(r.sam, in)
		if err == nil {
			_, err = db.SignNote(r.sam, n.ID)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	consent := familyConsent()
	consent.Recipients, consent.Purposes, consent.Expiry = []string{"Dr. Lee"}, []kinship.Purpose{kinship.PurposeTreatment}, kinship.ExpiryNone
	consent.Information = []kinship.InfoKind{kinship.InfoFullRecord, kinship.InfoCounselingNotes}
	if _, err := db.CreateConsent(sys, r.river, consent); err != nil {
		t.Fatal(err)
	}
	r.staff = map[string]context.Context{"clinician (author)": r.sam, "clinician (not on caseload)": r.jo}
	for name, role := range map[string]kinship.Role{"admin": kinship.RoleAdmin, "supervisor": kinship.RoleSupervisor,
		"front_desk": kinship.RoleFrontDesk, "billing": kinship.RoleBilling, "peer_support": kinship.RolePeerSupport} {
		r.staff[name], _ = db.AddStaff(t, role, strings.ReplaceAll(name, "_", "")+".release@example.org")
	}
	return r
}

// documentKeys are the keys of a released document that hold each kind.
var documentKeys = map[kinship.InfoKind]string{kinship.InfoAttendance: "attendance", kinship.InfoDiagnoses: "episodes",
	kinship.InfoTreatmentPlan: "treatment_plan", kinship.InfoProgressNotes: "progress_notes", kinship.InfoAssessments: "scores",
	kinship.InfoDrugScreens: "drug_screens", kinship.InfoDischargeSummary: "episodes", kinship.InfoCounselingNotes: "counseling_notes"}

// TestReleaseHoldsWhatIsNamedAndReadable walks every kind of information
// a consent can name against every staff role: the release holds exactly
// the kinds asked for, each only as far as the role may read it, or it is
// refused naming what the role may not release.
func TestReleaseHoldsWhatIsNamedAndReadable(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		r := setUpRelease(t, db)
		clinical := []kinship.InfoKind{kinship.InfoTreatmentPlan, kinship.InfoProgressNotes, kinship.InfoAssessments, kinship.InfoDrugScreens,
			kinship.InfoDischargeSummary, kinship.InfoCounselingNotes, kinship.InfoFullRecord}
		// may lists, by hand, what each role may release; the rest is refused.
		may := map[string][]kinship.InfoKind{
			"admin":              append([]kinship.InfoKind{kinship.InfoDemographics, kinship.InfoAttendance, kinship.InfoDiagnoses}, clinical...),
			"supervisor":         append([]kinship.InfoKind{kinship.InfoDemographics, kinship.InfoAttendance, kinship.InfoDiagnoses}, clinical...),
			"clinician (author)": append([]kinship.InfoKind{kinship.InfoDemographics, kinship.InfoAttendance, kinship.InfoDiagnoses}, clinical...),
			"front_desk":         {kinship.InfoDemographics, kinship.InfoAttendance},
			"billing":            {kinship.InfoDemographics, kinship.InfoAttendance, kinship.InfoDiagnoses},
		}
		// items is how many of each kind River's record holds; the
		// counseling note only for its author.
		items := map[kinship.InfoKind]int{kinship.InfoDemographics: 1, kinship.InfoAttendance: 1, kinship.InfoDiagnoses: 2,
			kinship.InfoTreatmentPlan: 1, kinship.InfoProgressNotes: 1, kinship.InfoAssessments: 1, kinship.InfoDrugScreens: 1,
			kinship.InfoDischargeSummary: 0, kinship.InfoCounselingNotes: 0}
		for who, ctx := range r.staff {
			for _, kind := range kinship.InfoKinds {
				t.Run(who+"/"+string(kind), func(t *testing.T) {
					req := kinship.DisclosureRequest{Recipient: "Dr. Lee", Purpose: kinship.PurposeTreatment, Information: []kinship.InfoKind{kind}}
					before, refusals := db.Count(t, "disclosures"), len(auditActions(t, db, kinship.ActionDisclosureRefused))
					rec, err := db.Disclose(ctx, r.river, req)
					if !slices.Contains(may[who], kind) {
						if kinship.ErrorCode(err) != kinship.EFORBIDDEN {
							t.Fatalf("Disclose = %v, want it refused", err)
						}
						if db.Count(t, "disclosures") != before {
							t.Error("a refused release was accounted")
						}
						if mayDisclose := who != "peer_support" && who != "clinician (not on caseload)"; mayDisclose {
							if msg := kinship.ErrorMessage(err); !strings.Contains(msg, "may not release") {
								t.Errorf("refusal %q does not name what the role may not release", msg)
							}
							if got := len(auditActions(t, db, kinship.ActionDisclosureRefused)); got != refusals+1 {
								t.Errorf("refusals audited: %d, want %d", got, refusals+1)
							}
						}
						return
					}
					if err != nil {
						t.Fatalf("Disclose = %v", err)
					}
					want := map[kinship.InfoKind]int{}
					for _, k := range kinship.ReleasedKinds(req.Information) {
						want[k] = items[k]
					}
					if kind == kinship.InfoCounselingNotes && who == "clinician (author)" {
						want[kind] = 1
					}
					got := map[kinship.InfoKind]int{}
					for _, k := range rec.Disclosure.Released {
						got[k.Kind] = k.Items
					}
					if !mapsEqual(got, want) {
						t.Errorf("released %v, want %v", got, want)
					}
					var doc map[string]json.RawMessage
					if err := json.Unmarshal(rec.Document, &doc); err != nil {
						t.Fatal(err)
					}
					for k, key := range documentKeys {
						_, has := doc[key]
						wantKey := false
						for w := range want {
							wantKey = wantKey || documentKeys[w] == key
						}
						if has != wantKey {
							t.Errorf("document has %s = %v, want %v (for %s)", key, has, wantKey, k)
						}
					}
					if hasPronouns := strings.Contains(string(doc["client"]), "pronouns"); hasPronouns != (want[kinship.InfoDemographics] > 0) {
						t.Errorf("pronouns in the document = %v, want only with demographics: %s", hasPronouns, doc["client"])
					}
					if strings.Contains(string(rec.Document), r.secret) != (want[kinship.InfoCounselingNotes] > 0) {
						t.Errorf("the counseling note's text in the document of %s: %v", who, strings.Contains(string(rec.Document), r.secret))
					}
					if counted := len(rec.Notes) + len(rec.Attendance) + len(rec.Screens) + len(rec.Scores); counted !=
						want[kinship.InfoProgressNotes]+want[kinship.InfoCounselingNotes]+want[kinship.InfoAttendance]+want[kinship.InfoDrugScreens]+want[kinship.InfoAssessments] {
						t.Errorf("the record holds %d notes, sessions, screens and scores; the counts say otherwise", counted)
					}
					list, err := db.Disclosures(r.admin, r.river)
					if err != nil || len(list) == 0 {
						t.Fatalf("accounting: %v", err)
					}
					sum := sha256.Sum256(rec.Document)
					if row := list[0]; row.ID != rec.Disclosure.ID || row.SHA256 != hex.EncodeToString(sum[:]) || !slices.Equal(row.Released, rec.Disclosure.Released) {
						t.Errorf("accounting row %+v; want the release's kinds, counts and the SHA-256 of its document", row)
					}
				})
			}
		}
	})
}

func mapsEqual[K comparable](a, b map[K]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// TestRefusalNamesTheMostSpecificCause: a consent naming the recipient and
// purpose but not the information says which information, whatever other
// consents the client has; counseling notes keep their capitals.
func TestRefusalNamesTheMostSpecificCause(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		admin, _ := db.MustSetUp(t)
		c, _ := db.CreateClient(admin, river)
		sister := familyConsent()
		tpo := familyConsent()
		tpo.Recipients, tpo.TPO, tpo.Purposes = nil, true, []kinship.Purpose{kinship.PurposePayment}
		for _, f := range []kinship.ConsentFields{tpo, sister} {
			if _, err := db.CreateConsent(admin, c.ID, f); err != nil {
				t.Fatal(err)
			}
		}
		for _, tc := range []struct {
			kind kinship.InfoKind
			want string
		}{
			{kinship.InfoDiagnoses, "the consent does not release diagnoses"},
			{kinship.InfoCounselingNotes, "the consent does not release SUD counseling notes"},
		} {
			_, err := db.Disclose(admin, c.ID, kinship.DisclosureRequest{Recipient: "Maya Lopez (sister)", Purpose: kinship.PurposeFamilySupport,
				Information: []kinship.InfoKind{tc.kind}})
			if msg := kinship.ErrorMessage(err); !strings.Contains(msg, tc.want) {
				t.Errorf("refusal %q, want %q", msg, tc.want)
			}
		}
	})
}
