package web

import (
	"net/http"
	"net/url"
	"strings"

	"kinship"
)

type signInPage struct {
	layout
	Email  string
	Next   string
	Errors map[string]string
}

func (s *Server) handleSignInForm(w http.ResponseWriter, r *http.Request) {
	p := &signInPage{layout: layout{Title: "Sign in"}, Next: safeNext(r.URL.Query().Get("next"))}
	if r.URL.Query().Get("expired") != "" {
		p.Notice = "You were signed out after a period without activity. Please sign in again."
	}
	s.render(w, r, http.StatusOK, "signin", p)
}

func (s *Server) handleSignIn(w http.ResponseWriter, r *http.Request) {
	email, next := r.PostFormValue("email"), safeNext(r.PostFormValue("next"))
	m, err := s.Auth.SignIn(r.Context(), email, r.PostFormValue("password"))
	if err == nil {
		err = s.startSession(w, r, m)
	}
	if err != nil {
		p := &signInPage{layout: layout{Title: "Sign in"}, Email: email, Next: next, Errors: formErrors(err)}
		s.render(w, r, s.statusOf(r, err), "signin", p)
		return
	}
	switch {
	case m.MFAEnabled:
		http.Redirect(w, r, "/signin/mfa?next="+url.QueryEscape(next), http.StatusSeeOther)
	default:
		// The guard sends a member who must enrol in MFA to enrolment.
		http.Redirect(w, r, next, http.StatusSeeOther)
	}
}

// startSession replaces any session this browser had with a new one.
func (s *Server) startSession(w http.ResponseWriter, r *http.Request, m *kinship.Staff) error {
	if c, err := r.Cookie(sessionCookie); err == nil {
		_ = s.Auth.EndSession(r.Context(), c.Value)
	}
	token, _, err := s.Auth.StartSession(r.Context(), m.ID, !m.MFAEnabled)
	if err != nil {
		return err
	}
	s.setSessionCookie(w, r, token)
	return nil
}

func (s *Server) handleSignOut(w http.ResponseWriter, r *http.Request) {
	if v := visitOf(r); v.token != "" {
		if err := s.Auth.EndSession(r.Context(), v.token); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	s.setSessionCookie(w, r, "")
	if r.PostFormValue("idle") != "" {
		// The idle script signed out after its warning: sign-in says why
		// and brings the person back to the page they were on.
		http.Redirect(w, r, "/signin?"+url.Values{"expired": {"1"}, "next": {safeNext(r.PostFormValue("next"))}}.Encode(), http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/signin?done=signed-out", http.StatusSeeOther)
}

// safeNext keeps a post-sign-in redirect on this site.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.ContainsAny(next, `\`) {
		return "/dashboard"
	}
	return next
}

// formErrors returns the per-field messages of err, or the message under
// "" when no field is at fault.
func formErrors(err error) map[string]string {
	if f := kinship.ErrorFields(err); len(f) > 0 {
		return f
	}
	return map[string]string{"": kinship.ErrorMessage(err)}
}
