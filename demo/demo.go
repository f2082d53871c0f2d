// Package demo creates a realistic demo program so a new user can try
// Kinship at once: `kinship serve --demo` on an empty database. Generate
// builds a larger synthetic site with years of history, for load tests and
// benchmarks.
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

// Services are what seeding needs. Schedule and Care lay out the program
// calendar; without them the demo has no sessions or attendance.
type Services struct {
	Orgs        kinship.OrganizationService
	Staff       kinship.StaffService
	Clients     kinship.ClientService
	Admissions  kinship.AdmissionsService
	Episodes    kinship.EpisodeService
	Consents    kinship.ConsentService
	Disclosures kinship.DisclosureService
	Schedule    kinship.ScheduleService
	Care        kinship.CareService
	// Measures, Screens and Alerts record scores and drug screens; without
	// them the demo has none.
	Measures kinship.MeasureService
	Screens  kinship.DrugScreenService
	Alerts   kinship.AlertService
	// Portal and the services below give the demo client account its
	// check-ins, plan, log, goals and people.
	Portal   kinship.PortalAuthService
	CheckIns kinship.CheckInService
	Recovery kinship.RecoveryService
	Network  kinship.NetworkService
	// Plans and Notes give the demo clients treatment plans and notes.
	Plans kinship.TreatmentPlanService
	Notes kinship.NoteService
}

// AllServices is every service backed by one implementation, such as the
// SQL store.
func AllServices(s interface {
	kinship.OrganizationService
	kinship.StaffService
	kinship.ClientService
	kinship.AdmissionsService
	kinship.EpisodeService
	kinship.ConsentService
	kinship.DisclosureService
	kinship.ScheduleService
	kinship.CareService
	kinship.MeasureService
	kinship.DrugScreenService
	kinship.AlertService
	kinship.PortalAuthService
	kinship.CheckInService
	kinship.RecoveryService
	kinship.NetworkService
	kinship.TreatmentPlanService
	kinship.NoteService
}) Services {
	return Services{Orgs: s, Staff: s, Clients: s, Admissions: s, Episodes: s, Consents: s, Disclosures: s,
		Schedule: s, Care: s, Measures: s, Screens: s, Alerts: s, Portal: s, CheckIns: s, Recovery: s, Network: s, Plans: s, Notes: s}
}

// Site and program of the demo organization.
const (
	OrgName     = "Harbor Light Recovery"
	SiteName    = "Oakland Center"
	Timezone    = "America/Los_Angeles"
	ProgramName = "Mornings IOP"
	// TrackName is the demo program's Monday–Friday 09:00–12:00 track.
	TrackName = "Mornings"
	// How the public reaches the demo program (a number kept for fiction).
	OrgPhone   = "(510) 555-0100"
	OrgHours   = "Monday to Friday, 8:00 to 18:00"
	OrgAddress = "1200 Harbor Way, Oakland, CA 94607"
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

var weekdays = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}

// org is what setUp created: the accounts to print, the staff by role, the
// site, and the program with its Mornings track.
type org struct {
	accounts   []Account
	admin      *kinship.Staff
	counselors []*kinship.Staff
	peer       *kinship.Staff
	site       *kinship.Site
	program    *kinship.Program
	mornings   *kinship.Track
}

