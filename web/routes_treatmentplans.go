package web

import "kinship"

// registerTreatmentPlanRoutes registers treatment plans: the staff's pages
// and API, the client's page and API in their portal, and the review
// setting.
func (s *Server) registerTreatmentPlanRoutes() {
	s.handle("GET /clients/{id}/treatment-plan", kinship.PermClinicalRead, s.handleTreatmentPlan)
	s.handle("POST /clients/{id}/treatment-plan", kinship.PermEpisodeManage, s.handleTreatmentPlanSave)
	s.handle("GET /clients/{id}/treatment-plan/edit", kinship.PermEpisodeManage, s.handleTreatmentPlanEdit)
	s.handle("POST /clients/{id}/treatment-plan/sign", kinship.PermEpisodeManage, s.handleTreatmentPlanSign)
	s.handle("GET /clients/{id}/treatment-plan/versions/{version}", kinship.PermClinicalRead, s.handleTreatmentPlanVersion)
	s.handle("GET /clients/{id}/treatment-plan/versions/{version}/print", kinship.PermClinicalRead, s.handleTreatmentPlanPrint)
	s.handle("GET /admin/treatment-plans", kinship.PermOrgManage, s.handlePlanSettings)
	s.handle("POST /admin/treatment-plans", kinship.PermOrgManage, s.handlePlanSettingsSave)

	s.handle("GET /me/treatment-plan", kinship.PermPortal, s.handleMyTreatmentPlan)
	s.handle("POST /me/treatment-plan/sign", kinship.PermPortal, s.handleMyTreatmentPlanSign)

	s.handle("GET /api/v1/clients/{id}/treatment-plan", kinship.PermClinicalRead, s.apiTreatmentPlan)
	s.handle("POST /api/v1/clients/{id}/treatment-plan", kinship.PermEpisodeManage, s.apiTreatmentPlanSave(true))
	s.handle("PUT /api/v1/clients/{id}/treatment-plan", kinship.PermEpisodeManage, s.apiTreatmentPlanSave(false))
	s.handle("GET /api/v1/clients/{id}/treatment-plan/versions/{version}", kinship.PermClinicalRead, s.apiTreatmentPlan)
	s.handle("POST /api/v1/clients/{id}/treatment-plan/sign", kinship.PermEpisodeManage, s.apiTreatmentPlanSign)
	s.handle("GET /api/v1/clients/{id}/treatment-plan/status", kinship.PermClinicalRead, s.apiPlanStatus)
	s.handle("GET /api/v1/treatment-plan-reviews", kinship.PermClinicalRead, s.apiPlanReviewsDue)
	s.handle("GET /api/v1/treatment-plan-settings", kinship.PermSignedIn, s.apiPlanSettings)
	s.handle("PUT /api/v1/treatment-plan-settings", kinship.PermOrgManage, s.apiPlanSettingsSet)
	s.handle("GET /api/v1/me/treatment-plan", kinship.PermPortal, s.apiMyTreatmentPlan)
	s.handle("POST /api/v1/me/treatment-plan/sign", kinship.PermPortal, s.apiMyTreatmentPlanSign)
}
