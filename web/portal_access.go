package web

import (
	"net/http"
	"net/url"
	"time"

	"kinship"
)

// The portal keeps its own cookie, so a client's session opens only the
// portal and a staff session never opens it.
const (
	portalCookie = "kinship_portal"
	// portalIdle signs a client out sooner than staff: phones are shared.
	portalIdle = 10 * time.Minute
)

// portalGuard lets a signed-in client through to h, acting as themselves.
func (s *Server) portalGuard(w http.ResponseWriter, r *http.Request, v *visit, h http.HandlerFunc) {
	c, err := r.Cookie(portalCookie)
	if err != nil || c.Value == "" {
		if _, staff := r.Cookie(sessionCookie); staff == nil {
			_ = s.Audit.Audit(r.Context(), kinship.AuditRecord{Action: kinship.ActionAccessDenied, ResourceType: "route",
				ResourceID: r.Pattern, Outcome: kinship.OutcomeDenied, Detail: "staff session on a client page"})
			s.fail(w, r, kinship.Errorf(kinship.EFORBIDDEN, "This page is for clients, in their own portal."))
			return
		}
		s.portalSignIn(w, r, kinship.Errorf(kinship.EUNAUTHORIZED, "Please sign in."))
		return
	}
	if v.client, err = s.Portal.ClientSession(r.Context(), c.Value, portalIdle); err != nil {
		s.portalSignIn(w, r, err)
		return
	}
	v.token = c.Value
	a := kinship.ActorFrom(r.Context())
	r = r.WithContext(kinship.WithActor(r.Context(), kinship.Actor{ClientID: v.client.ClientID, Name: "client", Role: kinship.RoleClient, IP: a.IP}))
	h(w, r)
}

// portalSignIn sends a browser to the portal's sign-in, or answers the
// API with 401.
func (s *Server) portalSignIn(w http.ResponseWriter, r *http.Request, err error) {
	if wantsJSON(r) || kinship.ErrorCode(err) != kinship.EUNAUTHORIZED {
		s.fail(w, r, err)
		return
	}
	q := url.Values{}
	if kinship.ErrorMessage(err) != "Please sign in." {
		q.Set("expired", "1")
	}
	http.Redirect(w, r, "/portal/signin?"+q.Encode(), http.StatusSeeOther)
}

// setPortalCookie starts a portal session; an empty token clears it.
func (s *Server) setPortalCookie(w http.ResponseWriter, r *http.Request, token string) {
	c := &http.Cookie{Name: portalCookie, Value: token, Path: "/", HttpOnly: true, Secure: s.secure(r), SameSite: http.SameSiteLaxMode}
	if token == "" {
		c.MaxAge = -1
	}
	http.SetCookie(w, c)
}
