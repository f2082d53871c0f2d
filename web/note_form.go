package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"kinship"
)

// noteEditPage is the editor of a draft: a new one (Note.ID 0) or the
// author's own. Drafts save themselves as the author types (notes.js);
// without script, Save draft does the same.
type noteEditPage struct {
	layout
	Note       *kinship.Note
	Help       map[string]string // each section's hint
	Sessions   []*kinship.Session
	Objectives []kinship.Objective
	Errors     map[string]string
}

// Summary is the error summary; a section's field is named after it but
// has an id by its place.
func (p *noteEditPage) Summary() *errorSummary {
	return summaryOf(p.Errors, func(name string) string { return sectionID(p.Note.Sections, name) })
}

// sectionID is the id of the field named name in a note form: a section's
// textarea is "f-section-N" by its place, any other "f-" and its name with
// dots as dashes.
func sectionID(sections []kinship.NoteSection, name string) string {
	for i, s := range sections {
		if "section."+s.Name == name {
			return "f-section-" + itoa(int64(i))
		}
	}
	return "f-" + strings.ReplaceAll(name, ".", "-")
}

// Action is where the form posts.
func (p *noteEditPage) Action() string {
	if p.Note.ID == 0 {
		return "/clients/" + itoa(p.Note.ClientID) + "/notes"
	}
	return "/notes/" + itoa(p.Note.ID)
}

// Counseling reports whether the draft is a counseling note.
func (p *noteEditPage) Counseling() bool { return p.Note.Kind == kinship.NoteCounseling }

// Addresses reports whether the draft addresses the objective.
func (p *noteEditPage) Addresses(id int64) bool {
	return slices.ContainsFunc(p.Note.Objectives, func(o kinship.NoteObjective) bool { return o.ID == id })
}

// Reads reports whether the author lets role read the counseling note.
func (p *noteEditPage) Reads(role kinship.Role) bool { return slices.Contains(p.Note.Readers, role) }

// Readers are the roles a counseling note may be shared with.
func (p *noteEditPage) Readers() []kinship.Role { return kinship.CounselingReaders }

// Saved is the status line of a draft already saved: "Saved 10:42".
func (p *noteEditPage) Saved() string {
	if p.Note.ID == 0 {
		return ""
	}
	return "Saved " + p.Note.UpdatedAt.In(p.Location).Format("15:04")
}

