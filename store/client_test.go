package store_test

import (
	"context"
	"testing"
	"time"

	"kinship"
	"kinship/store/storetest"
)

// river is a client whose legal name differs from the name they use.
var river = kinship.ClientFields{
	NameToUse: "River", Pronouns: "they/them", LegalName: kinship.LegalName{Given: "Deadname", Family: "Legalson"},
	GenderIdentity: "non-binary", SexForClinicalUse: "specified", BirthDate: kinship.Date{Year: 1994, Month: 3, Day: 14},
	Phone: "(510) 555-0142", OKToText: true,
}

func TestClients(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		admin, _ := db.MustSetUp(t)
		c, err := db.CreateClient(admin, river)
		if err != nil {
			t.Fatal(err)
		}
		if c.MRN != "K000001" || c.Status != kinship.StatusRegistered || c.LegalName.Given != "Deadname" {
			t.Errorf("created %+v", c)
		}
		t.Run("Invalid", func(t *testing.T) {
			before := db.Count(t, "clients")
			for field, f := range map[string]kinship.ClientFields{
				"name_to_use":          {Pronouns: "she/her"},
				"sex_for_clinical_use": {NameToUse: "A", SexForClinicalUse: "female"},
				"birth_date":           {NameToUse: "A", BirthDate: kinship.Date{Year: 2027, Month: 1, Day: 1}},
				"phone":                {NameToUse: "A", Phone: "call me maybe"},
				"email":                {NameToUse: "A", Email: "a@"},
			} {
				_, err := db.CreateClient(admin, f)
				if kinship.ErrorCode(err) != kinship.EINVALID || kinship.ErrorFields(err)[field] == "" {
					t.Errorf("%s: %v (fields %v)", field, err, kinship.ErrorFields(err))
				}
			}
			if after := db.Count(t, "clients"); after != before {
				t.Errorf("clients = %d after rejected input, want %d", after, before)
			}
		})
		t.Run("LegalNameHidden", func(t *testing.T) {
			clin, _ := db.AddStaff(t, kinship.RoleClinician, "clin@example.org")
			got, err := db.Client(clin, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.LegalName != (kinship.LegalName{}) {
				t.Errorf("clinician sees legal name %v", got.LegalName)
			}
			if _, err := db.Registration(clin, c.ID); kinship.ErrorCode(err) != kinship.EFORBIDDEN {
				t.Errorf("clinician registration: %v, want forbidden", err)
			}
			// An edit keeps the legal name as it was; only the registration changes it.
			f := river
			f.LegalName = kinship.LegalName{}
			f.Pronouns = "they/she"
			if _, err := db.UpdateClient(clin, c.ID, f); err != nil {
				t.Fatal(err)
			}
			reg, err := db.Registration(admin, c.ID)
			if err != nil || reg.LegalName.Given != "Deadname" || reg.Pronouns != "they/she" {
				t.Errorf("after a clinician's edit: %+v, %v", reg, err)
			}
			if err := db.UpdateLegalName(clin, c.ID, kinship.LegalName{Given: "X"}); kinship.ErrorCode(err) != kinship.EFORBIDDEN {
				t.Errorf("clinician changing the legal name: %v", err)
			}
		})
		t.Run("LegalNameSearchOnlyForThoseWhoMaySeeIt", func(t *testing.T) {
			peer, _ := db.AddStaff(t, kinship.RolePeerSupport, "peer@example.org")
			for _, q := range []string{"deadname", "legalson", "d"} {
				got, _, _ := db.SearchClients(peer, kinship.ClientFilter{Q: q})
				for _, m := range got {
					if m.MatchedLegalName || (q != "d" && m.NameToUse == "River") {
						t.Errorf("peer support found River by %q through the legal name", q)
					}
				}
			}
		})
		t.Run("Search", func(t *testing.T) {
			db.CreateClient(admin, kinship.ClientFields{NameToUse: "Rivka", Pronouns: "she/her"})
			for _, tc := range []struct {
				q         string
				want      []string
				legalOnly bool
			}{
				{"riv", []string{"River", "Rivka"}, false},
				{"deadname", []string{"River"}, true}, // admin may search by legal name
				{"k000001", []string{"River"}, false},
				{"1994-03-14", []string{"River"}, false},
				{"nobody", nil, false},
			} {
				got, total, err := db.SearchClients(admin, kinship.ClientFilter{Q: tc.q})
				if err != nil {
					t.Fatal(err)
				}
				var names []string
				for _, m := range got {
					names = append(names, m.NameToUse)
					if m.MatchedLegalName != tc.legalOnly {
						t.Errorf("%q: %s MatchedLegalName = %v, want %v", tc.q, m.NameToUse, m.MatchedLegalName, tc.legalOnly)
					}
				}
				if len(names) != len(tc.want) || total != len(tc.want) || (len(names) > 0 && names[0] != tc.want[0]) {
					t.Errorf("search %q = %v (total %d), want %v", tc.q, names, total, tc.want)
				}
			}
		})
	})
}

