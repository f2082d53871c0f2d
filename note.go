package kinship

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Audit actions of progress notes. Counseling notes use the same actions
// with the resource type "counseling_note".
const (
	ActionNoteCreate         = "note.create"
	ActionNoteUpdate         = "note.update"
	ActionNoteSign           = "note.sign"
	ActionNoteRead           = "note.read"
	ActionNotePrint          = "note.print"
	ActionNoteAddendum       = "note.addendum"
	ActionNoteCosign         = "note.cosign"
	ActionCosignQueueRead    = "note.cosign_queue_read"
	ActionNoteTemplateCreate = "note_template.create"
	ActionGroupNoteRead      = "group_note.read"
	ActionGroupNoteSave      = "group_note.save"
	ActionGroupNoteSign      = "group_note.sign"
)

// NoteKind is what a note records.
type NoteKind string

// Note kinds. A counseling note is a counselor's own analysis of a
// session (42 CFR §2.11 "SUD counseling notes"): it is kept apart from the
// record, read only by its author and the roles they allow, and leaves the
// program only under a consent naming counseling notes.
const (
	NoteIndividual NoteKind = "individual"
	NoteGroup      NoteKind = "group"
	NoteCounseling NoteKind = "counseling"
)

// Valid reports whether k is a known kind.
func (k NoteKind) Valid() bool { return k == NoteIndividual || k == NoteGroup || k == NoteCounseling }

// Label is the kind as people read it.
func (k NoteKind) Label() string {
	return map[NoteKind]string{NoteIndividual: "Progress note", NoteGroup: "Group note", NoteCounseling: "SUD counseling note"}[k]
}

// TimelineNote is the timeline kind of signed progress notes; counseling
// notes are never on a timeline.
const TimelineNote = "note"

// CounselingReaders are the roles an author may let read a counseling note.
var CounselingReaders = []Role{RoleSupervisor, RoleClinician}

// LateEntryAfter is how long after the end of the service a note may be
// signed before it is a late entry: the session's end when the note links
// one, otherwise midnight at the end of the service date at the site.
const LateEntryAfter = 24 * time.Hour

// TemplateSection is one heading of a note template, with a hint on what
// to write under it.
type TemplateSection struct {
	Name string `json:"name"`
	Help string `json:"help"`
}

// NoteTemplate is the set of headings a note is written under.
type NoteTemplate struct {
	ID       int64 // 0 for a built-in template
	Name     string
	Sections []TemplateSection
	BuiltIn  bool
}

// BuiltInTemplates are the templates every program has.
var BuiltInTemplates = []*NoteTemplate{
	{Name: "DAP", BuiltIn: true, Sections: []TemplateSection{
		{"Data", "What you observed and what the client said: facts, their words, scores."},
		{"Assessment", "Your clinical view of the data: progress toward goals, risk, response to treatment."},
		{"Plan", "Next steps: practice between sessions, the next session, referrals, changes to the plan."}}},
	{Name: "BIRP", BuiltIn: true, Sections: []TemplateSection{
		{"Behavior", "What the client presented with and said, in observable terms."},
		{"Intervention", "What you did: the skills, techniques or approaches used."},
		{"Response", "How the client responded to the intervention."},
		{"Plan", "Next steps and what the client will practise."}}},
	{Name: "SOAP", BuiltIn: true, Sections: []TemplateSection{
		{"Subjective", "What the client reports, in their own words."},
		{"Objective", "What you observed, and measures such as scores and screens."},
		{"Assessment", "Your clinical view: progress, risk and what stands out."},
		{"Plan", "Next steps, referrals and changes to the plan."}}},
}

// GroupTemplate is the shared part of a group note, written once for every
// attendee; ParticipationSection is the part each attendee's note has of
// their own.
var (
	GroupTemplate = &NoteTemplate{Name: "Group", BuiltIn: true, Sections: []TemplateSection{
		{"Topic", "What the group worked on today. Write about the group, never about a person."},
		{"Curriculum", "The curriculum or module, such as “Seeking Safety: asking for help”."},
		{"Interventions", "What the facilitator did: skills practice, role-play, psychoeducation, motivational interviewing."}}}
	ParticipationSection = TemplateSection{"Participation",
		"How they took part and what they will practise. Only this client appears here: name no one else."}
)

