package web

// registerTreatmentPlanRoutes registers the pages and API of this part of the clinical record.
func (s *Server) registerTreatmentPlanRoutes() {}
