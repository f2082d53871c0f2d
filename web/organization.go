package web

import (
	"net/http"
	"strconv"

	"kinship"
)

type organizationPage struct {
	layout
	Org      *kinship.Organization
	Sites    []*kinship.Site
	Programs []*kinship.Program
	Tracks   []*kinship.Track
	// Failed names the form whose Errors these are: org, site, program or track.
	Failed string
	Errors map[string]string
}

// ProgramOptions are the choices of the track form.
func (p *organizationPage) ProgramOptions() []option { return programOptions(p.Programs) }

// programOptions are programs to choose from, each named with its site.
func programOptions(programs []*kinship.Program) []option {
	return idOptions(programs, "", func(x *kinship.Program) (int64, string) { return x.ID, x.Name + " (" + x.SiteName + ")" })
}

// siteOptions are the sites to choose from.
func siteOptions(sites []*kinship.Site) []option {
	return idOptions(sites, "", func(x *kinship.Site) (int64, string) { return x.ID, x.Name })
}

func (s *Server) handleOrganization(w http.ResponseWriter, r *http.Request) {
	s.renderOrganization(w, r, http.StatusOK, "", nil)
}

func (s *Server) renderOrganization(w http.ResponseWriter, r *http.Request, status int, failed string, errs map[string]string) {
	ctx := r.Context()
	p := &organizationPage{layout: layout{Title: "Organization"}, Failed: failed, Errors: errs}
	var err error
	if p.Org, err = s.Orgs.Organization(ctx); err == nil {
		if p.Sites, err = s.Orgs.ListSites(ctx); err == nil {
			if p.Programs, err = s.Orgs.ListPrograms(ctx); err == nil {
				p.Tracks, err = s.Orgs.ListTracks(ctx)
			}
		}
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if failed == "org" { // the settings as typed, to correct
		u := orgUpdateFromForm(r)
		p.Org.Name, p.Org.MFARequired, p.Org.Phone, p.Org.Hours, p.Org.Address = *u.Name, *u.MFARequired, *u.Phone, *u.Hours, *u.Address
	}
	s.render(w, r, status, "organization", p)
}

func (s *Server) handleOrganizationUpdate(w http.ResponseWriter, r *http.Request) {
	s.afterOrgChange(w, r, "org", "updated", func() error {
		_, err := s.Orgs.UpdateOrganization(r.Context(), orgUpdateFromForm(r))
		return err
	})
}

// orgUpdateFromForm reads the organization's settings form.
func orgUpdateFromForm(r *http.Request) kinship.OrganizationUpdate {
	v := func(name string) *string { s := r.PostFormValue(name); return &s }
	mfa := r.PostFormValue("mfa_required") == "on"
	return kinship.OrganizationUpdate{Name: v("name"), MFARequired: &mfa, Phone: v("phone"), Hours: v("hours"), Address: v("address")}
}

func (s *Server) handleSiteCreate(w http.ResponseWriter, r *http.Request) {
	s.afterOrgChange(w, r, "site", "site", func() error {
		_, err := s.Orgs.CreateSite(r.Context(), kinship.SiteCreate{Name: r.PostFormValue("name"), Timezone: r.PostFormValue("timezone")})
		return err
	})
}

func (s *Server) handleProgramCreate(w http.ResponseWriter, r *http.Request) {
	siteID, _ := strconv.ParseInt(r.PostFormValue("site_id"), 10, 64)
	s.afterOrgChange(w, r, "program", "program", func() error {
		_, err := s.Orgs.CreateProgram(r.Context(), kinship.ProgramCreate{SiteID: siteID, Name: r.PostFormValue("name")})
		return err
	})
}

// afterOrgChange runs change and returns to the organization page, with
// the errors of form on failure or the notice done on success.
func (s *Server) afterOrgChange(w http.ResponseWriter, r *http.Request, form, done string, change func() error) {
	if err := change(); err != nil {
		s.renderOrganization(w, r, s.statusOf(r, err), form, formErrors(err))
		return
	}
	http.Redirect(w, r, "/admin/organization?done="+done, http.StatusSeeOther)
}
