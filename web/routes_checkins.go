package web

import "kinship"

// registerCheckInRoutes registers the client's daily check-in, the
// counselor's caseload signals, and their thresholds.
func (s *Server) registerCheckInRoutes() {
	s.handle("GET /me/checkin", kinship.PermPortal, s.handleCheckInForm)
	s.handle("POST /me/checkin", kinship.PermPortal, s.handleCheckIn)
	s.handle("GET /me/checkins", kinship.PermPortal, s.handleMyCheckIns)
	s.handle("POST /api/v1/me/checkins", kinship.PermPortal, s.apiCheckIn)
	s.handle("GET /api/v1/me/checkins", kinship.PermPortal, s.apiMyCheckIns)

	s.handle("GET /caseload", kinship.PermClinicalRead, s.handleCaseload)
	s.handle("POST /caseload/flags", kinship.PermClinicalRead, s.handleFlagAcknowledge)
	s.handle("GET /api/v1/caseload", kinship.PermClinicalRead, s.apiCaseload)
	s.handle("POST /api/v1/caseload/flags", kinship.PermClinicalRead, s.apiFlagAcknowledge)
	s.handle("GET /api/v1/clients/{id}/checkins", kinship.PermClinicalRead, s.apiClientCheckIns)

	s.handle("GET /admin/caseload-signals", kinship.PermOrgManage, s.handleSignalSettings)
	s.handle("POST /admin/caseload-signals", kinship.PermOrgManage, s.handleSignalSettingsSave)
	s.handle("GET /api/v1/caseload-signals", kinship.PermSignedIn, s.apiSignalSettings)
	s.handle("PUT /api/v1/programs/{id}/caseload-signals", kinship.PermOrgManage, s.apiSetSignalSettings)
}
