package web

import (
	"net/http"

	"kinship"
	"kinship/notify"
)

// registerPortalRoutes registers the client portal's own pages: signing
// in, Today, answering instruments and asking for support.
func (s *Server) registerPortalRoutes() {
	s.handle("GET /portal/signin", public, s.handlePortalSignInForm)
	s.handle("POST /portal/signin", public, s.handlePortalSignIn)
	s.handle("POST /portal/signin/link", public, s.handlePortalLinkRequest)
	s.handle("GET /portal/link/{token}", public, s.handlePortalLinkForm)
	s.handle("POST /portal/link/{token}", public, s.handlePortalLink)
	s.handle("GET /portal/invite/{token}", public, s.handlePortalInviteForm)
	s.handle("POST /portal/invite/{token}", public, s.handlePortalInvite)
	s.handle("POST /portal/signout", public, s.handlePortalSignOut)
	s.handle("GET /bye", public, s.handleBye)

	s.handle("GET /me", kinship.PermPortal, s.handleToday)
	s.handle("GET /me/manifest.webmanifest", kinship.PermPortal, s.handleManifest)
	s.handle("GET /me/settings", kinship.PermPortal, s.handlePortalSettings)
	s.handle("POST /me/keepalive", kinship.PermPortal, s.handleKeepAlive)
	s.handle("POST /me/settings", kinship.PermPortal, s.handlePortalSettingsSave)
	s.handle("POST /me/support", kinship.PermPortal, s.handleSupportNow)
	s.handle("GET /me/support", kinship.PermPortal, s.handleSupportPage)
	s.handle("POST /me/support/{id}/callback", kinship.PermPortal, s.handleSupportCallback)
	s.handle("POST /me/support/{id}/cancel", kinship.PermPortal, s.handleSupportCancel)
	s.handle("POST /api/v1/me/support", kinship.PermPortal, s.apiSupportNow)
	s.handle("GET /api/v1/me/support", kinship.PermPortal, s.apiMySupport)
	s.handle("POST /api/v1/me/support/{id}/cancel", kinship.PermPortal, s.apiSupportCancel)
	s.handle("GET /me/measures/{code}", kinship.PermPortal, s.handleMyMeasureForm)
	s.handle("POST /me/measures/{code}", kinship.PermPortal, s.handleMyMeasure)

	s.handle("POST /clients/{id}/portal-invite", kinship.PermInviteClient, s.handlePortalInviteCreate)
	s.handle("POST /api/v1/clients/{id}/invite", kinship.PermInviteClient, s.apiPortalInvite)
	s.handle("GET /admin/outbox", kinship.PermOrgManage, s.handleOutbox)
}

// portalSignInPage is the client's sign-in: a password, or a link by email.
type portalSignInPage struct {
	layout
	Email    string
	LinkSent bool
	Errors   map[string]string
}

func (s *Server) handlePortalSignInForm(w http.ResponseWriter, r *http.Request) {
	p := &portalSignInPage{layout: layout{Title: "Sign in"}}
	if r.URL.Query().Get("expired") != "" {
		p.Notice = "You were signed out after a while without activity, to keep your page private."
	}
	s.render(w, r, http.StatusOK, "portal_signin", p)
}

func (s *Server) handlePortalSignIn(w http.ResponseWriter, r *http.Request) {
	email := r.PostFormValue("email")
	a, err := s.Portal.ClientSignIn(r.Context(), email, r.PostFormValue("password"))
	if err == nil {
		err = s.startPortalSession(w, r, a.ClientID)
	}
	if err != nil {
		s.render(w, r, s.statusOf(r, err), "portal_signin", &portalSignInPage{layout: layout{Title: "Sign in"}, Email: email, Errors: formErrors(err)})
		return
	}
	http.Redirect(w, r, "/me", http.StatusSeeOther)
}

// startPortalSession replaces the browser's portal session with a new one.
func (s *Server) startPortalSession(w http.ResponseWriter, r *http.Request, clientID int64) error {
	if c, err := r.Cookie(portalCookie); err == nil {
		_ = s.Portal.EndClientSession(r.Context(), c.Value)
	}
	token, err := s.Portal.StartClientSession(r.Context(), clientID)
	if err == nil {
		s.setPortalCookie(w, r, token)
	}
	return err
}

// handlePortalLinkRequest emails a sign-in link. It answers the same
// whether or not the email has an account, so it reveals nobody.
func (s *Server) handlePortalLinkRequest(w http.ResponseWriter, r *http.Request) {
	email := r.PostFormValue("email")
	token, a, err := s.Portal.SignInLink(r.Context(), email)
	if err == nil && a != nil {
		err = s.sendPortalLink(r, a, notify.KindSignInLink, notify.ChannelEmail, a.Email, "/portal/link/"+token)
	}
	if err != nil {
		s.render(w, r, s.statusOf(r, err), "portal_signin", &portalSignInPage{layout: layout{Title: "Sign in"}, Email: email, Errors: formErrors(err)})
		return
	}
	s.render(w, r, http.StatusOK, "portal_signin", &portalSignInPage{layout: layout{Title: "Sign in"}, Email: email, LinkSent: true})
}

