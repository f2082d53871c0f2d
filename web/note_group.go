package web

import (
	"net/http"
	"strconv"
	"strings"

	"kinship"
)

// groupNotePage is a session's group note: the shared part written once,
// and a short part for each attendee.
type groupNotePage struct {
	layout
	Note        *kinship.GroupNote
	Help        map[string]string
	Participate kinship.TemplateSection
	CanRead     bool // the reader may open the attendees' charts' notes
	Errors      map[string]string
	// CloneReason is the reason typed to sign alike parts, asked for once
	// signing finds them.
	CloneReason string
}

// Summary is the error summary, linked to the shared sections by place and
// to each attendee's part ("f-attendee-ID").
func (p *groupNotePage) Summary() *errorSummary {
	return summaryOf(p.Errors, func(name string) string {
		if name == "clone_reason" {
			return "f-clone-reason"
		}
		return sectionID(p.Note.Sections, name)
	})
}

// AskCloneReason reports whether the form asks why parts are alike.
func (p *groupNotePage) AskCloneReason() bool {
	return p.Errors["clone_reason"] != "" || p.CloneReason != ""
}

// AttendeeError is the message about one attendee's part.
func (p *groupNotePage) AttendeeError(id int64) string { return p.Errors["attendee."+itoa(id)] }

// ObjectiveError is the message about one attendee's objectives.
func (p *groupNotePage) ObjectiveError(id int64) string { return p.Errors["objective."+itoa(id)] }

func (s *Server) handleGroupNote(w http.ResponseWriter, r *http.Request) {
	s.renderGroupNote(w, r, http.StatusOK, nil, nil)
}

// renderGroupNote draws the group note, showing what a refused form
// said (form, if any) with its errors.
func (s *Server) renderGroupNote(w http.ResponseWriter, r *http.Request, status int, errs map[string]string, form *kinship.GroupNoteInput) {
	id, err := pathID(r)
	var g *kinship.GroupNote
	if err == nil {
		g, err = s.Notes.GroupNote(r.Context(), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := &groupNotePage{layout: layout{Title: "Group note: " + g.Session.Title, Notice: noticeOf(r)}, Note: g, Errors: errs,
		Help: map[string]string{}, Participate: kinship.ParticipationSection, CanRead: visitOf(r).me.Role.Can(kinship.PermClinicalRead)}
	if form != nil {
		p.CloneReason = r.PostFormValue("clone_reason")
		for i, sec := range g.Sections {
			if text, ok := form.Sections[sec.Name]; ok {
				g.Sections[i].Text = text
			}
		}
		for _, a := range g.Attendees {
			if e, ok := form.Attendees[a.ClientID]; ok {
				a.Text, a.Objectives = e.Text, nil
				for _, o := range e.ObjectiveIDs {
					a.Objectives = append(a.Objectives, kinship.NoteObjective{ID: o})
				}
			}
		}
	}
	for _, ts := range kinship.GroupTemplate.Sections {
		p.Help[ts.Name] = ts.Help
	}
	s.render(w, r, status, "note_group", p)
}

// readGroupForm reads the group note form: section.NAME for the shared
// part, attendee.ID and objective.ID for each attendee's.
func readGroupForm(r *http.Request) kinship.GroupNoteInput {
	r.ParseForm()
	in := kinship.GroupNoteInput{Sections: map[string]string{}, Attendees: map[int64]kinship.GroupEntryInput{}}
	for k, v := range r.PostForm {
		if name, ok := strings.CutPrefix(k, "section."); ok {
			in.Sections[name] = v[0]
		}
		if id, ok := strings.CutPrefix(k, "attendee."); ok {
			client, err := strconv.ParseInt(id, 10, 64)
			if err != nil {
				continue
			}
			e := kinship.GroupEntryInput{Text: v[0]}
			for _, o := range r.PostForm["objective."+id] {
				if n, err := strconv.ParseInt(o, 10, 64); err == nil {
					e.ObjectiveIDs = append(e.ObjectiveIDs, n)
				}
			}
			in.Attendees[client] = e
		}
	}
	return in
}

// handleGroupNoteSave saves the group note, and signs it into each
// attendee's chart when asked.
func (s *Server) handleGroupNoteSave(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	in := readGroupForm(r)
	done := "group-saved"
	_, err = s.Notes.SaveGroupNote(r.Context(), id, in)
	if err == nil && r.PostFormValue("action") == "sign" {
		_, err = s.Notes.SignGroupNote(r.Context(), id, r.PostFormValue("clone_reason"))
		done = "group-signed"
	}
	if code := kinship.ErrorCode(err); code == kinship.EINVALID || code == kinship.ECONFLICT {
		s.renderGroupNote(w, r, s.statusOf(r, err), noteErrors(err), &in)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/sessions/"+itoa(id)+"/note?done="+done, http.StatusSeeOther)
}
