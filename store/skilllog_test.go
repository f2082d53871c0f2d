package store_test

import (
	"fmt"
	"strings"
	"testing"

	"kinship"
	"kinship/store/storetest"
)

func TestSkillLog(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		r := setUpRecovery(t, db, 2)
		river := r.as[0]
		ok := kinship.SkillLogInput{Situation: "Payday, walked past the bar", Trigger: "payday", Skill: "Urge surfing", Outcome: 4}
		t.Run("BadEntriesStoreNothing", func(t *testing.T) {
			for name, tc := range map[string]struct {
				change func(*kinship.SkillLogInput)
				field  string
			}{
				"NoSituation":  {func(in *kinship.SkillLogInput) { in.Situation = " " }, "situation"},
				"NoTrigger":    {func(in *kinship.SkillLogInput) { in.Trigger = "" }, "trigger"},
				"UnknownSkill": {func(in *kinship.SkillLogInput) { in.Skill = "Wishing" }, "skill"},
				"OutcomeZero":  {func(in *kinship.SkillLogInput) { in.Outcome = 0 }, "outcome"},
				"OutcomeSix":   {func(in *kinship.SkillLogInput) { in.Outcome = 6 }, "outcome"},
				"Tomorrow":     {func(in *kinship.SkillLogInput) { in.Day = d("2026-11-24") }, "day"},
			} {
				in := ok
				tc.change(&in)
				_, err := db.LogSkill(river, in)
				if kinship.ErrorCode(err) != kinship.EINVALID || kinship.ErrorFields(err)[tc.field] == "" {
					t.Errorf("%s: %v, want invalid %s", name, err, tc.field)
				}
			}
			if n := db.Count(t, "skill_log"); n != 0 {
				t.Errorf("entries = %d after rejected input", n)
			}
		})
		e, err := db.LogSkill(river, ok)
		if err != nil || e.Day != d("2026-11-23") {
			t.Fatalf("entry = %+v, %v (day defaults to today)", e, err)
		}
		got, err := db.MyLog(river, d("2026-11-01"), d("2026-11-23"))
		if err != nil || len(got) != 1 || got[0].Trigger != "payday" {
			t.Errorf("own log = %v, %v", got, err)
		}
		if got, _ := db.MyLog(r.as[1], d("2026-11-01"), d("2026-11-23")); len(got) != 0 {
			t.Errorf("another client's log shows %d entries", len(got))
		}
		t.Run("Curriculum", func(t *testing.T) {
			if err := db.SetSkills(r.counselor, []string{"Journaling"}); kinship.ErrorCode(err) != kinship.EFORBIDDEN {
				t.Errorf("a clinician edits the curriculum: %v", err)
			}
			admin, _ := db.AddStaff(t, kinship.RoleAdmin, "morgan@example.org")
			if err := db.SetSkills(admin, []string{"Journaling", "journaling"}); kinship.ErrorCode(err) != kinship.EINVALID {
				t.Errorf("a skill twice: %v", err)
			}
			if err := db.SetSkills(admin, []string{"", "Journaling", "Urge surfing"}); err != nil {
				t.Fatal(err)
			}
			if skills, err := db.Skills(river); err != nil || strings.Join(skills, "|") != "Journaling|Urge surfing" {
				t.Errorf("skills = %q, %v", skills, err)
			}
			in := ok
			in.Skill = "Deep breathing"
			if _, err := db.LogSkill(river, in); kinship.ErrorCode(err) != kinship.EINVALID {
				t.Errorf("a skill no longer on the curriculum: %v", err)
			}
		})
	})
}

func TestThemes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		r := setUpRecovery(t, db, 5)
		outsider, _ := db.CreateClient(r.admin, kinship.ClientFields{NameToUse: "Not in the group"})
		sessions, err := db.Sessions(r.admin, d("2026-11-23"), d("2026-11-23"))
		if err != nil || len(sessions) != 1 {
			t.Fatalf("sessions = %v, %v", sessions, err)
		}
		session := sessions[0].ID
		facilitator, _ := db.AddStaff(t, kinship.RolePeerSupport, "kai@example.org")
		log := func(i int, day, trigger, skill string, shared bool) {
			t.Helper()
			as := storetest.AsClient(outsider.ID)
			if i >= 0 {
				as = r.as[i]
			}
			if _, err := db.LogSkill(as, kinship.SkillLogInput{Day: d(day), Situation: "Secret situation " + trigger, Trigger: trigger,
				Skill: skill, Outcome: 3, Shared: shared}); err != nil {
				t.Fatal(err)
			}
		}
		log(0, "2026-11-20", "Payday", "Urge surfing", true)
		log(1, "2026-11-21", "payday ", "Reaching out", true)
		log(1, "2026-11-22", "Family dinner", "Urge surfing", true)
		log(2, "2026-11-18", "lonely", "Reaching out", false)  // not shared
		log(3, "2026-11-15", "lonely", "Reaching out", true)   // before the week
		log(-1, "2026-11-20", "lonely", "Reaching out", true)  // not on the roster
		log(4, "2026-11-23", "lonely", "Deep breathing", true) // the session's own day

		themes, err := db.Themes(facilitator, session)
		if err != nil {
			t.Fatal(err)
		}
		if themes.Enough || themes.Clients != 0 || len(themes.Triggers)+len(themes.Skills) != 0 {
			t.Errorf("two people shared, yet themes = %+v", themes)
		}
		log(2, "2026-11-16", "Payday", "Urge surfing", true)
		if themes, err = db.Themes(facilitator, session); err != nil {
			t.Fatal(err)
		}
		if !themes.Enough || themes.Clients != 3 || themes.From != d("2026-11-16") || themes.To != d("2026-11-22") {
			t.Fatalf("three people shared: %+v", themes)
		}
		if got := fmt.Sprint(themes.Triggers); got != "[{payday 3} {family dinner 1}]" {
			t.Errorf("triggers = %s", got)
		}
		if got := fmt.Sprint(themes.Skills); got != "[{Urge surfing 3} {Reaching out 1}]" {
			t.Errorf("skills = %s", got)
		}
		if all := fmt.Sprintf("%+v", themes); strings.Contains(all, "Secret") || strings.Contains(all, "Client A") {
			t.Errorf("themes show a situation or a name: %s", all)
		}
		desk, _ := db.AddStaff(t, kinship.RoleFrontDesk, "desk@example.org")
		if _, err := db.Themes(desk, session); kinship.ErrorCode(err) != kinship.EFORBIDDEN {
			t.Errorf("front desk reads themes: %v", err)
		}
		if _, err := db.Themes(r.as[0], session); kinship.ErrorCode(err) != kinship.EFORBIDDEN {
			t.Errorf("a client reads themes: %v", err)
		}
	})
}
