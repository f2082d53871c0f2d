package store_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"kinship"
	"kinship/notify"
	"kinship/store/storetest"
)

// network is River and Alex, admitted with counselor Sam on 16 November
// and enrolled in the Mornings track, each with a portal context.
type network struct {
	mornings
	sys, counselor  context.Context
	river, alex     *kinship.Client
	asRiver, asAlex context.Context
}

func setUpNetwork(t *testing.T, db *storetest.DB) network {
	t.Helper()
	n := network{mornings: setUpMornings(t, db, d("2026-11-16")), sys: kinship.SystemContext(t.Context())}
	var sam *kinship.Staff
	n.counselor, sam = db.AddStaff(t, kinship.RoleClinician, "sam@example.org")
	admit := func(name string) *kinship.Client {
		c, err := db.CreateClient(n.sys, kinship.ClientFields{NameToUse: name})
		if err != nil {
			t.Fatal(err)
		}
		db.MustAdmit(t, c.ID, n.program.ID, sam.ID, d("2026-11-16"))
		if _, err := db.Enroll(n.sys, kinship.Enrollment{ClientID: c.ID, TrackID: n.track.ID, Start: d("2026-11-16")}); err != nil {
			t.Fatal(err)
		}
		return c
	}
	n.river, n.alex = admit("River"), admit("Alex")
	n.asRiver, n.asAlex = storetest.AsClient(n.river.ID), storetest.AsClient(n.alex.ID)
	return n
}

// signed is a contact whose sharing the client signs for.
func signed(name string, rel kinship.Relationship, share kinship.Sharing) kinship.ContactFields {
	return kinship.ContactFields{Name: name, Relationship: rel, Email: strings.ToLower(strings.Fields(name)[0]) + "@example.org",
		Sharing: share, SignedName: "River", Agreed: true}
}

func (n network) add(t *testing.T, db *storetest.DB, f kinship.ContactFields) *kinship.Contact {
	t.Helper()
	c, err := db.AddContact(n.asRiver, f)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// consentByID returns one of the client's consents as staff see it.
func consentByID(t *testing.T, db *storetest.DB, clientID, id int64) *kinship.Consent {
	t.Helper()
	list, err := db.Consents(kinship.SystemContext(t.Context()), clientID)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range list {
		if c.ID == id {
			return c
		}
	}
	t.Fatalf("no consent %d", id)
	return nil
}

func TestContactsNeedAConsentChoice(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		n := setUpNetwork(t, db)
		refused := func(t *testing.T, f kinship.ContactFields, fields ...string) {
			t.Helper()
			_, err := db.AddContact(n.asRiver, f)
			for _, field := range fields {
				if kinship.ErrorCode(err) != kinship.EINVALID || kinship.ErrorFields(err)[field] == "" {
					t.Errorf("AddContact = %v (fields %v), want %s invalid", err, kinship.ErrorFields(err), field)
				}
			}
			if db.Count(t, "contacts") != 0 || db.Count(t, "consents") != 0 {
				t.Errorf("refused input stored something")
			}
		}
		t.Run("NoChoice", func(t *testing.T) {
			f := signed("Maya Brooks", kinship.RelChosenFamily, "")
			refused(t, f, "sharing")
		})
		t.Run("UnknownChoice", func(t *testing.T) {
			refused(t, signed("Maya Brooks", kinship.RelChosenFamily, "everything"), "sharing")
		})
		t.Run("Unsigned", func(t *testing.T) {
			f := signed("Maya Brooks", kinship.RelChosenFamily, kinship.ShareFamilyInvites)
			f.SignedName, f.Agreed = " ", false
			refused(t, f, "signed_name", "agreed")
		})
		t.Run("NoWayToReach", func(t *testing.T) {
			f := signed("Maya Brooks", kinship.RelChosenFamily, kinship.ShareNothing)
			f.Email = ""
			refused(t, f, "phone")
		})
		t.Run("Details", func(t *testing.T) {
			f := kinship.ContactFields{Relationship: "cousin", Phone: "call me", Email: "maya@", Sharing: kinship.ShareNothing}
			refused(t, f, "name", "relationship", "phone", "email")
		})
		t.Run("NeverExpires", func(t *testing.T) {
			f := signed("Maya Brooks", kinship.RelChosenFamily, kinship.ShareAttendance)
			f.Expiry = kinship.ExpiryNone
			refused(t, f, "expiry")
		})
		t.Run("NothingTakesNoSignature", func(t *testing.T) {
			c := n.add(t, db, kinship.ContactFields{Name: "Sam Whitaker", Relationship: kinship.RelSponsor, Phone: "510-555-0190", Sharing: kinship.ShareNothing})
			if c.Consent != nil || db.Count(t, "consents") != 0 || c.Receives(d("2026-11-23")) != kinship.ShareNothing {
				t.Errorf("a contact who receives nothing has a consent: %+v", c.Consent)
			}
		})
	})
}

