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
	"time"
	"unicode/utf8"

	"kinship"
)

// noteTable is where one kind of note is kept: progress notes with the
// chart, counseling notes apart. Both select into scanNote's order.
type noteTable struct {
	notes, addenda, resource string
	query                    string // SELECT … FROM …, to add a WHERE to
}

var (
	chartNotes = noteTable{notes: "notes", addenda: "note_addenda", resource: "note", query: `SELECT n.id, n.client_id, n.kind,
		n.template, n.sections, COALESCE(n.session_id, 0), COALESCE(se.title, ''), COALESCE(n.group_note_id, 0), n.service_date,
		n.service_end, n.minutes, n.author_id, a.name, n.created_at, n.updated_at, n.signed_at, n.cosign_required, n.cosigned_at,
		COALESCE(cs.name, ''), '', c.name_to_use, c.pronouns
		FROM notes n JOIN staff a ON a.id = n.author_id JOIN clients c ON c.id = n.client_id
		LEFT JOIN sessions se ON se.id = n.session_id LEFT JOIN staff cs ON cs.id = n.cosigned_by`}
	// Counseling notes are audited as plain notes, so the trail does not
	// reveal that one exists; ids share one sequence with chart notes.
	counselingNotes = noteTable{notes: "counseling_notes", addenda: "counseling_note_addenda", resource: "note",
		query: `SELECT n.id, n.client_id, 'counseling', n.template, n.sections, COALESCE(n.session_id, 0), COALESCE(se.title, ''), 0,
		n.service_date, n.service_end, n.minutes, n.author_id, a.name, n.created_at, n.updated_at, n.signed_at, FALSE, NULL, '',
		n.readers, c.name_to_use, c.pronouns
		FROM counseling_notes n JOIN staff a ON a.id = n.author_id JOIN clients c ON c.id = n.client_id
		LEFT JOIN sessions se ON se.id = n.session_id`}
)

// tableOf is where notes of kind k are kept.
func tableOf(k kinship.NoteKind) noteTable {
	if k == kinship.NoteCounseling {
		return counselingNotes
	}
	return chartNotes
}

func scanNote(r rowScanner) (*kinship.Note, error) {
	n := &kinship.Note{}
	var sections, day, readers string
	err := r.Scan(&n.ID, &n.ClientID, &n.Kind, &n.Template, &sections, &n.SessionID, &n.SessionTitle, &n.GroupNoteID, &day,
		scanTime(&n.ServiceEnd), &n.Minutes, &n.AuthorID, &n.Author, scanTime(&n.CreatedAt), scanTime(&n.UpdatedAt),
		scanTime(&n.SignedAt), &n.CosignRequired, scanTime(&n.CosignedAt), &n.Cosigner, &readers, &n.ClientName, &n.ClientPronouns)
	if err != nil {
		return nil, err
	}
	n.ServiceDate, _ = kinship.ParseDate(day)
	for _, r := range lines(readers) {
		n.Readers = append(n.Readers, kinship.Role(r))
	}
	return n, json.Unmarshal([]byte(sections), &n.Sections)
}

// errNoNote is the answer for a note that does not exist and for one the
// reader may not know exists: the same words, and nothing audited.
var errNoNote = kinship.Errorf(kinship.ENOTFOUND, "That note was not found.")

// findNote returns a note from whichever table holds it, unchecked and
// unaudited.
func (s *Store) findNote(ctx context.Context, id int64) (*kinship.Note, noteTable, error) {
	for _, t := range []noteTable{chartNotes, counselingNotes} {
		n, err := scanNote(s.queryRow(ctx, t.query+" WHERE n.id = ?", id))
		if !errors.Is(err, sql.ErrNoRows) {
			return n, t, err
		}
	}
	return nil, chartNotes, errNoNote
}

