package web

import "net/http"

// handleKeepAlive answers the idle script's keep-alive: typing, scrolling
// and taps send no request of their own, so the script sends this one
// (at most once a minute) and the session's idle clock starts again. The
// request itself is what counts; the handler has nothing more to do.
func (s *Server) handleKeepAlive(w http.ResponseWriter, r *http.Request) {
	w.WriteHeader(http.StatusNoContent)
}