// sendPortalLink queues a discreet message with a link for a client.
func (s *Server) sendPortalLink(r *http.Request, a *kinship.ClientAccount, kind, channel, to, path string) error {
	subject, body, err := notify.Reminder(kind, notify.ReminderParams{SenderName: a.AppName, URL: s.absURL(r, path)})
	if err != nil {
		return err
	}
	return s.Portal.QueueMessage(r.Context(), a.ClientID, kind, notify.Message{Channel: channel, To: to, Subject: subject, Body: body})
}

// linkPage asks for a tap before using a one-time link, so a mail
// scanner that follows links does not spend it.
type linkPage struct {
	layout
	Action string
}

func (s *Server) handlePortalLinkForm(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "portal_link", &linkPage{layout: layout{Title: "Sign in"}, Action: "/portal/link/" + r.PathValue("token")})
}

func (s *Server) handlePortalLink(w http.ResponseWriter, r *http.Request) {
	a, err := s.Portal.UseSignInLink(r.Context(), r.PathValue("token"))
	if err == nil {
		err = s.startPortalSession(w, r, a.ClientID)
	}
	if err != nil {
		s.render(w, r, s.statusOf(r, err), "portal_signin", &portalSignInPage{layout: layout{Title: "Sign in"}, Errors: formErrors(err)})
		return
	}
	http.Redirect(w, r, "/me", http.StatusSeeOther)
}

// portalInvitePage is where a client sets their email and password.
type portalInvitePage struct {
	layout
	Account *kinship.ClientAccount
	Email   string
	Errors  map[string]string
}

func (s *Server) handlePortalInviteForm(w http.ResponseWriter, r *http.Request) {
	a, err := s.Portal.ClientInviteFor(r.Context(), r.PathValue("token"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "portal_invite", &portalInvitePage{layout: layout{Title: "Welcome"}, Account: a, Email: a.Email})
}

func (s *Server) handlePortalInvite(w http.ResponseWriter, r *http.Request) {
	token, email := r.PathValue("token"), r.PostFormValue("email")
	a, err := s.Portal.AcceptClientInvite(r.Context(), token, email, r.PostFormValue("password"))
	if err == nil {
		err = s.startPortalSession(w, r, a.ClientID)
	}
	switch kinship.ErrorCode(err) {
	case "":
		http.Redirect(w, r, "/me?done=welcome", http.StatusSeeOther)
	case kinship.EINVALID, kinship.ECONFLICT:
		acct, ierr := s.Portal.ClientInviteFor(r.Context(), token)
		if ierr != nil {
			s.fail(w, r, ierr)
			return
		}
		s.render(w, r, s.statusOf(r, err), "portal_invite", &portalInvitePage{layout: layout{Title: "Welcome"}, Account: acct, Email: email, Errors: formErrors(err)})
	default:
		s.fail(w, r, err)
	}
}

// quickExitURL is where "Quick exit" goes: a page nobody would look twice at.
const quickExitURL = "https://www.google.com/search?q=weather+today"

// handlePortalSignOut ends the portal session; a quick exit also leaves
// for a neutral page at once.
func (s *Server) handlePortalSignOut(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(portalCookie); err == nil {
		_ = s.Portal.EndClientSession(r.Context(), c.Value)
	}
	s.setPortalCookie(w, r, "")
	if r.PostFormValue("exit") != "" {
		// The page's form-action policy keeps a form from leaving the
		// site, so without script the exit lands on a neutral page here;
		// the script leaves for quickExitURL directly.
		http.Redirect(w, r, "/bye", http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/portal/signin?done=signed-out", http.StatusSeeOther)
}

// handlePortalInviteCreate makes an invitation on the chart and sends it
// discreetly to the client's email, or by text where they allow texts.
func (s *Server) handlePortalInviteCreate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var link string
	if err == nil {
		link, err = s.invitePortal(r, id)
	}
	if err != nil {
		s.chartFormFailed(w, r, "portal", err, kinship.Admission{})
		return
	}
	r.SetPathValue("id", itoa(id))
	s.renderChartWith(w, r, func(p *chartPage) { p.PortalInvite = link })
}

func (s *Server) apiPortalInvite(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var link string
	if err == nil {
		link, err = s.invitePortal(r, id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]string{"invite_url": link})
}

// invitePortal creates the invitation, queues it to the client and returns
// the link for staff to pass on in person.
func (s *Server) invitePortal(r *http.Request, clientID int64) (string, error) {
	inv, err := s.Portal.InviteClient(r.Context(), clientID)
	if err != nil {
		return "", err
	}
	c, err := s.Clients.Client(r.Context(), clientID)
	if err != nil {
		return "", err
	}
	path := "/portal/invite/" + inv.Token
	a := &kinship.ClientAccount{ClientID: clientID, AppName: "Kinship"}
	switch {
	case c.Email != "":
		err = s.sendPortalLink(r, a, notify.KindInvite, notify.ChannelEmail, c.Email, path)
	case c.Phone != "" && c.OKToText:
		err = s.sendPortalLink(r, a, notify.KindInvite, notify.ChannelSMS, c.Phone, path)
	}
	return s.absURL(r, path), err
}

// handleBye is where a quick exit without script lands: a blank page with
// a neutral title that says nothing about the site.
func (s *Server) handleBye(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write([]byte(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>New tab</title></head><body></body></html>`))
}