// readNote returns a note the actor may read, opening the client's chart
// as action. A note they may not read is errNoNote, as if it did not exist.
func (s *Store) readNote(ctx context.Context, id int64, action string) (*kinship.Note, noteTable, error) {
	n, t, err := s.findNote(ctx, id)
	if err != nil {
		return nil, t, err
	}
	if !n.ReadableBy(kinship.ActorFrom(ctx)) {
		return nil, t, errNoNote
	}
	return n, t, s.openChart(ctx, n.ClientID, action)
}

// authorizeWriter lets staff who write notes through: a note is signed by
// a person, so the actor must be one.
func authorizeWriter(ctx context.Context) error {
	if err := kinship.Authorize(ctx, kinship.PermEpisodeManage); err != nil {
		return err
	}
	if kinship.ActorFrom(ctx).StaffID == 0 {
		return kinship.Errorf(kinship.EFORBIDDEN, "Only a staff member can write a note.")
	}
	return nil
}

// writtenAt is when a write in tx happened, as a note or an inquiry
// records it: now, or the time of an import (kinship.WithWrittenAt).
func writtenAt(tx *Tx) time.Time {
	if t, ok := kinship.WrittenAt(tx.ctx); ok {
		return dbTime(t)
	}
	return tx.now
}

// Note returns a note with its objectives and addenda.
func (s *Store) Note(ctx context.Context, id int64) (*kinship.Note, error) {
	return s.noteAs(ctx, id, kinship.ActionNoteRead)
}

// PrintNote is Note, audited as a print.
func (s *Store) PrintNote(ctx context.Context, id int64) (*kinship.Note, error) {
	return s.noteAs(ctx, id, kinship.ActionNotePrint)
}

func (s *Store) noteAs(ctx context.Context, id int64, action string) (*kinship.Note, error) {
	if err := kinship.Authorize(ctx, kinship.PermClinicalRead); err != nil {
		return nil, err
	}
	n, t, err := s.readNote(ctx, id, action)
	if err != nil {
		return nil, err
	}
	return n, s.loadNoteParts(ctx, t, n)
}

// loadNoteParts reads a note's objectives and addenda.
func (s *Store) loadNoteParts(ctx context.Context, t noteTable, n *kinship.Note) error {
	rows, err := s.query(ctx, "SELECT x.id, x.text, x.author_id, a.name, x.signed_at FROM "+t.addenda+
		" x JOIN staff a ON a.id = x.author_id WHERE x.note_id = ? ORDER BY x.signed_at, x.id", n.ID)
	n.Addenda, err = collect(rows, err, func(r rowScanner) (*kinship.Addendum, error) {
		x := &kinship.Addendum{}
		return x, r.Scan(&x.ID, &x.Text, &x.AuthorID, &x.Author, scanTime(&x.SignedAt))
	})
	if err != nil || t != chartNotes {
		return err
	}
	rows, err = s.query(ctx, "SELECT objective_id, goal, text FROM note_objectives WHERE note_id = ? ORDER BY position", n.ID)
	n.Objectives, err = collect(rows, err, func(r rowScanner) (o kinship.NoteObjective, err error) {
		return o, r.Scan(&o.ID, &o.Goal, &o.Text)
	})
	return err
}

// Notes lists a client's notes: signed ones, the reader's own drafts, and
// the counseling notes the reader may read.
func (s *Store) Notes(ctx context.Context, clientID int64) ([]*kinship.Note, error) {
	if err := kinship.Authorize(ctx, kinship.PermClinicalRead); err != nil {
		return nil, err
	}
	if err := s.openChart(ctx, clientID, kinship.ActionNoteRead); err != nil {
		return nil, err
	}
	a := kinship.ActorFrom(ctx)
	rows, err := s.query(ctx, chartNotes.query+" WHERE n.client_id = ? AND (n.signed_at IS NOT NULL OR n.author_id = ?)", clientID, a.StaffID)
	out, err := collect(rows, err, scanNote)
	if err != nil {
		return nil, err
	}
	rows, err = s.query(ctx, counselingNotes.query+" WHERE n.client_id = ? AND (n.author_id = ? OR n.readers <> '')", clientID, a.StaffID)
	counseling, err := collect(rows, err, scanNote)
	for _, n := range counseling {
		if n.ReadableBy(a) {
			out = append(out, n)
		}
	}
	sortNotes(out)
	return out, err
}

