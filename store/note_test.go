package store_test

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"kinship"
	"kinship/store/storetest"
)

// notesFixture is the Mornings group on Monday 23 November at 10:00, an
// hour into its 09:00–12:00 session, with three clients of Sam's: River
// (legal name Daniel Ortiz), Jamie and Theo.
type notesFixture struct {
	db                        *storetest.DB
	m                         mornings
	session                   *kinship.Session
	sys, admin, sam, other    context.Context
	samStaff                  *kinship.Staff
	river, jamie, theo        *kinship.Client
	supervisor, peer, samOnly context.Context
}

func setUpNotes(t *testing.T, db *storetest.DB) *notesFixture {
	t.Helper()
	f := &notesFixture{db: db, m: setUpMornings(t, db, d("2026-11-16"))}
	f.sys = kinship.SystemContext(t.Context())
	f.admin = storetest.As(&kinship.Staff{ID: 1, Name: "Alex Admin", Role: kinship.RoleAdmin})
	f.sam, f.samStaff = db.AddStaff(t, kinship.RoleClinician, "sam@example.org")
	f.other, _ = db.AddStaff(t, kinship.RoleClinician, "jordan@example.org")
	f.supervisor, _ = db.AddStaff(t, kinship.RoleSupervisor, "priya@example.org")
	f.peer, _ = db.AddStaff(t, kinship.RolePeerSupport, "kai@example.org")
	for _, c := range []struct {
		to           **kinship.Client
		name, given  string
		family, pron string
	}{{&f.river, "River", "Daniel", "Ortiz", "they/them"}, {&f.jamie, "Jamie", "Jamie", "Nguyen", "she/her"}, {&f.theo, "Theo", "Theodore", "Grant", "he/him"}} {
		cl, err := db.CreateClient(f.sys, kinship.ClientFields{NameToUse: c.name, Pronouns: c.pron, LegalName: kinship.LegalName{Given: c.given, Family: c.family}})
		if err != nil {
			t.Fatal(err)
		}
		db.MustAdmit(t, cl.ID, f.m.program.ID, f.samStaff.ID, d("2026-11-16"))
		if _, err := db.Enroll(f.sys, kinship.Enrollment{ClientID: cl.ID, TrackID: f.m.track.ID, Start: d("2026-11-16")}); err != nil {
			t.Fatal(err)
		}
		*c.to = cl
	}
	today, err := db.Sessions(f.sys, d("2026-11-23"), d("2026-11-23"))
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SubstituteFacilitator(f.sys, today[0].ID, f.samStaff.ID); err != nil {
		t.Fatal(err)
	}
	f.session, _ = db.Session(f.sys, today[0].ID)
	db.Clock.T = storetest.Now.Add(time.Hour)
	return f
}

// attend marks River present, Jamie 15 minutes late and Theo absent.
func (f *notesFixture) attend(t *testing.T) {
	t.Helper()
	if _, err := f.db.RecordAttendance(f.sam, f.session.ID, []kinship.AttendanceMark{{ClientID: f.river.ID, Status: "present"},
		{ClientID: f.jamie.ID, Status: "late", Minutes: 15}, {ClientID: f.theo.ID, Status: "unexcused"}}); err != nil {
		t.Fatal(err)
	}
}

// dap is a complete DAP note for River about today's group.
func (f *notesFixture) dap() kinship.NoteInput {
	return kinship.NoteInput{ClientID: f.river.ID, Kind: kinship.NoteIndividual, Template: "dap", SessionID: f.session.ID,
		Sections: map[string]string{"Data": "Came on time; spoke about cravings after work.", "Assessment": "Engaged.", "Plan": "Practise urge surfing."}}
}