func TestCaseloadAndBreakGlass(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		admin, _ := db.MustSetUp(t)
		sites, _ := db.ListSites(admin)
		prog, _ := db.CreateProgram(admin, kinship.ProgramCreate{SiteID: sites[0].ID, Name: "Mornings IOP"})
		mine, me := db.AddStaff(t, kinship.RoleClinician, "me@example.org")
		other, them := db.AddStaff(t, kinship.RoleClinician, "them@example.org")
		c, _ := db.CreateClient(admin, river)
		// In intake, before admission, any clinician may open the chart;
		// peer support may not.
		if _, err := db.Client(other, c.ID); err != nil {
			t.Fatalf("intake chart: %v", err)
		}
		peer, _ := db.AddStaff(t, kinship.RolePeerSupport, "peer@example.org")
		if _, err := db.Client(peer, c.ID); err != kinship.ErrNotOnCaseload {
			t.Errorf("peer support on an intake chart: %v", err)
		}
		if _, err := db.BreakGlass(other, c.ID, "Only checking before admission"); kinship.ErrorCode(err) != kinship.ECONFLICT {
			t.Errorf("emergency access to a chart already open: %v", err)
		}
		if _, err := db.Admit(admin, c.ID, kinship.Admission{ProgramID: prog.ID, AdmittedOn: kinship.Date{Year: 2026, Month: 11, Day: 16}, PrimaryCounselorID: me.ID, Diagnoses: []string{"F10.20"}}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Client(mine, c.ID); err != nil {
			t.Errorf("own caseload: %v", err)
		}
		if list, _, _ := db.SearchClients(mine, kinship.ClientFilter{CounselorID: me.ID}); len(list) != 1 || list[0].ID != c.ID {
			t.Errorf("caseload = %+v, want River", list)
		}
		if list, _, _ := db.SearchClients(other, kinship.ClientFilter{CounselorID: them.ID}); len(list) != 0 {
			t.Errorf("other caseload = %+v, want none", list)
		}
		if _, err := db.Client(other, c.ID); err != kinship.ErrNotOnCaseload {
			t.Fatalf("another clinician's client: %v, want not on caseload", err)
		}
		if _, err := db.BreakGlass(other, c.ID, "short"); kinship.ErrorCode(err) != kinship.EINVALID {
			t.Errorf("break-glass without a real reason: %v", err)
		}
		if _, err := db.BreakGlass(admin, c.ID, "admins never need this"); kinship.ErrorCode(err) != kinship.EFORBIDDEN {
			t.Errorf("admin break-glass: %v, want forbidden (admins already see every chart)", err)
		}
		if _, err := db.BreakGlass(other, c.ID, "Client called in crisis; their counselor is away"); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Client(other, c.ID); err != nil {
			t.Errorf("after break-glass: %v", err)
		}
		alerts, err := db.OpenAlerts(admin)
		if err != nil || len(alerts) != 1 || alerts[0].Kind != kinship.AlertBreakGlass || alerts[0].Client != "River" {
			t.Fatalf("admin alerts = %+v, %v", alerts, err)
		}
		if err := db.AcknowledgeAlert(admin, alerts[0].ID, "", ""); kinship.ErrorCode(err) != kinship.EINVALID {
			t.Errorf("acknowledge without a note: %v", err)
		}
		if err := db.AcknowledgeAlert(admin, alerts[0].ID, "", "Checked with the counselor; appropriate."); err != nil {
			t.Fatal(err)
		}
		events, _, _ := db.ListAudit(kinship.SystemContext(context.Background()), kinship.AuditFilter{Action: kinship.ActionBreakGlass})
		if len(events) != 1 || events[0].ActorID != them.ID {
			t.Errorf("break-glass audit events = %+v", events)
		}
		db.Clock.Advance(61 * time.Minute)
		if _, err := db.Client(other, c.ID); err != kinship.ErrNotOnCaseload {
			t.Errorf("61 minutes later: %v, want not on caseload", err)
		}
		// Discharged, the client stays on the counselor's caseload, so the
		// counselor can readmit them.
		eps, _ := db.Episodes(mine, c.ID)
		if _, err := db.DischargeEpisode(mine, eps[0].ID, kinship.Discharge{On: d("2026-11-20"), Reason: kinship.DischargeCompleted, Summary: "Done."}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Admit(mine, c.ID, kinship.Admission{ProgramID: prog.ID, AdmittedOn: d("2026-11-23"), PrimaryCounselorID: me.ID}); err != nil {
			t.Errorf("readmission by the counselor: %v", err)
		}
	})
}

