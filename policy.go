package kinship

// Role is what a signed-in person is allowed to do.
type Role string

// Staff roles.
const (
	RoleAdmin       Role = "admin"
	RoleClinician   Role = "clinician"
	RoleSupervisor  Role = "supervisor"
	RoleFrontDesk   Role = "front_desk"
	RoleBilling     Role = "billing"
	RolePeerSupport Role = "peer_support"
)

// RoleClient is a client signed in to their own portal. It is not a staff
// role: it holds only PermPortal, and portal services act on the actor's
// own record alone.
const RoleClient Role = "client"

// StaffRoles lists every staff role, in the order pickers show them.
var StaffRoles = []Role{RoleAdmin, RoleClinician, RoleSupervisor, RoleFrontDesk, RoleBilling, RolePeerSupport}

// Valid reports whether r is a known staff role.
func (r Role) Valid() bool {
	for _, s := range StaffRoles {
		if r == s {
			return true
		}
	}
	return false
}

// Label is the role as people read it.
func (r Role) Label() string { return roleLabels[r] }

var roleLabels = map[Role]string{
	RoleAdmin:       "Admin",
	RoleClinician:   "Clinician",
	RoleSupervisor:  "Supervisor",
	RoleFrontDesk:   "Front desk",
	RoleBilling:     "Billing",
	RolePeerSupport: "Peer support",
	RoleClient:      "Client",
}

// Permission names one thing a role may do. Routes and services ask for a
// permission, never for a role, so this file is the whole policy.
type Permission string

// Permissions.
const (
	// PermSignedIn is held by every staff member: dashboard, own account.
	PermSignedIn    Permission = "signed_in"
	PermStaffManage Permission = "staff.manage"
	PermOrgManage   Permission = "organization.manage"
	PermAuditView   Permission = "audit.view"

	// PermClientRead lets a role find clients and open their charts (see
	// CaseloadLimited for which charts).
	PermClientRead  Permission = "client.read"
	PermClientWrite Permission = "client.write"
	// PermLegalName shows the legal name: the registration page, billing.
	PermLegalName     Permission = "client.legal_name"
	PermClinicalRead  Permission = "clinical.read"
	PermAdmissions    Permission = "admissions.manage"
	PermEpisodeManage Permission = "episode.manage"
	PermConsentManage Permission = "consent.manage"
	// PermDisclose lets a role send records outside the program, under a
	// consent, and read the accounting of disclosures.
	PermDisclose Permission = "disclosure.make"
	// PermBreakGlass opens a chart outside one's caseload in an emergency.
	PermBreakGlass Permission = "client.break_glass"

	// PermDiagnosisRead reads diagnoses: clinical roles, and billing for claims.
	PermDiagnosisRead Permission = "diagnosis.read"

	// PermScheduleRead shows the calendar; PermScheduleManage sets it up.
	PermScheduleRead   Permission = "schedule.read"
	PermScheduleManage Permission = "schedule.manage"
	// PermEnroll puts clients in tracks and groups.
	PermEnroll Permission = "enrollment.manage"
	// PermAttendance takes attendance, as facilitators do.
	PermAttendance Permission = "attendance.record"

	// PermMeasures enters instrument answers, assigns instruments and
	// records drug screens; reading them needs PermClinicalRead.
	PermMeasures Permission = "measure.record"

	// PermPortal is the client's own portal.
	PermPortal Permission = "portal"
	// PermInviteClient gives a client a portal account.
	PermInviteClient Permission = "client.invite"
)

// grants is the policy: each permission and the roles that hold it. Anything
// not granted here is denied.
var grants = map[Permission][]Role{
	PermSignedIn:    StaffRoles,
	PermStaffManage: {RoleAdmin},
	PermOrgManage:   {RoleAdmin},
	PermAuditView:   {RoleAdmin},

	PermClientRead:    StaffRoles,
	PermClientWrite:   {RoleAdmin, RoleClinician, RoleSupervisor, RoleFrontDesk},
	PermLegalName:     {RoleAdmin, RoleFrontDesk, RoleBilling},
	PermClinicalRead:  {RoleAdmin, RoleClinician, RoleSupervisor},
	PermDiagnosisRead: {RoleAdmin, RoleClinician, RoleSupervisor, RoleBilling},
	PermAdmissions:    {RoleAdmin, RoleClinician, RoleSupervisor, RoleFrontDesk},
	PermEpisodeManage: {RoleAdmin, RoleClinician, RoleSupervisor},
	PermConsentManage: {RoleAdmin, RoleClinician, RoleSupervisor, RoleFrontDesk},
	PermDisclose:      {RoleAdmin, RoleClinician, RoleSupervisor, RoleFrontDesk, RoleBilling},
	PermBreakGlass:    {RoleClinician, RolePeerSupport},

	PermScheduleRead:   StaffRoles,
	PermScheduleManage: {RoleAdmin},
	PermEnroll:         {RoleAdmin, RoleClinician, RoleSupervisor, RoleFrontDesk},
	PermAttendance:     {RoleAdmin, RoleClinician, RoleSupervisor, RolePeerSupport},

	PermMeasures: {RoleAdmin, RoleClinician, RoleSupervisor},

	PermPortal:       {RoleClient},
	PermInviteClient: {RoleAdmin, RoleClinician, RoleSupervisor, RoleFrontDesk},
}

// CaseloadLimited reports whether r sees only the charts of its own
// caseload (the clients it is primary counselor for, and clients still in
// intake), reaching others only through break-glass.
func (r Role) CaseloadLimited() bool { return r == RoleClinician || r == RolePeerSupport }

// Can reports whether role r holds permission p. Unknown permissions and
// roles are denied.
func (r Role) Can(p Permission) bool {
	for _, g := range grants[p] {
		if g == r {
			return true
		}
	}
	return false
}

// Known reports whether p has an entry in the policy.
func (p Permission) Known() bool {
	_, ok := grants[p]
	return ok
}

// FacilitatorRoles can lead a session.
var FacilitatorRoles = []Role{RoleClinician, RoleSupervisor, RolePeerSupport}

// CounselorRoles can be a client's primary counselor.
var CounselorRoles = []Role{RoleClinician, RoleSupervisor}
