package web

import (
	"context"
	"net/http"
	"time"

	"kinship"
)

// noteJSON is a note on the wire. Sections are by heading, as they are
// sent; section_order gives the template's order.
type noteJSON struct {
	ID           int64                   `json:"id"`
	ClientID     int64                   `json:"client_id"`
	Kind         kinship.NoteKind        `json:"kind"`
	Template     string                  `json:"template"`
	Sections     map[string]string       `json:"sections"`
	SectionOrder []string                `json:"section_order"`
	SessionID    int64                   `json:"session_id,omitempty"`
	GroupNoteID  int64                   `json:"group_note_id,omitempty"`
	ServiceDate  kinship.Date            `json:"service_date"`
	Minutes      int                     `json:"minutes"`
	Objectives   []kinship.NoteObjective `json:"objectives"`
	Author       string                  `json:"author"`
	Status       string                  `json:"status"`
	LateEntry    bool                    `json:"late_entry"`
	CreatedAt    time.Time               `json:"created_at"`
	UpdatedAt    time.Time               `json:"updated_at"`
	SignedAt     *time.Time              `json:"signed_at"`
	CosignedAt   *time.Time              `json:"cosigned_at,omitempty"`
	Cosigner     string                  `json:"cosigner,omitempty"`
	Readers      []kinship.Role          `json:"readers,omitempty"`
	Addenda      []addendumJSON          `json:"addenda"`
}

type addendumJSON struct {
	ID       int64     `json:"id"`
	Text     string    `json:"text"`
	Author   string    `json:"author"`
	SignedAt time.Time `json:"signed_at"`
}

func toAddendumJSON(x *kinship.Addendum) addendumJSON {
	return addendumJSON{ID: x.ID, Text: x.Text, Author: x.Author, SignedAt: x.SignedAt}
}

// optionalTime is a time for JSON: null when zero.
func optionalTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func toNoteJSON(n *kinship.Note) noteJSON {
	j := noteJSON{ID: n.ID, ClientID: n.ClientID, Kind: n.Kind, Template: n.Template, Sections: map[string]string{}, SectionOrder: []string{},
		SessionID: n.SessionID, GroupNoteID: n.GroupNoteID, ServiceDate: n.ServiceDate, Minutes: n.Minutes, Objectives: n.Objectives,
		Author: n.Author, Status: n.Status(), LateEntry: n.Late(), CreatedAt: n.CreatedAt, UpdatedAt: n.UpdatedAt,
		SignedAt: optionalTime(n.SignedAt), CosignedAt: optionalTime(n.CosignedAt), Cosigner: n.Cosigner, Readers: n.Readers,
		Addenda: []addendumJSON{}}
	if j.Objectives == nil {
		j.Objectives = []kinship.NoteObjective{}
	}
	for _, s := range n.Sections {
		j.Sections[s.Name] = s.Text
		j.SectionOrder = append(j.SectionOrder, s.Name)
	}
	for _, x := range n.Addenda {
		j.Addenda = append(j.Addenda, toAddendumJSON(x))
	}
	return j
}

