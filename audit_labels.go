package kinship

import "strings"

// ActionLabel is an audit action in words, as the audit trail shows it.
// An action without a label (one added since) reads as its words, never
// as its code.
func ActionLabel(action string) string {
	if l, ok := actionLabels[action]; ok {
		return l
	}
	return humanize(action)
}

// AuditSubjectLabel names what an audit event is about: the first part of
// an action ("client" in client.read), which is also the resource type
// the store records.
func AuditSubjectLabel(subject string) string {
	if l, ok := auditSubjects[subject]; ok {
		return l
	}
	return humanize(subject)
}

// AuditSubjects lists the subjects the audit trail can be filtered by, in
// the order a filter offers them.
func AuditSubjects() []string {
	return auditSubjectOrder
}

// OutcomeLabel is an audit outcome in words.
func OutcomeLabel(outcome string) string {
	switch outcome {
	case OutcomeSuccess:
		return "Done"
	case OutcomeFailure:
		return "Failed"
	case OutcomeDenied:
		return "Refused"
	}
	return humanize(outcome)
}

// humanize turns a code such as "drug_screen.read" into "Drug screen read".
func humanize(code string) string {
	s := strings.NewReplacer("_", " ", ".", " ").Replace(code)
	if s == "" {
		return ""
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

var auditSubjectOrder = []string{"auth", "access", "client", "inquiry", "episode", "consent", "disclosure", "document",
	"measure", "drug_screen", "checkin", "caseload", "alert", "note", "group_note", "treatment_plan", "recovery_plan",
	"skill_log", "goal", "contact", "portal", "session", "session_series", "enrollment", "attendance", "hours",
	"calendar_feed", "staff", "token", "organization", "site", "program", "track", "room", "session_type",
	"note_template", "instrument", "reminder", "outbox", "audit"}

var auditSubjects = map[string]string{
	"access": "Refusal", "alert": "Alert", "api_token": "Access token", "attendance": "Attendance", "audit": "Audit trail",
	"audit_events": "Audit trail", "auth": "Sign-in", "calendar_feed": "Calendar address", "caseload": "Caseload",
	"checkin": "Check-in", "client": "Client", "consent": "Consent", "contact": "Client's person", "disclosure": "Disclosure",
	"document": "Document", "drug_screen": "Drug screen", "due_list": "Questionnaires due", "enrollment": "Enrollment",
	"episode": "Episode of care", "goal": "Goal", "group_note": "Group note", "hours": "Weekly hours", "inquiry": "Inquiry",
	"instrument": "Questionnaire", "measure": "Questionnaire", "note": "Note", "note_template": "Note template",
	"organization": "Organization", "outbox": "Outbox", "portal": "Portal", "program": "Program",
	"recovery_plan": "Relapse-prevention plan", "reminder": "Reminder", "room": "Room", "route": "Page",
	"session": "Session", "session_series": "Weekly session", "session_type": "Kind of session", "site": "Site",
	"skill_log": "Skills log", "staff": "Staff member", "token": "Access token", "track": "Track",
	"treatment_plan": "Treatment plan",
}

var actionLabels = map[string]string{
	ActionSignIn:                  "Signed in",
	ActionSignInFailed:            "Sign-in failed",
	ActionSignOut:                 "Signed out",
	ActionMFAVerified:             "Gave the two-step code",
	ActionMFAFailed:               "Two-step code refused",
	ActionMFAEnrolled:             "Turned on two-step sign-in",
	ActionMFAReset:                "Reset two-step sign-in",
	ActionPasswordSet:             "Set a password",
	ActionTokenCreate:             "Made an access token",
	ActionTokenRevoke:             "Revoked an access token",
	ActionAccessDenied:            "Refused: role has no access",
	ActionSetup:                   "Set up the organization",
	ActionOrgUpdate:               "Changed the organization",
	ActionSiteCreate:              "Added a site",
	ActionProgramCreate:           "Added a program",
	ActionTrackCreate:             "Added a track",
	ActionStaffCreate:             "Added a staff member",
	ActionStaffInvite:             "Invited a staff member",
	ActionStaffUpdate:             "Changed a staff member",
	ActionPasswordReset:           "Made a new sign-in link",
	ActionClientCreate:            "Registered a client",
	ActionClientRead:              "Opened a client record",
	ActionClientUpdate:            "Changed a client's details",
	ActionClientSearch:            "Searched clients",
	ActionRegistrationRead:        "Opened the registration page",
	ActionBreakGlass:              "Emergency access",
	ActionInquiryCreate:           "Recorded a call",
	ActionInquiryRead:             "Opened an inquiry",
	ActionInquiryUpdate:           "Updated an inquiry",
	ActionEpisodeAdmit:            "Admitted",
	ActionEpisodeDischarge:        "Discharged",
	ActionEpisodeRead:             "Read episodes of care",
	ActionConsentCreate:           "Recorded a consent",
	ActionConsentRevoke:           "Revoked a consent",
	ActionConsentRead:             "Read consents",
	ActionDocumentRead:            "Opened a document",
	ActionDocumentCreate:          "Attached a document",
	ActionDisclosure:              "Released records",
	ActionDisclosureRefused:       "Release refused",
	ActionAccountingExport:        "Downloaded the accounting of disclosures",
	ActionAccountingRead:          "Read the accounting of disclosures",
	ActionAlertAcknowledge:        "Recorded what was done about an alert",
	ActionAlertView:               "Viewed alerts",
	ActionAlertRaise:              "Raised an alert",
	ActionAlertEscalate:           "Escalated an alert by email",
	ActionSafetySettings:          "Changed on-call settings",
	ActionResponseRecord:          "Recorded a questionnaire",
	ActionResponseRead:            "Read questionnaire scores",
	ActionMeasureAssign:           "Assigned a questionnaire",
	ActionMeasureSchedule:         "Changed when questionnaires are due",
	ActionInstrumentLoad:          "Loaded a questionnaire",
	ActionScreenRecord:            "Recorded a drug screen",
	ActionScreenRead:              "Read drug screens",
	ActionScreenPanel:             "Changed the drug screen panel",
	ActionTimelineRead:            "Read a timeline",
	ActionClientInvite:            "Invited to the portal",
	ActionSignInLink:              "Sent a sign-in link",
	ActionSupportRequest:          "Asked for support now",
	ActionSupportCancel:           "Cancelled a support request tapped by mistake",
	ActionOutboxRead:              "Read the outbox",
	ActionReminderQueue:           "Queued reminders",
	ActionRoomCreate:              "Added a room",
	ActionSeriesCreate:            "Added weekly sessions",
	ActionSessionCancel:           "Cancelled a session",
	ActionSiteClose:               "Closed the site for a day",
	ActionEnroll:                  "Enrolled",
	ActionEnrollmentEnd:           "Ended an enrollment",
	ActionRosterRead:              "Read a roster",
	ActionAttendance:              "Took attendance",
	ActionHoursRead:               "Read weekly hours",
	ActionBooking:                 "Booked a session",
	ActionPlanWeek:                "Planned the week",
	ActionProgramMinimums:         "Changed weekly minimums",
	ActionFeedCreate:              "Made a calendar address",
	ActionFeedRevoke:              "Revoked a calendar address",
	ActionFeedRead:                "Calendar feed fetched",
	ActionSessionMove:             "Moved a session",
	ActionSessionSubstitute:       "Gave a session a substitute",
	ActionSessionTypeCreate:       "Added a kind of session",
	ActionAuditView:               "Viewed the audit trail",
	ActionAuditExport:             "Downloaded the audit trail",
	ActionCheckInRecord:           "Checked in",
	ActionCheckInRead:             "Read check-ins",
	ActionCaseloadRead:            "Read a caseload",
	ActionFlagAcknowledge:         "Acknowledged a flag",
	ActionSignalSettings:          "Changed caseload flag settings",
	ActionMilestoneRead:           "Read milestones",
	ActionMilestoneSet:            "Set a milestone date",
	ActionMilestoneVisibility:     "Changed who sees milestones",
	ActionContactRead:             "Read their people",
	ActionContactCreate:           "Added a person",
	ActionContactUpdate:           "Changed a person",
	ActionContactDelete:           "Removed a person",
	ActionNoteCreate:              "Started a note",
	ActionNoteUpdate:              "Edited a note",
	ActionNoteSign:                "Signed a note",
	ActionNoteRead:                "Read a note",
	ActionNotePrint:               "Printed a note",
	ActionNoteAddendum:            "Added an addendum",
	ActionNoteCosign:              "Co-signed a note",
	ActionCosignQueueRead:         "Read the co-sign queue",
	ActionNoteTemplateCreate:      "Added a note template",
	ActionGroupNoteRead:           "Read a group note",
	ActionGroupNoteSave:           "Saved a group note",
	ActionGroupNoteSign:           "Signed a group note",
	ActionPlanSave:                "Saved a relapse-prevention plan",
	ActionPlanRead:                "Read a relapse-prevention plan",
	ActionSkillLog:                "Logged a skill",
	ActionSkillLogRead:            "Read the skills log",
	ActionThemesRead:              "Read group themes",
	ActionSkillsSet:               "Changed the skills list",
	ActionGoalCreate:              "Set a goal",
	ActionGoalUpdate:              "Updated a goal",
	ActionGoalDelete:              "Removed a goal",
	ActionGoalRead:                "Read goals",
	ActionTreatmentPlanRead:       "Read a treatment plan",
	ActionTreatmentPlanSave:       "Saved a treatment plan",
	ActionTreatmentPlanSign:       "Signed a treatment plan",
	ActionTreatmentPlanClientSign: "Client signed a treatment plan",
	ActionTreatmentPlanPrint:      "Printed a treatment plan",
	ActionPlanReviewsRead:         "Read plan reviews due",
	ActionPlanReviewDays:          "Changed how often plans are reviewed",
}
