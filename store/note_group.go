package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"kinship"
)

// Who writes a group note: the session's facilitator, a supervisor or an
// admin may start it (a supervisor covers for an absent facilitator), and
// once started it is its author's alone, as any draft is. Supervisors,
// admins and the facilitator may read it.

func groupWriter(a kinship.Actor, g *kinship.GroupNote) bool {
	switch {
	case a.System:
		return true
	case g.ID != 0:
		return a.StaffID == g.AuthorID
	}
	return groupReader(a, g)
}

func groupReader(a kinship.Actor, g *kinship.GroupNote) bool {
	return a.System || a.StaffID == g.Session.FacilitatorID || a.StaffID == g.AuthorID ||
		a.Role == kinship.RoleSupervisor || a.Role == kinship.RoleAdmin
}

var errNotFacilitator = kinship.Errorf(kinship.EFORBIDDEN, "Only the session's facilitator, a supervisor or an admin writes its group note; once started, only its author.")

// GroupNote returns a session's group note, or a blank one, with its attendees.
func (s *Store) GroupNote(ctx context.Context, sessionID int64) (*kinship.GroupNote, error) {
	if err := kinship.Authorize(ctx, kinship.PermAttendance); err != nil {
		return nil, err
	}
	g, err := s.groupNote(ctx, sessionID)
	if err != nil {
		return nil, err
	}
	a := kinship.ActorFrom(ctx)
	if !groupReader(a, g) {
		return nil, errNotFacilitator
	}
	if g.CanWrite = groupWriter(a, g) && !g.Signed() && !g.Session.Cancelled; g.CanWrite {
		if err := s.offerObjectives(ctx, g); err != nil {
			return nil, err
		}
	}
	return g, s.Audit(ctx, kinship.AuditRecord{Action: kinship.ActionGroupNoteRead, ResourceType: "session", ResourceID: strconv.FormatInt(sessionID, 10)})
}

// groupNote reads a session's group note and its attendees, unaudited:
// before signing, the clients whose attendance counts as attending; after,
// the clients whose charts received it.
func (s *Store) groupNote(ctx context.Context, sessionID int64) (*kinship.GroupNote, error) {
	session, err := s.Session(ctx, sessionID)
	if err != nil {
		return nil, err
	}
	g := &kinship.GroupNote{Session: session}
	var sections string
	err = s.queryRow(ctx, `SELECT g.id, g.author_id, a.name, g.sections, g.updated_at, g.signed_at, g.clone_reason FROM group_notes g
		JOIN staff a ON a.id = g.author_id WHERE g.session_id = ?`, sessionID).
		Scan(&g.ID, &g.AuthorID, &g.Author, &sections, scanTime(&g.UpdatedAt), scanTime(&g.SignedAt), &g.CloneReason)
	saved := map[string]string{}
	switch {
	case err == nil:
		var list []kinship.NoteSection
		if err := json.Unmarshal([]byte(sections), &list); err != nil {
			return nil, err
		}
		for _, sec := range list {
			saved[sec.Name] = sec.Text
		}
	case !errors.Is(err, sql.ErrNoRows):
		return nil, err
	}
	for _, ts := range kinship.GroupTemplate.Sections {
		g.Sections = append(g.Sections, kinship.NoteSection{Name: ts.Name, Text: saved[ts.Name]})
	}
	taken, err := s.attendanceOf(ctx, sessionID)
	if err != nil {
		return nil, err
	}
	query, args := rosterSQL, []any{sessionID, sessionID}
	if g.Signed() {
		query = `SELECT c.id, c.name_to_use, c.pronouns FROM notes n JOIN clients c ON c.id = n.client_id
			WHERE n.group_note_id = ? ORDER BY LOWER(c.name_to_use), c.id`
		args = []any{g.ID}
	}
	rows, err := s.query(ctx, query, args...)
	err = each(rows, err, func(r rowScanner) error {
		at := &kinship.GroupAttendee{}
		if err := r.Scan(&at.ClientID, &at.NameToUse, &at.Pronouns); err != nil {
			return err
		}
		if t := taken[at.ClientID]; t != nil {
			at.Status, at.Minutes = t.Status, t.Credited
		}
		if g.Signed() || kinship.Attended(at.Status) {
			g.Attendees = append(g.Attendees, at)
		}
		return nil
	})
	if err != nil || g.ID == 0 {
		return g, err
	}
	return g, s.loadEntries(ctx, g)
}

