package web

import (
	"context"
	"crypto/subtle"
	"net"
	"net/http"
	"net/url"
	"strings"

	"kinship"
	"kinship/auth"
)

// Cookie names.
const (
	sessionCookie = "kinship_session"
	csrfCookie    = "kinship_csrf"
	csrfField     = "csrf_token"
	csrfHeader    = "X-CSRF-Token"
)

// visit is what the guard learned about a request.
type visit struct {
	me        *kinship.Staff
	client    *kinship.ClientAccount // signed in to the portal
	session   *kinship.LoginSession  // nil for bearer tokens
	token     string                 // the session cookie's value
	csrf      string
	needsMFA  bool // signed in with a password but no second factor yet
	mustEnrol bool // the organization requires MFA and this member has none
}

type visitKey struct{}

func visitOf(r *http.Request) *visit {
	v, _ := r.Context().Value(visitKey{}).(*visit)
	if v == nil {
		return &visit{}
	}
	return v
}

// guard authenticates the request, checks CSRF on state changes, and lets
// it through only if the caller holds perm. Denials are audited.
func (s *Server) guard(perm kinship.Permission, h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v := &visit{}
		ctx := context.WithValue(r.Context(), visitKey{}, v)
		ctx = kinship.WithActor(ctx, kinship.Actor{IP: s.clientIP(r)})
		r = r.WithContext(ctx)

		// Tokens are for the JSON API; pages need a browser session.
		bearer, hasBearer := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		hasBearer = hasBearer && wantsJSON(r)
		// Forms always carry a CSRF token. An API call needs one only when it
		// rides on a browser session; without cookies it has no ambient
		// authority to forge.
		_, cookieErr := r.Cookie(sessionCookie)
		_, portalErr := r.Cookie(portalCookie)
		needsCSRF := !hasBearer && !safeMethod(r.Method) && (!wantsJSON(r) || cookieErr == nil || portalErr == nil)
		if needsCSRF && !s.checkCSRF(r) {
			msg := "This form has expired. Go back, reload the page and try again."
			if wantsJSON(r) {
				msg = "Send the X-CSRF-Token header with the value of the kinship_csrf cookie, or use a bearer token."
			}
			s.fail(w, r, kinship.Errorf(kinship.EFORBIDDEN, "%s", msg))
			return
		}
		if perm == public {
			h(w, r)
			return
		}
		if perm == kinship.PermPortal {
			s.portalGuard(w, r, v, h)
			return
		}
		var err error
		if hasBearer {
			v.me, err = s.Auth.StaffByToken(ctx, strings.TrimSpace(bearer))
		} else {
			err = s.loadSession(r, v)
		}
		if err != nil {
			s.unauthenticated(w, r, err)
			return
		}
		r = r.WithContext(kinship.WithActor(ctx, kinship.Actor{StaffID: v.me.ID, Name: v.me.Name, Role: v.me.Role, IP: s.clientIP(r)}))
		if perm == signInStep {
			h(w, r)
			return
		}
		switch {
		case v.needsMFA:
			s.redirectOrRefuse(w, r, "/signin/mfa")
			return
		case v.mustEnrol:
			s.redirectOrRefuse(w, r, "/account/mfa")
			return
		}
		if !v.me.Role.Can(perm) {
			_ = s.Audit.Audit(r.Context(), kinship.AuditRecord{Action: kinship.ActionAccessDenied, ResourceType: "route",
				ResourceID: r.Pattern, Outcome: kinship.OutcomeDenied})
			msg := "Your role does not give access to this page. Ask an admin if you need it."
			if wantsJSON(r) {
				msg = "Your role does not allow this request."
			}
			s.fail(w, r, kinship.Errorf(kinship.EFORBIDDEN, "%s", msg))
			return
		}
		h(w, r)
	})
}

