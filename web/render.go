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
	"path"
	"strings"
	"time"

	"kinship"
	"kinship/screening"
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
}

func (l *layout) base() *layout { return l }

type pageData interface{ base() *layout }

// navItem is one entry of the navigation, shown to roles holding Perm.
type navItem struct {
	Label, Href string
	Perm        kinship.Permission
}

var navigation = []navItem{
	{"Dashboard", "/dashboard", kinship.PermSignedIn},
	{"Clients", "/clients", kinship.PermClientRead},
	{"Admissions", "/admissions", kinship.PermAdmissions},
	{"Staff", "/admin/staff", kinship.PermStaffManage},
	{"Organization", "/admin/organization", kinship.PermOrgManage},
	{"Audit trail", "/admin/audit", kinship.PermAuditView},
	{"Account", "/account", kinship.PermSignedIn},
}

// formField is one labelled input, drawn by the "input" template with its
// error tied to it for screen readers.
type formField struct {
	ID, Name, Label, Type, Value, Error, Autocomplete string
}

func newFormField(name, label, typ, value string, errs map[string]string, autocomplete string) formField {
	return formField{ID: "f-" + name, Name: name, Label: label, Type: typ, Value: value, Error: errs[name], Autocomplete: autocomplete}
}

// inForm gives a field an id of its form's own, for pages with several
// forms that share field names.
func inForm(form string, f formField) formField {
	f.ID = "f-" + form + "-" + f.Name
	return f
}

// choiceField is a labelled input with a list of options: suggestions
// for free text, or the values of a select.
type choiceField struct {
	Name, Label, Value, Error string
	Options                   []string
}

func newChoiceField(name, label, value string, errs map[string]string, options []string) choiceField {
	return choiceField{Name: name, Label: label, Value: value, Error: errs[name], Options: options}
}

// radioField is a group of radio buttons; options are "value:label".
type radioField struct {
	Name, Label, Value, Error string
	Options                   []struct{ Value, Label string }
}

func newRadioField(name, label, value string, errs map[string]string, options ...string) radioField {
	f := radioField{Name: name, Label: label, Value: value, Error: errs[name]}
	for _, o := range options {
		v, l, _ := strings.Cut(o, ":")
		f.Options = append(f.Options, struct{ Value, Label string }{v, l})
	}
	return f
}

// screenForm is the screening questions with their answers and errors.
type screenForm struct {
	Answers screening.Answers
	Errors  map[string]string
}

// inquiryMoves are the statuses staff may move an inquiry to; "admitted"
// follows from admitting the client.
var inquiryMoves = []kinship.InquiryStatus{kinship.InquiryNew, kinship.InquiryScreened, kinship.InquiryAssessmentBooked, kinship.InquiryReferred, kinship.InquiryClosed}

// since says how long ago t was, roughly, as people say it.
func since(now, t time.Time) string {
	d := now.Sub(t)
	switch {
	case d < time.Hour:
		return "under an hour"
	case d < 48*time.Hour:
		return fmt.Sprintf("%d hours", int(d.Hours()))
	}
	return fmt.Sprintf("%d days", int(d.Hours()/24))
}

// checkField is a labelled checkbox.
type checkField struct {
	Name, Label, Error string
	Checked            bool
}

func newCheckField(name, label string, checked bool, errs map[string]string) checkField {
	return checkField{Name: name, Label: label, Checked: checked, Error: errs[name]}
}

// pages holds each page's template, parsed once at start.
type pages struct {
	byName map[string]*template.Template
	assets map[string]string // file name → content hash
}