// loadEntries fills in each attendee's part, and their note once signed.
func (s *Store) loadEntries(ctx context.Context, g *kinship.GroupNote) error {
	byClient := map[int64]*kinship.GroupAttendee{}
	for _, at := range g.Attendees {
		byClient[at.ClientID] = at
	}
	rows, err := s.query(ctx, "SELECT client_id, text, objectives FROM group_note_entries WHERE group_note_id = ?", g.ID)
	err = each(rows, err, func(r rowScanner) error {
		var id int64
		var text, objectives string
		if err := r.Scan(&id, &text, &objectives); err != nil {
			return err
		}
		if at := byClient[id]; at != nil {
			at.Text = text
			return json.Unmarshal([]byte(objectives), &at.Objectives)
		}
		return nil
	})
	if err != nil || !g.Signed() {
		return err
	}
	rows, err = s.query(ctx, "SELECT id, client_id FROM notes WHERE group_note_id = ?", g.ID)
	return each(rows, err, func(r rowScanner) error {
		var id, client int64
		if err := r.Scan(&id, &client); err != nil {
			return err
		}
		if at := byClient[client]; at != nil {
			at.NoteID = id
		}
		return nil
	})
}

// offerObjectives gives each attendee the objectives of their current plan
// when the writer may see it: clinical roles, for clients on their
// caseload if their role is limited to one. Checking the caseload first
// keeps a facilitator's view of the group from auditing a refused chart
// for every attendee not on it.
func (s *Store) offerObjectives(ctx context.Context, g *kinship.GroupNote) error {
	a := kinship.ActorFrom(ctx)
	var mine map[int64]bool
	if a.Role.CaseloadLimited() {
		scope, args := onCaseload(ctx, "c.id")
		rows, err := s.query(ctx, "SELECT c.id FROM clients c WHERE "+scope, args...)
		ids, err := collect(rows, err, func(r rowScanner) (id int64, err error) { return id, r.Scan(&id) })
		if err != nil {
			return err
		}
		mine = map[int64]bool{}
		for _, id := range ids {
			mine[id] = true
		}
	}
	for _, at := range g.Attendees {
		if !a.System && (!a.Role.Can(kinship.PermClinicalRead) || (mine != nil && !mine[at.ClientID])) {
			at.PlanHidden = true
			continue
		}
		var err error
		if at.Choices, err = s.CurrentObjectives(ctx, at.ClientID); err != nil {
			return err
		}
	}
	return nil
}

// writableGroupNote returns the session's group note for its writer to
// change: ECONFLICT once signed or when the session was cancelled.
func (s *Store) writableGroupNote(ctx context.Context, sessionID int64) (*kinship.GroupNote, error) {
	if err := kinship.Authorize(ctx, kinship.PermAttendance); err != nil {
		return nil, err
	}
	a := kinship.ActorFrom(ctx)
	if a.StaffID == 0 {
		return nil, kinship.Errorf(kinship.EFORBIDDEN, "Only a staff member can write a note.")
	}
	g, err := s.groupNote(ctx, sessionID)
	switch {
	case err != nil:
		return nil, err
	case !groupWriter(a, g):
		return nil, errNotFacilitator
	case g.Signed():
		return nil, kinship.Errorf(kinship.ECONFLICT, "This group note is signed and can no longer change. Add an addendum to a client's note instead.")
	case g.Session.Cancelled:
		return nil, kinship.Errorf(kinship.ECONFLICT, "This session was cancelled; there is no group note to write.")
	}
	g.CanWrite = true
	return g, nil
}

