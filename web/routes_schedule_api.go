package web

import "kinship"

// registerScheduleAPI registers the program calendar's JSON API: rooms,
// series and sessions, attendance, enrollment, weekly hours, and booking
// individual sessions.
func (s *Server) registerScheduleAPI() {
	s.handle("GET /api/v1/session-types", kinship.PermScheduleRead, s.apiSessionTypes)
	s.handle("POST /api/v1/session-types", kinship.PermScheduleManage, s.apiSessionTypeCreate)
	s.handle("PUT /api/v1/programs/{id}/minimums", kinship.PermScheduleManage, s.apiMinimums)
	s.handle("POST /api/v1/sessions/{id}/move", kinship.PermScheduleManage, s.apiSessionMove)
	s.handle("POST /api/v1/sessions/{id}/substitute", kinship.PermScheduleManage, s.apiSubstitute)
	s.handle("GET /api/v1/rooms", kinship.PermScheduleRead, s.apiRooms)
	s.handle("POST /api/v1/rooms", kinship.PermScheduleManage, s.apiRoomCreate)
	s.handle("POST /api/v1/series", kinship.PermScheduleManage, s.apiSeriesCreate)
	s.handle("GET /api/v1/sessions", kinship.PermScheduleRead, s.apiSessions)
	s.handle("GET /api/v1/sessions/{id}", kinship.PermScheduleRead, s.apiSession)
	s.handle("POST /api/v1/sessions/{id}/cancel", kinship.PermScheduleManage, s.apiSessionCancel)
	s.handle("GET /api/v1/sessions/{id}/roster", kinship.PermScheduleRead, s.apiRoster)
	s.handle("POST /api/v1/sessions/{id}/attendance", kinship.PermAttendance, s.apiAttendance)
	s.handle("POST /api/v1/sessions/{id}/attendance/all", kinship.PermAttendance, s.apiAllPresent)
	s.handle("POST /api/v1/sites/{id}/closures", kinship.PermScheduleManage, s.apiSiteClose)

	s.handle("POST /api/v1/enrollments", kinship.PermEnroll, s.apiEnroll)
	s.handle("POST /api/v1/enrollments/{id}/end", kinship.PermEnroll, s.apiEnrollmentEnd)

	s.handle("GET /api/v1/clients/{id}/hours", kinship.PermClientRead, s.apiClientHours)
	s.handle("GET /api/v1/clients/{id}/availability", kinship.PermClientRead, s.apiAvailability)
	s.handle("PUT /api/v1/clients/{id}/availability", kinship.PermClientWrite, s.apiAvailabilitySet)
	s.handle("GET /api/v1/staff/{id}/hours", kinship.PermScheduleRead, s.apiStaffHours)
	// Anyone sets their own working hours; only schedule managers set
	// someone else's.
	s.handle("PUT /api/v1/me/hours", kinship.PermSignedIn, s.apiMyHoursSet)
	s.handle("PUT /api/v1/staff/{id}/hours", kinship.PermScheduleManage, s.apiStaffHoursSet)
	s.handle("GET /api/v1/at-risk", kinship.PermClinicalRead, s.apiAtRisk)
	s.handle("GET /api/v1/clients/{id}/find-times", kinship.PermEpisodeManage, s.apiFindTimes)
	s.handle("POST /api/v1/clients/{id}/individual-sessions", kinship.PermEpisodeManage, s.apiBookIndividual)
	s.handle("POST /api/v1/plan-week", kinship.PermScheduleManage, s.apiPlanWeek)
}