// auditActions lists the audit trail's events as "action type id", those
// starting with prefix.
func auditActions(t *testing.T, db *storetest.DB, prefix string) []string {
	t.Helper()
	events, _, err := db.ListAudit(kinship.SystemContext(context.Background()), kinship.AuditFilter{Action: strings.TrimSpace(prefix), Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range events {
		if line := e.Action + " " + e.ResourceType + " " + e.ResourceID; strings.HasPrefix(line, prefix) {
			out = append(out, line)
		}
	}
	return out
}

func TestIndividualNote(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		f := setUpNotes(t, db)
		t.Run("BadInputChangesNothing", func(t *testing.T) {
			future := f.dap()
			future.SessionID, future.ServiceDate, future.Minutes = 0, d("2026-11-24"), 50
			unknown := f.dap()
			unknown.Template = "Narrative"
			extra := f.dap()
			extra.Sections["Feelings"] = "?"
			elsewhere := f.dap()
			elsewhere.SessionID = f.session.ID + 1000
			objective := f.dap()
			objective.ObjectiveIDs = []int64{7}
			readers := f.dap()
			readers.Readers = []kinship.Role{kinship.RoleSupervisor}
			for name, in := range map[string]kinship.NoteInput{"FutureDate": future, "UnknownTemplate": unknown, "UnknownSection": extra,
				"NotTheirSession": elsewhere, "NotInPlan": objective, "ReadersOnProgressNote": readers,
				"NoMinutes": {ClientID: f.river.ID, Kind: kinship.NoteIndividual, Template: "SOAP", ServiceDate: d("2026-11-20")}} {
				if _, err := db.CreateNote(f.sam, in); kinship.ErrorCode(err) != kinship.EINVALID {
					t.Errorf("%s: %v, want invalid", name, err)
				}
			}
			if n := db.Count(t, "notes"); n != 0 {
				t.Errorf("notes = %d after refusals", n)
			}
			if _, err := db.CreateNote(f.peer, f.dap()); kinship.ErrorCode(err) != kinship.EFORBIDDEN {
				t.Errorf("peer support writing a progress note: %v", err)
			}
			if _, err := db.CreateNote(f.other, f.dap()); err != kinship.ErrNotOnCaseload {
				t.Errorf("a clinician writing for a client not on their caseload: %v", err)
			}
		})

		in := f.dap()
		in.Sections["Plan"] = ""
		n, err := db.CreateNote(f.sam, in)
		if err != nil {
			t.Fatal(err)
		}
		if n.Template != "DAP" || n.ServiceDate != d("2026-11-23") || n.Minutes != 180 || n.Signed() || len(n.Sections) != 3 {
			t.Errorf("draft = %+v; want DAP for the session's date and length", n)
		}
		t.Run("DraftIsTheAuthors", func(t *testing.T) {
			if _, err := db.Note(f.supervisor, n.ID); kinship.ErrorCode(err) != kinship.ENOTFOUND {
				t.Errorf("someone else's draft: %v", err)
			}
			if list, _ := db.Notes(f.supervisor, f.river.ID); len(list) != 0 {
				t.Errorf("the chart lists someone else's draft")
			}
			if list, _ := db.Notes(f.sam, f.river.ID); len(list) != 1 {
				t.Errorf("the author's chart view lists %d notes, want the draft", len(list))
			}
		})
		if _, err := db.SignNote(f.sam, n.ID); kinship.ErrorFields(err)["section.Plan"] == "" {
			t.Errorf("signing with an empty Plan: %v", err)
		}
		minutes := 50
		n, err = db.UpdateNote(f.sam, n.ID, kinship.NoteUpdate{Sections: map[string]string{"Plan": "Practise urge surfing twice a day."}, Minutes: &minutes})
		if err != nil || n.Section("Plan") != "Practise urge surfing twice a day." || n.Section("Data") == "" || n.Minutes != 50 {
			t.Fatalf("update = %+v, %v", n, err)
		}
		if _, err := db.UpdateNote(f.sam, n.ID, kinship.NoteUpdate{Sections: map[string]string{"Feelings": "?"}}); kinship.ErrorCode(err) != kinship.EINVALID {
			t.Errorf("updating a section the note lacks: %v", err)
		}
		if n, err = db.SignNote(f.sam, n.ID); err != nil || !n.Signed() || n.Late() || n.Status() != "signed" {
			t.Fatalf("sign = %+v, %v", n, err)
		}

		t.Run("SignedIsLocked", func(t *testing.T) {
			if _, err := db.UpdateNote(f.sam, n.ID, kinship.NoteUpdate{Sections: map[string]string{"Plan": "changed"}}); kinship.ErrorCode(err) != kinship.ECONFLICT {
				t.Errorf("editing a signed note: %v", err)
			}
			if _, err := db.SignNote(f.sam, n.ID); kinship.ErrorCode(err) != kinship.ECONFLICT {
				t.Errorf("signing twice: %v", err)
			}
			got, _ := db.Note(f.supervisor, n.ID)
			if got.Section("Plan") != "Practise urge surfing twice a day." {
				t.Errorf("signed note changed: %q", got.Section("Plan"))
			}
		})
		t.Run("Addenda", func(t *testing.T) {
			if _, err := db.AddAddendum(f.sam, n.ID, "  "); kinship.ErrorCode(err) != kinship.EINVALID {
				t.Errorf("empty addendum: %v", err)
			}
			db.Clock.T = db.Clock.T.Add(2 * time.Hour)
			x, err := db.AddAddendum(f.supervisor, n.ID, "Discussed in supervision; plan stands.")
			if err != nil {
				t.Fatal(err)
			}
			got, _ := db.Note(f.sam, n.ID)
			if len(got.Addenda) != 1 || got.Addenda[0].Text != x.Text || got.Addenda[0].Author != "supervisor member" || !got.Addenda[0].SignedAt.Equal(db.Clock.T) {
				t.Errorf("addenda = %+v", got.Addenda)
			}
			draft, _ := db.CreateNote(f.sam, f.dap())
			if _, err := db.AddAddendum(f.sam, draft.ID, "more"); kinship.ErrorCode(err) != kinship.ECONFLICT {
				t.Errorf("addendum to a draft: %v", err)
			}
		})
		t.Run("Audited", func(t *testing.T) {
			got := strings.Join(auditActions(t, db, "note."), "\n")
			id := " note " + itoa(n.ID)
			for _, want := range []string{"note.create" + id, "note.update" + id, "note.sign" + id, "note.addendum" + id, "note.read client " + itoa(f.river.ID)} {
				if !strings.Contains(got, want) {
					t.Errorf("no audit event %q in\n%s", want, got)
				}
			}
		})
	})
}

