package store_test

import (
	"testing"
	"time"

	"kinship"
	"kinship/store/storetest"
)

func TestGoals(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		r := setUpRecovery(t, db, 2)
		river, other := r.as[0], r.as[1]
		// Today is Monday 23 November 2026: week 48.
		t.Run("BadGoalsStoreNothing", func(t *testing.T) {
			for name, in := range map[string]kinship.GoalInput{
				"NoText":       {Text: " "},
				"TargetTooBig": {Text: "Go to a meeting", Target: 21},
				"Negative":     {Text: "Go to a meeting", Target: -1},
				"TwoWeeksAgo":  {Text: "Go to a meeting", Week: "2026-W46"},
				"NextWeek":     {Text: "Go to a meeting", Week: "2026-W49"},
			} {
				if _, err := db.AddGoal(river, in); kinship.ErrorCode(err) != kinship.EINVALID {
					t.Errorf("%s: %v, want invalid", name, err)
				}
			}
			if n := db.Count(t, "goals"); n != 0 {
				t.Errorf("goals = %d after rejected input", n)
			}
		})
		once, err := db.AddGoal(river, kinship.GoalInput{Text: "Attend all groups"})
		if err != nil || once.Week != "2026-W48" || once.Target != 1 {
			t.Fatalf("goal = %+v, %v", once, err)
		}
		twice, err := db.AddGoal(river, kinship.GoalInput{Text: "Call my sponsor", Target: 2})
		if err != nil {
			t.Fatal(err)
		}
		lastWeek, err := db.AddGoal(river, kinship.GoalInput{Text: "Apply for two jobs", Target: 2, Week: "2026-W47"})
		if err != nil {
			t.Fatal(err)
		}
		done := func(id int64, undo bool, want int) {
			t.Helper()
			g, err := db.GoalDone(river, id, undo)
			if err != nil || g.Done != want {
				t.Errorf("goal %d (undo %v): %+v, %v; want done %d", id, undo, g, err, want)
			}
		}
		done(once.ID, false, 1)
		done(once.ID, false, 0) // toggles back
		done(twice.ID, false, 1)
		done(twice.ID, false, 2)
		done(twice.ID, false, 2) // no further than the target
		done(twice.ID, true, 1)
		done(lastWeek.ID, false, 1)

		t.Run("OwnGoalsOnly", func(t *testing.T) {
			if _, err := db.GoalDone(other, twice.ID, false); kinship.ErrorCode(err) != kinship.ENOTFOUND {
				t.Errorf("another client checks a goal off: %v, want not found", err)
			}
			if err := db.RemoveGoal(other, twice.ID); kinship.ErrorCode(err) != kinship.ENOTFOUND {
				t.Errorf("another client removes a goal: %v, want not found", err)
			}
			if got, _ := db.MyGoals(other, "2026-W48"); len(got) != 0 {
				t.Errorf("another client sees %d goals", len(got))
			}
		})
		if err := db.RemoveGoal(river, once.ID); err != nil {
			t.Fatal(err)
		}
		got, err := db.MyGoals(river, "2026-W48")
		if err != nil || len(got) != 1 || got[0].ID != twice.ID || got[0].Done != 1 {
			t.Errorf("this week = %+v, %v", got, err)
		}
		if _, err := db.MyGoals(river, "week 48"); kinship.ErrorCode(err) != kinship.EINVALID {
			t.Errorf("a malformed week: %v", err)
		}

		t.Run("CounselorSeesProgress", func(t *testing.T) {
			got, err := db.Goals(r.counselor, r.clients[0], "2026-W47")
			if err != nil || len(got) != 1 || got[0].Done != 1 || got[0].Complete() {
				t.Errorf("last week = %+v, %v", got, err)
			}
			desk, _ := db.AddStaff(t, kinship.RoleFrontDesk, "desk@example.org")
			if _, err := db.Goals(desk, r.clients[0], "2026-W48"); kinship.ErrorCode(err) != kinship.EFORBIDDEN {
				t.Errorf("front desk reads goals: %v", err)
			}
		})
		t.Run("PastWeeksStay", func(t *testing.T) {
			db.Clock.Advance(7 * 24 * time.Hour) // into week 49: week 47 is closed
			if _, err := db.GoalDone(river, lastWeek.ID, false); kinship.ErrorCode(err) != kinship.ECONFLICT {
				t.Errorf("checking off a goal of two weeks ago: %v, want conflict", err)
			}
		})
		t.Run("TenAWeek", func(t *testing.T) {
			for i := range kinship.MaxGoalsInWeek {
				if _, err := db.AddGoal(other, kinship.GoalInput{Text: "Goal"}); err != nil {
					t.Fatalf("goal %d: %v", i+1, err)
				}
			}
			if _, err := db.AddGoal(other, kinship.GoalInput{Text: "One more"}); kinship.ErrorCode(err) != kinship.EINVALID {
				t.Errorf("an eleventh goal: %v, want invalid", err)
			}
		})
	})
}