// setUp creates the organization, the demo staff plus extra clinicians
// (named by extraNames) and the Mornings IOP with its Mornings track.
func setUp(ctx context.Context, svc Services, extraNames []string) (*org, error) {
	o := &org{}
	seen := map[kinship.Role]int{}
	members := staff
	for _, name := range extraNames {
		members = append(members, struct {
			role kinship.Role
			name string
		}{kinship.RoleClinician, name})
	}
	for _, m := range members {
		seen[m.role]++
		a := Account{Role: m.role, Name: m.name, Email: string(m.role) + "@kinship.example", Password: "kinship-demo-" + string(m.role)}
		if n := seen[m.role]; n > 1 {
			a.Email = fmt.Sprintf("%s%d@kinship.example", m.role, n)
			a.Password = fmt.Sprintf("kinship-demo-%s%d", m.role, n)
		}
		o.accounts = append(o.accounts, a)
	}
	admin := o.accounts[0]
	var err error
	if _, o.admin, err = svc.Orgs.SetUp(ctx, kinship.Setup{OrgName: OrgName, SiteName: SiteName, Timezone: Timezone,
		Admin: kinship.StaffCreate{Email: admin.Email, Name: admin.Name, Password: admin.Password}}); err != nil {
		return nil, fmt.Errorf("demo organization: %w", err)
	}
	phone, hours, address := OrgPhone, OrgHours, OrgAddress
	if _, err := svc.Orgs.UpdateOrganization(ctx, kinship.OrganizationUpdate{Phone: &phone, Hours: &hours, Address: &address}); err != nil {
		return nil, fmt.Errorf("demo organization: %w", err)
	}
	for _, a := range o.accounts[1:] {
		m, err := svc.Staff.CreateStaff(ctx, kinship.StaffCreate{Email: a.Email, Name: a.Name, Role: a.Role, Password: a.Password})
		if err != nil {
			return nil, fmt.Errorf("demo staff: %w", err)
		}
		switch m.Role {
		case kinship.RoleClinician:
			o.counselors = append(o.counselors, m)
		case kinship.RolePeerSupport:
			o.peer = m
		}
	}
	sites, err := svc.Orgs.ListSites(ctx)
	if err != nil {
		return nil, err
	}
	o.site = sites[0]
	if o.program, err = svc.Orgs.CreateProgram(ctx, kinship.ProgramCreate{SiteID: o.site.ID, Name: ProgramName}); err != nil {
		return nil, fmt.Errorf("demo program: %w", err)
	}
	if o.mornings, err = svc.Orgs.CreateTrack(ctx, kinship.TrackCreate{ProgramID: o.program.ID, Name: TrackName, Days: weekdays,
		Start: "09:00", End: "12:00"}); err != nil {
		return nil, fmt.Errorf("demo track: %w", err)
	}
	return o, nil
}

// Seed fills an empty database with the demo organization, as of now, and
// returns the accounts to print. It returns ECONFLICT if Kinship is already
// set up.
//
// With Schedule and Care services, the Mornings track also gets six weeks
// of sessions before now's week, attendance for every session that has
// ended, weekly individual sessions, working hours and availability, and
// three clients at risk of missing the weekly minimum this week.
func Seed(ctx context.Context, svc Services, now time.Time) ([]Account, error) {
	ctx = kinship.SystemContext(ctx)
	o, err := setUp(ctx, svc, nil)
	if err != nil {
		return nil, err
	}
	loc, _ := time.LoadLocation(Timezone)
	members, err := seedClients(ctx, svc, o.program.ID, o.counselors, now, kinship.DateOf(now.In(loc)))
	if err != nil {
		return nil, err
	}
	if err := seedInquiries(ctx, svc, now); err != nil {
		return nil, err
	}
	if svc.Schedule != nil && svc.Care != nil {
		if err := seedCalendar(ctx, svc, o, members, now); err != nil {
			return nil, fmt.Errorf("demo calendar: %w", err)
		}
		if err := seedMeasures(ctx, svc, o, members, kinship.DateOf(now.In(loc))); err != nil {
			return nil, fmt.Errorf("demo measures: %w", err)
		}
		if err := seedDisclosure(ctx, svc, members); err != nil {
			return nil, fmt.Errorf("demo disclosure: %w", err)
		}
		if svc.Plans != nil && svc.Notes != nil {
			for _, seed := range []func(context.Context, Services, *org, []*member, kinship.Date) error{seedTreatmentPlans, seedNotes} {
				if err := seed(ctx, svc, o, members, kinship.DateOf(now.In(loc))); err != nil {
					return nil, fmt.Errorf("demo clinical record: %w", err)
				}
			}
		}
		client, err := seedPortal(ctx, svc, members, kinship.DateOf(now.In(loc)))
		if err != nil {
			return nil, fmt.Errorf("demo portal: %w", err)
		}
		if client != nil {
			o.accounts = append(o.accounts, *client)
		}
		return o.accounts, nil
	}
	for _, m := range members {
		if err := m.discharge(ctx, svc); err != nil {
			return nil, err
		}
	}
	return o.accounts, nil
}