func (s *Server) apiNotes(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var notes []*kinship.Note
	if err == nil {
		notes, err = s.Notes.Notes(r.Context(), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeList(w, "notes", notes, toNoteJSON)
}

func (s *Server) apiNote(w http.ResponseWriter, r *http.Request) {
	s.apiNoteDo(w, r, http.StatusOK, s.Notes.Note)
}

func (s *Server) apiNoteSign(w http.ResponseWriter, r *http.Request) {
	s.apiNoteDo(w, r, http.StatusOK, s.Notes.SignNote)
}

func (s *Server) apiCosign(w http.ResponseWriter, r *http.Request) {
	s.apiNoteDo(w, r, http.StatusOK, s.Notes.CosignNote)
}

// apiNoteDo answers with the note that do returns for the path's id.
func (s *Server) apiNoteDo(w http.ResponseWriter, r *http.Request, status int, do func(ctx context.Context, id int64) (*kinship.Note, error)) {
	id, err := pathID(r)
	var n *kinship.Note
	if err == nil {
		n, err = do(r.Context(), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, status, toNoteJSON(n))
}

func (s *Server) apiNoteCreate(w http.ResponseWriter, r *http.Request) {
	var in kinship.NoteInput
	err := readJSON(w, r, &in)
	var n *kinship.Note
	if err == nil {
		n, err = s.Notes.CreateNote(r.Context(), in)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, toNoteJSON(n))
}

// apiNoteUpdate changes a draft; a signed note answers 409.
func (s *Server) apiNoteUpdate(w http.ResponseWriter, r *http.Request) {
	var u kinship.NoteUpdate
	if err := readJSON(w, r, &u); err != nil {
		s.fail(w, r, err)
		return
	}
	s.apiNoteDo(w, r, http.StatusOK, func(ctx context.Context, id int64) (*kinship.Note, error) { return s.Notes.UpdateNote(ctx, id, u) })
}

func (s *Server) apiAddendum(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Text string `json:"text"`
	}
	id, err := pathID(r)
	if err == nil {
		err = readJSON(w, r, &in)
	}
	var x *kinship.Addendum
	if err == nil {
		x, err = s.Notes.AddAddendum(r.Context(), id, in.Text)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, toAddendumJSON(x))
}

func (s *Server) apiCosignQueue(w http.ResponseWriter, r *http.Request) {
	notes, err := s.Notes.CosignQueue(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeList(w, "notes", notes, toNoteJSON)
}

type templateJSON struct {
	ID       int64                     `json:"id,omitempty"`
	Name     string                    `json:"name"`
	BuiltIn  bool                      `json:"built_in"`
	Sections []kinship.TemplateSection `json:"sections"`
}

func toTemplateJSON(t *kinship.NoteTemplate) templateJSON {
	return templateJSON{ID: t.ID, Name: t.Name, BuiltIn: t.BuiltIn, Sections: t.Sections}
}

func (s *Server) apiNoteTemplates(w http.ResponseWriter, r *http.Request) {
	list, err := s.Notes.NoteTemplates(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeList(w, "templates", list, toTemplateJSON)
}

func (s *Server) apiNoteTemplateCreate(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Name     string                    `json:"name"`
		Sections []kinship.TemplateSection `json:"sections"`
	}
	err := readJSON(w, r, &in)
	var t *kinship.NoteTemplate
	if err == nil {
		t, err = s.Notes.CreateNoteTemplate(r.Context(), kinship.NoteTemplate{Name: in.Name, Sections: in.Sections})
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, toTemplateJSON(t))
}

// groupNoteJSON is a session's group note: the shared part, and each
// attendee's, with their note once signed.
type groupNoteJSON struct {
	SessionID int64               `json:"session_id"`
	Status    string              `json:"status"` // draft or signed
	Sections  map[string]string   `json:"sections"`
	Attendees []groupAttendeeJSON `json:"attendees"`
	Author    string              `json:"author,omitempty"`
	UpdatedAt *time.Time          `json:"updated_at"`
	SignedAt  *time.Time          `json:"signed_at"`
	// CloneReason is why it was signed with attendees' parts alike.
	CloneReason string `json:"clone_reason"`
}

type groupAttendeeJSON struct {
	ClientID     int64   `json:"client_id"`
	NameToUse    string  `json:"name_to_use"`
	Pronouns     string  `json:"pronouns"`
	Attendance   string  `json:"attendance"`
	Text         string  `json:"text"`
	ObjectiveIDs []int64 `json:"objective_ids"`
	NoteID       int64   `json:"note_id,omitempty"`
}

func toGroupNoteJSON(g *kinship.GroupNote) groupNoteJSON {
	j := groupNoteJSON{SessionID: g.Session.ID, Status: "draft", Sections: map[string]string{}, Attendees: []groupAttendeeJSON{},
		Author: g.Author, UpdatedAt: optionalTime(g.UpdatedAt), SignedAt: optionalTime(g.SignedAt), CloneReason: g.CloneReason}
	if g.Signed() {
		j.Status = "signed"
	}
	for _, sec := range g.Sections {
		j.Sections[sec.Name] = sec.Text
	}
	for _, a := range g.Attendees {
		e := groupAttendeeJSON{ClientID: a.ClientID, NameToUse: a.NameToUse, Pronouns: a.Pronouns, Attendance: a.Status, Text: a.Text,
			ObjectiveIDs: []int64{}, NoteID: a.NoteID}
		for _, o := range a.Objectives {
			e.ObjectiveIDs = append(e.ObjectiveIDs, o.ID)
		}
		j.Attendees = append(j.Attendees, e)
	}
	return j
}

func (s *Server) apiGroupNote(w http.ResponseWriter, r *http.Request) {
	s.apiGroupNoteDo(w, r, s.Notes.GroupNote)
}

// apiGroupNoteSign signs the group note; parts alike need a body
// {"clone_reason": "…"}, and any other signing needs none.
func (s *Server) apiGroupNoteSign(w http.ResponseWriter, r *http.Request) {
	var in struct {
		CloneReason string `json:"clone_reason"`
	}
	if r.ContentLength != 0 {
		if err := readJSON(w, r, &in); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	s.apiGroupNoteDo(w, r, func(ctx context.Context, id int64) (*kinship.GroupNote, error) {
		return s.Notes.SignGroupNote(ctx, id, in.CloneReason)
	})
}

func (s *Server) apiGroupNoteSave(w http.ResponseWriter, r *http.Request) {
	var in kinship.GroupNoteInput
	if err := readJSON(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	s.apiGroupNoteDo(w, r, func(ctx context.Context, id int64) (*kinship.GroupNote, error) {
		return s.Notes.SaveGroupNote(ctx, id, in)
	})
}

// apiGroupNoteDo answers with the group note do returns for the path's session.
func (s *Server) apiGroupNoteDo(w http.ResponseWriter, r *http.Request, do func(ctx context.Context, id int64) (*kinship.GroupNote, error)) {
	id, err := pathID(r)
	var g *kinship.GroupNote
	if err == nil {
		g, err = do(r.Context(), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toGroupNoteJSON(g))
}
