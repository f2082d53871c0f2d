package store_test

import (
	"context"
	"strings"
	"testing"

	"kinship"
	"kinship/store/storetest"
)

// recovery is a program with clients admitted to the Mornings track on
// 2 November 2026, their counselor, and a context acting as each client.
type recovery struct {
	mornings
	admin, counselor context.Context
	counselorName    string
	clients          []int64
	as               []context.Context
}

func setUpRecovery(t *testing.T, db *storetest.DB, n int) recovery {
	t.Helper()
	r := recovery{mornings: setUpMornings(t, db, d("2026-11-02")), admin: kinship.SystemContext(t.Context())}
	var counselor *kinship.Staff
	r.counselor, counselor = db.AddStaff(t, kinship.RoleClinician, "sam@example.org")
	r.counselorName = counselor.Name
	for i := range n {
		c, err := db.CreateClient(r.admin, kinship.ClientFields{NameToUse: "Client " + string(rune('A'+i))})
		if err != nil {
			t.Fatal(err)
		}
		db.MustAdmit(t, c.ID, r.program.ID, counselor.ID, d("2026-11-02"))
		if _, err := db.Enroll(r.admin, kinship.Enrollment{ClientID: c.ID, TrackID: r.track.ID, Start: d("2026-11-02")}); err != nil {
			t.Fatal(err)
		}
		r.clients = append(r.clients, c.ID)
		r.as = append(r.as, storetest.AsClient(c.ID))
	}
	return r
}

func TestPlanVersions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		r := setUpRecovery(t, db, 2)
		river, other := r.as[0], r.as[1]
		if _, err := db.MyPlan(river, 0); kinship.ErrorCode(err) != kinship.ENOTFOUND {
			t.Fatalf("plan before any save: %v, want not found", err)
		}
		if got, err := db.PlanTriggers(river); err != nil || len(got) != 0 {
			t.Errorf("triggers before any plan = %v, %v", got, err)
		}
		first := kinship.PlanInput{PlanContent: kinship.PlanContent{
			TriggerPeople: []string{" my old crew ", ""}, TriggerTimes: []string{"Friday nights"},
			People:     []kinship.PlanPerson{{Name: "Maya", Phone: "510-555-0181"}, {}},
			SafePlaces: []kinship.SafePlace{{Name: "Rainbow Alano Club", Affirming: true}, {Name: " "}},
		}}
		p, err := db.SaveMyPlan(river, first)
		if err != nil {
			t.Fatal(err)
		}
		if p.Version != 1 || !p.ByClient || len(p.TriggerPeople) != 1 || p.TriggerPeople[0] != "my old crew" || len(p.People) != 1 || len(p.SafePlaces) != 1 {
			t.Errorf("first version = %+v", p)
		}
		second := first
		second.BaseVersion = 1
		second.WarningSigns = []string{"skipping meals"}
		if p, err = db.SaveClientPlan(r.counselor, r.clients[0], second); err != nil {
			t.Fatal(err)
		}
		if p.Version != 2 || p.ByClient || p.SavedBy != r.counselorName {
			t.Errorf("counselor's version = %+v", p.PlanVersion)
		}

		t.Run("StaleSaveRefused", func(t *testing.T) {
			stale := first
			stale.BaseVersion = 1
			if _, err := db.SaveMyPlan(river, stale); kinship.ErrorCode(err) != kinship.ECONFLICT {
				t.Errorf("saving over version 2 from version 1: %v, want conflict", err)
			}
			if n := db.Count(t, "recovery_plans"); n != 2 {
				t.Errorf("versions stored = %d, want 2", n)
			}
		})
		t.Run("EarlierVersionsReadable", func(t *testing.T) {
			latest, err := db.MyPlan(river, 0)
			if err != nil || latest.Version != 2 || !latest.Latest() || len(latest.History) != 2 || latest.WarningSigns[0] != "skipping meals" {
				t.Fatalf("latest = %+v, %v", latest, err)
			}
			v1, err := db.MyPlan(river, 1)
			if err != nil || v1.Version != 1 || v1.Latest() || len(v1.WarningSigns) != 0 || !v1.ByClient {
				t.Errorf("version 1 = %+v, %v", v1, err)
			}
			if _, err := db.MyPlan(river, 3); kinship.ErrorCode(err) != kinship.ENOTFOUND {
				t.Errorf("version 3: %v, want not found", err)
			}
			staff, err := db.ClientPlan(r.counselor, r.clients[0], 1)
			if err != nil || staff.Version != 1 {
				t.Errorf("counselor reads version 1: %+v, %v", staff, err)
			}
		})
		t.Run("Triggers", func(t *testing.T) {
			got, err := db.PlanTriggers(river)
			if err != nil || strings.Join(got, "|") != "my old crew|Friday nights" {
				t.Errorf("triggers = %q, %v", got, err)
			}
		})
		t.Run("OwnPlanOnly", func(t *testing.T) {
			for _, v := range []int{0, 1, 2} {
				if _, err := db.MyPlan(other, v); kinship.ErrorCode(err) != kinship.ENOTFOUND {
					t.Errorf("another client's version %d: %v, want not found", v, err)
				}
			}
			if got, _ := db.PlanTriggers(other); len(got) != 0 {
				t.Errorf("another client sees triggers %q", got)
			}
			staff, _ := db.AddStaff(t, kinship.RoleFrontDesk, "desk@example.org")
			if _, err := db.ClientPlan(staff, r.clients[0], 0); kinship.ErrorCode(err) != kinship.EFORBIDDEN {
				t.Errorf("front desk reads a plan: %v, want forbidden", err)
			}
			stranger, _ := db.AddStaff(t, kinship.RoleClinician, "jo@example.org")
			if _, err := db.SaveClientPlan(stranger, r.clients[0], second); kinship.ErrorCode(err) != kinship.EFORBIDDEN {
				t.Errorf("a clinician off the caseload saves a plan: %v, want forbidden", err)
			}
			if _, err := db.MyPlan(r.counselor, 0); kinship.ErrorCode(err) != kinship.EFORBIDDEN {
				t.Errorf("staff through the portal method: %v, want forbidden", err)
			}
		})
	})
}

