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