func TestContactConsents(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		n := setUpNetwork(t, db)
		today := d("2026-11-23")
		maya := n.add(t, db, signed("Maya Brooks", kinship.RelChosenFamily, kinship.ShareFamilyInvites))
		first := maya.Consent
		t.Run("Signed", func(t *testing.T) {
			if first == nil || first.ClientID != n.river.ID || first.Recipients[0] != "Maya Brooks" || first.SignedOn != today ||
				first.Expiry != kinship.ExpiryDate || first.ExpiresOn != d("2027-11-23") || !first.RevocationNoted ||
				first.Purposes[0] != kinship.PurposeFamilySupport || first.Information[0] != kinship.InfoAttendance ||
				first.InformationDetail != kinship.ShareFamilyInvites.Shares() || first.Discloser != "Rainbow Recovery" {
				t.Fatalf("consent = %+v", first)
			}
			if maya.Receives(today) != kinship.ShareFamilyInvites {
				t.Errorf("receives %s", maya.Receives(today))
			}
		})
		t.Run("DetailsKeepTheConsent", func(t *testing.T) {
			f := kinship.FromContact(maya)
			f.Phone = "510-555-0181"
			c, err := db.UpdateContact(n.asRiver, maya.ID, f)
			if err != nil || c.Consent == nil || c.Consent.ID != first.ID || c.Phone != "510-555-0181" {
				t.Fatalf("update = %+v, %v", c, err)
			}
		})
		t.Run("NewChoiceNeedsANewSignature", func(t *testing.T) {
			f := kinship.FromContact(maya)
			f.Sharing = kinship.ShareAttendance
			if _, err := db.UpdateContact(n.asRiver, maya.ID, f); kinship.ErrorFields(err)["signed_name"] == "" {
				t.Fatalf("unsigned change = %v", err)
			}
			if !consentByID(t, db, n.river.ID, first.ID).RevokedAt.IsZero() {
				t.Fatalf("a refused change revoked the consent")
			}
			f.SignedName, f.Agreed, f.Expiry = "River", true, kinship.ExpiryEndOfTreatment
			c, err := db.UpdateContact(n.asRiver, maya.ID, f)
			if err != nil || c.Consent == nil || c.Consent.ID == first.ID || c.Consent.Expiry != kinship.ExpiryEndOfTreatment {
				t.Fatalf("signed change = %+v, %v", c, err)
			}
			if consentByID(t, db, n.river.ID, first.ID).RevokedAt.IsZero() {
				t.Errorf("the replaced consent is still in force")
			}
			maya = c
		})
		t.Run("RenamingNeedsANewSignature", func(t *testing.T) {
			f := kinship.FromContact(maya)
			f.Name = "Maya B."
			if _, err := db.UpdateContact(n.asRiver, maya.ID, f); kinship.ErrorFields(err)["agreed"] == "" {
				t.Fatalf("unsigned rename = %v", err)
			}
		})
		t.Run("NothingRevokes", func(t *testing.T) {
			f := kinship.FromContact(maya)
			f.Sharing = kinship.ShareNothing
			c, err := db.UpdateContact(n.asRiver, maya.ID, f)
			if err != nil || c.Consent != nil {
				t.Fatalf("update to nothing = %+v, %v", c, err)
			}
			if consentByID(t, db, n.river.ID, maya.Consent.ID).RevokedAt.IsZero() {
				t.Errorf("choosing nothing left the consent in force")
			}
		})
		t.Run("RemovingRevokes", func(t *testing.T) {
			jo := n.add(t, db, signed("Jordan Lee", kinship.RelPartner, kinship.ShareAttendance))
			if err := db.RemoveContact(n.asRiver, jo.ID); err != nil {
				t.Fatal(err)
			}
			if _, err := db.MyContact(n.asRiver, jo.ID); kinship.ErrorCode(err) != kinship.ENOTFOUND {
				t.Errorf("removed contact: %v", err)
			}
			if consentByID(t, db, n.river.ID, jo.Consent.ID).RevokedAt.IsZero() {
				t.Errorf("removing the contact left the consent in force")
			}
		})
		t.Run("Lapsed", func(t *testing.T) {
			pat := n.add(t, db, signed("Pat Kim", kinship.RelFriend, kinship.ShareAttendance))
			db.Clock.Advance(366 * 24 * time.Hour)
			defer db.Clock.Advance(-366 * 24 * time.Hour)
			pat, _ = db.MyContact(n.asRiver, pat.ID)
			if got := pat.Receives(d("2027-11-24")); got != kinship.ShareNothing {
				t.Errorf("after the year, receives %s", got)
			}
			f := kinship.FromContact(pat)
			if _, err := db.UpdateContact(n.asRiver, pat.ID, f); kinship.ErrorFields(err)["signed_name"] == "" {
				t.Errorf("keeping an expired consent without signing again = %v", err)
			}
		})
		t.Run("StaffSeeTheNetwork", func(t *testing.T) {
			list, err := db.Contacts(n.counselor, n.river.ID)
			if err != nil || len(list) != 2 {
				t.Fatalf("Contacts = %d, %v", len(list), err)
			}
			front, _ := db.AddStaff(t, kinship.RoleFrontDesk, "desk@example.org")
			if _, err := db.Contacts(front, n.river.ID); kinship.ErrorCode(err) != kinship.EFORBIDDEN {
				t.Errorf("front desk: %v", err)
			}
			if _, err := db.Contacts(n.asRiver, n.river.ID); kinship.ErrorCode(err) != kinship.EFORBIDDEN {
				t.Errorf("a client through the staff method: %v", err)
			}
		})
	})
}