func TestLateEntry(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		f := setUpNotes(t, db)
		write := func(day kinship.Date, session int64) *kinship.Note {
			t.Helper()
			in := f.dap()
			in.SessionID, in.ServiceDate, in.Minutes = session, day, 50
			n, err := db.CreateNote(f.sam, in)
			if err == nil {
				n, err = db.SignNote(f.sam, n.ID)
			}
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		// Thursday's service ended at midnight, 58 hours before Monday 10:00.
		if n := write(d("2026-11-19"), 0); !n.Late() || !n.ServiceEnd.Equal(d("2026-11-20").In(f.m.site.Location())) {
			t.Errorf("note for Thursday signed Monday: late %v, service end %v", n.Late(), n.ServiceEnd)
		}
		// Saturday's ended Sunday 00:00: 34 hours.
		if n := write(d("2026-11-21"), 0); !n.Late() {
			t.Errorf("note for Saturday signed Monday 10:00 is not late")
		}
		if n := write(d("2026-11-22"), 0); n.Late() {
			t.Errorf("note for Sunday signed Monday 10:00 is late")
		}
		if n := write(kinship.Date{}, f.session.ID); n.Late() || !n.ServiceEnd.Equal(f.session.End) {
			t.Errorf("note for today's session: late %v, service end %v", n.Late(), n.ServiceEnd)
		}
	})
}