func TestPlanValidation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		r := setUpRecovery(t, db, 1)
		long := strings.Repeat("x", 201)
		many := make([]string, 26)
		for i := range many {
			many[i] = "a trigger"
		}
		for name, tc := range map[string]struct {
			c     kinship.PlanContent
			field string
		}{
			"Empty":           {kinship.PlanContent{TriggerPeople: []string{" ", ""}, People: []kinship.PlanPerson{{}}}, ""},
			"LongLine":        {kinship.PlanContent{Coping: []string{long}}, "coping_strategies"},
			"TooManyLines":    {kinship.PlanContent{TriggerPlaces: many}, "trigger_places"},
			"PersonNoPhone":   {kinship.PlanContent{People: []kinship.PlanPerson{{Name: "Maya"}}}, "people_to_call"},
			"PhoneNotANumber": {kinship.PlanContent{People: []kinship.PlanPerson{{Name: "Maya", Phone: "call her"}}}, "people_to_call"},
			"LongPlace":       {kinship.PlanContent{SafePlaces: []kinship.SafePlace{{Name: long}}}, "safe_places"},
			"LongCrisisPlan":  {kinship.PlanContent{CrisisPlan: strings.Repeat("x", 2001)}, "crisis_plan"},
		} {
			_, err := db.SaveMyPlan(r.as[0], kinship.PlanInput{PlanContent: tc.c})
			if kinship.ErrorCode(err) != kinship.EINVALID {
				t.Errorf("%s: %v, want invalid", name, err)
				continue
			}
			if f := kinship.ErrorFields(err); tc.field != "" && f[tc.field] == "" {
				t.Errorf("%s: fields %v, want %s", name, f, tc.field)
			}
		}
		if n := db.Count(t, "recovery_plans"); n != 0 {
			t.Errorf("versions stored = %d after rejected plans", n)
		}
	})
}
