package web

import (
	"net/http"

	"kinship"
)

// Access levels below a permission: who may reach a route at all.
const (
	// public routes need no sign-in.
	public kinship.Permission = "public"
	// signInStep routes need a correct password but not yet the second
	// factor: verifying or enrolling it, and signing out.
	signInStep kinship.Permission = "sign_in_step"
)

// route is one registered pattern and the permission it needs.
type route struct {
	pattern string
	perm    kinship.Permission
}

// handle registers h for pattern behind the access check for perm.
func (s *Server) handle(pattern string, perm kinship.Permission, h http.HandlerFunc) {
	s.routes = append(s.routes, route{pattern, perm})
	s.mux.Handle(pattern, s.guard(perm, h))
}

// registerRoutes is the whole URL space. Each route names the permission it
// needs; the policy in the kinship package says which roles hold it.
func (s *Server) registerRoutes() {
	s.handle("GET /healthz", public, s.handleHealth)
	s.handle("GET /static/{hash}/{file}", public, s.handleStatic)
	s.handle("/", public, s.handleNotFound)
	s.handle("GET /{$}", public, s.handleHome)

	s.handle("GET /setup/{token}", public, s.handleSetupForm)
	s.handle("POST /setup/{token}", public, s.handleSetup)
	s.handle("GET /signin", public, s.handleSignInForm)
	s.handle("POST /signin", public, s.handleSignIn)
	s.handle("GET /invite/{token}", public, s.handleInviteForm)
	s.handle("POST /invite/{token}", public, s.handleInviteAccept)

	s.handle("GET /screen", public, s.handleScreenForm)
	s.handle("POST /screen", public, s.handleScreen)
	s.handle("POST /screen/contact", public, s.handleScreenContact)

	s.handle("GET /signin/mfa", signInStep, s.handleMFAForm)
	s.handle("POST /signin/mfa", signInStep, s.handleMFAVerify)
	s.handle("GET /account/mfa", signInStep, s.handleMFAEnrolForm)
	s.handle("POST /account/mfa", signInStep, s.handleMFAEnrol)
	s.handle("POST /signout", signInStep, s.handleSignOut)
	s.handle("POST /session/keepalive", kinship.PermSignedIn, s.handleKeepAlive)

	s.handle("GET /dashboard", kinship.PermSignedIn, s.handleDashboard)
	s.handle("POST /alerts/{id}/acknowledge", kinship.PermSignedIn, s.handleAcknowledge)
	s.handle("GET /account", kinship.PermSignedIn, s.handleAccount)
	s.handle("POST /account/tokens", kinship.PermSignedIn, s.handleTokenCreate)
	s.handle("POST /account/hours", kinship.PermSignedIn, s.handleWorkingHours)
	s.handle("POST /account/calendar-feed", kinship.PermSignedIn, s.handleMyFeed)
	s.handle("POST /account/calendar-feed/revoke", kinship.PermSignedIn, s.handleMyFeedRevoke)
	s.handle("POST /account/tokens/{id}/revoke", kinship.PermSignedIn, s.handleTokenRevoke)

	s.handle("GET /clients", kinship.PermClientRead, s.handleClientList)
	s.handle("GET /clients/new", kinship.PermClientWrite, s.handleClientNew)
	s.handle("POST /clients", kinship.PermClientWrite, s.handleClientCreate)
	s.handle("GET /clients/{id}", kinship.PermClientRead, s.handleChart)
	s.handle("GET /clients/{id}/edit", kinship.PermClientWrite, s.handleClientEdit)
	s.handle("POST /clients/{id}", kinship.PermClientWrite, s.handleClientUpdate)
	s.handle("GET /clients/{id}/registration", kinship.PermLegalName, s.handleRegistration)
	s.handle("POST /clients/{id}/registration", kinship.PermLegalName, s.handleRegistrationUpdate)
	s.handle("POST /clients/{id}/break-glass", kinship.PermBreakGlass, s.handleBreakGlass)
	s.handle("POST /clients/{id}/episodes", kinship.PermEpisodeManage, s.handleAdmit)
	s.handle("POST /clients/{id}/episodes/{episode}/discharge", kinship.PermEpisodeManage, s.handleDischarge)
	s.handle("GET /clients/{id}/consents/new", kinship.PermConsentManage, s.handleConsentNew)
	s.handle("POST /clients/{id}/consents", kinship.PermConsentManage, s.handleConsentCreate)
	s.handle("POST /clients/{id}/consents/{consent}/revoke", kinship.PermConsentManage, s.handleConsentRevoke)
	s.handle("GET /clients/{id}/documents/{document}", kinship.PermConsentManage, s.handleDocument)
	s.handle("GET /clients/{id}/disclosures", kinship.PermDisclose, s.handleDisclosures)
	s.handle("POST /clients/{id}/disclosures", kinship.PermDisclose, s.handleDisclose)
	s.handle("GET /clients/{id}/disclosures.csv", kinship.PermDisclose, s.handleAccountingCSV)

	s.handle("GET /admissions", kinship.PermAdmissions, s.handleBoard)
	s.handle("GET /admissions/new", kinship.PermAdmissions, s.handleInquiryNew)
	s.handle("POST /admissions", kinship.PermAdmissions, s.handleInquiryCreate)
	s.handle("GET /admissions/{id}", kinship.PermAdmissions, s.handleInquiry)
	s.handle("POST /admissions/{id}/move", kinship.PermAdmissions, s.handleInquiryMove)
	s.handle("POST /admissions/{id}/screening", kinship.PermAdmissions, s.handleInquiryScreening)
	s.handle("POST /admissions/{id}/assessment", kinship.PermAdmissions, s.handleAssessmentBook)
	s.handle("GET /admissions/{id}/convert", kinship.PermAdmissions, s.handleConvertForm)
	s.handle("POST /admissions/{id}/convert", kinship.PermAdmissions, s.handleConvert)
	s.handle("POST /admissions/{id}/link", kinship.PermAdmissions, s.handleInquiryLink)

	s.handle("GET /schedule", kinship.PermScheduleRead, s.handleSchedule)
	s.handle("GET /clients/{id}/schedule", kinship.PermClientRead, s.handleClientSchedule)
	s.handle("POST /clients/{id}/enrollments", kinship.PermEnroll, s.handleEnroll)
	s.handle("POST /clients/{id}/enrollments/{enrollment}/end", kinship.PermEnroll, s.handleEnrollmentEnd)
	s.handle("POST /clients/{id}/availability", kinship.PermClientWrite, s.handleAvailability)
	s.handle("POST /clients/{id}/make-ups", kinship.PermEnroll, s.handleMakeUp)
	s.handle("GET /clients/{id}/find-time", kinship.PermEpisodeManage, s.handleFindTime)
	s.handle("POST /clients/{id}/individual-sessions", kinship.PermEpisodeManage, s.handleBook)
	s.handle("GET /sessions/{id}", kinship.PermScheduleRead, s.handleSession)
	s.handle("POST /sessions/{id}/attendance", kinship.PermAttendance, s.handleAttendance)
	s.handle("POST /sessions/{id}/attendance/all", kinship.PermAttendance, s.handleAllPresent)
	s.handle("POST /sessions/{id}/cancel", kinship.PermScheduleManage, s.handleSessionCancel)
	s.handle("POST /sessions/{id}/move", kinship.PermScheduleManage, s.handleSessionMove)
	s.handle("POST /sessions/{id}/substitute", kinship.PermScheduleManage, s.handleSubstitute)
	s.handle("POST /schedule/types", kinship.PermScheduleManage, s.handleSessionTypeCreate)

	s.handle("GET /schedule/setup", kinship.PermScheduleManage, s.handleScheduleSetup)
	s.handle("POST /schedule/minimums", kinship.PermScheduleManage, s.handleMinimums)
	s.handle("POST /schedule/rooms", kinship.PermScheduleManage, s.handleRoomCreate)
	s.handle("POST /schedule/series", kinship.PermScheduleManage, s.handleSeriesCreate)
	s.handle("POST /schedule/closures", kinship.PermScheduleManage, s.handleClosure)
	s.handle("POST /schedule/plan", kinship.PermScheduleManage, s.handlePlanWeek)

	s.handle("GET /admin/staff", kinship.PermStaffManage, s.handleStaffList)
	s.handle("POST /admin/staff", kinship.PermStaffManage, s.handleStaffInvite)
	s.handle("GET /admin/staff/{id}", kinship.PermStaffManage, s.handleStaffEdit)
	s.handle("POST /admin/staff/{id}", kinship.PermStaffManage, s.handleStaffUpdate)
	s.handle("POST /admin/staff/{id}/reset-mfa", kinship.PermStaffManage, s.handleStaffResetMFA)
	s.handle("POST /admin/staff/{id}/reset-password", kinship.PermStaffManage, s.handleStaffResetPassword)
	s.handle("GET /admin/settings", kinship.PermOrgManage, s.handleSettings)
	s.handle("GET /admin/organization", kinship.PermOrgManage, s.handleOrganization)
	s.handle("POST /admin/organization", kinship.PermOrgManage, s.handleOrganizationUpdate)
	s.handle("POST /admin/sites", kinship.PermOrgManage, s.handleSiteCreate)
	s.handle("POST /admin/programs", kinship.PermOrgManage, s.handleProgramCreate)
	s.handle("POST /admin/tracks", kinship.PermOrgManage, s.handleTrackCreate)
	s.handle("GET /admin/audit", kinship.PermAuditView, s.handleAudit)
	s.handle("GET /admin/audit.csv", kinship.PermAuditView, s.handleAuditCSV)

	s.handle("GET /api/v1/me", kinship.PermSignedIn, s.apiMe)
	s.handle("GET /api/v1/organization", kinship.PermSignedIn, s.apiOrganization)
	s.handle("PATCH /api/v1/organization", kinship.PermOrgManage, s.apiOrganizationUpdate)
	s.handle("GET /api/v1/sites", kinship.PermSignedIn, s.apiSites)
	s.handle("POST /api/v1/sites", kinship.PermOrgManage, s.apiSiteCreate)
	s.handle("GET /api/v1/programs", kinship.PermSignedIn, s.apiPrograms)
	s.handle("POST /api/v1/programs", kinship.PermOrgManage, s.apiProgramCreate)
	s.handle("GET /api/v1/tracks", kinship.PermSignedIn, s.apiTracks)
	s.handle("POST /api/v1/tracks", kinship.PermOrgManage, s.apiTrackCreate)
	s.handle("GET /api/v1/staff", kinship.PermStaffManage, s.apiStaffList)
	s.handle("POST /api/v1/staff", kinship.PermStaffManage, s.apiStaffCreate)
	s.handle("PATCH /api/v1/staff/{id}", kinship.PermStaffManage, s.apiStaffUpdate)
	s.handle("POST /api/v1/staff/{id}/reset-password", kinship.PermStaffManage, s.apiStaffResetPassword)
	s.handle("GET /api/v1/audit-events", kinship.PermAuditView, s.apiAuditEvents)
	s.registerClientAPI()
	s.registerScheduleAPI()
	s.registerFeedRoutes()
	s.registerMeasureRoutes()
	s.registerPortalRoutes()
	s.registerCheckInRoutes()
	s.registerRecoveryRoutes()
	s.registerNetworkRoutes()
	s.registerTreatmentPlanRoutes()
	s.registerNoteRoutes()
}