// Validate checks a program's own template: a name that is not a built-in
// one, and one to twelve distinct section names.
func (t *NoteTemplate) Validate() error {
	t.Name = strings.TrimSpace(t.Name)
	f := FieldErrors{}
	switch {
	case t.Name == "":
		f.Add("name", "Give the template a name.")
	case utf8.RuneCountInString(t.Name) > 40:
		f.Add("name", "The name must be 40 characters or fewer.")
	case t.Name == GroupTemplate.Name || builtInTemplate(t.Name) != nil:
		f.Add("name", "That is the name of a built-in template; choose another.")
	}
	var sections []TemplateSection
	seen := map[string]bool{}
	for _, s := range t.Sections {
		s.Name, s.Help = strings.TrimSpace(s.Name), strings.TrimSpace(s.Help)
		switch key := strings.ToLower(s.Name); {
		case s.Name == "":
			continue
		case utf8.RuneCountInString(s.Name) > 60 || utf8.RuneCountInString(s.Help) > 300:
			f.Add("sections", "Keep each section name to 60 characters and its hint to 300.")
		case seen[key]:
			f.Add("sections", fmt.Sprintf("“%s” appears twice.", s.Name))
		default:
			seen[key] = true
		}
		sections = append(sections, s)
	}
	t.Sections = sections
	if len(sections) == 0 || len(sections) > 12 {
		f.Add("sections", "Give between one and twelve sections.")
	}
	return f.Err()
}

// builtInTemplate returns the built-in template named name, in any case.
func builtInTemplate(name string) *NoteTemplate {
	for _, t := range BuiltInTemplates {
		if strings.EqualFold(t.Name, name) {
			return t
		}
	}
	return nil
}

// NoteSection is one heading of a note and what was written under it.
type NoteSection struct {
	Name string `json:"name"`
	Text string `json:"text"`
}

// NoteObjective is a treatment-plan objective a note addresses, with its
// words as they were when the note was written, so the note stays
// readable whatever later plan versions say.
type NoteObjective struct {
	ID   int64  `json:"id"`
	Goal string `json:"goal"`
	Text string `json:"text"`
}

// Addendum is a dated, signed text appended to a signed note: the only way
// a signed note changes.
type Addendum struct {
	ID       int64
	Text     string
	AuthorID int64
	Author   string
	SignedAt time.Time
}

// Note is a progress note in a client's chart, or a counseling note kept
// apart from it. A draft belongs to its author; signing locks it.
type Note struct {
	ID             int64
	ClientID       int64
	ClientName     string // the name to use
	ClientPronouns string
	Kind           NoteKind
	Template       string
	Sections       []NoteSection
	SessionID      int64 // 0: not linked to a session
	SessionTitle   string
	GroupNoteID    int64 // the group note it came from
	ServiceDate    Date
	ServiceEnd     time.Time // when the service ended, for late entries
	Minutes        int
	Objectives     []NoteObjective
	AuthorID       int64
	Author         string
	CreatedAt      time.Time
	UpdatedAt      time.Time
	SignedAt       time.Time // zero for a draft
	CosignRequired bool      // the author works under supervision
	CosignedAt     time.Time
	Cosigner       string
	// Readers are the roles, besides the author, that may read a
	// counseling note.
	Readers []Role
	Addenda []*Addendum
}

// Signed reports whether the note is signed and so locked.
func (n *Note) Signed() bool { return !n.SignedAt.IsZero() }

// AwaitingCosign reports whether the note waits for a supervisor.
func (n *Note) AwaitingCosign() bool { return n.Signed() && n.CosignRequired && n.CosignedAt.IsZero() }

// Late reports whether the note was signed more than LateEntryAfter after
// the service ended; such a note shows both times.
func (n *Note) Late() bool { return n.Signed() && n.SignedAt.Sub(n.ServiceEnd) > LateEntryAfter }

// Status is draft, signed, awaiting_cosign or cosigned.
func (n *Note) Status() string {
	switch {
	case !n.Signed():
		return "draft"
	case n.AwaitingCosign():
		return "awaiting_cosign"
	case !n.CosignedAt.IsZero():
		return "cosigned"
	}
	return "signed"
}

// StatusLabel is the status as people read it.
func (n *Note) StatusLabel() string {
	return map[string]string{"draft": "Draft", "signed": "Signed", "awaiting_cosign": "Waiting for co-signature",
		"cosigned": "Co-signed"}[n.Status()]
}

// Section returns the text under the named heading.
func (n *Note) Section(name string) string {
	for _, s := range n.Sections {
		if s.Name == name {
			return s.Text
		}
	}
	return ""
}

