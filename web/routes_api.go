package web

import "kinship"

// registerClientAPI registers the JSON API for clients, admissions,
// episodes, consents, disclosures, alerts and screening.
func (s *Server) registerClientAPI() {
	_ = kinship.PermClientRead
}
