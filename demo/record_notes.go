package demo

import (
	"context"
	"fmt"
	"slices"
	"time"

	"kinship"
)

// The demo's notes. Sam wrote a group note for each Group therapy session
// of the past week, once, and signed it into every attendee's chart.
// Counselors wrote a DAP note after each client's individual sessions of
// the past two weeks: Sam's first was written two days late, and Sam's
// latest is still a draft. Jordan works under supervision: Priya co-signed
// Jordan's notes but the latest, which waits in her co-sign queue. Sam
// keeps one counseling note about River, apart from the record.
//
// History is written as the system on each writer's behalf, with the time
// it was written (kinship.WithWrittenAt), as an import of past records is.

// seedNotes writes the notes, acting for each writer.
func seedNotes(ctx context.Context, svc Services, o *org, members []*member, today kinship.Date) error {
	sam, jordan := o.counselors[0], o.counselors[1]
	staff, err := svc.Staff.ListStaff(ctx)
	if err != nil {
		return err
	}
	priya := staff[slices.IndexFunc(staff, func(m *kinship.Staff) bool { return m.Role == kinship.RoleSupervisor })]
	yes := true
	if _, err := svc.Staff.UpdateStaff(ctx, jordan.ID, kinship.StaffUpdate{NeedsSupervision: &yes}); err != nil {
		return err
	}
	if err := seedGroupNotes(ctx, svc, sam, today); err != nil {
		return fmt.Errorf("group notes: %w", err)
	}
	drafts, err := draftIndividualNotes(ctx, svc, o, members, today)
	if err != nil {
		return fmt.Errorf("individual notes: %w", err)
	}
	last := func(by *kinship.Staff) int {
		for i := len(drafts) - 1; i >= 0; i-- {
			if drafts[i].by == by {
				return i
			}
		}
		return -1
	}
	samFirst, samLast, jordanLast := slices.IndexFunc(drafts, func(d *draft) bool { return d.by == sam }), last(sam), last(jordan)
	for i, d := range drafts {
		at := d.session.End.Add(2 * time.Hour)
		switch i {
		case samLast:
			continue // still a draft
		case samFirst:
			at = d.session.End.Add(50 * time.Hour) // a late entry: both times show
		}
		n, err := svc.Notes.SignNote(writer(ctx, d.by, at), d.note.ID)
		if err == nil && n.AwaitingCosign() && i != jordanLast {
			_, err = svc.Notes.CosignNote(writer(ctx, priya, at.Add(3*time.Hour)), n.ID)
		}
		if err != nil {
			return fmt.Errorf("individual notes: %w", err)
		}
	}
	river := members[slices.IndexFunc(members, func(m *member) bool { return m.name == "River" })]
	if err := seedCounselingNote(ctx, svc, o, sam, river, drafts, today); err != nil {
		return fmt.Errorf("counseling note: %w", err)
	}
	return nil
}

// writer acts for m on the system's authority, writing at a past time.
func writer(ctx context.Context, m *kinship.Staff, at time.Time) context.Context {
	return kinship.WithWrittenAt(kinship.WithActor(ctx, kinship.Actor{System: true, StaffID: m.ID, Name: m.Name, Role: m.Role}), at)
}

// curriculum is a week of group therapy, one topic a day.
var curriculum = []map[string]string{
	{"Topic": "Noticing triggers early: the body's signals before a craving.", "Curriculum": "Seeking Safety: Detaching from emotional pain (grounding).",
		"Interventions": "Psychoeducation on the craving curve; a five-senses grounding exercise practised twice; each member named one early signal."},
	{"Topic": "Asking for help before a hard moment, not after.", "Curriculum": "Seeking Safety: Asking for help.",
		"Interventions": "Role-play of a first phone call to a support person; group feedback; members wrote one name and number on a card."},
	{"Topic": "Chosen family and boundaries with people who still use.", "Curriculum": "Living in recovery: Healthy relationships.",
		"Interventions": "Motivational interviewing in pairs; a values card sort; a boundary script written and read aloud."},
	{"Topic": "Shame and self-talk after a slip: a slip is information, not failure.", "Curriculum": "Relapse prevention: Lapse and relapse.",
		"Interventions": "CBT thought record on a recent slip or near-slip; reframing practice; members named one kind sentence to say to themselves."},
	{"Topic": "Planning the weekend: time, places and people.", "Curriculum": "Relapse prevention: High-risk situations.",
		"Interventions": "Each member mapped Friday to Sunday hour by hour; problem-solving for the riskiest hour; plans shared with the group."},
}

// participation is what attendees' parts say, by how they attended; none
// names anyone, as the privacy check demands.
var participation = map[string][]string{
	"present": {"Engaged throughout and offered support to others. Named an early signal of cravings (tight chest after work) and will practise grounding daily.",
		"Quiet at first, then shared a recent trigger at a family dinner. Agreed to call a support person before the next one.",
		"Participated actively in the role-play and gave thoughtful feedback. Reports two days without cravings and is proud of it.",
		"Shared openly about a near-slip over the weekend and what helped. Will keep using the thought record this week.",
		"Attentive; took notes. Identified Friday evening as the riskiest hour and planned a meeting and a walk for it."},
	"late":       {"Arrived late because of a work shift; joined the exercise quickly and named one boundary to set this week."},
	"left_early": {"Took part in the first half and left early for a medical appointment; completed the written exercise before leaving."},
	"telehealth": {"Joined by video with good engagement. Shared a plan for a family event and will check in with the group next session."},
}