// ReadableBy reports whether a may read the note: its author always;
// anyone else only once it is signed, and a counseling note only in a role
// the author allowed. (Chart access is checked besides.)
func (n *Note) ReadableBy(a Actor) bool {
	switch {
	case a.StaffID != 0 && a.StaffID == n.AuthorID:
		return true
	case !n.Signed():
		return false
	case n.Kind == NoteCounseling:
		return a.StaffID != 0 && slices.Contains(n.Readers, a.Role)
	}
	return true
}

// NoteInput is a new note. The client's sessions, the template's sections
// and the plan's objectives are checked by the store.
type NoteInput struct {
	ClientID     int64             `json:"client_id"`
	Kind         NoteKind          `json:"kind"`
	Template     string            `json:"template"`
	Sections     map[string]string `json:"sections"`
	SessionID    int64             `json:"session_id"`
	ServiceDate  Date              `json:"service_date"`
	Minutes      int               `json:"minutes"`
	ObjectiveIDs []int64           `json:"objective_ids"`
	Readers      []Role            `json:"readers"`
}

// Validate checks what needs no database. The store first fills a zero
// service date and minutes from the linked session.
func (in *NoteInput) Validate(today Date) error {
	f := FieldErrors{}
	if in.ClientID == 0 {
		f.Add("client_id", "Choose the client.")
	}
	if !in.Kind.Valid() {
		f.Add("kind", "Kind must be individual, group or counseling.")
	}
	if in.Kind == NoteGroup && in.SessionID == 0 {
		f.Add("session_id", "A group note links the group session.")
	}
	if strings.TrimSpace(in.Template) == "" && in.Kind != NoteGroup {
		f.Add("template", "Choose a template.")
	}
	validateService(f, in.ServiceDate, in.Minutes, today)
	validateReaders(f, in.Kind, in.Readers)
	return f.Err()
}

// NoteUpdate changes a draft; nil fields stay as they are, and sections
// not named keep their text.
type NoteUpdate struct {
	Sections     map[string]string `json:"sections"`
	SessionID    *int64            `json:"session_id"`
	ServiceDate  *Date             `json:"service_date"`
	Minutes      *int              `json:"minutes"`
	ObjectiveIDs *[]int64          `json:"objective_ids"`
	Readers      *[]Role           `json:"readers"`
}

// Apply changes n as u says and checks the result. EINVALID for a section
// the note does not have.
func (u *NoteUpdate) Apply(n *Note, today Date) error {
	f := FieldErrors{}
	for name := range u.Sections {
		if !slices.ContainsFunc(n.Sections, func(s NoteSection) bool { return s.Name == name }) {
			f.Add("sections", fmt.Sprintf("This note has no section “%s”.", name))
		}
	}
	if u.SessionID != nil {
		n.SessionID = *u.SessionID
	}
	if u.ServiceDate != nil {
		n.ServiceDate = *u.ServiceDate
	}
	if u.Minutes != nil {
		n.Minutes = *u.Minutes
	}
	if u.Readers != nil {
		n.Readers = *u.Readers
	}
	for i, s := range n.Sections {
		if text, ok := u.Sections[s.Name]; ok {
			n.Sections[i].Text = strings.TrimSpace(text)
		}
	}
	validateService(f, n.ServiceDate, n.Minutes, today)
	validateReaders(f, n.Kind, n.Readers)
	return f.Err()
}

func validateService(f FieldErrors, day Date, minutes int, today Date) {
	switch {
	case day.IsZero():
		f.Add("service_date", "Give the date of the service.")
	case today.Before(day):
		f.Add("service_date", "The service date cannot be in the future.")
	}
	if minutes < 1 || minutes > 720 {
		f.Add("minutes", "Minutes must be between 1 and 720.")
	}
}

func validateReaders(f FieldErrors, kind NoteKind, readers []Role) {
	if len(readers) > 0 && kind != NoteCounseling {
		f.Add("readers", "Only a counseling note has readers to choose.")
	}
	for _, r := range readers {
		if !slices.Contains(CounselingReaders, r) {
			f.Add("readers", "Readers may be supervisor and clinician.")
		}
	}
}

// GroupNote is a group session's note, written once: a shared part and a
// short part for each attendee. Signing puts one note in each attendee's
// chart, holding the shared part and only their own.
type GroupNote struct {
	ID        int64 // 0 before the first save
	Session   *Session
	Sections  []NoteSection // the shared part, under GroupTemplate's headings
	Attendees []*GroupAttendee
	AuthorID  int64
	Author    string
	UpdatedAt time.Time
	SignedAt  time.Time
	// CloneReason is why it was signed with attendees' parts alike.
	CloneReason string
	// CanWrite: the reader may edit and sign it.
	CanWrite bool
}

