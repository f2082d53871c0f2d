package demo

import (
	"context"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"kinship"
	"kinship/instrument"
)

// The demo's measures: PHQ-9 and GAD-7 every two weeks from admission,
// AUDIT and PCL-5 at admission, BAM monthly, and a weekly drug screen, with
// scores that mostly fall as care goes on. River's latest PHQ-9 answers
// item 9, so a suicide-risk alert waits on Sam's dashboard; Jordan is on
// call. Positive screens older than ten days have been talked through.

// seedMeasures records every member's measures up to today.
func seedMeasures(ctx context.Context, svc Services, o *org, members []*member, today kinship.Date) error {
	if svc.Measures == nil || svc.Screens == nil || svc.Alerts == nil {
		return nil
	}
	if err := svc.Alerts.SetSafetySettings(ctx, kinship.SafetySettings{OnCallStaffID: o.counselors[1].ID, EscalationMinutes: 30}); err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(5, 7))
	for _, m := range members {
		last := today
		if !m.discharged.IsZero() {
			last = m.discharged
		}
		s := &series{svc: svc, rng: rng, m: m, ctx: ctx, counselor: staffByID(o.counselors, m.counselor)}
		s.phq, s.gad = 10+rng.IntN(10), 8+rng.IntN(8)
		for day := m.admitted; !last.Before(day); day = day.AddDays(1) {
			n := daysBetween(m.admitted, day)
			if n == 0 {
				s.record("audit", day, s.fill("audit", 8+rng.IntN(12)))
				s.record("pcl5", day, s.fill("pcl5", 15+rng.IntN(35)))
			}
			// River's counselor asked again today, and item 9 answered.
			if river := m.name == "River" && day == last; n%14 == 0 || river {
				s.record("phq9", day, s.phqAnswers(river))
				s.record("gad7", day, s.fill("gad7", s.gad))
				s.phq, s.gad = max(2, s.phq-rng.IntN(5)+1), max(1, s.gad-rng.IntN(4)+1)
			}
			if n%30 == 0 {
				s.record("bam", day, s.bam(n))
			}
			if n%7 == 0 { // at intake, then weekly
				s.screen(day, today)
			}
		}
		if s.err != nil {
			return s.err
		}
	}
	return nil
}

// series records one member's measures, keeping the first error.
type series struct {
	svc       Services
	rng       *rand.Rand
	m         *member
	ctx       context.Context
	phq, gad  int // the current severity, falling over time
	counselor *kinship.Staff
	err       error
}

func (s *series) record(code string, day kinship.Date, answers []int) {
	if s.err == nil {
		_, s.err = s.svc.Measures.RecordResponse(s.ctx, kinship.ResponseInput{ClientID: s.m.id, Code: code, Answers: answers, TakenOn: day})
	}
}

// fill answers an instrument with option indexes that add up to total (or
// as near as the items allow), spread across its items; items in hold stay
// at their first option.
func (s *series) fill(code string, total int, hold ...string) []int {
	def := builtin(code)
	answers := make([]int, len(def.Items))
	for tries := 0; total > 0 && tries < 1000; tries++ {
		j := s.rng.IntN(len(answers))
		if it := def.Items[j]; answers[j] < len(it.Options)-1 && !slices.Contains(hold, it.ID) {
			answers[j]++
			total--
		}
	}
	return answers
}

// phqAnswers is a PHQ-9 at the current severity; item 9 answers "several
// days" when atRisk, else "not at all".
func (s *series) phqAnswers(atRisk bool) []int {
	answers := s.fill("phq9", s.phq, "9")
	if atRisk {
		answers[8] = 1
	}
	return answers
}

// bam answers the Brief Addiction Monitor from its definition: more use
// and risk early in care, more protection later; item 7's substances
// (7a–7g, not scored) are "none".
func (s *series) bam(daysIn int) []int {
	good := min(daysIn/30, 3) // 0 at admission, up to 3
	var answers []int
	for _, it := range builtin("bam").Items {
		top := len(it.Options) - 1
		a := max(0, min(top, 3-good+s.rng.IntN(2)-1))
		switch {
		case strings.HasPrefix(it.ID, "7"):
			a = 0
		case bamProtective[it.ID]:
			a = min(top, good+s.rng.IntN(2))
		}
		answers = append(answers, a)
	}
	return answers
}

// builtins are the definitions the demo answers.
var builtins = instrument.NewRegistry()

func builtin(code string) *instrument.Definition {
	d, err := builtins.Lookup(code)
	if err != nil {
		panic(err) // a built-in code; the demo's tests catch a typo
	}
	return d
}

// bamProtective are the BAM items where a later option means more
// protection.
var bamProtective = map[string]bool{"9": true, "10": true, "12": true, "13": true, "14": true, "16": true, "17": true}

// screen records a point-of-care urine screen; early in care one in six is
// positive for cannabis or alcohol.
func (s *series) screen(day, today kinship.Date) {
	if s.err != nil {
		return
	}
	results := []kinship.ScreenResult{{Substance: "alcohol", Result: "negative"}, {Substance: "cannabis", Result: "negative"},
		{Substance: "cocaine", Result: "negative"}, {Substance: "fentanyl", Result: "negative"}, {Substance: "opiates", Result: "negative"}}
	if daysBetween(s.m.admitted, day) < 21 && s.rng.IntN(6) == 0 {
		results[s.rng.IntN(2)].Result = "positive"
	}
	d, err := s.svc.Screens.RecordScreen(s.ctx, kinship.DrugScreenInput{ClientID: s.m.id, CollectedOn: day, Specimen: "urine",
		Method: "point_of_care", Observed: s.rng.IntN(3) == 0, Results: results})
	if err != nil || !d.NeedsReview() || !day.Before(today.AddDays(-10)) {
		s.err = err
		return
	}
	s.err = s.talkedThrough()
}

// talkedThrough acknowledges, as the counselor, the screen-review task a
// positive screen raised.
func (s *series) talkedThrough() error {
	c := s.counselor
	counselor := kinship.WithActor(s.ctx, kinship.Actor{StaffID: c.ID, Name: c.Name, Role: c.Role})
	alerts, err := s.svc.Alerts.OpenAlerts(counselor)
	for _, a := range alerts {
		if err == nil && a.Kind == kinship.AlertScreenReview && a.ClientID == s.m.id {
			err = s.svc.Alerts.AcknowledgeAlert(counselor, a.ID, "", "Talked it through in individual session; added the trigger to their plan.")
		}
	}
	return err
}

// daysBetween counts the days from a to b.
func daysBetween(a, b kinship.Date) int {
	return int(b.In(time.UTC).Sub(a.In(time.UTC)).Hours() / 24)
}

func staffByID(staff []*kinship.Staff, id int64) *kinship.Staff {
	for _, m := range staff {
		if m.ID == id {
			return m
		}
	}
	return &kinship.Staff{ID: id}
}
