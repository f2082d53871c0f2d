package web

import (
	"errors"
	"net/http"
	"strings"

	"kinship"
)

var errPanic = errors.New("panic in handler")

// statuses maps each domain error code to its HTTP status.
var statuses = map[string]int{
	kinship.EINVALID:      http.StatusBadRequest,
	kinship.ENOTFOUND:     http.StatusNotFound,
	kinship.ECONFLICT:     http.StatusConflict,
	kinship.EFORBIDDEN:    http.StatusForbidden,
	kinship.EUNAUTHORIZED: http.StatusUnauthorized,
	kinship.ERATELIMITED:  http.StatusTooManyRequests,
}

// statusOf maps err to its HTTP status. A page that shows err in a form
// shows only a generic message for internal errors, so they are logged
// here with the request id.
func (s *Server) statusOf(r *http.Request, err error) int {
	if st, ok := statuses[kinship.ErrorCode(err)]; ok {
		return st
	}
	s.log.Error("internal error", "route", r.Pattern, "err", err)
	return http.StatusInternalServerError
}

// wantsJSON reports whether the caller is the API rather than a browser page.
func wantsJSON(r *http.Request) bool {
	return strings.HasPrefix(r.URL.Path, "/api/")
}

// errorPage is the friendly page for an error.
type errorPage struct {
	layout
	Status    int
	Message   string
	RequestID string
}

// fail answers with err: JSON for the API, a friendly page otherwise.
// Internal errors are logged with the request id, and the user sees only a
// generic message and that id.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	status := s.statusOf(r, err)
	msg := kinship.ErrorMessage(err)
	if wantsJSON(r) {
		body := map[string]any{"code": kinship.ErrorCode(err), "message": msg}
		if f := kinship.ErrorFields(err); len(f) > 0 {
			body["fields"] = f
		}
		out := map[string]any{"error": body}
		var dup *kinship.PossibleDuplicate
		if errors.As(err, &dup) {
			ids := make([]int64, len(dup.Matches))
			for i, m := range dup.Matches {
				ids[i] = m.ID
			}
			out["matches"] = ids
		}
		writeJSON(w, status, out)
		return
	}
	s.render(w, r, status, "error", &errorPage{
		layout:    layout{Title: http.StatusText(status)},
		Status:    status,
		Message:   msg,
		RequestID: w.Header().Get("X-Request-ID"),
	})
}

// invalid is an EINVALID error about one field.
func invalid(field, msg string) error {
	return &kinship.Error{Code: kinship.EINVALID, Message: msg, Fields: map[string]string{field: msg}}
}
