package kinship

import (
	"context"
	"strings"
	"time"
	_ "time/tzdata" // sites' timezones resolve even on hosts without zoneinfo
	"unicode/utf8"
)

// Organization is the provider that runs one or more programs. A Kinship
// database holds exactly one.
type Organization struct {
	ID          int64
	Name        string
	MFARequired bool // every staff member must enrol a second factor
	// How the public reaches the program, shown beside the crisis lines
	// when someone screening says they are in danger; each may be "".
	Phone, Hours, Address string
	CreatedAt             time.Time
}

// Site is a place where programs run. Its timezone defines "today" and ISO
// weeks for everything scheduled there.
type Site struct {
	ID       int64
	Name     string
	Timezone string
}

// Location returns the site's timezone.
func (s *Site) Location() *time.Location {
	loc, err := time.LoadLocation(s.Timezone)
	if err != nil {
		return time.UTC // validated on write; unreachable for stored sites
	}
	return loc
}

// Program is a level-of-care offering at a site, such as "Mornings IOP".
type Program struct {
	ID       int64
	SiteID   int64
	SiteName string
	Name     string
	// The weekly minimum the program promises, in minutes: 540 (9 h) for
	// adults and 360 (6 h) for adolescents unless set otherwise.
	MinimumAdultMinutes      int
	MinimumAdolescentMinutes int
}

// Setup is the first run: the organization, its first site and first admin.
type Setup struct {
	OrgName  string
	SiteName string
	Timezone string
	Admin    StaffCreate
}

// Normalize trims the fields.
func (s *Setup) Normalize() {
	s.OrgName = strings.TrimSpace(s.OrgName)
	s.SiteName = strings.TrimSpace(s.SiteName)
	s.Timezone = strings.TrimSpace(s.Timezone)
	s.Admin.Role = RoleAdmin
	s.Admin.Normalize()
}

// Validate returns EINVALID naming each field at fault.
func (s *Setup) Validate() error {
	f := FieldErrors{}
	if msg := NameProblem("Organization name", s.OrgName); msg != "" {
		f.Add("org_name", msg)
	}
	site := SiteCreate{Name: s.SiteName, Timezone: s.Timezone}
	site.validate(f, "site_")
	if err := s.Admin.Validate(true); err != nil {
		for k, v := range ErrorFields(err) {
			f.Add(k, v)
		}
	}
	return f.Err()
}

// SiteCreate adds a site.
type SiteCreate struct {
	Name     string
	Timezone string
}

// Validate returns EINVALID naming each field at fault.
func (c *SiteCreate) Validate() error {
	f := FieldErrors{}
	c.validate(f, "")
	return f.Err()
}

// validate records problems in f; the name's key takes prefix, so the setup
// form can tell the site's name from the organization's.
func (c *SiteCreate) validate(f FieldErrors, prefix string) {
	c.Name = strings.TrimSpace(c.Name)
	c.Timezone = strings.TrimSpace(c.Timezone)
	if msg := NameProblem("Site name", c.Name); msg != "" {
		f.Add(prefix+"name", msg)
	}
	if c.Timezone == "" {
		f.Add("timezone", "Timezone is required, like America/Los_Angeles.")
	} else if _, err := time.LoadLocation(c.Timezone); err != nil || c.Timezone == "Local" {
		f.Add("timezone", "Timezone must be an IANA name like America/Los_Angeles.")
	}
}

// ProgramCreate adds a program at a site.
type ProgramCreate struct {
	SiteID int64
	Name   string
}

// OrganizationUpdate changes the organization; nil fields stay as they are.
type OrganizationUpdate struct {
	Name                  *string
	MFARequired           *bool
	Phone, Hours, Address *string
}

// Validate trims the text fields and returns EINVALID naming each field
// at fault.
func (u *OrganizationUpdate) Validate() error {
	f := FieldErrors{}
	for _, s := range []*string{u.Name, u.Phone, u.Hours, u.Address} {
		if s != nil {
			*s = strings.TrimSpace(*s)
		}
	}
	if u.Name != nil {
		if msg := NameProblem("Organization name", *u.Name); msg != "" {
			f.Add("name", msg)
		}
	}
	if u.Phone != nil && *u.Phone != "" && !phoneShape.MatchString(*u.Phone) {
		f.Add("phone", phoneProblem)
	}
	if u.Hours != nil && utf8.RuneCountInString(*u.Hours) > 200 {
		f.Add("hours", "Hours must be 200 characters or fewer, like Monday to Friday, 8:00 to 18:00.")
	}
	if u.Address != nil && utf8.RuneCountInString(*u.Address) > 300 {
		f.Add("address", "Address must be 300 characters or fewer.")
	}
	return f.Err()
}

// OrganizationService holds the organization, its sites and programs.
type OrganizationService interface {
	// Organization returns ENOTFOUND before setup. Needs no permission.
	Organization(ctx context.Context) (*Organization, error)
	// SetUp creates the organization, first site and first admin. It needs
	// no permission, and returns ECONFLICT once the organization exists.
	SetUp(ctx context.Context, s Setup) (*Organization, *Staff, error)
	// UpdateOrganization needs PermOrgManage.
	UpdateOrganization(ctx context.Context, u OrganizationUpdate) (*Organization, error)
	// ListSites and ListPrograms need PermSignedIn.
	ListSites(ctx context.Context) ([]*Site, error)
	ListPrograms(ctx context.Context) ([]*Program, error)
	// CreateSite and CreateProgram need PermOrgManage.
	CreateSite(ctx context.Context, c SiteCreate) (*Site, error)
	CreateProgram(ctx context.Context, c ProgramCreate) (*Program, error)
	// ListTracks lists every program's tracks; it needs PermSignedIn.
	ListTracks(ctx context.Context) ([]*Track, error)
	// CreateTrack needs PermOrgManage; EINVALID for an unknown program,
	// ECONFLICT if the program has a track of that name.
	CreateTrack(ctx context.Context, c TrackCreate) (*Track, error)
}

// NameProblem says what is wrong with the name of a thing (an
// organization, site, program or track), or "" if nothing.
func NameProblem(what, name string) string {
	switch n := utf8.RuneCountInString(strings.TrimSpace(name)); {
	case n == 0:
		return what + " is required."
	case n > 200:
		return what + " must be 200 characters or fewer."
	}
	return ""
}
