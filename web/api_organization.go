package web

import (
	"net/http"

	"kinship"
)

type organizationJSON struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	MFARequired bool   `json:"mfa_required"`
	Phone       string `json:"phone"`
	Hours       string `json:"hours"`
	Address     string `json:"address"`
}

func newOrganizationJSON(o *kinship.Organization) organizationJSON {
	return organizationJSON{o.ID, o.Name, o.MFARequired, o.Phone, o.Hours, o.Address}
}

type siteJSON struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	Timezone string `json:"timezone"`
}

type programJSON struct {
	ID     int64  `json:"id"`
	SiteID int64  `json:"site_id"`
	Name   string `json:"name"`
}

func (s *Server) apiOrganization(w http.ResponseWriter, r *http.Request) {
	org, err := s.Orgs.Organization(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newOrganizationJSON(org))
}

func (s *Server) apiOrganizationUpdate(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Name        *string `json:"name"`
		MFARequired *bool   `json:"mfa_required"`
		Phone       *string `json:"phone"`
		Hours       *string `json:"hours"`
		Address     *string `json:"address"`
	}
	if err := readJSON(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	org, err := s.Orgs.UpdateOrganization(r.Context(), kinship.OrganizationUpdate{Name: in.Name, MFARequired: in.MFARequired,
		Phone: in.Phone, Hours: in.Hours, Address: in.Address})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newOrganizationJSON(org))
}

func (s *Server) apiSites(w http.ResponseWriter, r *http.Request) {
	sites, err := s.Orgs.ListSites(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := make([]siteJSON, len(sites))
	for i, site := range sites {
		out[i] = siteJSON{site.ID, site.Name, site.Timezone}
	}
	writeJSON(w, http.StatusOK, map[string]any{"sites": out})
}

func (s *Server) apiSiteCreate(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Name     string `json:"name"`
		Timezone string `json:"timezone"`
	}
	if err := readJSON(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	site, err := s.Orgs.CreateSite(r.Context(), kinship.SiteCreate{Name: in.Name, Timezone: in.Timezone})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, siteJSON{site.ID, site.Name, site.Timezone})
}

func (s *Server) apiPrograms(w http.ResponseWriter, r *http.Request) {
	programs, err := s.Orgs.ListPrograms(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := make([]programJSON, len(programs))
	for i, p := range programs {
		out[i] = programJSON{p.ID, p.SiteID, p.Name}
	}
	writeJSON(w, http.StatusOK, map[string]any{"programs": out})
}

func (s *Server) apiProgramCreate(w http.ResponseWriter, r *http.Request) {
	var in struct {
		SiteID int64  `json:"site_id"`
		Name   string `json:"name"`
	}
	if err := readJSON(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := s.Orgs.CreateProgram(r.Context(), kinship.ProgramCreate{SiteID: in.SiteID, Name: in.Name})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, programJSON{p.ID, p.SiteID, p.Name})
}
