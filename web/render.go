package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"kinship"
	"kinship/instrument"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static
var staticFiles embed.FS

// layout is the data every page shares; each page's struct embeds it.
type layout struct {
	Title  string
	Me     *kinship.Staff // nil when signed out
	CSRF   string
	Nav    []navItem
	Path   string
	Notice string
	// SignedIn is true once the second factor, if any, has been given; the
	// navigation shows only then.
	SignedIn    bool
	IdleSeconds int
	Version     string
	// Location is the home site's timezone, in which pages show times.
	Location *time.Location
	// Form is what a refused POST sent, so a form drawn again keeps it.
	Form url.Values
	// Portal is the client signed in to their portal; pages then show the
	// portal's navigation, the support button and quick exit.
	Portal *kinship.ClientAccount
	// EmergencyUntil is when the reader's emergency access to the chart
	// the page belongs to ends; every page of it says so.
	EmergencyUntil time.Time
	// PortalPublic marks the portal's pages before sign-in, which say no
	// more about the program than the portal does.
	PortalPublic bool
}

func (l *layout) base() *layout { return l }

type pageData interface{ base() *layout }

// navItem is one entry of the navigation, shown to roles holding Perm.
type navItem struct {
	Label, Href string
	Perm        kinship.Permission
	// Under are other pages the entry stands for, such as the settings
	// pages behind Settings.
	Under []string
}

// Current reports whether the page at path belongs to this entry: its own
// page, the pages under it, and those listed in Under. The portal's Today
// (/me) holds only itself, since every portal page sits under /me.
func (n navItem) Current(path string) bool {
	for _, href := range append([]string{n.Href}, n.Under...) {
		if path == href || (href != "/me" && strings.HasPrefix(path, href+"/")) {
			return true
		}
	}
	return false
}

// settingsPages are the admin's program settings, gathered behind one
// Settings entry so that the header fits on one row at desktop width.
var settingsPages = []settingsLink{
	{"Organization", "/admin/organization", "Name, sites and programs, the crisis contact details, and two-step sign-in."},
	{"Measures", "/admin/measures", "Questionnaires, their schedule, and who is on call for safety alerts."},
	{"Skills", "/admin/skills", "The coping skills clients choose from in check-ins and the skills log."},
	{"Plan reviews", "/admin/treatment-plans", "How often treatment plans are reviewed."},
	{"Note templates", "/admin/note-templates", "The sections of progress notes."},
	{"Outbox", "/admin/outbox", "Reminders and messages waiting or sent."},
}

type settingsLink struct{ Label, Href, About string }

var navigation = []navItem{
	{Label: "Dashboard", Href: "/dashboard", Perm: kinship.PermSignedIn},
	{Label: "Clients", Href: "/clients", Perm: kinship.PermClientRead},
	{Label: "Caseload", Href: "/caseload", Perm: kinship.PermClinicalRead},
	{Label: "Admissions", Href: "/admissions", Perm: kinship.PermAdmissions},
	{Label: "Schedule", Href: "/schedule", Perm: kinship.PermScheduleRead},
	{Label: "Staff", Href: "/admin/staff", Perm: kinship.PermStaffManage},
	{Label: "Settings", Href: "/admin/settings", Perm: kinship.PermOrgManage, Under: settingsHrefs()},
	{Label: "Audit trail", Href: "/admin/audit", Perm: kinship.PermAuditView},
	{Label: "Account", Href: "/account", Perm: kinship.PermSignedIn},
}

func settingsHrefs() []string {
	hrefs := make([]string, len(settingsPages))
	for i, p := range settingsPages {
		hrefs[i] = p.Href
	}
	return hrefs
}

// portalNav is the client portal's tab bar: five destinations, as phone
// apps have. The other portal pages open from Today.
var portalNav = []navItem{
	{Label: "Today", Href: "/me", Perm: kinship.PermPortal, Under: []string{"/me/log", "/me/goals", "/me/milestones", "/me/treatment-plan", "/me/settings", "/me/measures"}},
	{Label: "Check in", Href: "/me/checkin", Perm: kinship.PermPortal, Under: []string{"/me/checkins"}},
	{Label: "Plan", Href: "/me/plan", Perm: kinship.PermPortal},
	{Label: "People", Href: "/me/people", Perm: kinship.PermPortal},
	{Label: "Support", Href: "/me/support", Perm: kinship.PermPortal},
}

// pages holds each page's template, parsed once at start.
type pages struct {
	byName map[string]*template.Template
	assets map[string]string // file name → content hash
	// instruments name instruments and draw their forms.
	instruments *instrument.Registry
}

// assetURL is a static file's address, with its content hash for caching.
func (p *pages) assetURL(name string) (string, error) {
	h, ok := p.assets[name]
	if !ok {
		return "", fmt.Errorf("no static file %q", name)
	}
	return "/static/" + h + "/" + name, nil
}

