package web

import "kinship"

// registerFeedRoutes adds the private iCalendar feeds: the feed itself,
// public because its unguessable token is the credential, and the API that
// hands out and revokes feed URLs.
func (s *Server) registerFeedRoutes() {
	s.handle("GET /calendar/{token}", public, s.handleCalendarFeed)
	s.handle("POST /api/v1/me/calendar-feed", kinship.PermSignedIn, s.apiMyFeedCreate)
	s.handle("DELETE /api/v1/me/calendar-feed", kinship.PermSignedIn, s.apiMyFeedRevoke)
	s.handle("POST /api/v1/clients/{id}/calendar-feed", kinship.PermClientRead, s.apiClientFeedCreate)
	s.handle("DELETE /api/v1/clients/{id}/calendar-feed", kinship.PermClientRead, s.apiClientFeedRevoke)
}
