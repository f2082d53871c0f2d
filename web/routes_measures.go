package web

import "kinship"

// registerMeasureRoutes registers instruments, drug screens, the chart
// timeline and their setup, as pages and as API.
func (s *Server) registerMeasureRoutes() {
	s.handle("GET /clients/{id}/measures/new", kinship.PermMeasures, s.handleMeasureForm)
	s.handle("POST /clients/{id}/measures", kinship.PermMeasures, s.handleMeasureRecord)
	s.handle("POST /clients/{id}/measures/assign", kinship.PermMeasures, s.handleMeasureAssign)
	s.handle("GET /clients/{id}/screens/new", kinship.PermMeasures, s.handleDrugScreenForm)
	s.handle("POST /clients/{id}/screens", kinship.PermMeasures, s.handleDrugScreenRecord)
	s.handle("GET /clients/{id}/timeline", kinship.PermClinicalRead, s.handleTimeline)

	s.handle("GET /admin/measures", kinship.PermOrgManage, s.handleMeasuresSetup)
	s.handle("POST /admin/measures/safety", kinship.PermOrgManage, s.handleSafetySettings)
	s.handle("POST /admin/measures/panel", kinship.PermOrgManage, s.handleScreenPanel)
	s.handle("POST /admin/measures/schedule/{id}", kinship.PermOrgManage, s.handleMeasureSchedule)
	s.handle("POST /admin/measures/instruments", kinship.PermOrgManage, s.handleInstrumentLoad)

	s.handle("GET /api/v1/instruments", kinship.PermSignedIn, s.apiInstruments)
	s.handle("POST /api/v1/instruments/{code}/score", kinship.PermSignedIn, s.apiScore)
	s.handle("GET /api/v1/clients/{id}/responses", kinship.PermClinicalRead, s.apiResponses)
	s.handle("POST /api/v1/clients/{id}/responses", kinship.PermMeasures, s.apiResponseCreate)
	s.handle("POST /api/v1/clients/{id}/assignments", kinship.PermMeasures, s.apiMeasureAssign)
	s.handle("GET /api/v1/clients/{id}/due", kinship.PermClinicalRead, s.apiDue)
	s.handle("GET /api/v1/clients/{id}/screens", kinship.PermClinicalRead, s.apiScreens)
	s.handle("POST /api/v1/clients/{id}/screens", kinship.PermMeasures, s.apiScreenCreate)
	s.handle("GET /api/v1/clients/{id}/timeline", kinship.PermClinicalRead, s.apiTimeline)
}
