package web

import "net/http"

// settingsPage lists the program's settings pages, which share one entry
// in the navigation.
type settingsPage struct {
	layout
	Links []settingsLink
}

func (s *Server) handleSettings(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "settings", &settingsPage{layout: layout{Title: "Settings"}, Links: settingsPages})
}