// groupDraft writes the shared part and each attendee's part.
func (f *notesFixture) groupDraft(t *testing.T, topic string) *kinship.GroupNote {
	t.Helper()
	g, err := f.db.SaveGroupNote(f.sam, f.session.ID, kinship.GroupNoteInput{
		Sections: map[string]string{"Topic": topic, "Curriculum": "Seeking Safety: asking for help", "Interventions": "Role-play and skills practice"},
		Attendees: map[int64]kinship.GroupEntryInput{f.river.ID: {Text: "River practised asking for help."},
			f.jamie.ID: {Text: "Jamie shared a plan for weekends."}}})
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestGroupNoteWrittenOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		f := setUpNotes(t, db)
		if _, err := db.SaveGroupNote(f.sam, f.session.ID, kinship.GroupNoteInput{Sections: map[string]string{"Topic": "x"}}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SignGroupNote(f.sam, f.session.ID, ""); kinship.ErrorCode(err) != kinship.ECONFLICT {
			t.Errorf("signing before attendance: %v", err)
		}
		f.attend(t)
		g, err := db.GroupNote(f.sam, f.session.ID)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, a := range g.Attendees {
			names = append(names, a.NameToUse)
		}
		if strings.Join(names, ",") != "Jamie,River" || !g.CanWrite || g.Sections[0].Text != "x" {
			t.Errorf("attendees %v, can write %v, sections %+v; want Jamie and River, not absent Theo", names, g.CanWrite, g.Sections)
		}
		if _, err := db.SaveGroupNote(f.sam, f.session.ID, kinship.GroupNoteInput{Attendees: map[int64]kinship.GroupEntryInput{f.theo.ID: {Text: "Absent."}}}); kinship.ErrorCode(err) != kinship.EINVALID {
			t.Errorf("a part for an absent client: %v", err)
		}
		t.Run("Access", func(t *testing.T) {
			if _, err := db.GroupNote(f.other, f.session.ID); kinship.ErrorCode(err) != kinship.EFORBIDDEN {
				t.Errorf("a clinician who does not facilitate: %v", err)
			}
			if _, err := db.SaveGroupNote(f.supervisor, f.session.ID, kinship.GroupNoteInput{}); kinship.ErrorCode(err) != kinship.EFORBIDDEN {
				t.Errorf("a supervisor changing Sam's draft: %v", err)
			}
			if g, err := db.GroupNote(f.supervisor, f.session.ID); err != nil || g.CanWrite {
				t.Errorf("a supervisor reading Sam's draft: can write %v, %v", g != nil && g.CanWrite, err)
			}
		})
		g = f.groupDraft(t, "Asking for help when a craving comes")
		if _, err := db.SaveGroupNote(f.sam, f.session.ID, kinship.GroupNoteInput{Attendees: map[int64]kinship.GroupEntryInput{f.jamie.ID: {Text: ""}}}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SignGroupNote(f.sam, f.session.ID, ""); kinship.ErrorFields(err)["attendee."+itoa(f.jamie.ID)] == "" {
			t.Errorf("signing with Jamie's part empty: %v", err)
		}
		f.groupDraft(t, "Asking for help when a craving comes")
		if g, err = db.SignGroupNote(f.sam, f.session.ID, ""); err != nil {
			t.Fatal(err)
		}
		if !g.Signed() || g.CanWrite || g.Attendees[0].NoteID == 0 || g.Attendees[1].NoteID == 0 {
			t.Errorf("signed group note = %+v", g)
		}
		for _, c := range []struct {
			client      *kinship.Client
			own, others string
			minutes     int
		}{{f.river, "River practised asking for help.", "Jamie shared", 180}, {f.jamie, "Jamie shared a plan for weekends.", "River practised", 165}} {
			list, err := db.Notes(f.supervisor, c.client.ID)
			if err != nil || len(list) != 1 {
				t.Fatalf("%s's chart has %d notes, %v", c.client.NameToUse, len(list), err)
			}
			n, _ := db.Note(f.supervisor, list[0].ID)
			text := ""
			for _, s := range n.Sections {
				text += s.Name + ": " + s.Text + "\n"
			}
			if n.Kind != kinship.NoteGroup || n.Section("Participation") != c.own || strings.Contains(text, c.others) ||
				n.Section("Topic") != "Asking for help when a craving comes" || n.Minutes != c.minutes || !n.Signed() {
				t.Errorf("%s's note:\n%s(minutes %d)", c.client.NameToUse, text, n.Minutes)
			}
		}
		if list, _ := db.Notes(f.supervisor, f.theo.ID); len(list) != 0 {
			t.Errorf("absent Theo's chart has %d notes", len(list))
		}
		if _, err := db.SignGroupNote(f.sam, f.session.ID, ""); kinship.ErrorCode(err) != kinship.ECONFLICT {
			t.Errorf("signing twice: %v", err)
		}
		if _, err := db.SaveGroupNote(f.sam, f.session.ID, kinship.GroupNoteInput{Sections: map[string]string{"Topic": "y"}}); kinship.ErrorCode(err) != kinship.ECONFLICT {
			t.Errorf("editing after signing: %v", err)
		}
		if got := auditActions(t, db, "group_note.sign"); len(got) != 1 {
			t.Errorf("group_note.sign events = %v", got)
		}
	})
}

