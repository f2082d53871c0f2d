package store_test

import (
	"context"
	"slices"
	"testing"

	"kinship"
	"kinship/store/storetest"
)

// TestListsFollowTheCaseload checks that each list naming clients for a
// counselor holds only the clients whose charts they may open.
func TestListsFollowTheCaseload(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		m := setUpMornings(t, db, d("2026-11-16"))
		admin := kinship.SystemContext(t.Context())
		asSam, sam := db.AddStaff(t, kinship.RoleClinician, "sam@example.org")
		asJo, jo := db.AddStaff(t, kinship.RoleClinician, "jo@example.org")
		asPriya, _ := db.AddStaff(t, kinship.RoleSupervisor, "priya@example.org")
		// Neither is enrolled in anything this week, so both are at risk.
		for _, c := range []struct {
			name      string
			counselor int64
		}{{"Avery", sam.ID}, {"Blake", jo.ID}} {
			client, err := db.CreateClient(admin, kinship.ClientFields{NameToUse: c.name})
			if err != nil {
				t.Fatal(err)
			}
			db.MustAdmit(t, client.ID, m.program.ID, c.counselor, d("2026-11-16"))
		}
		for _, tt := range []struct {
			name string
			as   context.Context
			want []string
		}{{"sam", asSam, []string{"Avery"}}, {"jo", asJo, []string{"Blake"}}, {"supervisor", asPriya, []string{"Avery", "Blake"}}} {
			t.Run(tt.name, func(t *testing.T) {
				risks, err := db.AtRisk(tt.as, "2026-W48")
				if err != nil {
					t.Fatal(err)
				}
				var got []string
				for _, r := range risks {
					got = append(got, r.NameToUse)
					if _, err := db.Client(tt.as, r.ClientID); err != nil {
						t.Errorf("at risk lists %s, whose chart answers %v", r.NameToUse, err)
					}
				}
				if !slices.Equal(got, tt.want) {
					t.Errorf("at risk = %v, want %v", got, tt.want)
				}
				list, err := db.Caseload(tt.as)
				if err != nil {
					t.Fatal(err)
				}
				got = nil
				for _, c := range list {
					got = append(got, c.NameToUse)
				}
				if !slices.Equal(got, tt.want) {
					t.Errorf("caseload = %v, want %v", got, tt.want)
				}
			})
		}
	})
}

// TestOnCallOpensTheAlertedChart: the person on call, sent a client's
// safety alert by name, may open that chart while it is open; a colleague
// who was not sent it may not.
func TestOnCallOpensTheAlertedChart(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		m := setUpMornings(t, db, d("2026-11-16"))
		admin := kinship.SystemContext(t.Context())
		_, sam := db.AddStaff(t, kinship.RoleClinician, "sam@example.org")
		asJo, jo := db.AddStaff(t, kinship.RoleClinician, "jo@example.org")
		asAsh, _ := db.AddStaff(t, kinship.RoleClinician, "ash@example.org")
		if err := db.SetSafetySettings(admin, kinship.SafetySettings{OnCallStaffID: jo.ID, EscalationMinutes: 30}); err != nil {
			t.Fatal(err)
		}
		avery, _ := db.CreateClient(admin, kinship.ClientFields{NameToUse: "Avery"})
		db.MustAdmit(t, avery.ID, m.program.ID, sam.ID, d("2026-11-16"))
		if _, err := db.Client(asJo, avery.ID); err != kinship.ErrNotOnCaseload {
			t.Fatalf("before any alert, on call opens Avery's chart: %v", err)
		}
		if _, err := db.RequestSupport(storetest.AsClient(avery.ID)); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Client(asJo, avery.ID); err != nil {
			t.Errorf("on call, alerted, opens Avery's chart: %v", err)
		}
		if _, err := db.Client(asAsh, avery.ID); err != kinship.ErrNotOnCaseload {
			t.Errorf("a colleague not alerted opens Avery's chart: %v", err)
		}
	})
}