// loadPages parses the layout with each page and hashes the static files;
// a missing or broken template stops start-up.
func loadPages(instruments *instrument.Registry) (*pages, error) {
	p := &pages{byName: map[string]*template.Template{}, assets: map[string]string{}, instruments: instruments}
	static, _ := fs.Sub(staticFiles, "static")
	err := fs.WalkDir(static, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(static, name)
		sum := sha256.Sum256(b)
		p.assets[name] = hex.EncodeToString(sum[:6])
		return err
	})
	if err != nil {
		return nil, err
	}
	funcs := templateFuncs(p)
	names, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil {
		return nil, err
	}
	for _, file := range names {
		name := strings.TrimSuffix(path.Base(file), ".html")
		if name == "layout" || name == "partials" {
			continue
		}
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFiles, "templates/layout.html", "templates/partials.html", file)
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", name, err)
		}
		p.byName[name] = t
	}
	return p, nil
}

// render writes the named page with status. The page is built in memory
// first so a template error becomes the error page, not half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, data pageData) {
	t, ok := s.pages.byName[name]
	if !ok {
		s.log.Error("no such page", "page", name)
		http.Error(w, "Something went wrong on our side.", http.StatusInternalServerError)
		return
	}
	l := data.base()
	v := visitOf(r)
	l.Me, l.Path, l.Version = v.me, r.URL.Path, s.cfg.Version
	if v.me != nil {
		l.Location = s.siteLocation(r.Context())
	} else {
		l.Location = time.UTC
	}
	l.CSRF = s.csrfToken(w, r)
	if r.Method == http.MethodPost {
		l.Form = r.PostForm
	}
	l.PortalPublic = strings.HasPrefix(r.URL.Path, "/portal/")
	if v.client != nil {
		l.Portal, l.Location, l.SignedIn = v.client, s.siteLocation(r.Context()), true
		l.IdleSeconds = int(portalIdle.Seconds())
		l.Nav = portalNav
	}
	if v.me != nil {
		l.IdleSeconds = int(s.cfg.IdleTimeout.Seconds())
		l.SignedIn = v.session == nil || (!v.needsMFA && !v.mustEnrol)
		if l.SignedIn {
			for _, n := range navigation {
				if v.me.Role.Can(n.Perm) {
					l.Nav = append(l.Nav, n)
				}
			}
		}
	}
	if l.Notice == "" {
		l.Notice = notices[r.URL.Query().Get("done")]
	}
	l.EmergencyUntil = s.emergencyUntil(r)
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		s.log.Error("render", "page", name, "err", err)
		http.Error(w, "Something went wrong on our side.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// notices are the confirmations a redirect may ask a page to show, by key,
// so no free text travels in URLs.
var notices = map[string]string{
	"invited":        "Invitation created.",
	"updated":        "Changes saved.",
	"mfa":            "Two-step sign-in is on.",
	"mfa-reset":      "Two-step sign-in was reset. They will set it up again at their next sign-in.",
	"token":          "Token revoked.",
	"site":           "Site added.",
	"program":        "Program added.",
	"password":       "Your password is set. Please sign in.",
	"signed-out":     "You are signed out.",
	"setup":          "Kinship is set up. Sign in with the admin account you just created.",
	"welcome":        "Welcome. This page is yours.",
	"callback":       "We will call that number.",
	"cancelled":      "Cancelled. Your care team can see that you cancelled it.",
	"measure":        "Answers saved.",
	"measure-alert":  "Answers saved. A safety alert went to the counselor and the person on call.",
	"assigned":       "It is waiting in their portal.",
	"screen":         "Drug screen saved.",
	"assessment":     "Assessment booked.",
	"acknowledged":   "Acknowledged.",
	"saved":          "Saved.",
	"checkin":        "Thank you for checking in.",
	"flag":           "Flag acknowledged. It stays quiet until newer data raises it again.",
	"signals":        "Thresholds saved.",
	"family-invited": "Invitation queued. It is recorded in the accounting of disclosures.",
	"loaded":         "Definition loaded.",
}

// handleStatic serves an embedded asset; a URL with the current hash may be
// cached for a year.
func (s *Server) handleStatic(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("file")
	hash, ok := s.pages.assets[name]
	if !ok {
		s.handleNotFound(w, r)
		return
	}
	if r.PathValue("hash") == hash {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	}
	http.ServeFileFS(w, r, staticFiles, "static/"+name)
}

// noPageMessage answers an address that names no page or record.
const noPageMessage = "There is no page at this address."

// handleNotFound is the friendly 404.
func (s *Server) handleNotFound(w http.ResponseWriter, r *http.Request) {
	s.fail(w, r, kinship.Errorf(kinship.ENOTFOUND, noPageMessage))
}
