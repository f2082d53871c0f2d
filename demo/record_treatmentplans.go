package demo

import (
	"context"
	"fmt"
	"strings"

	"kinship"
)

// The demo's treatment plans. Every client in care has a plan their
// counselor signed three days after admission, with the client signing in
// person: a problem for their substance use and one for a co-occurring
// condition, goals in their own words, and an objective measured by PHQ-9
// or GAD-7. Clients in care for more than a month had their 30-day review,
// which made version 2; Marcus's review is overdue. River's counselor
// revised the plan yesterday, and version 2 waits for River to sign it in
// the portal.

// seedTreatmentPlans writes and signs the plans, acting as each client's
// counselor.
func seedTreatmentPlans(ctx context.Context, svc Services, o *org, members []*member, today kinship.Date) error {
	for _, m := range members {
		if !m.discharged.IsZero() {
			continue // their episode has ended; plans change only in care
		}
		c := staffByID(o.counselors, m.counselor)
		counselor := kinship.WithActor(ctx, kinship.Actor{StaffID: c.ID, Name: c.Name, Role: c.Role})
		eps, err := svc.Episodes.Episodes(counselor, m.id)
		if err != nil {
			return err
		}
		signed := m.admitted.AddDays(3)
		if today.Before(signed) {
			signed = today
		}
		if err := signPlan(counselor, svc, m, c, demoPlan(m, eps[0].Diagnoses, c.ID, false), signed, true); err != nil {
			return fmt.Errorf("%s's plan: %w", m.name, err)
		}
		review := m.admitted.AddDays(30)
		switch {
		case m.name == "River":
			err = signPlan(counselor, svc, m, c, demoPlan(m, eps[0].Diagnoses, c.ID, true), today.AddDays(-1), false)
		case m.name != "Marcus" && !today.Before(review):
			err = signPlan(counselor, svc, m, c, demoPlan(m, eps[0].Diagnoses, c.ID, true), review, true)
		}
		if err != nil {
			return fmt.Errorf("%s's plan: %w", m.name, err)
		}
	}
	return nil
}

// signPlan saves problems as a new version and signs it on a date, with
// the client signing in person when inPerson.
func signPlan(ctx context.Context, svc Services, m *member, c *kinship.Staff, problems []kinship.PlanProblem, on kinship.Date, inPerson bool) error {
	p, err := svc.Plans.SaveTreatmentPlan(ctx, m.id, kinship.TreatmentPlanInput{Problems: problems})
	if err != nil {
		return err
	}
	s := kinship.PlanSigning{Version: p.Version, Name: c.Name, On: on}
	if inPerson {
		s.ClientName = m.name
	}
	_, err = svc.Plans.SignTreatmentPlan(ctx, m.id, s)
	return err
}

// substances name what each ICD-10-CM block is about, with a goal as a
// client might say it.
var substances = map[string][2]string{
	"F10": {"Alcohol", "I want to wake up on Saturday without a hangover and actually be there for my people."},
	"F11": {"Opioid", "I want to stay alive and get my life back, one day at a time."},
	"F12": {"Cannabis", "I want to feel motivated again, and relax without needing to be high."},
	"F13": {"Sedative", "I want to sleep without pills and feel like myself."},
	"F14": {"Cocaine", "I want to stop chasing the weekend and keep my job."},
	"F15": {"Stimulant", "I want my energy to be mine, not from a bag."},
	"F19": {"Substance", "I want to find out who I am without using."},
}

// conditions are co-occurring conditions by code prefix: the problem, a
// goal in the client's words, and the instrument that measures progress.
var conditions = []struct {
	prefix, problem, goal, objective, instrument string
	threshold                                    int
}{
	{"F3", "Low mood, poor sleep and loss of interest, which raise the risk of relapse.",
		"I want to get out of bed and care about things again.", "Mood lifts", "phq9", 10},
	{"F41", "Constant worry and tension; using has been the way to switch it off.",
		"I want my chest to stop feeling tight all the time.", "Worry eases", "gad7", 8},
	{"F43", "Trauma reminders bring nightmares and strong urges to use.",
		"I want the past to stay in the past so I can sleep.", "Sleep and mood steady", "phq9", 10},
	{"F90", "Trouble with focus and follow-through gets in the way of routines that support recovery.",
		"I want to finish what I start without feeling scattered.", "Stress and low mood ease", "phq9", 10},
}

// demoPlan is a client's plan: their substance use, and a co-occurring
// condition when they have one (else their mood, measured under the first
// goal). A review replaces the triggers objective, met by then, with one
// about their support network.
func demoPlan(m *member, diagnoses []kinship.Diagnosis, counselor int64, reviewed bool) []kinship.PlanProblem {
	sud := diagnoses[0]
	words := substances[sud.Code[:3]]
	use := kinship.PlanGoal{Text: words[1],
		Objectives: []kinship.Objective{
			{Text: "Attends at least 9 hours of program each week", TargetOn: m.admitted.AddDays(42)},
			{Text: "Names three personal triggers and a coping skill for each, and uses them", TargetOn: m.admitted.AddDays(21)},
		},
		Interventions: []kinship.Intervention{
			{What: "Relapse-prevention group therapy", Frequency: "Five mornings a week", Role: "Group facilitator"},
			{What: "Individual counseling (motivational interviewing, CBT)", Frequency: "Weekly", StaffID: counselor},
		}}
	if reviewed {
		use.Objectives[1] = kinship.Objective{Text: "Has two people in recovery to call, and calls one each week", TargetOn: m.admitted.AddDays(60)}
		use.Interventions = append(use.Interventions, kinship.Intervention{What: "Peer recovery coaching", Frequency: "Every other week", Role: "Peer support specialist"})
	}
	problems := []kinship.PlanProblem{{Diagnosis: sud.Code, Text: words[0] + " use has grown and is straining health, work and relationships; cravings are strongest in the evenings.",
		Goals: []kinship.PlanGoal{use}}}
	for _, d := range diagnoses[1:] {
		for _, c := range conditions {
			if strings.HasPrefix(d.Code, c.prefix) {
				problems = append(problems, kinship.PlanProblem{Diagnosis: d.Code, Text: c.problem, Goals: []kinship.PlanGoal{{Text: c.goal,
					Objectives: []kinship.Objective{measured(c.objective, c.instrument, c.threshold, m.admitted.AddDays(60))},
					Interventions: []kinship.Intervention{{What: "CBT skills in individual sessions", Frequency: "Weekly", StaffID: counselor},
						{What: "Medication review", Frequency: "Monthly", Role: "Prescriber"}}}}})
				return problems
			}
		}
	}
	use.Objectives = append(use.Objectives, measured("Mood steadies as the weeks in care add up", "phq9", 10, m.admitted.AddDays(60)))
	problems[0].Goals[0] = use
	return problems
}

func measured(text, instrument string, threshold int, target kinship.Date) kinship.Objective {
	return kinship.Objective{Text: text, TargetOn: target, Instrument: instrument, Comparison: "below", Threshold: &threshold}
}