// Signed reports whether the group note has been signed into the charts.
func (g *GroupNote) Signed() bool { return !g.SignedAt.IsZero() }

// GroupAttendee is a client who attended (present, late, left early or by
// telehealth) with their part of the group note. Clients who were absent
// or excused are not attendees and get no note.
type GroupAttendee struct {
	ClientID   int64
	NameToUse  string
	Pronouns   string
	Status     string // their attendance
	Minutes    int    // credited
	Text       string
	Objectives []NoteObjective // addressed
	// Choices are the objectives of their current plan, when the writer
	// may see it; PlanHidden says the writer may not.
	Choices    []Objective
	PlanHidden bool
	NoteID     int64 // their note, once signed
}

// Addresses reports whether the attendee's part addresses the objective.
func (a *GroupAttendee) Addresses(objectiveID int64) bool {
	return slices.ContainsFunc(a.Objectives, func(o NoteObjective) bool { return o.ID == objectiveID })
}

// Attended reports whether an attendance status counts as attending.
func Attended(status string) bool {
	return status == "present" || status == "late" || status == "left_early" || status == "telehealth"
}

// GroupNoteInput saves a group note's draft: shared sections by heading,
// and each attendee's part by client id. What is not given stays.
type GroupNoteInput struct {
	Sections  map[string]string         `json:"sections"`
	Attendees map[int64]GroupEntryInput `json:"attendees"`
}

// GroupEntryInput is one attendee's part of a group note.
type GroupEntryInput struct {
	Text         string  `json:"text"`
	ObjectiveIDs []int64 `json:"objective_ids"`
}

// RosterName is a client on a session's roster with every name they could
// be recognised by, for the privacy check.
type RosterName struct {
	ClientID  int64
	NameToUse string
	Legal     LegalName
}

// PrivacyCheck refuses a group note in which the shared sections name any
// client on the roster, or one attendee's part names another, by name to
// use or legal name (whole words, in any case). The message names the
// place and, for a name to use, the client; a legal name match never says
// whose, so the check cannot reveal a legal name. It returns EINVALID
// naming each field, or nil.
func PrivacyCheck(shared []NoteSection, parts map[int64]string, roster []RosterName) error {
	f := FieldErrors{}
	var first string
	add := func(field, msg string) {
		if first == "" {
			first = msg
		}
		f.Add(field, msg)
	}
	for _, s := range shared {
		for _, c := range roster {
			if who, ok := c.named(s.Text); ok {
				add("section."+s.Name, fmt.Sprintf("The shared section %s in '%s'; write about the group, not a person.", who, s.Name))
			}
		}
	}
	for id, text := range parts {
		for _, c := range roster {
			if c.ClientID == id {
				continue
			}
			if who, ok := c.named(text); ok {
				add(fmt.Sprintf("attendee.%d", id), fmt.Sprintf("This part %s; each chart may name only its own client.", who))
			}
		}
	}
	if len(f) == 0 {
		return nil
	}
	return &Error{Code: EINVALID, Message: first, Fields: f}
}

// named says how text names c, if it does: "mentions Jamie" for the name to
// use, "names an attendee" for a legal name.
func (c RosterName) named(text string) (string, bool) {
	if Mentions(text, c.NameToUse) {
		return "mentions " + c.NameToUse, true
	}
	for _, n := range []string{c.Legal.String(), c.Legal.Given} {
		if Mentions(text, n) {
			return "names an attendee", true
		}
	}
	// A family name alone identifies someone too ("Ms. Ortiz", "the
	// Delgado family"). Matched only as written, capitalised, since many
	// family names are also everyday words (a park, a grant).
	if family := strings.TrimSpace(c.Legal.Family); family != "" && mentionsWord(text, family, false) {
		return "names an attendee", true
	}
	return "", false
}

// Mentions reports whether text holds name as whole words, in any case:
// "jamie's" mentions Jamie, "Jamieson" does not. Letters outside ASCII
// count as letters, unlike regexp's \b.
func Mentions(text, name string) bool { return mentionsWord(text, name, true) }

