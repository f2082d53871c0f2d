package web

import (
	"crypto/subtle"
	"net/http"

	"kinship"
)

type setupPage struct {
	layout
	Token  string
	Setup  kinship.Setup
	Errors map[string]string
}

// commonTimezones are the timezones pickers offer first.
var commonTimezones = []string{
	"America/Los_Angeles", "America/Denver", "America/Phoenix", "America/Chicago", "America/New_York",
	"America/Anchorage", "Pacific/Honolulu", "America/Puerto_Rico", "UTC",
}

// setupOpen reports whether the one-time setup URL printed at start is the
// one requested.
func (s *Server) setupOpen(r *http.Request) bool {
	want := s.cfg.SetupToken
	return want != "" && subtle.ConstantTimeCompare([]byte(r.PathValue("token")), []byte(want)) == 1
}

func (s *Server) handleSetupForm(w http.ResponseWriter, r *http.Request) {
	if !s.setupOpen(r) {
		s.handleNotFound(w, r)
		return
	}
	p := &setupPage{layout: layout{Title: "Set up Kinship"}, Token: r.PathValue("token"),
		Setup: kinship.Setup{Timezone: "America/Los_Angeles"}}
	s.render(w, r, http.StatusOK, "setup", p)
}

func (s *Server) handleSetup(w http.ResponseWriter, r *http.Request) {
	if !s.setupOpen(r) {
		s.handleNotFound(w, r)
		return
	}
	in := kinship.Setup{
		OrgName:  r.PostFormValue("org_name"),
		SiteName: r.PostFormValue("site_name"),
		Timezone: r.PostFormValue("timezone"),
		Admin: kinship.StaffCreate{
			Name:     r.PostFormValue("name"),
			Email:    r.PostFormValue("email"),
			Password: r.PostFormValue("password"),
		},
	}
	err := confirmPassword(r)
	if err == nil {
		_, _, err = s.Orgs.SetUp(r.Context(), in)
	} else {
		in.Normalize()
		err = mergeErrors(err, in.Validate())
	}
	if err != nil {
		in.Admin.Password = ""
		p := &setupPage{layout: layout{Title: "Set up Kinship"}, Token: r.PathValue("token"), Setup: in, Errors: formErrors(err)}
		s.render(w, r, s.statusOf(r, err), "setup", p)
		return
	}
	s.SetSetupToken("")
	http.Redirect(w, r, "/signin?done=setup", http.StatusSeeOther)
}

// mergeErrors joins the field errors of invalid-input errors so a form can
// show every problem at once; the first error that is not EINVALID wins.
func mergeErrors(errs ...error) error {
	f := kinship.FieldErrors{}
	for _, err := range errs {
		if err == nil {
			continue
		}
		if kinship.ErrorCode(err) != kinship.EINVALID {
			return err
		}
		for k, v := range kinship.ErrorFields(err) {
			f.Add(k, v)
		}
	}
	return f.Err()
}

// confirmPassword checks that the two password fields of a form agree.
func confirmPassword(r *http.Request) error {
	if r.PostFormValue("password") != r.PostFormValue("password_confirm") {
		return invalid("password_confirm", "The two passwords do not match.")
	}
	return nil
}