func TestGroupNotePrivacyCheck(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		f := setUpNotes(t, db)
		f.attend(t)
		for _, c := range []struct{ name, topic, message string }{
			{"NameToUse", "Sharing about jamie's week", "The shared section mentions Jamie in 'Topic'; write about the group, not a person."},
			{"LegalName", "What DANIEL ORTIZ said about family", "The shared section names an attendee in 'Topic'; write about the group, not a person."},
			{"LegalGivenName", "Daniel led the check-in", "The shared section names an attendee in 'Topic'; write about the group, not a person."},
			{"AbsentClient", "We missed Theo today", "The shared section mentions Theo in 'Topic'; write about the group, not a person."},
		} {
			t.Run(c.name, func(t *testing.T) {
				f.groupDraft(t, c.topic)
				_, err := db.SignGroupNote(f.sam, f.session.ID, "")
				if kinship.ErrorCode(err) != kinship.EINVALID || kinship.ErrorMessage(err) != c.message || kinship.ErrorFields(err)["section.Topic"] == "" {
					t.Errorf("sign = %v, want %q", err, c.message)
				}
				if n := db.Count(t, "notes"); n != 0 {
					t.Errorf("%d notes written despite the refusal", n)
				}
			})
		}
		t.Run("AnotherInOnesPart", func(t *testing.T) {
			f.groupDraft(t, "Asking for help")
			db.SaveGroupNote(f.sam, f.session.ID, kinship.GroupNoteInput{Attendees: map[int64]kinship.GroupEntryInput{f.river.ID: {Text: "Supported Jamie."}}})
			if _, err := db.SignGroupNote(f.sam, f.session.ID, ""); kinship.ErrorFields(err)["attendee."+itoa(f.river.ID)] == "" {
				t.Errorf("River's part naming Jamie: %v", err)
			}
		})
		t.Run("GroupNoteForOneChart", func(t *testing.T) {
			n, err := db.CreateNote(f.sam, kinship.NoteInput{ClientID: f.river.ID, Kind: kinship.NoteGroup, SessionID: f.session.ID,
				Sections: map[string]string{"Topic": "Helping Jamie", "Curriculum": "-", "Interventions": "-", "Participation": "River helped."}})
			if err != nil || n.Template != "Group" || len(n.Sections) != 4 {
				t.Fatalf("a group note for River's chart alone: %+v, %v", n, err)
			}
			if _, err := db.SignNote(f.sam, n.ID); kinship.ErrorFields(err)["section.Topic"] == "" {
				t.Errorf("signing it while it names Jamie: %v", err)
			}
		})
		// Whole words only: a name inside another word is no mention.
		f.groupDraft(t, "Riverside walk; the Jamieson reading")
		if _, err := db.SignGroupNote(f.sam, f.session.ID, ""); err != nil {
			t.Errorf("a shared section without names: %v", err)
		}
	})
}

