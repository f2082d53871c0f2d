// Package demo creates a realistic demo program so a new user can try
// Kinship at once: `kinship serve --demo` on an empty database.
package demo

import (
	"context"
	"fmt"
	"time"

	"kinship"
)

// Account is a demo sign-in, printed at start. The passwords are public:
// demo data is never for real clients.
type Account struct {
	Role     kinship.Role
	Name     string
	Email    string
	Password string
}

// Services are what seeding needs.
type Services struct {
	Orgs        kinship.OrganizationService
	Staff       kinship.StaffService
	Clients     kinship.ClientService
	Admissions  kinship.AdmissionsService
	Episodes    kinship.EpisodeService
	Consents    kinship.ConsentService
	Disclosures kinship.DisclosureService
}

// Site and program of the demo organization.
const (
	OrgName     = "Harbor Light Recovery"
	SiteName    = "Oakland Center"
	Timezone    = "America/Los_Angeles"
	ProgramName = "Mornings IOP"
)

// staff has one member in every role, and a second clinician so caseloads
// can differ.
var staff = []struct {
	role kinship.Role
	name string
}{
	{kinship.RoleAdmin, "Morgan Reyes"},
	{kinship.RoleClinician, "Sam Okafor"},
	{kinship.RoleClinician, "Jordan Whitley"},
	{kinship.RoleSupervisor, "Priya Natarajan"},
	{kinship.RoleFrontDesk, "Riley Chen"},
	{kinship.RoleBilling, "Dana Kowalski"},
	{kinship.RolePeerSupport, "Kai Moreno"},
}

// Seed fills an empty database with the demo organization, as of now, and
// returns the accounts to print. It returns ECONFLICT if Kinship is already
// set up.
func Seed(ctx context.Context, svc Services, now time.Time) ([]Account, error) {
	ctx = kinship.SystemContext(ctx)
	var accounts []Account
	seen := map[kinship.Role]int{}
	for _, m := range staff {
		seen[m.role]++
		a := Account{Role: m.role, Name: m.name, Email: string(m.role) + "@kinship.example", Password: "kinship-demo-" + string(m.role)}
		if n := seen[m.role]; n > 1 {
			a.Email = fmt.Sprintf("%s%d@kinship.example", m.role, n)
			a.Password = fmt.Sprintf("kinship-demo-%s%d", m.role, n)
		}
		accounts = append(accounts, a)
	}
	admin := accounts[0]
	if _, _, err := svc.Orgs.SetUp(ctx, kinship.Setup{OrgName: OrgName, SiteName: SiteName, Timezone: Timezone,
		Admin: kinship.StaffCreate{Email: admin.Email, Name: admin.Name, Password: admin.Password}}); err != nil {
		return nil, fmt.Errorf("demo organization: %w", err)
	}
	var counselors []*kinship.Staff
	for _, a := range accounts[1:] {
		m, err := svc.Staff.CreateStaff(ctx, kinship.StaffCreate{Email: a.Email, Name: a.Name, Role: a.Role, Password: a.Password})
		if err != nil {
			return nil, fmt.Errorf("demo staff: %w", err)
		}
		if m.Role == kinship.RoleClinician {
			counselors = append(counselors, m)
		}
	}
	sites, err := svc.Orgs.ListSites(ctx)
	if err != nil {
		return nil, err
	}
	program, err := svc.Orgs.CreateProgram(ctx, kinship.ProgramCreate{SiteID: sites[0].ID, Name: ProgramName})
	if err != nil {
		return nil, fmt.Errorf("demo program: %w", err)
	}
	weekdays := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
	if _, err := svc.Orgs.CreateTrack(ctx, kinship.TrackCreate{ProgramID: program.ID, Name: "Mornings", Days: weekdays, Start: "09:00", End: "12:00"}); err != nil {
		return nil, fmt.Errorf("demo track: %w", err)
	}
	loc, _ := time.LoadLocation(Timezone)
	if err := seedClients(ctx, svc, program.ID, counselors, kinship.DateOf(now.In(loc))); err != nil {
		return nil, err
	}
	if err := seedInquiries(ctx, svc); err != nil {
		return nil, err
	}
	return accounts, nil
}