// SaveGroupNote saves the draft of a session's group note.
func (s *Store) SaveGroupNote(ctx context.Context, sessionID int64, in kinship.GroupNoteInput) (*kinship.GroupNote, error) {
	g, err := s.writableGroupNote(ctx, sessionID)
	if err != nil {
		return nil, err
	}
	f := kinship.FieldErrors{}
	for name, text := range in.Sections {
		i := slices.IndexFunc(g.Sections, func(sec kinship.NoteSection) bool { return sec.Name == name })
		switch {
		case i < 0:
			f.Add("sections", fmt.Sprintf("A group note has no section “%s”.", name))
		case utf8.RuneCountInString(text) > maxSection:
			f.Add("section."+name, "Keep each section under 20,000 characters.")
		default:
			g.Sections[i].Text = strings.TrimSpace(text)
		}
	}
	var changed []*kinship.GroupAttendee
	for id, e := range in.Attendees {
		field := fmt.Sprintf("attendee.%d", id)
		i := slices.IndexFunc(g.Attendees, func(at *kinship.GroupAttendee) bool { return at.ClientID == id })
		if i < 0 {
			f.Add(field, "This client is not marked as attending the session.")
			continue
		}
		at := g.Attendees[i]
		if at.Text = strings.TrimSpace(e.Text); utf8.RuneCountInString(at.Text) > maxSection {
			f.Add(field, "Keep each part under 20,000 characters.")
		}
		var err error
		if at.Objectives, err = s.objectivesFor(ctx, id, e.ObjectiveIDs); err != nil {
			if code := kinship.ErrorCode(err); code != kinship.EINVALID && code != kinship.EFORBIDDEN {
				return nil, err
			}
			f.Add("objective."+strconv.FormatInt(id, 10), "Choose objectives from their current treatment plan.")
		}
		changed = append(changed, at)
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	sections, err := json.Marshal(g.Sections)
	if err != nil {
		return nil, err
	}
	err = s.update(ctx, func(tx *Tx) (err error) {
		if g.ID == 0 {
			g.AuthorID, g.Author = kinship.ActorFrom(ctx).StaffID, kinship.ActorFrom(ctx).Name
			g.ID, err = tx.insert("INSERT INTO group_notes (session_id, author_id, sections, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
				sessionID, g.AuthorID, string(sections), writtenAt(tx), writtenAt(tx))
			if tx.dialect.isUnique(err) {
				return kinship.Errorf(kinship.ECONFLICT, "Someone else has just started this session's group note.")
			}
		} else {
			_, err = tx.exec("UPDATE group_notes SET sections = ?, updated_at = ? WHERE id = ? AND signed_at IS NULL", string(sections), writtenAt(tx), g.ID)
		}
		if err != nil {
			return err
		}
		g.UpdatedAt = writtenAt(tx)
		for _, at := range changed {
			objectives, err := json.Marshal(at.Objectives)
			if err != nil {
				return err
			}
			if _, err := tx.exec(`INSERT INTO group_note_entries (group_note_id, client_id, text, objectives) VALUES (?, ?, ?, ?)
				ON CONFLICT (group_note_id, client_id) DO UPDATE SET text = excluded.text, objectives = excluded.objectives`,
				g.ID, at.ClientID, at.Text, string(objectives)); err != nil {
				return err
			}
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionGroupNoteSave, ResourceType: "session", ResourceID: strconv.FormatInt(sessionID, 10)})
	})
	if err != nil {
		return nil, err
	}
	return g, nil
}