// sortNotes puts the newest service first.
func sortNotes(notes []*kinship.Note) {
	slices.SortStableFunc(notes, func(x, y *kinship.Note) int {
		if c := y.ServiceDate.In(time.UTC).Compare(x.ServiceDate.In(time.UTC)); c != 0 {
			return c
		}
		return int(y.ID - x.ID)
	})
}

// CreateNote starts a draft in a client's chart, or a counseling note apart.
func (s *Store) CreateNote(ctx context.Context, in kinship.NoteInput) (*kinship.Note, error) {
	if err := authorizeWriter(ctx); err != nil {
		return nil, err
	}
	if err := kinship.Authorize(ctx, kinship.PermClinicalRead); err != nil {
		return nil, err
	}
	if in.ClientID == 0 {
		return nil, invalidField("client_id", "Choose the client.")
	}
	if err := s.openChart(ctx, in.ClientID, kinship.ActionClientRead); err != nil {
		return nil, err
	}
	n := &kinship.Note{ClientID: in.ClientID, Kind: in.Kind, SessionID: in.SessionID, ServiceDate: in.ServiceDate, Minutes: in.Minutes,
		Readers: in.Readers, AuthorID: kinship.ActorFrom(ctx).StaffID}
	session, err := s.fillFromSession(ctx, n)
	if err != nil {
		return nil, err
	}
	in.ServiceDate, in.Minutes = n.ServiceDate, n.Minutes
	if err := in.Validate(s.today(ctx)); err != nil {
		return nil, err
	}
	t, err := s.noteTemplate(ctx, in.Template, in.Kind)
	if err != nil {
		return nil, err
	}
	n.Template = t.Name
	if n.Sections, err = noteSections(t, in.Sections); err != nil {
		return nil, err
	}
	if in.Kind == kinship.NoteCounseling && len(in.ObjectiveIDs) > 0 {
		return nil, invalidField("objective_ids", "A counseling note does not link plan objectives.")
	}
	if n.Objectives, err = s.objectivesFor(ctx, in.ClientID, in.ObjectiveIDs); err != nil {
		return nil, err
	}
	n.ServiceEnd = s.serviceEnd(ctx, n.ServiceDate, session)
	err = s.update(ctx, func(tx *Tx) error { return tx.insertNote(n) })
	if err != nil {
		return nil, err
	}
	return s.reread(ctx, n.ID)
}

// reread returns a note just written, for its writer: unaudited, as the
// write was.
func (s *Store) reread(ctx context.Context, id int64) (*kinship.Note, error) {
	n, t, err := s.findNote(ctx, id)
	if err != nil {
		return nil, err
	}
	return n, s.loadNoteParts(ctx, t, n)
}

// insertNote writes a new note, signed already when n.SignedAt is set
// (a group note's copy), and audits it.
func (tx *Tx) insertNote(n *kinship.Note) error {
	id, err := tx.insert("INSERT INTO note_ids (created_at) VALUES (?)", tx.now)
	if err != nil {
		return err
	}
	n.ID = id
	n.CreatedAt, n.UpdatedAt = writtenAt(tx), writtenAt(tx)
	sections, err := json.Marshal(n.Sections)
	if err != nil {
		return err
	}
	t := tableOf(n.Kind)
	if t == counselingNotes {
		_, err = tx.exec(`INSERT INTO counseling_notes (id, client_id, template, sections, session_id, service_date, service_end, minutes,
			author_id, readers, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			id, n.ClientID, n.Template, string(sections), nullID(n.SessionID), n.ServiceDate.String(), n.ServiceEnd, n.Minutes,
			n.AuthorID, joinLines(n.Readers), n.CreatedAt, n.UpdatedAt)
	} else {
		_, err = tx.exec(`INSERT INTO notes (id, client_id, kind, template, sections, session_id, group_note_id, service_date, service_end,
			minutes, author_id, created_at, updated_at, signed_at, cosign_required) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			id, n.ClientID, n.Kind, n.Template, string(sections), nullID(n.SessionID), nullID(n.GroupNoteID), n.ServiceDate.String(),
			n.ServiceEnd, n.Minutes, n.AuthorID, n.CreatedAt, n.UpdatedAt, n.SignedAt, n.CosignRequired)
		if err == nil {
			err = tx.replaceObjectives(id, n.Objectives)
		}
	}
	if err != nil {
		return err
	}
	detail := string(n.Kind)
	if n.Kind == kinship.NoteCounseling {
		detail = "note"
	}
	if n.Signed() {
		detail += fmt.Sprintf(", signed, from group note %d", n.GroupNoteID)
	}
	return tx.audit(kinship.AuditRecord{Action: kinship.ActionNoteCreate, ResourceType: t.resource, ResourceID: strconv.FormatInt(id, 10), Detail: detail})
}