func TestContactsBelongToTheirClient(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		n := setUpNetwork(t, db)
		maya := n.add(t, db, signed("Maya Brooks", kinship.RelChosenFamily, kinship.ShareFamilyInvites))
		notFound := func(t *testing.T, what string, err error) {
			t.Helper()
			if kinship.ErrorCode(err) != kinship.ENOTFOUND {
				t.Errorf("%s: %v, want not found", what, err)
			}
		}
		_, err := db.MyContact(n.asAlex, maya.ID)
		notFound(t, "read", err)
		_, err = db.UpdateContact(n.asAlex, maya.ID, signed("Maya Brooks", kinship.RelChosenFamily, kinship.ShareNothing))
		notFound(t, "update", err)
		notFound(t, "remove", db.RemoveContact(n.asAlex, maya.ID))
		notFound(t, "invite through another client", db.InviteToFamilySession(n.counselor, n.alex.ID, maya.ID))
		if list, err := db.MyContacts(n.asAlex); err != nil || len(list) != 0 {
			t.Errorf("Alex's contacts = %v, %v", list, err)
		}
		if c, err := db.MyContact(n.asRiver, maya.ID); err != nil || c.Consent == nil || !c.Consent.RevokedAt.IsZero() || c.Sharing != kinship.ShareFamilyInvites {
			t.Errorf("River's contact changed: %+v, %v", c, err)
		}
		if _, err := db.MyContacts(n.sys); kinship.ErrorCode(err) != kinship.EFORBIDDEN {
			t.Errorf("no client in the context: %v", err)
		}
	})
}