func TestCounselingNotesKeptApart(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		f := setUpNotes(t, db)
		secret := "Countertransference: I notice frustration when River minimises."
		n, err := db.CreateNote(f.sam, kinship.NoteInput{ClientID: f.river.ID, Kind: kinship.NoteCounseling, Template: "SOAP",
			ServiceDate: d("2026-11-23"), Minutes: 50, Sections: map[string]string{"Assessment": secret, "Subjective": "-", "Objective": "-", "Plan": "-"}})
		if err != nil {
			t.Fatal(err)
		}
		if n, err = db.SignNote(f.sam, n.ID); err != nil || n.AwaitingCosign() {
			t.Fatalf("sign = %+v, %v", n, err)
		}
		if db.Count(t, "notes") != 0 || db.Count(t, "counseling_notes") != 1 {
			t.Errorf("a counseling note is kept with the chart's notes")
		}
		if got, err := db.Note(f.sam, n.ID); err != nil || got.Section("Assessment") != secret {
			t.Errorf("the author reads %+v, %v", got, err)
		}
		others := map[string]context.Context{"admin": f.admin, "supervisor": f.supervisor, "clinician": f.other, "system": f.sys}
		hidden := func(t *testing.T, who string, ctx context.Context) {
			t.Helper()
			before := db.Count(t, "audit_events")
			_, err := db.Note(ctx, n.ID)
			_, missing := db.Note(ctx, n.ID+1000)
			if kinship.ErrorCode(err) != kinship.ENOTFOUND || kinship.ErrorMessage(err) != kinship.ErrorMessage(missing) {
				t.Errorf("%s reading it: %v, want the answer for a missing note (%v)", who, err, missing)
			}
			if after := db.Count(t, "audit_events"); after != before {
				t.Errorf("%s's refused read left %d audit events that reveal it", who, after-before)
			}
			list, _ := db.Notes(ctx, f.river.ID)
			for _, x := range list {
				if x.Kind == kinship.NoteCounseling {
					t.Errorf("%s's list of River's notes has counseling note %d", who, x.ID)
				}
			}
			if _, err := db.AddAddendum(ctx, n.ID, "x"); kinship.ErrorCode(err) != kinship.ENOTFOUND && kinship.ErrorCode(err) != kinship.EFORBIDDEN {
				t.Errorf("%s adding to it: %v", who, err)
			}
		}
		for who, ctx := range others {
			hidden(t, who, ctx)
		}
		t.Run("NotInQueuesTimelinesOrDisclosures", func(t *testing.T) {
			if q, _ := db.CosignQueue(f.supervisor); len(q) != 0 {
				t.Errorf("co-sign queue has %d notes", len(q))
			}
			progress, _ := db.CreateNote(f.sam, f.dap())
			db.SignNote(f.sam, progress.ID)
			entries, err := db.NoteEntries(f.sam, f.river.ID, d("2026-11-01"), d("2026-11-30"))
			if len(entries) != 1 || entries[0].Href != "/notes/"+itoa(progress.ID) || entries[0].Kind != kinship.TimelineNote {
				t.Errorf("timeline note entries = %+v, %v; want the progress note alone", entries, err)
			}
			timeline, err := db.Timeline(f.sam, f.river.ID, d("2026-11-01"), d("2026-11-30"))
			for _, e := range append(entries, timeline...) {
				if strings.Contains(e.Text, "ounseling") || strings.HasSuffix(e.Href, "/"+itoa(n.ID)) {
					t.Errorf("timeline entry %+v, %v", e, err)
				}
			}
			full := kinship.ConsentFields{Discloser: "Rainbow Recovery", Information: []kinship.InfoKind{kinship.InfoFullRecord},
				InformationDetail: "Everything", Recipients: []string{"Dr. Lee"}, Purposes: []kinship.Purpose{kinship.PurposeTreatment},
				Expiry: kinship.ExpiryNone, RevocationNoted: true, SignedName: "River", Confirmed: true}
			if _, err := db.CreateConsent(f.sys, f.river.ID, full); err != nil {
				t.Fatal(err)
			}
			if _, err := db.Disclose(f.sys, f.river.ID, kinship.DisclosureRequest{Recipient: "Dr. Lee", Purpose: kinship.PurposeTreatment,
				Information: []kinship.InfoKind{kinship.InfoCounselingNotes}}); kinship.ErrorCode(err) != kinship.EFORBIDDEN {
				t.Errorf("disclosing counseling notes under a whole-record consent: %v", err)
			}
			for _, kinds := range [][]kinship.InfoKind{{kinship.InfoFullRecord}, {kinship.InfoProgressNotes}, {kinship.InfoProgressNotes, kinship.InfoFullRecord}} {
				released, err := db.ReleasedNotes(f.sys, f.river.ID, kinds)
				if err != nil || len(released) != 1 || released[0].Kind != kinship.NoteIndividual {
					t.Errorf("released for %v: %d notes, %v; want the progress note alone", kinds, len(released), err)
				}
			}
			released, _ := db.ReleasedNotes(f.sys, f.river.ID, []kinship.InfoKind{kinship.InfoCounselingNotes})
			if len(released) != 1 || released[0].Section("Assessment") != secret {
				t.Errorf("under a consent naming counseling notes, released %d", len(released))
			}
		})
		t.Run("ReadersTheAuthorAllows", func(t *testing.T) {
			draft, err := db.CreateNote(f.sam, kinship.NoteInput{ClientID: f.river.ID, Kind: kinship.NoteCounseling, Template: "DAP",
				ServiceDate: d("2026-11-23"), Minutes: 50, Readers: []kinship.Role{kinship.RoleSupervisor},
				Sections: map[string]string{"Data": "-", "Assessment": "for supervision", "Plan": "-"}})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.Note(f.supervisor, draft.ID); kinship.ErrorCode(err) != kinship.ENOTFOUND {
				t.Errorf("a supervisor reading an unsigned counseling note: %v", err)
			}
			db.SignNote(f.sam, draft.ID)
			if got, err := db.Note(f.supervisor, draft.ID); err != nil || got.Section("Assessment") != "for supervision" {
				t.Errorf("an allowed supervisor: %v", err)
			}
			if list, _ := db.Notes(f.supervisor, f.river.ID); !slices.ContainsFunc(list, func(x *kinship.Note) bool { return x.ID == draft.ID }) {
				t.Errorf("an allowed supervisor's list lacks it")
			}
			if _, err := db.AddAddendum(f.supervisor, draft.ID, "x"); kinship.ErrorCode(err) != kinship.EFORBIDDEN {
				t.Errorf("a reader adding to it: %v", err)
			}
			hidden(t, "a clinician who is not allowed", f.other)
			hidden(t, "an admin who is not allowed", f.admin)
		})
	})
}