func (tx *Tx) replaceObjectives(noteID int64, objectives []kinship.NoteObjective) error {
	if _, err := tx.exec("DELETE FROM note_objectives WHERE note_id = ?", noteID); err != nil {
		return err
	}
	for i, o := range objectives {
		if _, err := tx.exec("INSERT INTO note_objectives (note_id, objective_id, goal, text, position) VALUES (?, ?, ?, ?, ?)",
			noteID, o.ID, o.Goal, o.Text, i); err != nil {
			return err
		}
	}
	return nil
}

// fillFromSession checks that the note's session is one of the client's and
// takes a missing service date and minutes from it.
func (s *Store) fillFromSession(ctx context.Context, n *kinship.Note) (*kinship.Session, error) {
	if n.SessionID == 0 {
		return nil, nil
	}
	session, err := scanSession(s.queryRow(ctx, "SELECT "+sessionColumns+sessionFrom+` WHERE s.id = ? AND (s.client_id = ?
		OR EXISTS (SELECT 1 FROM attendance a WHERE a.session_id = s.id AND a.client_id = ?)
		OR ? IN (SELECT r.id FROM (`+rosterSQL+`) r))`, n.SessionID, n.ClientID, n.ClientID, n.ClientID, n.SessionID, n.SessionID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, invalidField("session_id", "Choose one of this client's sessions.")
	} else if err != nil {
		return nil, err
	}
	if n.ServiceDate.IsZero() {
		n.ServiceDate = session.Date
	}
	if n.Minutes == 0 {
		n.Minutes = session.Minutes()
	}
	return session, nil
}

// serviceEnd is when the service on day ended: the session's end, or
// midnight at the end of the day at the site.
func (s *Store) serviceEnd(ctx context.Context, day kinship.Date, session *kinship.Session) time.Time {
	if session != nil && session.Date == day {
		return session.End
	}
	return day.AddDays(1).In(s.homeLocation(ctx))
}

// objectivesFor returns the client's current objectives with the given
// ids, in their words now; EINVALID for any other id.
func (s *Store) objectivesFor(ctx context.Context, clientID int64, ids []int64) ([]kinship.NoteObjective, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	current, err := s.CurrentObjectives(ctx, clientID)
	if err != nil {
		return nil, err
	}
	var out []kinship.NoteObjective
	for _, id := range ids {
		i := slices.IndexFunc(current, func(o kinship.Objective) bool { return o.ID == id })
		if i < 0 {
			return nil, invalidField("objective_ids", "Choose objectives from the client's current treatment plan.")
		}
		if !slices.ContainsFunc(out, func(o kinship.NoteObjective) bool { return o.ID == id }) {
			out = append(out, kinship.NoteObjective{ID: id, Goal: current[i].GoalText, Text: current[i].Text})
		}
	}
	return out, nil
}

// maxSection bounds what one section holds.
const maxSection = 20000

// noteSections lays out a template's sections with the text given for
// each; EINVALID for text under a heading the template lacks.
func noteSections(t *kinship.NoteTemplate, given map[string]string) ([]kinship.NoteSection, error) {
	f := kinship.FieldErrors{}
	var out []kinship.NoteSection
	for _, ts := range t.Sections {
		text := strings.TrimSpace(given[ts.Name])
		if utf8.RuneCountInString(text) > maxSection {
			f.Add("section."+ts.Name, "Keep each section under 20,000 characters.")
		}
		out = append(out, kinship.NoteSection{Name: ts.Name, Text: text})
	}
	for name := range given {
		if !slices.ContainsFunc(t.Sections, func(ts kinship.TemplateSection) bool { return ts.Name == name }) {
			f.Add("sections", fmt.Sprintf("The %s template has no section “%s”.", t.Name, name))
		}
	}
	return out, f.Err()
}

// UpdateNote changes its author's draft.
func (s *Store) UpdateNote(ctx context.Context, id int64, u kinship.NoteUpdate) (*kinship.Note, error) {
	if err := authorizeWriter(ctx); err != nil {
		return nil, err
	}
	n, t, err := s.draftOf(ctx, id)
	if err != nil {
		return nil, err
	}
	if u.SessionID != nil {
		n.SessionID = *u.SessionID
	}
	session, err := s.fillFromSession(ctx, n)
	if err != nil {
		return nil, err
	}
	for name, text := range u.Sections {
		if utf8.RuneCountInString(text) > maxSection {
			return nil, invalidField("section."+name, "Keep each section under 20,000 characters.")
		}
	}
	if err := u.Apply(n, s.today(ctx)); err != nil {
		return nil, err
	}
	if u.ObjectiveIDs != nil {
		if t == counselingNotes && len(*u.ObjectiveIDs) > 0 {
			return nil, invalidField("objective_ids", "A counseling note does not link plan objectives.")
		}
		if n.Objectives, err = s.objectivesFor(ctx, n.ClientID, *u.ObjectiveIDs); err != nil {
			return nil, err
		}
	}
	n.ServiceEnd = s.serviceEnd(ctx, n.ServiceDate, session)
	sections, err := json.Marshal(n.Sections)
	if err != nil {
		return nil, err
	}
	err = s.update(ctx, func(tx *Tx) error {
		res, err := tx.exec("UPDATE "+t.notes+` SET sections = ?, session_id = ?, service_date = ?, service_end = ?, minutes = ?, updated_at = ?
			WHERE id = ? AND signed_at IS NULL`, string(sections), nullID(n.SessionID), n.ServiceDate.String(), n.ServiceEnd, n.Minutes,
			writtenAt(tx), id)
		if err != nil {
			return err
		}
		if k, _ := res.RowsAffected(); k == 0 {
			return errSigned
		}
		if t == counselingNotes {
			_, err = tx.exec("UPDATE counseling_notes SET readers = ? WHERE id = ?", joinLines(n.Readers), id)
		} else if u.ObjectiveIDs != nil {
			err = tx.replaceObjectives(id, n.Objectives)
		}
		if err != nil {
			return err
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionNoteUpdate, ResourceType: t.resource, ResourceID: strconv.FormatInt(id, 10)})
	})
	if err != nil {
		return nil, err
	}
	return s.reread(ctx, id)
}