func TestFamilyInvitation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		n := setUpNetwork(t, db)
		maya := n.add(t, db, signed("Maya Brooks", kinship.RelChosenFamily, kinship.ShareFamilyInvites))
		jordan := n.add(t, db, signed("Jordan Lee", kinship.RelPartner, kinship.ShareAttendance))
		tess := n.add(t, db, kinship.ContactFields{Name: "Tess Moreno", Relationship: kinship.RelFriend, Phone: "510-555-0170", Sharing: kinship.ShareNothing})
		refused := func(t *testing.T, c *kinship.Contact, why string) {
			t.Helper()
			before := len(refusals(t, db))
			err := db.InviteToFamilySession(n.counselor, n.river.ID, c.ID)
			if kinship.ErrorCode(err) != kinship.EFORBIDDEN || !strings.Contains(kinship.ErrorMessage(err), why) {
				t.Errorf("invite = %v, want refused: %s", err, why)
			}
			if db.Count(t, "outbox") != 0 || db.Count(t, "disclosures") != 0 {
				t.Errorf("a refused invitation was queued or accounted")
			}
			if len(refusals(t, db)) != before+1 {
				t.Errorf("the refusal was not audited")
			}
		}
		t.Run("NoConsent", func(t *testing.T) { refused(t, tess, "has not agreed") })
		t.Run("ConsentForSomethingElse", func(t *testing.T) { refused(t, jordan, "has not agreed") })
		t.Run("NotAllowed", func(t *testing.T) {
			peer, _ := db.AddStaff(t, kinship.RolePeerSupport, "peer@example.org")
			if err := db.InviteToFamilySession(peer, n.river.ID, maya.ID); kinship.ErrorCode(err) != kinship.EFORBIDDEN {
				t.Errorf("peer support: %v", err)
			}
		})
		t.Run("UnderConsent", func(t *testing.T) {
			// A family session booked for River on Wednesday 2 December, 17:00 in Los Angeles.
			if _, err := db.Raw.Exec(fmt.Sprintf(`INSERT INTO sessions (program_id, type_id, title, on_date, starts_at, ends_at, client_id, created_at)
				VALUES (%d, (SELECT id FROM session_types WHERE kind = 'family'), 'Family session', '2026-12-02',
				'2026-12-03 01:00:00+00:00', '2026-12-03 02:00:00+00:00', %d, '2026-11-23 00:00:00+00:00')`, n.program.ID, n.river.ID)); err != nil {
				t.Fatal(err)
			}
			if err := db.InviteToFamilySession(n.counselor, n.river.ID, maya.ID); err != nil {
				t.Fatal(err)
			}
			msgs, _ := db.Outbox(n.sys, 10)
			if len(msgs) != 1 {
				t.Fatalf("outbox = %d messages", len(msgs))
			}
			m := msgs[0]
			if m.Kind != kinship.OutboxFamilyInvite || m.Channel != notify.ChannelEmail || m.Recipient != "maya@example.org" || m.ClientID != n.river.ID ||
				!strings.Contains(m.Body, "Hello Maya Brooks,\n\nRiver would like you to come to a family session on Wednesday 2 December at 17:00.") {
				t.Errorf("message = %+v", m)
			}
			if notify.HasClinicalWord(m.Subject + " " + m.Body) {
				t.Errorf("clinical words in %q %q", m.Subject, m.Body)
			}
			ds, err := db.Disclosures(n.counselor, n.river.ID)
			if err != nil || len(ds) != 1 || ds[0].ConsentID != maya.Consent.ID || ds[0].Recipient != "Maya Brooks" ||
				ds[0].Purpose != kinship.PurposeFamilySupport || ds[0].Method != "email" {
				t.Errorf("accounting = %+v, %v", ds, err)
			}
			if len(ds) == 1 && (!slices.Equal(ds[0].Released, []kinship.KindCount{{Kind: kinship.InfoAttendance, Items: 1}}) || len(ds[0].SHA256) != 64) {
				t.Errorf("the invitation's accounting holds %+v, digest %q; want the one session invited to", ds[0].Released, ds[0].SHA256)
			}
		})
		t.Run("Revoked", func(t *testing.T) {
			f := kinship.FromContact(maya)
			f.Sharing = kinship.ShareNothing
			if _, err := db.UpdateContact(n.asRiver, maya.ID, f); err != nil {
				t.Fatal(err)
			}
			before := db.Count(t, "outbox")
			if err := db.InviteToFamilySession(n.counselor, n.river.ID, maya.ID); kinship.ErrorCode(err) != kinship.EFORBIDDEN {
				t.Errorf("after revoking: %v", err)
			}
			if db.Count(t, "outbox") != before {
				t.Errorf("queued after revoking")
			}
		})
	})
}

