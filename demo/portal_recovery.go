package demo

import (
	"context"
	"errors"
	"fmt"

	"kinship"
	"kinship/calendar"
)

// riverPlan is the plan River's counselor wrote with them; River later
// added to it.
var riverPlan = kinship.PlanContent{
	TriggerPeople:   []string{"Old drinking crew from the warehouse", "My ex when they text late"},
	TriggerPlaces:   []string{"The bar on Telegraph on Friday nights", "The liquor aisle at the corner store"},
	TriggerFeelings: []string{"Lonely after a long shift", "Anxious before family calls", "Celebrating: feeling like I earned one"},
	TriggerTimes:    []string{"Friday nights", "Payday", "After 10 pm when I can't sleep"},
	WarningSigns:    []string{"Skipping meals", "Not answering Maya's texts", "Telling myself one won't hurt", "Staying up past 1 am"},
	Coping: []string{"Urge surfing: the craving peaks and passes in 20 to 30 minutes", "Text Maya or Jesse",
		"Walk the loop around Lake Merritt", "Play the tape forward to the next morning", "HALT check: hungry, angry, lonely, tired?"},
	Reasons: []string{"Being someone my niece can count on", "Keeping my job at the print shop", "Feeling at home in my own body",
		"Sleeping through the night"},
	People: []kinship.PlanPerson{{Name: "Maya (sister)", Phone: "510-555-0181"}, {Name: "Jesse (sponsor)", Phone: "510-555-0147"}},
	SafePlaces: []kinship.SafePlace{{Name: "Rainbow Alano Club: queer AA meetings", Affirming: true},
		{Name: "SMART Recovery, Thursdays at the library"}, {Name: "Maya's place"}},
	CrisisPlan: "Leave wherever I am. Call Maya; if she doesn't answer, call Jesse. If I'm not safe, call or text 988. I don't have to decide anything tonight.",
}

// riverLog is River's month of practice: days before today, and whether
// they shared it with their group.
var riverLog = []struct {
	daysAgo        int
	situation      string
	trigger, skill string
	outcome        int
	shared         bool
}{
	{27, "Crew asked me out for drinks after the shift.", "old crew", "Leaving the situation", 4, false},
	{24, "Couldn't sleep, kept thinking about the corner store.", "can't sleep", "Deep breathing", 3, false},
	{21, "Payday, walked past the bar on the way home.", "payday", "Urge surfing", 4, true},
	{18, "Ex texted at midnight.", "my ex texting", "Reaching out", 5, false},
	{15, "Family call went badly; wanted to numb it.", "family call", "Playing the tape forward", 3, true},
	{11, "Skipped lunch and dinner, snapped at a coworker.", "hungry and tired", "HALT (hungry, angry, lonely, tired)", 4, false},
	{8, "Friday night alone in the apartment.", "lonely", "Reaching out", 4, true},
	{5, "Coworkers celebrating a big order with beers.", "celebrations", "Leaving the situation", 3, true},
	{3, "Payday again. Walked the lake instead.", "payday", "Urge surfing", 5, true},
	{1, "Anxious before Maya's birthday dinner.", "anxious", "Grounding (5-4-3-2-1)", 4, true},
}

// groupShares are what four others in River's group shared that week, so
// the facilitator's themes page has something to show.
var groupShares = []struct{ trigger, skill string }{
	{"payday", "Urge surfing"}, {"lonely", "Reaching out"}, {"a party invite", "Leaving the situation"},
	{"stress at work", "HALT (hungry, angry, lonely, tired)"}, {"payday", "Playing the tape forward"}, {"lonely", "Deep breathing"},
}

