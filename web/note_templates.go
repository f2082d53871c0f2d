package web

import (
	"net/http"
	"strings"

	"kinship"
)

// noteTemplatesPage lists the note templates and adds the program's own.
type noteTemplatesPage struct {
	layout
	Templates []*kinship.NoteTemplate
	Name      string
	Sections  string // one a line, "Name: hint"
	Errors    map[string]string
}

func (s *Server) handleNoteTemplates(w http.ResponseWriter, r *http.Request) {
	s.renderNoteTemplates(w, r, http.StatusOK, &noteTemplatesPage{layout: layout{Notice: noticeOf(r)}})
}

func (s *Server) renderNoteTemplates(w http.ResponseWriter, r *http.Request, status int, p *noteTemplatesPage) {
	p.Title = "Note templates"
	var err error
	if p.Templates, err = s.Notes.NoteTemplates(r.Context()); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, status, "note_templates", p)
}

func (s *Server) handleNoteTemplateCreate(w http.ResponseWriter, r *http.Request) {
	p := &noteTemplatesPage{Name: r.PostFormValue("name"), Sections: r.PostFormValue("sections")}
	_, err := s.Notes.CreateNoteTemplate(r.Context(), kinship.NoteTemplate{Name: p.Name, Sections: parseTemplateSections(p.Sections)})
	if code := kinship.ErrorCode(err); code == kinship.EINVALID || code == kinship.ECONFLICT {
		p.Errors = noteErrors(err)
		s.renderNoteTemplates(w, r, s.statusOf(r, err), p)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/note-templates?done=template-added", http.StatusSeeOther)
}

// parseTemplateSections reads one section a line, with an optional hint
// after a colon: "Safety plan: who they will call".
func parseTemplateSections(text string) []kinship.TemplateSection {
	var out []kinship.TemplateSection
	for _, line := range strings.Split(text, "\n") {
		name, help, _ := strings.Cut(line, ":")
		out = append(out, kinship.TemplateSection{Name: name, Help: help})
	}
	return out
}
