package web

import "kinship"

// registerNetworkRoutes registers the client's support network and
// milestones, and the staff's family-session invitation.
func (s *Server) registerNetworkRoutes() {
	s.handle("GET /me/people", kinship.PermPortal, s.handlePeople)
	s.handle("GET /me/people/new", kinship.PermPortal, s.handlePersonNew)
	s.handle("POST /me/people", kinship.PermPortal, s.handlePersonCreate)
	s.handle("GET /me/people/{id}", kinship.PermPortal, s.handlePerson)
	s.handle("POST /me/people/{id}", kinship.PermPortal, s.handlePersonUpdate)
	s.handle("POST /me/people/{id}/delete", kinship.PermPortal, s.handlePersonDelete)
	s.handle("GET /api/v1/me/contacts", kinship.PermPortal, s.apiMyContacts)
	s.handle("POST /api/v1/me/contacts", kinship.PermPortal, s.apiMyContactCreate)
	s.handle("PATCH /api/v1/me/contacts/{id}", kinship.PermPortal, s.apiMyContactUpdate)
	s.handle("DELETE /api/v1/me/contacts/{id}", kinship.PermPortal, s.apiMyContactDelete)

	s.handle("GET /me/milestones", kinship.PermPortal, s.handleMilestones)
	s.handle("POST /me/milestones", kinship.PermPortal, s.handleMilestonesSet)
	s.handle("POST /me/milestones/visibility", kinship.PermPortal, s.handleMilestonesVisibility)
	s.handle("GET /api/v1/me/milestones", kinship.PermPortal, s.apiMilestones)
	s.handle("POST /api/v1/me/milestones", kinship.PermPortal, s.apiMilestonesSet)
	s.handle("POST /api/v1/me/milestones/visibility", kinship.PermPortal, s.apiMilestonesVisibility)

	s.handle("GET /api/v1/clients/{id}/contacts", kinship.PermClinicalRead, s.apiClientContacts)
	s.handle("POST /clients/{id}/people/{contact}/invite-family", kinship.PermEpisodeManage, s.handleFamilyInvite)
	s.handle("POST /api/v1/clients/{id}/contacts/{contact}/invite-family", kinship.PermEpisodeManage, s.apiFamilyInvite)
}