// SignGroupNote puts one signed note in each attendee's chart, holding the
// shared part and only their own. Parts alike need cloneReason, which is
// kept with the group note and noted in the audit.
func (s *Store) SignGroupNote(ctx context.Context, sessionID int64, cloneReason string) (*kinship.GroupNote, error) {
	g, err := s.writableGroupNote(ctx, sessionID)
	if err != nil {
		return nil, err
	}
	switch {
	case g.ID == 0:
		return nil, kinship.Errorf(kinship.EINVALID, "Write the group note before signing it.")
	case s.clock.Now().Before(g.Session.Start):
		return nil, kinship.Errorf(kinship.ECONFLICT, "This session has not started yet; sign its note once it has met.")
	case len(g.Attendees) == 0:
		return nil, kinship.Errorf(kinship.ECONFLICT, "Nobody is marked as attending this session. Take attendance first: absent clients get no note.")
	}
	f := kinship.FieldErrors{}
	for _, sec := range g.Sections {
		if sec.Text == "" {
			f.Add("section."+sec.Name, "Write this section before signing.")
		}
	}
	parts := map[int64]string{}
	for _, at := range g.Attendees {
		if parts[at.ClientID] = at.Text; at.Text == "" {
			f.Add(fmt.Sprintf("attendee.%d", at.ClientID), "Write how they took part before signing.")
		}
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	names, err := s.rosterNames(ctx, sessionID, 0)
	if err == nil {
		err = kinship.PrivacyCheck(g.Sections, parts, names)
	}
	if err == nil {
		err = kinship.CheckCloned(g.Attendees, cloneReason)
	}
	if err != nil {
		return nil, err
	}
	detail := fmt.Sprintf("group note %d: %d notes", g.ID, len(g.Attendees))
	g.CloneReason = ""
	if len(kinship.ClonedParts(g.Attendees)) > 0 {
		g.CloneReason = strings.TrimSpace(cloneReason)
		detail += "; parts alike, signed with a reason"
	}
	supervised, err := s.needsSupervision(ctx, g.AuthorID)
	if err != nil {
		return nil, err
	}
	err = s.update(ctx, func(tx *Tx) error {
		at := writtenAt(tx)
		res, err := tx.exec("UPDATE group_notes SET signed_at = ?, updated_at = ?, clone_reason = ? WHERE id = ? AND signed_at IS NULL", at, at, g.CloneReason, g.ID)
		if err != nil {
			return err
		}
		if k, _ := res.RowsAffected(); k == 0 {
			return kinship.Errorf(kinship.ECONFLICT, "This group note is already signed.")
		}
		for _, a := range g.Attendees {
			minutes := a.Minutes
			if minutes <= 0 {
				minutes = g.Session.Minutes()
			}
			n := &kinship.Note{ClientID: a.ClientID, Kind: kinship.NoteGroup, Template: kinship.GroupTemplate.Name,
				Sections:  append(slices.Clone(g.Sections), kinship.NoteSection{Name: kinship.ParticipationSection.Name, Text: a.Text}),
				SessionID: sessionID, GroupNoteID: g.ID, ServiceDate: g.Session.Date, ServiceEnd: g.Session.End, Minutes: minutes,
				Objectives: a.Objectives, AuthorID: g.AuthorID, SignedAt: at, CosignRequired: supervised}
			if err := tx.insertNote(n); err != nil {
				return err
			}
			a.NoteID = n.ID
		}
		g.SignedAt, g.CanWrite = at, false
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionGroupNoteSign, ResourceType: "session", ResourceID: strconv.FormatInt(sessionID, 10),
			Detail: detail})
	})
	if err != nil {
		return nil, err
	}
	return g, nil
}

// rosterNames lists the clients on a session's roster, but one, with every
// name they could be recognised by. It never leaves the store but as the
// privacy check's verdict.
func (s *Store) rosterNames(ctx context.Context, sessionID, except int64) ([]kinship.RosterName, error) {
	rows, err := s.query(ctx, `SELECT c.id, c.name_to_use, c.legal_given, c.legal_family FROM clients c
		WHERE c.id <> ? AND c.id IN (SELECT r.id FROM (`+rosterSQL+`) r)`, except, sessionID, sessionID)
	return collect(rows, err, func(r rowScanner) (n kinship.RosterName, err error) {
		return n, r.Scan(&n.ClientID, &n.NameToUse, &n.Legal.Given, &n.Legal.Family)
	})
}