// mentionsWord reports whether text holds name as whole words, ignoring
// case when fold is set.
func mentionsWord(text, name string, fold bool) bool {
	name = strings.TrimSpace(name)
	if fold {
		name, text = strings.ToLower(name), strings.ToLower(text)
	}
	if name == "" {
		return false
	}
	for i := 0; ; {
		j := strings.Index(text[i:], name)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(name)
		before, _ := utf8.DecodeLastRuneInString(text[:start])
		after, _ := utf8.DecodeRuneInString(text[end:])
		if !wordRune(before) && !wordRune(after) {
			return true
		}
		i = start + 1
	}
}

func wordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_')
}

type writtenAtKey struct{}

// WithWrittenAt returns a context in which notes written by the system
// actor carry t as the time they were written and signed, and inquiries
// as the time they came in or moved, for importing a record's history
// (and the demo). Staff never backdate: for them it is
// ignored. The audit trail keeps the real time.
func WithWrittenAt(ctx context.Context, t time.Time) context.Context {
	return context.WithValue(ctx, writtenAtKey{}, t)
}

// WrittenAt returns the time WithWrittenAt set, if the actor is the system.
func WrittenAt(ctx context.Context) (time.Time, bool) {
	t, ok := ctx.Value(writtenAtKey{}).(time.Time)
	return t, ok && ActorFrom(ctx).System
}

// NoteService keeps progress notes, group notes written once, signatures,
// co-signatures, addenda and SUD counseling notes. Every read and write is
// audited. A counseling note the reader may not read is ENOTFOUND, exactly
// as a note that does not exist, and never counted or listed.
type NoteService interface {
	// NoteTemplates lists the built-in templates, then the program's own.
	NoteTemplates(ctx context.Context) ([]*NoteTemplate, error)
	// CreateNoteTemplate adds a template (PermOrgManage). ECONFLICT if the
	// name is taken.
	CreateNoteTemplate(ctx context.Context, t NoteTemplate) (*NoteTemplate, error)

	// CreateNote starts a draft (PermEpisodeManage, the client's chart).
	// EINVALID for a session that is not the client's, an objective not
	// in their current plan, or a section the template lacks.
	CreateNote(ctx context.Context, in NoteInput) (*Note, error)
	// UpdateNote changes its author's draft. ECONFLICT once signed.
	UpdateNote(ctx context.Context, id int64, u NoteUpdate) (*Note, error)
	// SignNote signs and locks its author's draft; a note by staff who
	// need supervision then waits for a co-signature. EINVALID while a
	// section is empty; ECONFLICT if already signed.
	SignNote(ctx context.Context, id int64) (*Note, error)
	// AddAddendum appends a dated, signed text to a signed note (to a
	// counseling note, only its author). ECONFLICT for a draft.
	AddAddendum(ctx context.Context, id int64, text string) (*Addendum, error)
	// CosignNote co-signs a note waiting for it: supervisors and admins,
	// never the author. ECONFLICT if it is not waiting.
	CosignNote(ctx context.Context, id int64) (*Note, error)
	// CosignQueue lists, for a supervisor or admin, the notes waiting for
	// a co-signature, oldest first; for anyone else, their own.
	CosignQueue(ctx context.Context) ([]*Note, error)
	// CosignCount counts CosignQueue's notes without reading them.
	CosignCount(ctx context.Context) (int, error)

	// Note returns a note with its objectives and addenda.
	Note(ctx context.Context, id int64) (*Note, error)
	// PrintNote is Note, audited as a print.
	PrintNote(ctx context.Context, id int64) (*Note, error)
	// Notes lists a client's notes, newest service first: signed notes,
	// the reader's own drafts, and the counseling notes the reader may
	// read (never anyone else's).
	Notes(ctx context.Context, clientID int64) ([]*Note, error)

	// GroupNote returns a session's group note, or a blank one, with its
	// attendees (PermAttendance; the session's facilitator, a supervisor
	// or an admin).
	GroupNote(ctx context.Context, sessionID int64) (*GroupNote, error)
	// SaveGroupNote saves the draft. EINVALID for a client who did not
	// attend; ECONFLICT once signed.
	SaveGroupNote(ctx context.Context, sessionID int64, in GroupNoteInput) (*GroupNote, error)
	// SignGroupNote puts one signed note in each attendee's chart. EINVALID
	// while a part is empty, when the privacy check fails, or when parts
	// are alike (CheckCloned) and cloneReason is empty; nothing changes
	// then. A cloneReason for alike parts is kept with the note.
	SignGroupNote(ctx context.Context, sessionID int64, cloneReason string) (*GroupNote, error)
}
