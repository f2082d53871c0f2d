package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"kinship"
)

// Organization returns the one organization, or ENOTFOUND before setup.
func (s *Store) Organization(ctx context.Context) (*kinship.Organization, error) {
	o := &kinship.Organization{}
	err := s.queryRow(ctx, "SELECT id, name, mfa_required, phone, hours, address, created_at FROM organizations ORDER BY id LIMIT 1").
		Scan(&o.ID, &o.Name, &o.MFARequired, &o.Phone, &o.Hours, &o.Address, scanTime(&o.CreatedAt))
	return o, notFound(err, "The organization")
}

// SetUp creates the organization, its first site and first admin.
func (s *Store) SetUp(ctx context.Context, setup kinship.Setup) (*kinship.Organization, *kinship.Staff, error) {
	setup.Normalize()
	if err := setup.Validate(); err != nil {
		return nil, nil, err
	}
	var org *kinship.Organization
	var admin *kinship.Staff
	err := s.update(ctx, func(tx *Tx) error {
		var n int
		if err := tx.queryRow("SELECT COUNT(*) FROM organizations").Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return kinship.Errorf(kinship.ECONFLICT, "Kinship is already set up.")
		}
		id, err := tx.insert("INSERT INTO organizations (name, created_at) VALUES (?, ?)", setup.OrgName, tx.now)
		if err != nil {
			return err
		}
		org = &kinship.Organization{ID: id, Name: setup.OrgName, CreatedAt: tx.now}
		if _, err := tx.insertSite(kinship.SiteCreate{Name: setup.SiteName, Timezone: setup.Timezone}); err != nil {
			return err
		}
		if admin, err = s.insertStaff(tx, setup.Admin); err != nil {
			return err
		}
		if err := tx.audit(kinship.AuditRecord{Action: kinship.ActionStaffCreate, ResourceType: "staff", ResourceID: strconv.FormatInt(admin.ID, 10), Detail: "role admin; first admin"}); err != nil {
			return err
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionSetup, ResourceType: "organization", ResourceID: strconv.FormatInt(id, 10)})
	})
	if err != nil {
		return nil, nil, err
	}
	return org, admin, nil
}

// UpdateOrganization changes the organization's name, MFA rule or
// public contact details.
func (s *Store) UpdateOrganization(ctx context.Context, u kinship.OrganizationUpdate) (*kinship.Organization, error) {
	if err := kinship.Authorize(ctx, kinship.PermOrgManage); err != nil {
		return nil, err
	}
	if err := u.Validate(); err != nil {
		return nil, err
	}
	err := s.update(ctx, func(tx *Tx) error {
		var id int64
		var o kinship.Organization
		if err := tx.queryRow("SELECT id, name, mfa_required, phone, hours, address FROM organizations ORDER BY id LIMIT 1").
			Scan(&id, &o.Name, &o.MFARequired, &o.Phone, &o.Hours, &o.Address); err != nil {
			return notFound(err, "The organization")
		}
		var changes []string
		for _, f := range []struct {
			to    *string
			field *string
			label string
		}{{u.Name, &o.Name, "name"}, {u.Phone, &o.Phone, "phone"}, {u.Hours, &o.Hours, "hours"}, {u.Address, &o.Address, "address"}} {
			if f.to != nil && *f.to != *f.field {
				*f.field = *f.to
				changes = append(changes, f.label)
			}
		}
		if u.MFARequired != nil && *u.MFARequired != o.MFARequired {
			o.MFARequired = *u.MFARequired
			changes = append(changes, map[bool]string{true: "two-step sign-in required", false: "two-step sign-in optional"}[o.MFARequired])
		}
		if len(changes) == 0 {
			return nil
		}
		if _, err := tx.exec("UPDATE organizations SET name = ?, mfa_required = ?, phone = ?, hours = ?, address = ? WHERE id = ?",
			o.Name, o.MFARequired, o.Phone, o.Hours, o.Address, id); err != nil {
			return err
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionOrgUpdate, ResourceType: "organization",
			ResourceID: strconv.FormatInt(id, 10), Detail: strings.Join(changes, ", ")})
	})
	if err != nil {
		return nil, err
	}
	return s.Organization(ctx)
}

