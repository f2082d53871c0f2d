package web

import "kinship"

// registerClientAPI registers the JSON API for clients, admissions,
// episodes, consents, disclosures, alerts and screening.
func (s *Server) registerClientAPI() {
	s.handle("POST /api/v1/clients/{id}/documents", kinship.PermConsentManage, s.apiDocumentUpload)
	s.handle("GET /api/v1/clients", kinship.PermClientRead, s.apiClients)
	s.handle("POST /api/v1/clients", kinship.PermClientWrite, s.apiClientCreate)
	s.handle("GET /api/v1/clients/{id}", kinship.PermClientRead, s.apiClient)
	s.handle("PATCH /api/v1/clients/{id}", kinship.PermClientWrite, s.apiClientUpdate)
	s.handle("GET /api/v1/clients/{id}/episodes", kinship.PermClinicalRead, s.apiEpisodes)
	s.handle("POST /api/v1/clients/{id}/episodes", kinship.PermEpisodeManage, s.apiAdmit)
	s.handle("POST /api/v1/episodes/{id}/discharge", kinship.PermEpisodeManage, s.apiDischarge)
	s.handle("POST /api/v1/clients/{id}/break-glass", kinship.PermBreakGlass, s.apiBreakGlass)
	s.handle("GET /api/v1/diagnoses", kinship.PermClinicalRead, s.apiDiagnoses)

	s.handle("GET /api/v1/clients/{id}/consents", kinship.PermConsentManage, s.apiConsents)
	s.handle("POST /api/v1/clients/{id}/consents", kinship.PermConsentManage, s.apiConsentCreate)
	s.handle("POST /api/v1/consents/{id}/revoke", kinship.PermConsentManage, s.apiConsentRevoke)
	s.handle("GET /api/v1/clients/{id}/disclosures", kinship.PermDisclose, s.apiDisclosures)
	s.handle("POST /api/v1/clients/{id}/disclosures", kinship.PermDisclose, s.apiDisclose)
	s.handle("GET /api/v1/alerts", kinship.PermSignedIn, s.apiAlerts)
	s.handle("POST /api/v1/alerts/{id}/acknowledge", kinship.PermSignedIn, s.apiAlertAcknowledge)

	s.handle("GET /api/v1/inquiries", kinship.PermAdmissions, s.apiBoard)
	s.handle("POST /api/v1/inquiries", kinship.PermAdmissions, s.apiInquiryCreate)
	s.handle("GET /api/v1/inquiries/{id}", kinship.PermAdmissions, s.apiInquiry)
	s.handle("PATCH /api/v1/inquiries/{id}", kinship.PermAdmissions, s.apiInquiryMove)
	s.handle("POST /api/v1/inquiries/{id}/convert", kinship.PermAdmissions, s.apiInquiryConvert)
	s.handle("POST /api/v1/inquiries/{id}/link", kinship.PermAdmissions, s.apiInquiryLink)
	s.handle("POST /api/v1/inquiries/{id}/assessment", kinship.PermAdmissions, s.apiAssessmentBook)
	s.handle("POST /api/v1/screenings/level-of-care", public, s.apiScreening)
}
