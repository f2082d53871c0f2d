package web

import "kinship"

// registerNoteRoutes registers the pages and API of this part of the clinical record.
func (s *Server) registerNoteRoutes() {
	s.handle("GET /clients/{id}/notes", kinship.PermClinicalRead, s.handleNotes)
	s.handle("GET /clients/{id}/notes/new", kinship.PermEpisodeManage, s.handleNoteNew)
	s.handle("POST /clients/{id}/notes", kinship.PermEpisodeManage, s.handleNoteCreate)
	s.handle("GET /notes/{id}", kinship.PermClinicalRead, s.handleNote)
	s.handle("POST /notes/{id}", kinship.PermEpisodeManage, s.handleNoteSave)
	s.handle("POST /notes/{id}/addenda", kinship.PermEpisodeManage, s.handleAddendum)
	s.handle("POST /notes/{id}/cosign", kinship.PermEpisodeManage, s.handleCosign)
	s.handle("GET /notes/{id}/print", kinship.PermClinicalRead, s.handleNotePrint)
	s.handle("GET /cosign", kinship.PermClinicalRead, s.handleCosignQueue)
	s.handle("GET /sessions/{id}/note", kinship.PermAttendance, s.handleGroupNote)
	s.handle("POST /sessions/{id}/note", kinship.PermAttendance, s.handleGroupNoteSave)
	s.handle("GET /admin/note-templates", kinship.PermOrgManage, s.handleNoteTemplates)
	s.handle("POST /admin/note-templates", kinship.PermOrgManage, s.handleNoteTemplateCreate)

	s.handle("GET /api/v1/note-templates", kinship.PermClinicalRead, s.apiNoteTemplates)
	s.handle("POST /api/v1/note-templates", kinship.PermOrgManage, s.apiNoteTemplateCreate)
	s.handle("GET /api/v1/clients/{id}/notes", kinship.PermClinicalRead, s.apiNotes)
	s.handle("POST /api/v1/notes", kinship.PermEpisodeManage, s.apiNoteCreate)
	s.handle("GET /api/v1/notes/{id}", kinship.PermClinicalRead, s.apiNote)
	s.handle("PATCH /api/v1/notes/{id}", kinship.PermEpisodeManage, s.apiNoteUpdate)
	s.handle("POST /api/v1/notes/{id}/sign", kinship.PermEpisodeManage, s.apiNoteSign)
	s.handle("POST /api/v1/notes/{id}/addenda", kinship.PermEpisodeManage, s.apiAddendum)
	s.handle("POST /api/v1/notes/{id}/cosign", kinship.PermEpisodeManage, s.apiCosign)
	s.handle("GET /api/v1/cosign-queue", kinship.PermClinicalRead, s.apiCosignQueue)
	s.handle("GET /api/v1/sessions/{id}/group-note", kinship.PermAttendance, s.apiGroupNote)
	s.handle("PATCH /api/v1/sessions/{id}/group-note", kinship.PermAttendance, s.apiGroupNoteSave)
	s.handle("POST /api/v1/sessions/{id}/group-note/sign", kinship.PermAttendance, s.apiGroupNoteSign)
}