// loadSession resolves the session cookie into v.
func (s *Server) loadSession(r *http.Request, v *visit) error {
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return kinship.Errorf(kinship.EUNAUTHORIZED, "Please sign in.")
	}
	v.session, v.me, err = s.Auth.LoginSession(r.Context(), c.Value, s.cfg.IdleTimeout)
	if err != nil {
		return err
	}
	v.token = c.Value
	v.needsMFA = v.me.MFAEnabled && !v.session.MFAPassed
	if !v.me.MFAEnabled {
		org, err := s.Orgs.Organization(r.Context())
		if err != nil {
			return err
		}
		v.mustEnrol = org.MFARequired
	}
	return nil
}

// unauthenticated sends a browser to sign in, or answers the API with 401.
func (s *Server) unauthenticated(w http.ResponseWriter, r *http.Request, err error) {
	if kinship.ErrorCode(err) != kinship.EUNAUTHORIZED {
		s.fail(w, r, err)
		return
	}
	if wantsJSON(r) {
		s.fail(w, r, err)
		return
	}
	q := url.Values{}
	if kinship.ErrorMessage(err) != "Please sign in." {
		q.Set("expired", "1")
	}
	if r.Method == http.MethodGet {
		q.Set("next", r.URL.RequestURI())
	}
	http.Redirect(w, r, "/signin?"+q.Encode(), http.StatusSeeOther)
}

// redirectOrRefuse sends a half-signed-in browser to finish signing in.
func (s *Server) redirectOrRefuse(w http.ResponseWriter, r *http.Request, to string) {
	if wantsJSON(r) {
		s.fail(w, r, kinship.Errorf(kinship.EUNAUTHORIZED, "Finish signing in with your second factor first."))
		return
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// csrfToken returns the browser's CSRF token, setting the cookie when the
// browser has none yet.
func (s *Server) csrfToken(w http.ResponseWriter, r *http.Request) string {
	v := visitOf(r)
	if v.csrf != "" {
		return v.csrf
	}
	if c, err := r.Cookie(csrfCookie); err == nil && len(c.Value) >= 32 {
		v.csrf = c.Value
		return v.csrf
	}
	v.csrf, _, _ = auth.NewToken("")
	http.SetCookie(w, &http.Cookie{Name: csrfCookie, Value: v.csrf, Path: "/", HttpOnly: true,
		Secure: s.secure(r), SameSite: http.SameSiteStrictMode})
	return v.csrf
}

// checkCSRF compares the form field or header with the browser's cookie.
func (s *Server) checkCSRF(r *http.Request) bool {
	c, err := r.Cookie(csrfCookie)
	if err != nil || len(c.Value) < 32 {
		return false
	}
	sent := r.Header.Get(csrfHeader)
	if sent == "" {
		sent = r.PostFormValue(csrfField)
	}
	return subtle.ConstantTimeCompare([]byte(sent), []byte(c.Value)) == 1
}

func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
}

// clientIP is the peer's address; behind a trusted proxy, the nearest
// address in X-Forwarded-For that is not itself a trusted proxy.
func (s *Server) clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	if !s.trusted(host) {
		return host
	}
	hops := strings.Split(r.Header.Get("X-Forwarded-For"), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		hop := strings.TrimSpace(hops[i])
		if net.ParseIP(hop) == nil {
			break
		}
		if host = hop; !s.trusted(hop) {
			break
		}
	}
	return host
}

// trusted reports whether addr is one of the configured proxies.
func (s *Server) trusted(addr string) bool {
	ip := net.ParseIP(addr)
	for _, n := range s.cfg.TrustedProxies {
		if ip != nil && n.Contains(ip) {
			return true
		}
	}
	return false
}

// secure reports whether cookies must be marked Secure: under TLS here, or
// behind a proxy that terminates TLS.
func (s *Server) secure(r *http.Request) bool { return r.TLS != nil || s.cfg.SecureCookies }

// setSessionCookie starts a browser session; an empty token clears it.
func (s *Server) setSessionCookie(w http.ResponseWriter, r *http.Request, token string) {
	c := &http.Cookie{Name: sessionCookie, Value: token, Path: "/", HttpOnly: true,
		Secure: s.secure(r), SameSite: http.SameSiteLaxMode}
	if token == "" {
		c.MaxAge = -1
	}
	http.SetCookie(w, c)
}