// loadPages parses the layout with each page and hashes the static files;
// a missing or broken template stops start-up.
func loadPages() (*pages, error) {
	p := &pages{byName: map[string]*template.Template{}, assets: map[string]string{}}
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
	funcs := template.FuncMap{
		"asset": func(name string) (string, error) {
			h, ok := p.assets[name]
			if !ok {
				return "", fmt.Errorf("no static file %q", name)
			}
			return "/static/" + h + "/" + name, nil
		},
		"date":     func(t time.Time) string { return t.Format("2 Jan 2006") },
		"datetime": func(t time.Time) string { return t.Format("2 Jan 2006 15:04 MST") },
		"isoTime":  func(t time.Time) string { return t.Format(time.RFC3339) },
		"roles":    func() []kinship.Role { return kinship.StaffRoles },
		"weekdays": weekdays,
		"dayCode":  kinship.DayCode,
		"field":    newFormField,
		"in":       inForm,
		"suggest":  newChoiceField,
		"choice":   newChoiceField,
		"check":    newCheckField,
		"pronouns": func() []string { return kinship.CommonPronouns },
		// Suggestions only: people describe themselves in their own words.
		"genderIdentities":  func() []string { return genderIdentities },
		"orientations":      func() []string { return orientations },
		"sexForClinicalUse": func() []string { return kinship.SexForClinicalUseValues },
		"breakGlassMinutes": func() int { return kinship.BreakGlassMinutes },
		"radio":             newRadioField,
		"screenForm": func(a screening.Answers, errs map[string]string) screenForm {
			return screenForm{a, errs}
		},
		"levelLabel":   func(l string) string { return screening.Level(l).Label() },
		"boardDays":    func() int { return boardDays },
		"since":        since,
		"percent":      func(f float64) string { return fmt.Sprintf("%.0f%%", f*100) },
		"inquiryMoves": func() []kinship.InquiryStatus { return inquiryMoves },
		"infoKinds":    func() []kinship.InfoKind { return kinship.InfoKinds },
		"purposes":     func() []kinship.Purpose { return kinship.Purposes },
		"hasKind":      contains[kinship.InfoKind],
		"hasPurpose":   contains[kinship.Purpose],
		"joinLines":    func(s []string) string { return strings.Join(s, "\n") },
		"dischargeReasons": func() []string {
			out := make([]string, len(kinship.DischargeReasons))
			for i, r := range kinship.DischargeReasons {
				out[i] = string(r)
			}
			return out
		},
		// errorsFor gives a form its errors only if it was the one that failed.
		"errorsFor": func(failed, form string, errs map[string]string) map[string]string {
			if failed != form {
				return nil
			}
			return errs
		},
		// timezones are offered first; any IANA name is accepted.
		"timezones": func() []string { return commonTimezones },
		// current marks the navigation entry for the page and its sub-pages.
		"current": func(path, href string) bool { return path == href || strings.HasPrefix(path, href+"/") },
	}
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
	l.CSRF = s.csrfToken(w, r)
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

// contains reports whether list holds v.
func contains[T comparable](list []T, v T) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// genderIdentities and orientations are suggestions offered while typing.
var (
	genderIdentities = []string{"woman", "man", "non-binary", "transgender woman", "transgender man", "genderqueer",
		"genderfluid", "agender", "two-spirit", "questioning", "prefer not to say"}
	orientations = []string{"lesbian", "gay", "bisexual", "pansexual", "queer", "asexual", "straight", "questioning", "prefer not to say"}
)

// notices are the confirmations a redirect may ask a page to show, by key,
// so no free text travels in URLs.
var notices = map[string]string{
	"invited":    "Invitation created.",
	"updated":    "Changes saved.",
	"mfa":        "Two-step sign-in is on.",
	"mfa-reset":  "Two-step sign-in was reset. They will set it up again at their next sign-in.",
	"token":      "Token revoked.",
	"site":       "Site added.",
	"program":    "Program added.",
	"password":   "Your password is set. Please sign in.",
	"signed-out": "You are signed out.",
	"setup":      "Kinship is set up. Sign in with the admin account you just created.",
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

// handleNotFound is the friendly 404.
func (s *Server) handleNotFound(w http.ResponseWriter, r *http.Request) {
	s.fail(w, r, kinship.Errorf(kinship.ENOTFOUND, "There is no page at this address."))
}