func TestCosign(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		f := setUpNotes(t, db)
		yes := true
		if _, err := db.UpdateStaff(f.sys, f.samStaff.ID, kinship.StaffUpdate{NeedsSupervision: &yes}); err != nil {
			t.Fatal(err)
		}
		n, err := db.CreateNote(f.sam, f.dap())
		if err == nil {
			n, err = db.SignNote(f.sam, n.ID)
		}
		if err != nil || !n.AwaitingCosign() || n.Status() != "awaiting_cosign" {
			t.Fatalf("a supervised clinician's signed note = %+v, %v", n, err)
		}
		if k, _ := db.CosignCount(f.supervisor); k != 1 {
			t.Errorf("supervisor's count = %d", k)
		}
		if q, err := db.CosignQueue(f.supervisor); err != nil || len(q) != 1 || q[0].ID != n.ID || q[0].ClientName != "River" {
			t.Errorf("supervisor's queue = %v, %v", q, err)
		}
		if q, _ := db.CosignQueue(f.sam); len(q) != 1 {
			t.Errorf("the author's own queue = %d notes", len(q))
		}
		if q, _ := db.CosignQueue(f.other); len(q) != 0 {
			t.Errorf("another clinician's queue = %d notes", len(q))
		}
		if _, err := db.CosignNote(f.other, n.ID); kinship.ErrorCode(err) != kinship.EFORBIDDEN {
			t.Errorf("a clinician co-signing: %v", err)
		}
		if _, err := db.CosignNote(f.sam, n.ID); kinship.ErrorCode(err) != kinship.EFORBIDDEN {
			t.Errorf("the author co-signing: %v", err)
		}
		if n, err = db.CosignNote(f.supervisor, n.ID); err != nil || n.Status() != "cosigned" || n.Cosigner != "supervisor member" {
			t.Fatalf("co-sign = %+v, %v", n, err)
		}
		if _, err := db.CosignNote(f.admin, n.ID); kinship.ErrorCode(err) != kinship.ECONFLICT {
			t.Errorf("co-signing twice: %v", err)
		}
		if k, _ := db.CosignCount(f.supervisor); k != 0 {
			t.Errorf("count after co-signing = %d", k)
		}
		if got := auditActions(t, db, kinship.ActionNoteCosign+" "); len(got) != 1 || got[0] != "note.cosign note "+itoa(n.ID) {
			t.Errorf("co-sign audit = %v", got)
		}
	})
}