// practice tells apart attendees whose parts would otherwise be the same.
var practice = []string{
	"Chose box breathing before work each morning as this week's practice.",
	"Will write down one craving a day, with what came before it.",
	"Plans to text a sober friend every evening at seven this week.",
	"Picked a walk at lunch as the skill to try on stressful days.",
	"Set a goal of two meetings before the next group, one with a sponsor.",
	"Wants to rehearse saying no to a drink at the upcoming birthday party.",
	"Will keep the relapse-prevention card in a wallet and read it nightly.",
}

// seedGroupNotes writes and signs a group note for each Group therapy
// session of the past week that people attended.
func seedGroupNotes(ctx context.Context, svc Services, sam *kinship.Staff, today kinship.Date) error {
	sessions, err := svc.Schedule.Sessions(ctx, today.AddDays(-7), today.AddDays(-1))
	if err != nil {
		return err
	}
	day := 0
	for _, s := range sessions {
		if s.Title != "Group therapy" || s.Cancelled {
			continue
		}
		as := writer(ctx, sam, s.End.Add(45*time.Minute))
		g, err := svc.Notes.GroupNote(as, s.ID)
		if err != nil {
			return err
		}
		if len(g.Attendees) == 0 {
			continue
		}
		in := kinship.GroupNoteInput{Sections: curriculum[day%len(curriculum)], Attendees: map[int64]kinship.GroupEntryInput{}}
		used := map[string]bool{}
		for i, a := range g.Attendees {
			parts := participation[a.Status]
			text := parts[(i+day)%len(parts)]
			if used[text] { // a part copied from another attendee's is a cloned note
				text += " " + practice[i%len(practice)]
			}
			used[text] = true
			e := kinship.GroupEntryInput{Text: text}
			if len(a.Choices) > 0 {
				e.ObjectiveIDs = []int64{a.Choices[0].ID}
			}
			in.Attendees[a.ClientID] = e
		}
		if _, err := svc.Notes.SaveGroupNote(as, s.ID, in); err != nil {
			return err
		}
		if _, err := svc.Notes.SignGroupNote(as, s.ID, ""); err != nil {
			return err
		}
		day++
	}
	return nil
}

// individualNotes are DAP notes for individual sessions, in turn.
var individualNotes = []map[string]string{
	{"Data": "Reviewed the week. Reports cravings mostly after work, rated 6 of 10 at worst; used urge surfing twice. Attended all groups.",
		"Assessment": "Building skills and insight; cravings are falling. No safety concerns today.",
		"Plan":       "Continue urge surfing; add an evening walk on the two hardest days. Review the weekend plan next session."},
	{"Data": "Discussed a conflict with a family member and the wish to use afterwards. Did not use; called a friend instead.",
		"Assessment": "Used the plan under real stress, a clear step forward. Family tension remains a high-risk area.",
		"Plan":       "Practise the boundary script from group; consider a family session. Next session in one week."},
	{"Data": "Sleep has improved to six hours most nights. PHQ-9 reviewed together; mood is lifting. Talked about returning to work.",
		"Assessment": "Steady progress toward the plan's goals; return to work is a new stressor to plan for.",
		"Plan":       "Map the first work week hour by hour; keep the evening support circle on Thursdays."},
}

// draft is an individual note written but not yet signed.
type draft struct {
	note    *kinship.Note
	by      *kinship.Staff
	session *kinship.Session
}

// draftIndividualNotes writes a note for each individual session of the
// past two weeks of every client in care, by their counselor, and returns
// them by session start.
func draftIndividualNotes(ctx context.Context, svc Services, o *org, members []*member, today kinship.Date) ([]*draft, error) {
	var out []*draft
	for _, m := range members {
		if !m.discharged.IsZero() {
			continue
		}
		sessions, err := svc.Care.ClientSessions(ctx, m.id, today.AddDays(-14), today.AddDays(-1))
		if err != nil {
			return nil, err
		}
		by := staffByID(o.counselors, m.counselor)
		for i, s := range sessions {
			if s.ClientID != m.id || s.Cancelled {
				continue
			}
			n, err := svc.Notes.CreateNote(writer(ctx, by, s.End.Add(time.Hour)), kinship.NoteInput{ClientID: m.id, Kind: kinship.NoteIndividual,
				Template: "DAP", SessionID: s.ID, Sections: individualNotes[(i+int(m.id))%len(individualNotes)]})
			if err != nil {
				return nil, fmt.Errorf("%s: %w", m.name, err)
			}
			out = append(out, &draft{note: n, by: by, session: s})
		}
	}
	slices.SortStableFunc(out, func(a, b *draft) int { return a.session.Start.Compare(b.session.Start) })
	return out, nil
}

// seedCounselingNote writes Sam's counseling note about River's latest
// individual session (or, without one, two days ago), kept to Sam alone.
func seedCounselingNote(ctx context.Context, svc Services, o *org, sam *kinship.Staff, river *member, drafts []*draft, today kinship.Date) error {
	in := kinship.NoteInput{ClientID: river.id, Kind: kinship.NoteCounseling, Template: "DAP", ServiceDate: today.AddDays(-2), Minutes: 50,
		Sections: map[string]string{
			"Data":       "My own notes on the session: long pauses whenever family came up; changed the subject twice.",
			"Assessment": "I notice I rush to reassure when the silence gets long. Possible grief under the anger; not ready to name it yet.",
			"Plan":       "Sit with the pauses next time. Bring my reaction to supervision before offering a family session."}}
	at := in.ServiceDate.In(o.site.Location()).Add(17 * time.Hour)
	for _, d := range drafts {
		if d.note.ClientID == river.id {
			in.SessionID, in.ServiceDate, in.Minutes, at = d.session.ID, d.session.Date, d.session.Minutes(), d.session.End.Add(3*time.Hour)
		}
	}
	as := writer(ctx, sam, at)
	n, err := svc.Notes.CreateNote(as, in)
	if err == nil {
		_, err = svc.Notes.SignNote(as, n.ID)
	}
	return err
}
