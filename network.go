package kinship

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// Contact is a person in a client's support network, with what the
// client agreed they may receive. Sharing anything with them is a
// disclosure under 42 CFR Part 2, so anything but ShareNothing rests on a
// written consent the client signed in their portal.
type Contact struct {
	ID           int64
	ClientID     int64
	Name         string
	Relationship Relationship
	Phone        string
	Email        string
	Sharing      Sharing
	// Consent is the signed consent Sharing rests on; nil for nothing.
	Consent   *Consent
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Receives is what the contact may receive on day: their sharing while
// its consent is in force, otherwise nothing.
func (c *Contact) Receives(day Date) Sharing {
	if c.Consent == nil || c.Consent.Lapsed(day) != "" {
		return ShareNothing
	}
	return c.Sharing
}

// Relationship is how a contact is related to the client.
type Relationship string

// Relationships, in the order forms offer them.
const (
	RelChosenFamily Relationship = "chosen_family"
	RelPartner      Relationship = "partner"
	RelFriend       Relationship = "friend"
	RelSponsor      Relationship = "sponsor"
	RelFamily       Relationship = "family"
)

// Relationships lists the relationships in the order forms offer them.
var Relationships = []Relationship{RelChosenFamily, RelPartner, RelFriend, RelSponsor, RelFamily}

// Label is the relationship as people read it.
func (r Relationship) Label() string {
	return map[Relationship]string{RelChosenFamily: "Chosen family", RelPartner: "Partner", RelFriend: "Friend",
		RelSponsor: "Sponsor", RelFamily: "Family"}[r]
}

// Sharing is what a contact may receive, as the client chose.
type Sharing string

// What a contact may receive.
const (
	ShareFamilyInvites Sharing = "family_invites"
	ShareAttendance    Sharing = "weekly_attendance"
	ShareNothing       Sharing = "nothing"
)

// Sharings lists the choices in the order forms offer them.
var Sharings = []Sharing{ShareFamilyInvites, ShareAttendance, ShareNothing}

// Label is the choice as people read it.
func (s Sharing) Label() string {
	return map[Sharing]string{ShareFamilyInvites: "Invitations to family sessions",
		ShareAttendance: "A weekly attendance summary", ShareNothing: "Nothing"}[s]
}

// Shares is what the consent releases, in the client's words: the
// consent's "what information" element.
func (s Sharing) Shares() string {
	return map[Sharing]string{
		ShareFamilyInvites: "That I take part in the program, and invitations to family sessions with their day and time.",
		ShareAttendance: "That I take part in the program, and once a week how many of my scheduled sessions I came to. " +
			"Nothing else: no notes, scores, check-ins or diagnoses.",
	}[s]
}

// Purpose is why it is shared, in the client's words.
func (s Sharing) Purpose() string {
	return map[Sharing]string{
		ShareFamilyInvites: "So they can join me at family sessions.",
		ShareAttendance:    "So they can support me by knowing I am showing up.",
	}[s]
}

// ContactFields is what a client enters about a contact. When Sharing is
// more than nothing and it, or the name, changes (or the consent lapsed),
// the client signs a new consent: SignedName, Agreed and Expiry.
type ContactFields struct {
	Name         string       `json:"name"`
	Relationship Relationship `json:"relationship"`
	Phone        string       `json:"phone"`
	Email        string       `json:"email"`
	Sharing      Sharing      `json:"sharing"`
	// Expiry is ExpiryDate (one year from signing, the default) or
	// ExpiryEndOfTreatment.
	Expiry     ExpiryKind `json:"expiry"`
	SignedName string     `json:"signed_name"`
	// Agreed is the client's tick: they read the consent's statements,
	// including that they may revoke it at any time, and agree.
	Agreed bool `json:"agreed"`
}

// FromContact returns the fields of an existing contact, unsigned, for
// an edit form or a partial update.
func FromContact(c *Contact) ContactFields {
	f := ContactFields{Name: c.Name, Relationship: c.Relationship, Phone: c.Phone, Email: c.Email, Sharing: c.Sharing, Expiry: ExpiryDate}
	if c.Consent != nil {
		f.Expiry = c.Consent.Expiry
	}
	return f
}

// NeedsSignature reports whether saving f over current (nil for a new
// contact) takes a newly signed consent.
func (f *ContactFields) NeedsSignature(current *Contact, today Date) bool {
	if f.Sharing == ShareNothing || f.Sharing.Label() == "" {
		return false
	}
	return current == nil || current.Sharing != f.Sharing || current.Consent == nil ||
		!strings.EqualFold(strings.TrimSpace(current.Name), strings.TrimSpace(f.Name)) || current.Consent.Lapsed(today) != ""
}

// Validate returns EINVALID naming each field at fault. current is the
// contact being changed, or nil for a new one.
func (f *ContactFields) Validate(current *Contact, today Date) error {
	f.Name, f.Phone, f.SignedName = strings.TrimSpace(f.Name), strings.TrimSpace(f.Phone), strings.TrimSpace(f.SignedName)
	f.Email = strings.ToLower(strings.TrimSpace(f.Email))
	e := FieldErrors{}
	switch {
	case f.Name == "":
		e.Add("name", "Give their name, or what you call them.")
	case utf8.RuneCountInString(f.Name) > 100:
		e.Add("name", "Keep the name to 100 characters.")
	}
	if f.Relationship.Label() == "" {
		e.Add("relationship", "Choose who they are to you: chosen family, partner, friend, sponsor or family.")
	}
	if f.Phone == "" && f.Email == "" {
		e.Add("phone", "Give a phone number or an email address for them.")
	}
	if f.Phone != "" && !phoneShape.MatchString(f.Phone) {
		e.Add("phone", phoneProblem)
	}
	if f.Email != "" {
		ValidateEmail(e, f.Email)
	}
	if f.Sharing.Label() == "" {
		e.Add("sharing", "Choose what they may receive: invitations to family sessions, a weekly attendance summary, or nothing.")
	}
	if f.NeedsSignature(current, today) {
		if f.Expiry == "" {
			f.Expiry = ExpiryDate
		}
		if f.Expiry != ExpiryDate && f.Expiry != ExpiryEndOfTreatment {
			e.Add("expiry", "Choose when this consent ends: in one year, or at the end of your treatment.")
		}
		if f.SignedName == "" {
			e.Add("signed_name", "Type your name to sign this consent.")
		}
		if !f.Agreed {
			e.Add("agreed", "Tick the box to agree to this consent, or choose “Nothing”.")
		}
	}
	return e.Err()
}

// Consent is the written consent f asks the client to sign, naming the
// program as discloser.
func (f *ContactFields) Consent(discloser string, today Date) ConsentFields {
	c := ConsentFields{Discloser: discloser, Information: []InfoKind{InfoAttendance}, InformationDetail: f.Sharing.Shares(),
		Recipients: []string{f.Name}, Purposes: []Purpose{PurposeFamilySupport}, PurposeDetail: f.Sharing.Purpose(),
		Expiry: f.Expiry, RevocationNoted: f.Agreed, SignedName: f.SignedName, SignedOn: today, SignatureMethod: "typed",
		Confirmed: f.Agreed}
	if c.Expiry == ExpiryDate {
		c.ExpiresOn = today.AddYears(1)
	}
	return c
}

// Covers says whether the contact may receive kind on day under their
// consent, and if not, why not, in words safe to show and log.
func (c *Contact) Covers(kind Sharing, day Date) (bool, string) {
	if c.Sharing != kind || c.Consent == nil {
		return false, "the client has not agreed that this person may receive " + strings.ToLower(kind.Label())
	}
	return c.Consent.Covers(c.Name, PurposeFamilySupport, []InfoKind{InfoAttendance}, day)
}

// Audit actions of the support network.
const (
	ActionContactRead   = "contact.read"
	ActionContactCreate = "contact.create"
	ActionContactUpdate = "contact.update"
	ActionContactDelete = "contact.delete"
)

// Outbox kinds of the messages contacts receive.
const (
	OutboxFamilyInvite  = "family_invite"
	OutboxWeeklySummary = "weekly_summary"
)

// NetworkService is the client's support network with consent, and their
// recovery date and milestones.
//
// Portal methods act for the client in ctx (PortalClient) on their own
// records only: a contact id of anyone else's is ENOTFOUND.
type NetworkService interface {
	// MyContacts lists the client's contacts by name.
	MyContacts(ctx context.Context) ([]*Contact, error)
	// MyContact returns one of the client's contacts.
	MyContact(ctx context.Context, id int64) (*Contact, error)
	// AddContact adds a contact, recording the consent the client signs
	// for anything but nothing. EINVALID, storing nothing, without a
	// sharing choice or the signature it needs.
	AddContact(ctx context.Context, f ContactFields) (*Contact, error)
	// UpdateContact changes a contact. A new sharing choice (or name)
	// revokes the consent in force and records the newly signed one;
	// choosing nothing revokes it.
	UpdateContact(ctx context.Context, id int64, f ContactFields) (*Contact, error)
	// RemoveContact deletes a contact and revokes their consent.
	RemoveContact(ctx context.Context, id int64) error

	// Contacts lists a client's contacts and their consents, for staff
	// with PermClinicalRead and chart access.
	Contacts(ctx context.Context, clientID int64) ([]*Contact, error)
	// InviteToFamilySession queues a discreet invitation to the contact
	// and records the disclosure, with PermEpisodeManage. EFORBIDDEN,
	// audited and queuing nothing, unless the contact's consent to
	// family-session invitations is in force.
	InviteToFamilySession(ctx context.Context, clientID, contactID int64) error
	// QueueWeeklySummaries queues, for the ISO week holding week, an
	// "attended N of M sessions" message to each contact whose consent to
	// the weekly summary is in force, once per contact and week; it
	// returns how many it queued. The system actor only, once the week
	// has ended (EINVALID before its Sunday).
	QueueWeeklySummaries(ctx context.Context, week Date) (int, error)

	// Milestone is the client's recovery date and milestones as of today.
	Milestone(ctx context.Context) (*MilestoneStatus, error)
	// SetRecoveryStart sets or resets the client's recovery date, in
	// private: no one is told unless tellCounselor, which raises an
	// ordinary alert to their primary counselor. told is false when there
	// was no counselor to tell.
	SetRecoveryStart(ctx context.Context, start Date, tellCounselor bool) (told bool, err error)
	// SetMilestonesHidden hides or shows the client's counter.
	SetMilestonesHidden(ctx context.Context, hidden bool) error
}