// errSigned refuses to change a signed note.
var errSigned = kinship.Errorf(kinship.ECONFLICT, "This note is signed and can no longer change. Add an addendum instead.")

// draftOf returns the actor's own draft, with its objectives, after
// opening the client's chart. ECONFLICT once it is signed.
func (s *Store) draftOf(ctx context.Context, id int64) (*kinship.Note, noteTable, error) {
	n, t, err := s.readNote(ctx, id, kinship.ActionClientRead)
	switch {
	case err != nil:
		return nil, t, err
	case n.Signed():
		return nil, t, errSigned
	case n.AuthorID != kinship.ActorFrom(ctx).StaffID:
		return nil, t, kinship.Errorf(kinship.EFORBIDDEN, "Only its author changes or signs a draft.")
	}
	return n, t, s.loadNoteParts(ctx, t, n)
}

// SignNote signs and locks its author's draft.
func (s *Store) SignNote(ctx context.Context, id int64) (*kinship.Note, error) {
	if err := authorizeWriter(ctx); err != nil {
		return nil, err
	}
	n, t, err := s.draftOf(ctx, id)
	if err != nil {
		return nil, err
	}
	f := kinship.FieldErrors{}
	for _, sec := range n.Sections {
		if sec.Text == "" {
			f.Add("section."+sec.Name, "Write this section before signing.")
		}
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	// A group note written for one chart must not name anyone else there.
	if n.Kind == kinship.NoteGroup {
		names, err := s.rosterNames(ctx, n.SessionID, n.ClientID)
		if err == nil {
			err = kinship.PrivacyCheck(n.Sections, nil, names)
		}
		if err != nil {
			return nil, err
		}
	}
	supervised, err := s.needsSupervision(ctx, n.AuthorID)
	if err != nil {
		return nil, err
	}
	n.CosignRequired = supervised && t == chartNotes
	err = s.update(ctx, func(tx *Tx) error {
		set := "signed_at = ?, updated_at = ?"
		args := []any{writtenAt(tx), writtenAt(tx)}
		if t == chartNotes {
			set, args = set+", cosign_required = ?", append(args, n.CosignRequired)
		}
		res, err := tx.exec("UPDATE "+t.notes+" SET "+set+" WHERE id = ? AND signed_at IS NULL", append(args, id)...)
		if err != nil {
			return err
		}
		if k, _ := res.RowsAffected(); k == 0 {
			return errSigned
		}
		var detail string
		if n.CosignRequired {
			detail = "waiting for co-signature"
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionNoteSign, ResourceType: t.resource, ResourceID: strconv.FormatInt(id, 10), Detail: detail})
	})
	if err != nil {
		return nil, err
	}
	return s.reread(ctx, id)
}

