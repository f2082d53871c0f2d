package demo

import (
	"context"
	"fmt"

	"kinship"
)

// River's month of check-ins: a few days skipped, a note now and then.
var (
	checkInSkipped  = map[int]bool{26: true, 20: true, 13: true, 6: true}
	checkInTriggers = []string{"Old crew", "Can't sleep", "Payday", "Feeling lonely", "Family call"}
	checkInSkills   = []string{"Urge surfing", "Reaching out", "HALT (hungry, angry, lonely, tired)", "Walk the lake"}
	checkInNotes    = map[int]string{
		29: "First week. Everything feels loud.",
		22: "Group helped today.",
		15: "Hard call with family. Not ready to talk about it.",
		8:  "Friday night alone; called Maya instead.",
		1:  "Anxious about Maya's birthday dinner. Grounding helped a bit; texted Jesse.",
	}
)

// seedCheckIns gives the demo client account its records: a month of
// daily-ish check-ins up to yesterday, today's still to do. Cravings ease
// from 7 to about 2, then spike to 8 yesterday, so River shows a high
// craving flag on Sam's caseload; 15 days ago River chose not to say
// whether they used.
func seedCheckIns(ctx context.Context, svc Services, client int64, today kinship.Date) error {
	ctx = kinship.WithActor(ctx, kinship.Actor{ClientID: client, Role: kinship.RoleClient})
	for ago := 29; ago >= 1; ago-- {
		if checkInSkipped[ago] {
			continue
		}
		craving := min(10, max(0, 2+ago*5/29+ago*7%3-1))
		used := kinship.UsedNo
		if ago == 15 {
			used = kinship.UsedPreferNotToSay
		}
		in := kinship.CheckInInput{Craving: &craving, Used: used, Note: checkInNotes[ago], Day: today.AddDays(-ago),
			Skills: []kinship.SkillUse{{Name: checkInSkills[ago%len(checkInSkills)], Helped: craving < 6 || ago%2 == 0}}}
		if craving >= 5 {
			in.Triggers = []string{checkInTriggers[ago%len(checkInTriggers)]}
		}
		if ago == 1 {
			craving = 8
			in.Triggers = []string{"Feeling anxious", "Family"}
			in.Skills = []kinship.SkillUse{{Name: "Grounding (5-4-3-2-1)", Helped: true}, {Name: "Reaching out", Helped: true}}
		}
		mood := min(5, max(1, 5-(craving+1)/2))
		sleep := 8 - float64(craving)/2
		in.Mood, in.SleepHours = &mood, &sleep
		if _, err := svc.CheckIns.RecordCheckIn(ctx, in); err != nil {
			return fmt.Errorf("demo check-in %s: %w", in.Day, err)
		}
	}
	return nil
}
