package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strconv"
	"strings"

	"kinship"
)

// NoteTemplates lists the built-in templates, then the program's own by name.
func (s *Store) NoteTemplates(ctx context.Context) ([]*kinship.NoteTemplate, error) {
	if err := kinship.Authorize(ctx, kinship.PermClinicalRead); err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, "SELECT id, name, sections FROM note_templates ORDER BY name_key")
	own, err := collect(rows, err, scanTemplate)
	return append(append([]*kinship.NoteTemplate{}, kinship.BuiltInTemplates...), own...), err
}

func scanTemplate(r rowScanner) (*kinship.NoteTemplate, error) {
	t := &kinship.NoteTemplate{}
	var sections string
	if err := r.Scan(&t.ID, &t.Name, &sections); err != nil {
		return nil, err
	}
	return t, json.Unmarshal([]byte(sections), &t.Sections)
}

// CreateNoteTemplate adds one of the program's own templates.
func (s *Store) CreateNoteTemplate(ctx context.Context, t kinship.NoteTemplate) (*kinship.NoteTemplate, error) {
	if err := kinship.Authorize(ctx, kinship.PermOrgManage); err != nil {
		return nil, err
	}
	if err := t.Validate(); err != nil {
		return nil, err
	}
	t.ID, t.BuiltIn = 0, false
	sections, err := json.Marshal(t.Sections)
	if err != nil {
		return nil, err
	}
	err = s.update(ctx, func(tx *Tx) (err error) {
		t.ID, err = tx.insert("INSERT INTO note_templates (name, name_key, sections, created_by, created_at) VALUES (?, ?, ?, ?, ?)",
			t.Name, strings.ToLower(t.Name), string(sections), actorID(ctx), tx.now)
		if tx.dialect.isUnique(err) {
			return fieldConflict("name", "There is already a template with that name.")
		}
		if err != nil {
			return err
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionNoteTemplateCreate, ResourceType: "note_template", ResourceID: strconv.FormatInt(t.ID, 10)})
	})
	if err != nil {
		return nil, err
	}
	return &t, nil
}

// noteTemplate finds the template a note of kind is written with: a group
// note's shared headings and the attendee's own, or any other template by
// name, in any case.
func (s *Store) noteTemplate(ctx context.Context, name string, kind kinship.NoteKind) (*kinship.NoteTemplate, error) {
	if kind == kinship.NoteGroup {
		if name != "" && !strings.EqualFold(name, kinship.GroupTemplate.Name) {
			return nil, invalidField("template", "A group note is written with the Group template.")
		}
		return groupNoteTemplate, nil
	}
	for _, t := range kinship.BuiltInTemplates {
		if strings.EqualFold(t.Name, name) {
			return t, nil
		}
	}
	t, err := scanTemplate(s.queryRow(ctx, "SELECT id, name, sections FROM note_templates WHERE name_key = ?", strings.ToLower(strings.TrimSpace(name))))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, invalidField("template", "There is no template with that name.")
	}
	return t, err
}

// groupNoteTemplate is what each attendee's copy of a group note holds: the
// shared headings and their own.
var groupNoteTemplate = &kinship.NoteTemplate{Name: kinship.GroupTemplate.Name, BuiltIn: true,
	Sections: append(append([]kinship.TemplateSection{}, kinship.GroupTemplate.Sections...), kinship.ParticipationSection)}
