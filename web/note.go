package web

import (
	"net/http"
	"slices"

	"kinship"
)

// noteNotices are the confirmations a note page shows after a redirect.
var noteNotices = map[string]string{
	"note-saved":     "Draft saved.",
	"note-signed":    "Signed. The note is locked now; add an addendum to add to it.",
	"note-cosign":    "Signed. It waits for a supervisor's co-signature.",
	"addendum":       "Addendum signed and added.",
	"cosigned":       "Co-signed.",
	"group-saved":    "Group note saved.",
	"group-signed":   "Signed. Each attendee's chart now has their note; absent clients get none.",
	"template-added": "Template added.",
}

// noticeOf is the confirmation the request's done= asks for.
func noticeOf(r *http.Request) string { return noteNotices[r.URL.Query().Get("done")] }

// noteErrors are a refusal's messages by field, with its message on top
// too: a privacy check's names the place.
func noteErrors(err error) map[string]string {
	errs := formErrors(err)
	if errs[""] == "" {
		errs[""] = kinship.ErrorMessage(err)
	}
	return errs
}

// notesPage is a client's notes: progress and group notes in the chart,
// and apart, the counseling notes the reader may read.
type notesPage struct {
	layout
	Client     *kinship.Client
	Notes      []*kinship.Note
	Counseling []*kinship.Note
	Templates  []*kinship.NoteTemplate
	CanWrite   bool
}

func (s *Server) handleNotes(w http.ResponseWriter, r *http.Request) {
	c, ok := s.loadClient(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	p := &notesPage{layout: layout{Title: "Notes for " + c.NameToUse, Notice: noticeOf(r)}, Client: c,
		CanWrite: visitOf(r).me.Role.Can(kinship.PermEpisodeManage)}
	notes, err := s.Notes.Notes(ctx, c.ID)
	if err == nil && p.CanWrite {
		p.Templates, err = s.Notes.NoteTemplates(ctx)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, n := range notes {
		if n.Kind == kinship.NoteCounseling {
			p.Counseling = append(p.Counseling, n)
		} else {
			p.Notes = append(p.Notes, n)
		}
	}
	s.render(w, r, http.StatusOK, "note_list", p)
}

// notePage is a signed note to read, with its addenda and what the
// reader may do: add an addendum, co-sign, print. Print lays it out for
// paper instead: the name to use and pronouns, never the legal name, and
// the Part 2 notice.
type notePage struct {
	layout
	Note        *kinship.Note
	CanAddendum bool
	CanCosign   bool
	Addendum    string // what a refused addendum said, to try again
	Errors      map[string]string
	Print       bool
	Part2       string
}

// handleNote shows a signed note, or the editor for its author's draft.
func (s *Server) handleNote(w http.ResponseWriter, r *http.Request) {
	n, ok := s.loadNote(w, r)
	if !ok {
		return
	}
	if !n.Signed() {
		s.renderNoteEditor(w, r, http.StatusOK, n, nil, nil)
		return
	}
	s.renderNote(w, r, http.StatusOK, n, nil, "")
}

// loadNote reads the note the path names, or answers the request.
func (s *Server) loadNote(w http.ResponseWriter, r *http.Request) (*kinship.Note, bool) {
	id, err := pathID(r)
	var n *kinship.Note
	if err == nil {
		n, err = s.Notes.Note(r.Context(), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return nil, false
	}
	return n, true
}

func (s *Server) renderNote(w http.ResponseWriter, r *http.Request, status int, n *kinship.Note, errs map[string]string, addendum string) {
	me := visitOf(r).me
	p := &notePage{layout: layout{Title: n.Kind.Label() + " for " + n.ClientName, Notice: noticeOf(r)}, Note: n, Errors: errs, Addendum: addendum,
		CanAddendum: me.Role.Can(kinship.PermEpisodeManage) && (n.Kind != kinship.NoteCounseling || n.AuthorID == me.ID),
		CanCosign:   n.AwaitingCosign() && n.AuthorID != me.ID && (me.Role == kinship.RoleSupervisor || me.Role == kinship.RoleAdmin)}
	s.render(w, r, status, "note", p)
}

// handleAddendum appends a signed addendum to a signed note.
func (s *Server) handleAddendum(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	text := r.PostFormValue("text")
	if err == nil {
		_, err = s.Notes.AddAddendum(r.Context(), id, text)
	}
	if code := kinship.ErrorCode(err); code == kinship.EINVALID || code == kinship.ECONFLICT {
		if n, ok := s.loadNote(w, r); ok {
			s.renderNote(w, r, s.statusOf(r, err), n, noteErrors(err), text)
		}
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/notes/"+itoa(id)+"?done=addendum#addenda", http.StatusSeeOther)
}

// handleCosign co-signs a note and returns to the queue.
func (s *Server) handleCosign(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		_, err = s.Notes.CosignNote(r.Context(), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/cosign?done=cosigned", http.StatusSeeOther)
}

func (s *Server) handleNotePrint(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var n *kinship.Note
	if err == nil {
		n, err = s.Notes.PrintNote(r.Context(), id)
	}
	if err == nil && !n.Signed() {
		err = kinship.Errorf(kinship.ECONFLICT, "Sign the note before printing it.")
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "note", &notePage{layout: layout{Title: n.Kind.Label() + " for " + n.ClientName},
		Note: n, Print: true, Part2: kinship.Part2Notice})
}

// cosignPage is a supervisor's co-sign queue, or the reader's own notes
// waiting for one.
type cosignPage struct {
	layout
	Notes      []*kinship.Note
	Supervises bool
}

func (s *Server) handleCosignQueue(w http.ResponseWriter, r *http.Request) {
	notes, err := s.Notes.CosignQueue(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	role := visitOf(r).me.Role
	s.render(w, r, http.StatusOK, "note_cosign", &cosignPage{layout: layout{Title: "Co-sign queue", Notice: noticeOf(r)}, Notes: notes,
		Supervises: slices.Contains([]kinship.Role{kinship.RoleSupervisor, kinship.RoleAdmin}, role)})
}