func (s *Server) handleNoteNew(w http.ResponseWriter, r *http.Request) {
	c, ok := s.loadClient(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	n := &kinship.Note{ClientID: c.ID, ClientName: c.NameToUse, ClientPronouns: c.Pronouns, Kind: kinship.NoteIndividual,
		Template: q.Get("template"), ServiceDate: s.today(r), Minutes: 50}
	if q.Get("kind") == string(kinship.NoteCounseling) {
		n.Kind = kinship.NoteCounseling
	}
	if n.Template == "" {
		n.Template = "DAP"
	}
	n.SessionID, _ = strconv.ParseInt(q.Get("session"), 10, 64)
	s.renderNoteEditor(w, r, http.StatusOK, n, nil, nil)
}

// renderNoteEditor draws the editor for n, laying out its template's
// sections when it has none yet, filling a new note's service from its
// session, and showing what a refused form said (f, if any).
func (s *Server) renderNoteEditor(w http.ResponseWriter, r *http.Request, status int, n *kinship.Note, errs map[string]string, f *noteForm) {
	ctx := r.Context()
	templates, err := s.Notes.NoteTemplates(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	i := slices.IndexFunc(templates, func(t *kinship.NoteTemplate) bool { return strings.EqualFold(t.Name, n.Template) })
	if i < 0 && n.Kind != kinship.NoteGroup {
		s.fail(w, r, kinship.Errorf(kinship.ENOTFOUND, "There is no note template with that name."))
		return
	}
	t := kinship.GroupTemplate
	if i >= 0 {
		t = templates[i]
	}
	p := &noteEditPage{layout: layout{Title: "Note for " + n.ClientName, Notice: noticeOf(r)}, Note: n, Errors: errs, Help: map[string]string{}}
	for _, ts := range append(slices.Clone(t.Sections), kinship.ParticipationSection) {
		p.Help[ts.Name] = ts.Help
	}
	if n.Sections == nil {
		n.Template = t.Name
		for _, ts := range t.Sections {
			n.Sections = append(n.Sections, kinship.NoteSection{Name: ts.Name})
		}
	}
	if f != nil {
		f.apply(n)
	}
	today := s.today(r)
	p.Sessions, err = s.Care.ClientSessions(ctx, n.ClientID, today.AddDays(-30), today)
	if err == nil && n.Kind != kinship.NoteCounseling {
		p.Objectives, err = s.Plans.CurrentObjectives(ctx, n.ClientID)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p.Sessions = slices.DeleteFunc(p.Sessions, func(m *kinship.Session) bool { return m.Cancelled || s.cfg.Clock.Now().Before(m.Start) })
	slices.Reverse(p.Sessions)
	linked := slices.IndexFunc(p.Sessions, func(m *kinship.Session) bool { return m.ID == n.SessionID })
	switch {
	case n.SessionID != 0 && linked < 0 && n.ID != 0:
		p.Sessions = append([]*kinship.Session{{ID: n.SessionID, Title: n.SessionTitle, Date: n.ServiceDate}}, p.Sessions...)
	case n.SessionID != 0 && linked < 0:
		n.SessionID = 0 // a new note offered a session that is not theirs
	case linked >= 0 && n.ID == 0 && errs == nil:
		n.ServiceDate, n.Minutes = p.Sessions[linked].Date, p.Sessions[linked].Minutes()
	}
	s.render(w, r, status, "note_form", p)
}

// noteForm is what the editor posts.
type noteForm struct {
	sections   map[string]string
	sessionID  int64
	day        kinship.Date
	minutes    int
	objectives []int64
	readers    []kinship.Role
}

func readNoteForm(r *http.Request) (noteForm, error) {
	r.ParseForm()
	f := noteForm{sections: map[string]string{}, sessionID: formInt(r, "session_id")}
	for k, v := range r.PostForm {
		if name, ok := strings.CutPrefix(k, "section."); ok {
			f.sections[name] = v[0]
		}
	}
	for _, v := range r.PostForm["objective"] {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil {
			f.objectives = append(f.objectives, id)
		}
	}
	for _, v := range r.PostForm["reader"] {
		f.readers = append(f.readers, kinship.Role(v))
	}
	var err error
	if f.minutes, err = strconv.Atoi(strings.TrimSpace(r.PostFormValue("minutes"))); err != nil {
		return f, invalid("minutes", "Minutes must be a whole number.")
	}
	f.day, err = formDate(r, "service_date")
	return f, err
}

// apply shows what the form said on n, to draw it again after a refusal.
func (f noteForm) apply(n *kinship.Note) {
	for i, sec := range n.Sections {
		if text, ok := f.sections[sec.Name]; ok {
			n.Sections[i].Text = text
		}
	}
	n.SessionID, n.ServiceDate, n.Minutes, n.Readers = f.sessionID, f.day, f.minutes, f.readers
	n.Objectives = nil
	for _, id := range f.objectives {
		n.Objectives = append(n.Objectives, kinship.NoteObjective{ID: id})
	}
}

// handleNoteCreate saves a new draft, and signs it when asked.
func (s *Server) handleNoteCreate(w http.ResponseWriter, r *http.Request) {
	c, ok := s.loadClient(w, r)
	if !ok {
		return
	}
	f, err := readNoteForm(r)
	in := kinship.NoteInput{ClientID: c.ID, Kind: kinship.NoteKind(r.PostFormValue("kind")), Template: r.PostFormValue("template"),
		Sections: f.sections, SessionID: f.sessionID, ServiceDate: f.day, Minutes: f.minutes, ObjectiveIDs: f.objectives, Readers: f.readers}
	var n *kinship.Note
	if err == nil {
		n, err = s.Notes.CreateNote(r.Context(), in)
	}
	if err != nil {
		blank := &kinship.Note{ClientID: c.ID, ClientName: c.NameToUse, ClientPronouns: c.Pronouns, Kind: in.Kind, Template: in.Template}
		s.noteFormFailed(w, r, err, blank, &f)
		return
	}
	s.afterNoteSave(w, r, n)
}

// handleNoteSave saves the author's draft, and signs it when asked. A
// signed note answers 409 with its page, which offers an addendum.
func (s *Server) handleNoteSave(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f, err := readNoteForm(r)
	u := kinship.NoteUpdate{Sections: f.sections, SessionID: &f.sessionID, ServiceDate: &f.day, Minutes: &f.minutes}
	if r.PostFormValue("objectives_shown") != "" {
		u.ObjectiveIDs = &f.objectives
	}
	if r.PostFormValue("readers_shown") != "" {
		u.Readers = &f.readers
	}
	var n *kinship.Note
	if err == nil {
		n, err = s.Notes.UpdateNote(r.Context(), id, u)
	}
	if err != nil {
		current, ok := s.loadNote(w, r)
		if !ok {
			return
		}
		if current.Signed() {
			s.renderNote(w, r, http.StatusConflict, current, map[string]string{"": kinship.ErrorMessage(errNoteSigned)}, "")
			return
		}
		s.noteFormFailed(w, r, err, current, &f)
		return
	}
	s.afterNoteSave(w, r, n)
}

// afterNoteSave signs the saved draft if the author pressed Sign, then
// shows it.
func (s *Server) afterNoteSave(w http.ResponseWriter, r *http.Request, n *kinship.Note) {
	done := "note-saved"
	if r.PostFormValue("action") == "sign" {
		signed, err := s.Notes.SignNote(r.Context(), n.ID)
		if err != nil {
			s.noteFormFailed(w, r, err, n, nil)
			return
		}
		if done = "note-signed"; signed.AwaitingCosign() {
			done = "note-cosign"
		}
	}
	http.Redirect(w, r, "/notes/"+itoa(n.ID)+"?done="+done, http.StatusSeeOther)
}

// noteFormFailed draws the editor again with the errors, keeping what was
// typed; anything but a refusal of the input is the error page.
func (s *Server) noteFormFailed(w http.ResponseWriter, r *http.Request, err error, n *kinship.Note, f *noteForm) {
	if code := kinship.ErrorCode(err); code != kinship.EINVALID && code != kinship.ECONFLICT {
		s.fail(w, r, err)
		return
	}
	s.renderNoteEditor(w, r, s.statusOf(r, err), n, noteErrors(err), f)
}

// errNoteSigned is what the editor says when its note was signed meanwhile.
var errNoteSigned = kinship.Errorf(kinship.ECONFLICT, "This note is signed and can no longer change. Add an addendum instead.")