// refusals are the audited refusals to disclose.
func refusals(t *testing.T, db *storetest.DB) []*kinship.AuditEvent {
	t.Helper()
	events, _, err := db.ListAudit(kinship.SystemContext(t.Context()), kinship.AuditFilter{Action: kinship.ActionDisclosureRefused})
	if err != nil {
		t.Fatal(err)
	}
	return events
}

func TestWeeklySummaries(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		n := setUpNetwork(t, db)
		jordan := signed("Jordan Lee", kinship.RelPartner, kinship.ShareAttendance)
		jordan.Email, jordan.Phone = "", "510-555-0160" // by text
		n.add(t, db, jordan)
		n.add(t, db, signed("Maya Brooks", kinship.RelChosenFamily, kinship.ShareFamilyInvites))
		// River came to 3 of the 4 sessions marked in the week of 16 November.
		sessions, err := db.Sessions(n.sys, d("2026-11-16"), d("2026-11-20"))
		if err != nil || len(sessions) != 5 {
			t.Fatalf("sessions = %d, %v", len(sessions), err)
		}
		for i, status := range []string{"present", "late", "unexcused", "telehealth"} {
			mark := kinship.AttendanceMark{ClientID: n.river.ID, Status: status}
			if status == "late" {
				mark.Minutes = 10
			}
			if _, err := db.RecordAttendance(n.sys, sessions[i].ID, []kinship.AttendanceMark{mark}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := db.QueueWeeklySummaries(n.counselor, d("2026-11-16")); kinship.ErrorCode(err) != kinship.EFORBIDDEN {
			t.Errorf("staff queueing summaries: %v", err)
		}
		if _, err := db.QueueWeeklySummaries(n.sys, d("2026-11-23")); kinship.ErrorCode(err) != kinship.EINVALID {
			t.Errorf("a week not over: %v", err)
		}
		queued, err := db.QueueWeeklySummaries(n.sys, d("2026-11-18"))
		if err != nil || queued != 1 {
			t.Fatalf("queued %d, %v", queued, err)
		}
		msgs, _ := db.Outbox(n.sys, 10)
		if len(msgs) != 1 || msgs[0].Kind != kinship.OutboxWeeklySummary || msgs[0].Channel != notify.ChannelSMS ||
			msgs[0].Recipient != "510-555-0160" || !strings.Contains(msgs[0].Body, "River attended 3 of 4 sessions in the week of 16 November") {
			t.Fatalf("outbox = %+v", msgs)
		}
		if notify.HasClinicalWord(msgs[0].Subject + " " + msgs[0].Body) {
			t.Errorf("clinical words in %q", msgs[0].Body)
		}
		if ds, _ := db.Disclosures(n.counselor, n.river.ID); len(ds) != 1 || ds[0].Recipient != "Jordan Lee" || ds[0].Method != "sms" ||
			!slices.Equal(ds[0].Released, []kinship.KindCount{{Kind: kinship.InfoAttendance, Items: 4}}) || len(ds[0].SHA256) != 64 {
			t.Errorf("accounting = %+v; want the week's four sessions, with the digest of what was released", ds)
		}
		if again, err := db.QueueWeeklySummaries(n.sys, d("2026-11-16")); err != nil || again != 0 {
			t.Errorf("queued the week again: %d, %v", again, err)
		}
		if none, err := db.QueueWeeklySummaries(n.sys, d("2026-11-09")); err != nil || none != 0 {
			t.Errorf("a week with no sessions: %d, %v", none, err)
		}
	})
}