// seedRecovery gives River a plan in two versions (their counselor's,
// then their own), a month of skills log, and last and this week's goals;
// and gives four others in their morning group shared log entries for the
// week before the next group therapy.
func seedRecovery(ctx context.Context, svc Services, client int64, today kinship.Date) error {
	river := kinship.WithActor(ctx, kinship.Actor{ClientID: client, Role: kinship.RoleClient})
	episodes, err := svc.Episodes.Episodes(ctx, client)
	if err == nil && len(episodes) == 0 {
		err = errors.New("River has no episode")
	}
	if err != nil {
		return err
	}
	e := episodes[0]
	counselor := kinship.WithActor(ctx, kinship.Actor{StaffID: e.PrimaryCounselorID, Name: e.PrimaryCounselor, Role: kinship.RoleClinician})
	first, err := svc.Recovery.SaveClientPlan(counselor, client, kinship.PlanInput{PlanContent: riverPlan})
	if err != nil {
		return fmt.Errorf("River's plan: %w", err)
	}
	mine := riverPlan
	mine.Coping = append(mine.Coping[:len(mine.Coping):len(mine.Coping)], "An oat latte and a sober podcast at the café on Grand")
	mine.SafePlaces = append(mine.SafePlaces[:len(mine.SafePlaces):len(mine.SafePlaces)],
		kinship.SafePlace{Name: "Queer sober hiking group, Sundays", Affirming: true})
	if _, err := svc.Recovery.SaveMyPlan(river, kinship.PlanInput{PlanContent: mine, BaseVersion: first.Version}); err != nil {
		return fmt.Errorf("River's plan: %w", err)
	}
	for _, l := range riverLog {
		if _, err := svc.Recovery.LogSkill(river, kinship.SkillLogInput{Day: today.AddDays(-l.daysAgo), Situation: l.situation,
			Trigger: l.trigger, Skill: l.skill, Outcome: l.outcome, Shared: l.shared}); err != nil {
			return fmt.Errorf("River's log: %w", err)
		}
	}
	if err := seedGoals(river, svc, today); err != nil {
		return fmt.Errorf("River's goals: %w", err)
	}
	return seedGroupShares(ctx, svc, client, today)
}

// seedGoals sets River's goals for last week and this week, with progress.
func seedGoals(river context.Context, svc Services, today kinship.Date) error {
	this := calendar.WeekOf(today)
	for _, g := range []struct {
		week   calendar.Week
		text   string
		target int
		done   int
	}{
		{this.Prev(), "Attend all groups", 1, 1},
		{this.Prev(), "Call my sponsor twice", 2, 2},
		{this.Prev(), "Apply for two jobs", 2, 1},
		{this, "Go to the Rainbow Alano Club meeting", 1, 0},
		{this, "Walk the lake three times", 3, 1},
		{this, "Call Maya", 1, 1},
	} {
		goal, err := svc.Recovery.AddGoal(river, kinship.GoalInput{Text: g.text, Target: g.target, Week: g.week.String()})
		for range g.done {
			if err == nil {
				_, err = svc.Recovery.GoalDone(river, goal.ID, false)
			}
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// seedGroupShares has four of River's group share entries in the days
// before the next group therapy session, as each of them.
func seedGroupShares(ctx context.Context, svc Services, river int64, today kinship.Date) error {
	sessions, err := svc.Schedule.Sessions(ctx, today, today.AddDays(7))
	if err != nil {
		return err
	}
	for _, m := range sessions {
		if m.TypeName != "Group therapy" || m.Cancelled {
			continue
		}
		roster, err := svc.Schedule.Roster(ctx, m.ID)
		if err != nil {
			return err
		}
		n := 0
		for _, r := range roster {
			if r.ClientID == river || n == 4 {
				continue
			}
			as := kinship.WithActor(ctx, kinship.Actor{ClientID: r.ClientID, Role: kinship.RoleClient})
			for k, share := range groupShares[n : n+3] {
				day := m.Date.AddDays(-2*k - 1)
				if today.Before(day) {
					day = today
				}
				if _, err := svc.Recovery.LogSkill(as, kinship.SkillLogInput{Day: day, Situation: "A hard moment this week.", Trigger: share.trigger,
					Skill: share.skill, Outcome: 3 + k%2, Shared: true}); err != nil {
					return fmt.Errorf("group shares: %w", err)
				}
			}
			n++
		}
		return nil
	}
	return nil
}