func TestEpisodes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		admin, _ := db.MustSetUp(t)
		sites, _ := db.ListSites(admin)
		prog, _ := db.CreateProgram(admin, kinship.ProgramCreate{SiteID: sites[0].ID, Name: "Mornings IOP"})
		_, counselor := db.AddStaff(t, kinship.RoleClinician, "c@example.org")
		_, desk := db.AddStaff(t, kinship.RoleFrontDesk, "desk@example.org")
		c, _ := db.CreateClient(admin, river)
		adm := kinship.Admission{ProgramID: prog.ID, AdmittedOn: kinship.Date{Year: 2026, Month: 11, Day: 2}, PrimaryCounselorID: counselor.ID, Diagnoses: []string{"f11.20", "F32.1"}}
		for field, bad := range map[string]kinship.Admission{
			"diagnoses":            {ProgramID: prog.ID, AdmittedOn: adm.AdmittedOn, PrimaryCounselorID: counselor.ID, Diagnoses: []string{"X99.9"}},
			"primary_counselor_id": {ProgramID: prog.ID, AdmittedOn: adm.AdmittedOn, PrimaryCounselorID: desk.ID},
			"program_id":           {ProgramID: 999, AdmittedOn: adm.AdmittedOn, PrimaryCounselorID: counselor.ID},
			"admitted_on":          {ProgramID: prog.ID, PrimaryCounselorID: counselor.ID},
		} {
			if _, err := db.Admit(admin, c.ID, bad); kinship.ErrorFields(err)[field] == "" {
				t.Errorf("bad %s: %v", field, err)
			}
		}
		if n := db.Count(t, "episodes"); n != 0 {
			t.Fatalf("episodes = %d after rejected admissions", n)
		}
		e, err := db.Admit(admin, c.ID, adm)
		if err != nil {
			t.Fatal(err)
		}
		if len(e.Diagnoses) != 2 || e.Diagnoses[0].Title != "Opioid dependence, uncomplicated" || e.PrimaryCounselor != counselor.Name {
			t.Errorf("admitted %+v", e)
		}
		if _, err := db.Admit(admin, c.ID, adm); kinship.ErrorCode(err) != kinship.ECONFLICT {
			t.Errorf("second open episode: %v, want conflict", err)
		}
		if got, _ := db.Client(admin, c.ID); got.Status != kinship.StatusActive {
			t.Errorf("status = %s, want active", got.Status)
		}
		bad := kinship.Discharge{On: kinship.Date{Year: 2026, Month: 11, Day: 1}, Reason: kinship.DischargeCompleted, Summary: "Done"}
		if _, err := db.DischargeEpisode(admin, e.ID, bad); kinship.ErrorFields(err)["discharged_on"] == "" {
			t.Errorf("discharge before admission: %v", err)
		}
		d := kinship.Discharge{On: kinship.Date{Year: 2026, Month: 11, Day: 20}, Reason: kinship.DischargeCompleted, Summary: "Met goals.", Referrals: "Alumni group"}
		if _, err := db.DischargeEpisode(admin, e.ID, d); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.Client(admin, c.ID); got.Status != kinship.StatusDischarged {
			t.Errorf("status = %s, want discharged", got.Status)
		}
		if _, err := db.Admit(admin, c.ID, kinship.Admission{ProgramID: prog.ID, AdmittedOn: kinship.Date{Year: 2026, Month: 11, Day: 23}, PrimaryCounselorID: counselor.ID}); err != nil {
			t.Errorf("readmission: %v", err)
		}
		eps, _ := db.Episodes(admin, c.ID)
		if len(eps) != 2 || !eps[0].Open() || eps[1].Open() {
			t.Errorf("episodes = %+v", eps)
		}
	})
}