// needsSupervision reports whether a staff member's notes wait for a
// co-signature.
func (s *Store) needsSupervision(ctx context.Context, staffID int64) (bool, error) {
	var yes bool
	err := s.queryRow(ctx, "SELECT needs_supervision FROM staff WHERE id = ?", staffID).Scan(&yes)
	return yes, notFound(err, "The staff member")
}

// AddAddendum appends a dated, signed text to a signed note.
func (s *Store) AddAddendum(ctx context.Context, id int64, text string) (*kinship.Addendum, error) {
	if err := authorizeWriter(ctx); err != nil {
		return nil, err
	}
	text = strings.TrimSpace(text)
	switch {
	case text == "":
		return nil, invalidField("text", "Write the addendum.")
	case utf8.RuneCountInString(text) > maxSection:
		return nil, invalidField("text", "Keep an addendum under 20,000 characters.")
	}
	n, t, err := s.readNote(ctx, id, kinship.ActionClientRead)
	a := kinship.ActorFrom(ctx)
	switch {
	case err != nil:
		return nil, err
	case !n.Signed():
		return nil, kinship.Errorf(kinship.ECONFLICT, "This note is still a draft: change it instead of adding to it.")
	case t == counselingNotes && n.AuthorID != a.StaffID:
		return nil, kinship.Errorf(kinship.EFORBIDDEN, "Only its author adds to a counseling note.")
	}
	x := &kinship.Addendum{Text: text, AuthorID: a.StaffID, Author: a.Name}
	err = s.update(ctx, func(tx *Tx) (err error) {
		x.SignedAt = writtenAt(tx)
		if x.ID, err = tx.insert("INSERT INTO "+t.addenda+" (note_id, text, author_id, signed_at) VALUES (?, ?, ?, ?)",
			id, text, a.StaffID, x.SignedAt); err != nil {
			return err
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionNoteAddendum, ResourceType: t.resource, ResourceID: strconv.FormatInt(id, 10),
			Detail: "addendum " + strconv.FormatInt(x.ID, 10)})
	})
	if err != nil {
		return nil, err
	}
	return x, nil
}
