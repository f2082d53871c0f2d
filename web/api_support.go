package web

import (
	"net/http"
	"time"

	"kinship"
)

// supportJSON is a support request on the wire. cancellable_until is set
// while the client may still cancel it.
type supportJSON struct {
	ID               int64      `json:"id"`
	Callback         string     `json:"callback"`
	CreatedAt        time.Time  `json:"created_at"`
	AcknowledgedAt   *time.Time `json:"acknowledged_at"`
	AcknowledgedBy   string     `json:"acknowledged_by"`
	CancelledAt      *time.Time `json:"cancelled_at"`
	CancellableUntil *time.Time `json:"cancellable_until"`
}

func (s *Server) toSupportJSON(q *kinship.SupportRequest) supportJSON {
	j := supportJSON{ID: q.ID, Callback: q.Callback, CreatedAt: q.CreatedAt, AcknowledgedAt: optionalTime(q.AcknowledgedAt),
		AcknowledgedBy: q.AcknowledgedBy, CancelledAt: optionalTime(q.CancelledAt)}
	if q.Cancellable(s.cfg.Clock.Now()) {
		j.CancellableUntil = optionalTime(q.CreatedAt.Add(kinship.SupportCancelMinutes * time.Minute))
	}
	return j
}

// apiSupportNow is the API's "I need support now": 201 with the request,
// or the one still open.
func (s *Server) apiSupportNow(w http.ResponseWriter, r *http.Request) {
	q, err := s.Support.RequestSupport(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, s.toSupportJSON(q))
}

func (s *Server) apiMySupport(w http.ResponseWriter, r *http.Request) {
	reqs, err := s.Support.SupportRequests(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeList(w, "requests", reqs, s.toSupportJSON)
}

// apiSupportCancel withdraws a request tapped by mistake; 409 once the
// minutes for that have passed.
func (s *Server) apiSupportCancel(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		err = s.Support.CancelSupport(r.Context(), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"cancelled": id})
}