func TestRecoveryDate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		n := setUpNetwork(t, db)
		st, err := db.Milestone(n.asRiver)
		if err != nil || !st.Start.IsZero() || st.Next != nil {
			t.Fatalf("before any date: %+v, %v", st, err)
		}
		t.Run("Refused", func(t *testing.T) {
			for _, start := range []kinship.Date{{}, d("2026-11-24")} {
				if _, err := db.SetRecoveryStart(n.asRiver, start, true); kinship.ErrorFields(err)["start"] == "" {
					t.Errorf("start %s: %v", start, err)
				}
			}
			if db.Count(t, "recovery_starts") != 0 || db.Count(t, "alerts") != 0 {
				t.Errorf("a refused date was stored or told")
			}
		})
		t.Run("Private", func(t *testing.T) {
			told, err := db.SetRecoveryStart(n.asRiver, d("2026-10-14"), false)
			if err != nil || told {
				t.Fatalf("set = %t, %v", told, err)
			}
			st, _ := db.Milestone(n.asRiver)
			if st.Days != 40 || st.Latest().Label != "30 days" || st.Next.Label != "60 days" || st.DaysToGo != 20 {
				t.Errorf("milestones = %+v", st)
			}
			if db.Count(t, "alerts") != 0 {
				t.Errorf("a private reset raised an alert")
			}
		})
		t.Run("TellCounselor", func(t *testing.T) {
			told, err := db.SetRecoveryStart(n.asRiver, d("2026-11-21"), true)
			if err != nil || !told {
				t.Fatalf("reset = %t, %v", told, err)
			}
			alerts, err := db.OpenAlerts(n.counselor)
			if err != nil || len(alerts) != 1 {
				t.Fatalf("counselor's alerts = %d, %v", len(alerts), err)
			}
			a := alerts[0]
			if a.Kind != kinship.AlertMilestoneReset || a.Safety() || a.Message != "River reset their recovery date and asked you to know." || a.ClientID != n.river.ID {
				t.Errorf("alert = %+v", a)
			}
			if st, _ := db.Milestone(n.asRiver); st.Days != 2 || st.Latest().Label != "1 day" {
				t.Errorf("after reset: %+v", st)
			}
		})
		t.Run("NoCounselor", func(t *testing.T) {
			c, _ := db.CreateClient(n.sys, kinship.ClientFields{NameToUse: "Jules"})
			told, err := db.SetRecoveryStart(storetest.AsClient(c.ID), d("2026-11-01"), true)
			if err != nil || told {
				t.Errorf("without a counselor = %t, %v", told, err)
			}
		})
		t.Run("Hidden", func(t *testing.T) {
			if err := db.SetMilestonesHidden(n.asRiver, true); err != nil {
				t.Fatal(err)
			}
			if st, _ := db.Milestone(n.asRiver); !st.Hidden || st.Start != d("2026-11-21") {
				t.Errorf("hidden: %+v", st)
			}
			if err := db.SetMilestonesHidden(n.asAlex, true); err != nil {
				t.Fatal(err)
			}
			if st, _ := db.Milestone(n.asAlex); !st.Hidden || !st.Start.IsZero() {
				t.Errorf("Alex hid a counter with no date: %+v", st)
			}
		})
	})
}
