package web

import "kinship"

// registerRecoveryRoutes registers the relapse-prevention plan, the
// trigger-and-skill log and weekly goals: the client's pages and API, and
// the staff's views of them.
func (s *Server) registerRecoveryRoutes() {
	for _, base := range []struct {
		path       string
		read, edit kinship.Permission
	}{
		{"/me", kinship.PermPortal, kinship.PermPortal},
		{"/clients/{id}", kinship.PermClinicalRead, kinship.PermEpisodeManage},
	} {
		s.handle("GET "+base.path+"/plan", base.read, s.handlePlan)
		s.handle("POST "+base.path+"/plan", base.edit, s.handlePlanSave)
		s.handle("GET "+base.path+"/plan/versions/{version}", base.read, s.handlePlanVersion)
		s.handle("GET "+base.path+"/plan/card", base.read, s.handlePlanCard)
		s.handle("GET /api/v1"+base.path+"/plan", base.read, s.apiPlan)
		s.handle("POST /api/v1"+base.path+"/plan", base.edit, s.apiPlanSave)
	}

	s.handle("GET /me/log", kinship.PermPortal, s.handleLog)
	s.handle("POST /me/log", kinship.PermPortal, s.handleLogSave)
	s.handle("GET /api/v1/me/log", kinship.PermPortal, s.apiLog)
	s.handle("POST /api/v1/me/log", kinship.PermPortal, s.apiLogCreate)
	s.handle("GET /api/v1/me/skills", kinship.PermPortal, s.apiSkills)
	s.handle("GET /sessions/{id}/themes", kinship.PermAttendance, s.handleThemes)
	s.handle("GET /api/v1/sessions/{id}/themes", kinship.PermAttendance, s.apiThemes)
	s.handle("GET /admin/skills", kinship.PermOrgManage, s.handleSkills)
	s.handle("POST /admin/skills", kinship.PermOrgManage, s.handleSkillsSave)
	s.handle("GET /api/v1/skills", kinship.PermSignedIn, s.apiSkills)
	s.handle("PUT /api/v1/skills", kinship.PermOrgManage, s.apiSkillsSet)

	s.handle("GET /me/goals", kinship.PermPortal, s.handleGoals)
	s.handle("POST /me/goals", kinship.PermPortal, s.handleGoalAdd)
	s.handle("POST /me/goals/{id}/done", kinship.PermPortal, s.goalDone(false))
	s.handle("POST /me/goals/{id}/undo", kinship.PermPortal, s.goalDone(true))
	s.handle("POST /me/goals/{id}/delete", kinship.PermPortal, s.goalDelete())
	s.handle("GET /api/v1/me/goals", kinship.PermPortal, s.apiGoals)
	s.handle("POST /api/v1/me/goals", kinship.PermPortal, s.apiGoalCreate)
	s.handle("POST /api/v1/me/goals/{id}/done", kinship.PermPortal, s.goalDone(false))
	s.handle("POST /api/v1/me/goals/{id}/undo", kinship.PermPortal, s.goalDone(true))
	s.handle("DELETE /api/v1/me/goals/{id}", kinship.PermPortal, s.goalDelete())
	s.handle("GET /clients/{id}/goals", kinship.PermClinicalRead, s.handleClientGoals)
	s.handle("GET /api/v1/clients/{id}/goals", kinship.PermClinicalRead, s.apiClientGoals)
}