func TestNoteTemplates(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		f := setUpNotes(t, db)
		crisis := kinship.NoteTemplate{Name: "Crisis contact", Sections: []kinship.TemplateSection{{Name: "Situation"}, {Name: "Safety plan", Help: "Who they will call."}, {Name: " "}}}
		if _, err := db.CreateNoteTemplate(f.sam, crisis); kinship.ErrorCode(err) != kinship.EFORBIDDEN {
			t.Errorf("a clinician adding a template: %v", err)
		}
		for name, bad := range map[string]kinship.NoteTemplate{"BuiltInName": {Name: "soap", Sections: crisis.Sections},
			"NoSections": {Name: "Empty"}, "Twice": {Name: "Twice", Sections: []kinship.TemplateSection{{Name: "A"}, {Name: "a"}}}} {
			if _, err := db.CreateNoteTemplate(f.admin, bad); kinship.ErrorCode(err) != kinship.EINVALID {
				t.Errorf("%s: %v", name, err)
			}
		}
		got, err := db.CreateNoteTemplate(f.admin, crisis)
		if err != nil || len(got.Sections) != 2 {
			t.Fatalf("create = %+v, %v", got, err)
		}
		if _, err := db.CreateNoteTemplate(f.admin, kinship.NoteTemplate{Name: "CRISIS CONTACT", Sections: crisis.Sections}); kinship.ErrorCode(err) != kinship.ECONFLICT {
			t.Errorf("the same name in capitals: %v", err)
		}
		list, _ := db.NoteTemplates(f.sam)
		if len(list) != 4 || list[0].Name != "DAP" || list[3].Name != "Crisis contact" {
			t.Errorf("templates = %d, first %s", len(list), list[0].Name)
		}
		n, err := db.CreateNote(f.sam, kinship.NoteInput{ClientID: f.river.ID, Kind: kinship.NoteIndividual, Template: "crisis contact",
			ServiceDate: d("2026-11-22"), Minutes: 20, Sections: map[string]string{"Safety plan": "Calls their sister."}})
		if err != nil || n.Template != "Crisis contact" || n.Section("Safety plan") != "Calls their sister." {
			t.Errorf("note with the program's template = %+v, %v", n, err)
		}
	})
}

func TestWrittenAtIsForImportsOnly(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		f := setUpNotes(t, db)
		then := time.Date(2026, 11, 19, 20, 0, 0, 0, time.UTC)
		imported := kinship.WithWrittenAt(kinship.WithActor(t.Context(), kinship.Actor{System: true, StaffID: f.samStaff.ID, Name: "import"}), then)
		in := f.dap()
		in.SessionID, in.ServiceDate, in.Minutes = 0, d("2026-11-19"), 50
		n, err := db.CreateNote(imported, in)
		if err == nil {
			n, err = db.SignNote(imported, n.ID)
		}
		if err != nil || !n.SignedAt.Equal(then) || n.Late() || n.AuthorID != f.samStaff.ID {
			t.Errorf("imported note = %+v, %v", n, err)
		}
		staff := kinship.WithWrittenAt(f.sam, then)
		n, _ = db.CreateNote(staff, in)
		if n, _ = db.SignNote(staff, n.ID); !n.SignedAt.Equal(db.Clock.T) || !n.Late() {
			t.Errorf("a staff member backdated a note to %v", n.SignedAt)
		}
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
