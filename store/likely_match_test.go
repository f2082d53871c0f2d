package store_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"kinship"
	"kinship/store/storetest"
)

// matchIDs returns the ids a refused registration names, or fails.
func matchIDs(t *testing.T, err error) []int64 {
	t.Helper()
	var dup *kinship.PossibleDuplicate
	if !errors.As(err, &dup) || kinship.ErrorCode(err) != kinship.ECONFLICT {
		t.Fatalf("registration: %v, want a possible duplicate (conflict)", err)
	}
	var ids []int64
	for _, m := range dup.Matches {
		ids = append(ids, m.ID)
	}
	return ids
}

// TestRegistrationRefusesLikelyDuplicate: a second registration that looks
// like River is refused with River as the match and nothing is written,
// until it is confirmed as someone new.
func TestRegistrationRefusesLikelyDuplicate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		admin, _ := db.MustSetUp(t)
		desk, _ := db.AddStaff(t, kinship.RoleFrontDesk, "desk@example.org")
		first, err := db.CreateClient(admin, river)
		if err != nil {
			t.Fatal(err)
		}
		other, err := db.CreateClient(admin, kinship.ClientFields{NameToUse: "Jordan", BirthDate: river.BirthDate, Email: "jordan@example.org"})
		if err != nil {
			t.Fatalf("same birth date, another name and no shared contact: %v", err)
		}
		for name, f := range map[string]kinship.ClientFields{
			"same birth date and phone": {NameToUse: "Riv", BirthDate: river.BirthDate, Phone: "+1 510.555.0142"},
			"same phone only":           {NameToUse: "Sky", Phone: "510 555 0142"},
			"same email in capitals":    {NameToUse: "Sky", Email: "JORDAN@example.org"},
			"legal name, birth date":    {NameToUse: "Dee", LegalName: kinship.LegalName{Given: "Deadname", Family: "Legalson"}, BirthDate: river.BirthDate},
		} {
			t.Run(name, func(t *testing.T) {
				before := db.Count(t, "clients")
				_, err := db.CreateClient(desk, f)
				ids := matchIDs(t, err)
				if want := map[bool]int64{true: other.ID, false: first.ID}[f.Email != ""]; !slices.Equal(ids, []int64{want}) {
					t.Errorf("matches = %v, want [%d]", ids, want)
				}
				if after := db.Count(t, "clients"); after != before {
					t.Errorf("clients = %d after a refused registration, want %d", after, before)
				}
			})
		}
		t.Run("match carries no legal name", func(t *testing.T) {
			_, err := db.CreateClient(desk, kinship.ClientFields{NameToUse: "Deadname Legalson", BirthDate: river.BirthDate})
			var dup *kinship.PossibleDuplicate
			if !errors.As(err, &dup) || len(dup.Matches) != 1 {
				t.Fatalf("registration: %v", err)
			}
			if m := dup.Matches[0]; m.NameToUse != "River" || !m.MatchedLegalName || m.Reason != kinship.MatchNameAndBirth {
				t.Errorf("match = %+v, want River, matched on the legal name", m.ClientMatch)
			}
		})
		t.Run("no legal-name guessing", func(t *testing.T) {
			clin, _ := db.AddStaff(t, kinship.RoleClinician, "clin@example.org")
			if _, err := db.CreateClient(clin, kinship.ClientFields{NameToUse: "Deadname Legalson", BirthDate: river.BirthDate}); err != nil {
				t.Errorf("a clinician's registration matched a legal name: %v", err)
			}
		})
		t.Run("confirmed as someone new", func(t *testing.T) {
			f := kinship.ClientFields{NameToUse: "Riv", BirthDate: river.BirthDate, Phone: "(510) 555-0142", ConfirmNew: true}
			if _, err := db.CreateClient(desk, f); err != nil {
				t.Errorf("confirmed registration: %v", err)
			}
		})
		t.Run("from an inquiry", func(t *testing.T) {
			in, err := db.CreateInquiry(desk, kinship.InquiryFields{NameToUse: "River", Phone: "510-555-0142"})
			if err != nil {
				t.Fatal(err)
			}
			_, err = db.ConvertInquiry(desk, in.ID, kinship.ClientFields{BirthDate: river.BirthDate})
			if ids := matchIDs(t, err); !slices.Contains(ids, first.ID) {
				t.Errorf("matches = %v, want River (%d) among them", ids, first.ID)
			}
			if got, _ := db.Inquiry(desk, in.ID); got.ClientID != 0 {
				t.Errorf("refused conversion linked the inquiry to client %d", got.ClientID)
			}
		})
	})
}

// TestLikelyMatchLastDischarge: a discharged match says when, so the
// registration page can offer to readmit; readmission keeps one chart.
func TestLikelyMatchLastDischarge(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		admin, _ := db.MustSetUp(t)
		sites, _ := db.ListSites(admin)
		prog, _ := db.CreateProgram(admin, kinship.ProgramCreate{SiteID: sites[0].ID, Name: "Mornings IOP"})
		_, counselor := db.AddStaff(t, kinship.RoleClinician, "c@example.org")
		c, _ := db.CreateClient(admin, river)
		db.MustAdmit(t, c.ID, prog.ID, counselor.ID, d("2026-10-01"))
		eps, _ := db.Episodes(admin, c.ID)
		if _, err := db.DischargeEpisode(admin, eps[0].ID, kinship.Discharge{On: d("2026-10-12"), Reason: kinship.DischargeCompleted, Summary: "Done."}); err != nil {
			t.Fatal(err)
		}
		_, err := db.CreateClient(admin, kinship.ClientFields{NameToUse: "River", BirthDate: river.BirthDate})
		var dup *kinship.PossibleDuplicate
		if !errors.As(err, &dup) || len(dup.Matches) != 1 {
			t.Fatalf("registration: %v", err)
		}
		if m := dup.Matches[0]; m.LastDischarge != d("2026-10-12") || m.Status != kinship.StatusDischarged {
			t.Errorf("match discharged %v, status %s; want 2026-10-12, discharged", m.LastDischarge, m.Status)
		}
		// Readmit instead: a second episode on the same chart.
		if _, err := db.Admit(admin, c.ID, kinship.Admission{ProgramID: prog.ID, AdmittedOn: d("2026-11-02"), PrimaryCounselorID: counselor.ID}); err != nil {
			t.Fatal(err)
		}
		if eps, _ := db.Episodes(admin, c.ID); len(eps) != 2 || db.Count(t, "clients") != 1 {
			t.Errorf("after readmission: %d episodes, %d clients; want 2 episodes on 1 chart", len(eps), db.Count(t, "clients"))
		}
	})
}

// BenchmarkRefusedRegistration looks for likely matches among the
// synthetic program's clients: a registration with a client's phone.
func BenchmarkRefusedRegistration(b *testing.B) {
	s := benchStore(b)
	ctx := kinship.SystemContext(context.Background())
	f := kinship.ClientFields{NameToUse: "Sky", BirthDate: kinship.Date{Year: 1990, Month: 1, Day: 1}, Phone: "(510) 555-0001"}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.CreateClient(ctx, f); kinship.ErrorCode(err) != kinship.ECONFLICT {
			b.Fatalf("registration: %v, want a likely match", err)
		}
	}
}