// ListSites lists the organization's sites, first created first.
func (s *Store) ListSites(ctx context.Context) ([]*kinship.Site, error) {
	if err := kinship.Authorize(ctx, kinship.PermSignedIn); err != nil {
		return nil, err
	}
	// Creation order: the first site is the organization's home, whose
	// timezone organization-wide pages use.
	rows, err := s.query(ctx, "SELECT id, name, timezone FROM sites ORDER BY id")
	return collect(rows, err, func(r rowScanner) (*kinship.Site, error) {
		site := &kinship.Site{}
		return site, r.Scan(&site.ID, &site.Name, &site.Timezone)
	})
}

// CreateSite adds a site. ECONFLICT if the name is taken.
func (s *Store) CreateSite(ctx context.Context, c kinship.SiteCreate) (*kinship.Site, error) {
	if err := kinship.Authorize(ctx, kinship.PermOrgManage); err != nil {
		return nil, err
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	var site *kinship.Site
	err := s.update(ctx, func(tx *Tx) (err error) {
		if site, err = tx.insertSite(c); err != nil {
			return err
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionSiteCreate, ResourceType: "site", ResourceID: strconv.FormatInt(site.ID, 10)})
	})
	return site, err
}

func (tx *Tx) insertSite(c kinship.SiteCreate) (*kinship.Site, error) {
	id, err := tx.insert(`INSERT INTO sites (organization_id, name, timezone, created_at)
		SELECT id, ?, ?, ? FROM organizations ORDER BY id LIMIT 1`, c.Name, c.Timezone, tx.now)
	if tx.dialect.isUnique(err) {
		return nil, fieldConflict("name", "A site with that name already exists.")
	}
	if err != nil {
		return nil, err
	}
	return &kinship.Site{ID: id, Name: c.Name, Timezone: c.Timezone}, nil
}

// ListPrograms lists every program with its site, by site then name.
func (s *Store) ListPrograms(ctx context.Context) ([]*kinship.Program, error) {
	if err := kinship.Authorize(ctx, kinship.PermSignedIn); err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT p.id, p.site_id, s.name, p.name, p.minimum_adult_minutes, p.minimum_adolescent_minutes
		FROM programs p JOIN sites s ON s.id = p.site_id ORDER BY s.name, p.name`)
	return collect(rows, err, func(r rowScanner) (*kinship.Program, error) {
		p := &kinship.Program{}
		return p, r.Scan(&p.ID, &p.SiteID, &p.SiteName, &p.Name, &p.MinimumAdultMinutes, &p.MinimumAdolescentMinutes)
	})
}

// CreateProgram adds a program at a site. ECONFLICT if the site already has
// a program of that name; EINVALID for an unknown site.
func (s *Store) CreateProgram(ctx context.Context, c kinship.ProgramCreate) (*kinship.Program, error) {
	if err := kinship.Authorize(ctx, kinship.PermOrgManage); err != nil {
		return nil, err
	}
	c.Name = strings.TrimSpace(c.Name)
	f := kinship.FieldErrors{}
	if msg := kinship.NameProblem("Program name", c.Name); msg != "" {
		f.Add("name", msg)
	}
	var p *kinship.Program
	err := s.update(ctx, func(tx *Tx) error {
		var siteName string
		err := tx.queryRow("SELECT name FROM sites WHERE id = ?", c.SiteID).Scan(&siteName)
		if err == sql.ErrNoRows {
			f.Add("site_id", "Choose one of the organization's sites.")
		} else if err != nil {
			return err
		}
		if err := f.Err(); err != nil {
			return err
		}
		id, err := tx.insert("INSERT INTO programs (site_id, name, created_at) VALUES (?, ?, ?)", c.SiteID, c.Name, tx.now)
		if tx.dialect.isUnique(err) {
			return fieldConflict("name", "This site already has a program with that name.")
		}
		if err != nil {
			return err
		}
		p = &kinship.Program{ID: id, SiteID: c.SiteID, SiteName: siteName, Name: c.Name, MinimumAdultMinutes: 540, MinimumAdolescentMinutes: 360}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionProgramCreate, ResourceType: "program", ResourceID: strconv.FormatInt(id, 10)})
	})
	return p, err
}

// fieldConflict is an ECONFLICT error about one field.
func fieldConflict(field, msg string) error {
	return &kinship.Error{Code: kinship.ECONFLICT, Message: msg, Fields: map[string]string{field: msg}}
}
