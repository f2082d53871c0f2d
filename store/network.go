package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"kinship"
	"kinship/calendar"
	"kinship/notify"
)

const contactColumns = `c.id, c.client_id, c.name, c.relationship, c.phone, c.email, c.sharing, COALESCE(c.consent_id, 0),
	c.created_at, c.updated_at`

// contactsWhere lists contacts matching where, by name, each with the
// consent their sharing rests on.
func (s *Store) contactsWhere(ctx context.Context, where string, args ...any) ([]*kinship.Contact, error) {
	consentOf := map[*kinship.Contact]int64{}
	rows, err := s.query(ctx, "SELECT "+contactColumns+" FROM contacts c WHERE "+where+" ORDER BY LOWER(c.name), c.id", args...)
	list, err := collect(rows, err, func(r rowScanner) (*kinship.Contact, error) {
		c := &kinship.Contact{}
		var consentID int64
		err := r.Scan(&c.ID, &c.ClientID, &c.Name, &c.Relationship, &c.Phone, &c.Email, &c.Sharing, &consentID,
			scanTime(&c.CreatedAt), scanTime(&c.UpdatedAt))
		consentOf[c] = consentID
		return c, err
	})
	if err != nil {
		return nil, err
	}
	// Each contact's consent is among their client's, loaded once per client.
	consents, loaded := map[int64]*kinship.Consent{}, map[int64]bool{}
	for _, c := range list {
		if !loaded[c.ClientID] {
			loaded[c.ClientID] = true
			all, err := s.consents(ctx, c.ClientID)
			if err != nil {
				return nil, err
			}
			for _, k := range all {
				consents[k.ID] = k
			}
		}
		c.Consent = consents[consentOf[c]]
	}
	return list, nil
}

// contactOf returns the client's contact id, or ENOTFOUND when there is
// none: another client's contact is not found either.
func (s *Store) contactOf(ctx context.Context, clientID, id int64) (*kinship.Contact, error) {
	list, err := s.contactsWhere(ctx, "c.id = ? AND c.client_id = ?", id, clientID)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, kinship.Errorf(kinship.ENOTFOUND, "That person was not found.")
	}
	return list[0], nil
}

// MyContacts lists the client's own contacts.
func (s *Store) MyContacts(ctx context.Context) ([]*kinship.Contact, error) {
	id, err := kinship.PortalClient(ctx)
	if err != nil {
		return nil, err
	}
	if err := s.openChart(ctx, id, kinship.ActionContactRead); err != nil {
		return nil, err
	}
	return s.contactsWhere(ctx, "c.client_id = ?", id)
}

// MyContact returns one of the client's own contacts.
func (s *Store) MyContact(ctx context.Context, contactID int64) (*kinship.Contact, error) {
	id, err := kinship.PortalClient(ctx)
	if err != nil {
		return nil, err
	}
	c, err := s.contactOf(ctx, id, contactID)
	if err != nil {
		return nil, err
	}
	return c, s.openChart(ctx, id, kinship.ActionContactRead)
}

// AddContact adds a contact to the client's network, with the consent
// they signed for anything but nothing.
func (s *Store) AddContact(ctx context.Context, f kinship.ContactFields) (*kinship.Contact, error) {
	return s.saveContact(ctx, 0, f)
}

// UpdateContact changes one of the client's contacts.
func (s *Store) UpdateContact(ctx context.Context, contactID int64, f kinship.ContactFields) (*kinship.Contact, error) {
	return s.saveContact(ctx, contactID, f)
}

// saveContact adds (contactID 0) or changes a contact. A new signature
// replaces the consent in force; choosing nothing revokes it.
func (s *Store) saveContact(ctx context.Context, contactID int64, f kinship.ContactFields) (*kinship.Contact, error) {
	clientID, err := kinship.PortalClient(ctx)
	if err != nil {
		return nil, err
	}
	var current *kinship.Contact
	if contactID != 0 {
		if current, err = s.contactOf(ctx, clientID, contactID); err != nil {
			return nil, err
		}
	}
	today := s.today(ctx)
	if err := f.Validate(current, today); err != nil {
		return nil, err
	}
	var consent kinship.ConsentFields
	sign := f.NeedsSignature(current, today)
	if sign {
		org, err := s.Organization(ctx)
		if err != nil {
			return nil, err
		}
		consent = f.Consent(org.Name, today)
		if err := consent.Validate(today); err != nil {
			return nil, err
		}
	}
	err = s.update(ctx, func(tx *Tx) error {
		var consentID int64
		if current != nil && current.Consent != nil {
			consentID = current.Consent.ID
			if sign || f.Sharing == kinship.ShareNothing {
				if err := tx.revokeConsent(consentID, "Changed by the client in their portal."); err != nil {
					return err
				}
				consentID = 0
			}
		}
		if sign {
			if consentID, err = tx.insertConsent(clientID, consent, nil); err != nil {
				return err
			}
		}
		action := kinship.ActionContactUpdate
		if current == nil {
			action = kinship.ActionContactCreate
			contactID, err = tx.insert(`INSERT INTO contacts (client_id, name, relationship, phone, email, sharing, consent_id,
				created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				clientID, f.Name, f.Relationship, f.Phone, f.Email, f.Sharing, nullID(consentID), tx.now, tx.now)
		} else {
			_, err = tx.exec(`UPDATE contacts SET name = ?, relationship = ?, phone = ?, email = ?, sharing = ?, consent_id = ?,
				updated_at = ? WHERE id = ? AND client_id = ?`,
				f.Name, f.Relationship, f.Phone, f.Email, f.Sharing, nullID(consentID), tx.now, contactID, clientID)
		}
		if err != nil {
			return err
		}
		return tx.audit(clientAudit(action, clientID, "contact "+strconv.FormatInt(contactID, 10)+"; shares "+string(f.Sharing)))
	})
	if err != nil {
		return nil, err
	}
	return s.contactOf(ctx, clientID, contactID)
}

// RemoveContact deletes a contact and revokes their consent; the consent
// and any disclosures under it stay on record.
func (s *Store) RemoveContact(ctx context.Context, contactID int64) error {
	clientID, err := kinship.PortalClient(ctx)
	if err != nil {
		return err
	}
	c, err := s.contactOf(ctx, clientID, contactID)
	if err != nil {
		return err
	}
	return s.update(ctx, func(tx *Tx) error {
		if c.Consent != nil {
			if err := tx.revokeConsent(c.Consent.ID, "The client removed this person in their portal."); err != nil {
				return err
			}
		}
		if _, err := tx.exec("DELETE FROM contacts WHERE id = ? AND client_id = ?", contactID, clientID); err != nil {
			return err
		}
		return tx.audit(clientAudit(kinship.ActionContactDelete, clientID, "contact "+strconv.FormatInt(contactID, 10)))
	})
}

// Contacts lists a client's network and consents for staff.
func (s *Store) Contacts(ctx context.Context, clientID int64) ([]*kinship.Contact, error) {
	if err := kinship.Authorize(ctx, kinship.PermClinicalRead); err != nil {
		return nil, err
	}
	if err := s.openChart(ctx, clientID, kinship.ActionContactRead); err != nil {
		return nil, err
	}
	return s.contactsWhere(ctx, "c.client_id = ?", clientID)
}

// signature ends every message to a contact with the neutral product name.
const signature = "\n\n- Kinship\n"

// InviteToFamilySession queues a discreet invitation to a contact under
// their consent, naming the client's next family session if one is booked.
func (s *Store) InviteToFamilySession(ctx context.Context, clientID, contactID int64) error {
	if err := kinship.Authorize(ctx, kinship.PermEpisodeManage); err != nil {
		return err
	}
	if err := s.openChart(ctx, clientID, kinship.ActionContactRead); err != nil {
		return err
	}
	c, err := s.contactOf(ctx, clientID, contactID)
	if err != nil {
		return err
	}
	if ok, why := c.Covers(kinship.ShareFamilyInvites, s.today(ctx)); !ok {
		_ = s.Audit(ctx, kinship.AuditRecord{Action: kinship.ActionDisclosureRefused, ResourceType: "client",
			ResourceID: strconv.FormatInt(clientID, 10), Outcome: kinship.OutcomeDenied,
			Detail: "family invitation to contact " + strconv.FormatInt(contactID, 10) + ": " + why})
		return kinship.Errorf(kinship.EFORBIDDEN, "No invitation was sent: %s. The client chooses who may receive invitations, under My people in their portal.", why)
	}
	name, err := s.nameToUse(ctx, clientID)
	if err != nil {
		return err
	}
	var next time.Time
	var title string
	err = s.queryRow(ctx, `SELECT s.starts_at, s.title FROM sessions s JOIN session_types t ON t.id = s.type_id
		WHERE s.client_id = ? AND t.kind = ? AND NOT s.cancelled AND s.starts_at > ? ORDER BY s.starts_at LIMIT 1`,
		clientID, kinship.KindFamily, s.now()).Scan(scanTime(&next), &title)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	when := ". We will be in touch with the day and time."
	if !next.IsZero() {
		at := next.In(s.homeLocation(ctx))
		when = fmt.Sprintf(" on %s at %d:%02d.", at.Format("Monday 2 January"), at.Hour(), at.Minute())
	}
	body := fmt.Sprintf("Hello %s,\n\n%s would like you to come to a family session%s", c.Name, name, when)
	// What leaves is that the client takes part, and the session invited to.
	record := &kinship.ClientRecord{Client: &kinship.Client{ID: clientID, NameToUse: name}}
	if !next.IsZero() {
		record.Attendance = []kinship.AttendedSession{{Day: kinship.DateOf(next.In(s.homeLocation(ctx))), Session: title, Status: "invited"}}
	}
	after := s.quietAfter(ctx)
	return s.update(ctx, func(tx *Tx) error {
		return tx.sendToContact(c, record, s.today(ctx), kinship.OutboxFamilyInvite, "An invitation from "+name, body+signature, after)
	})
}

// QueueWeeklySummaries queues each consenting contact's "attended N of M
// sessions" for the week, counting the sessions whose attendance was taken.
// ISO week names sort in time order, so no week is summarized twice, nor
// one older than the last.
func (s *Store) QueueWeeklySummaries(ctx context.Context, week kinship.Date) (int, error) {
	if !kinship.ActorFrom(ctx).System {
		return 0, kinship.Errorf(kinship.EFORBIDDEN, "Weekly summaries are queued by the system.")
	}
	wk := calendar.WeekOf(week)
	monday, today := wk.Monday(), s.today(ctx)
	sunday := monday.AddDays(6)
	if today.Before(sunday) {
		return 0, invalidField("week", "Weekly summaries go out once the week is over.")
	}
	contacts, err := s.contactsWhere(ctx, "c.sharing = ? AND c.summary_week < ?", kinship.ShareAttendance, wk.String())
	if err != nil {
		return 0, err
	}
	queued, after := 0, s.quietAfter(ctx)
	for _, c := range contacts {
		if ok, _ := c.Covers(kinship.ShareAttendance, today); !ok {
			continue
		}
		record, err := s.clientRecord(ctx, c.ClientID, []kinship.InfoKind{kinship.InfoAttendance}, monday, sunday)
		if err != nil {
			return queued, err
		}
		sessions, attended := len(record.Attendance), 0
		for _, a := range record.Attendance {
			if kinship.Attended(a.Status) {
				attended++
			}
		}
		if sessions == 0 {
			continue // nothing to tell
		}
		name := record.Client.NameToUse
		body := fmt.Sprintf("Hello %s,\n\n%s attended %d of %d sessions in the week of %s.", c.Name, name, attended, sessions,
			monday.In(time.UTC).Format("2 January"))
		err = s.update(ctx, func(tx *Tx) error {
			if _, err := tx.exec("UPDATE contacts SET summary_week = ? WHERE id = ?", wk.String(), c.ID); err != nil {
				return err
			}
			return tx.sendToContact(c, record, today, kinship.OutboxWeeklySummary, "This week with "+name, body+signature, after)
		})
		if err != nil {
			return queued, err
		}
		queued++
	}
	return queued, nil
}

// nameToUse is the name a client's messages call them by.
func (s *Store) nameToUse(ctx context.Context, clientID int64) (string, error) {
	var name string
	err := s.queryRow(ctx, "SELECT name_to_use FROM clients WHERE id = ?", clientID).Scan(&name)
	return name, notFound(err, "The client")
}

// quietAfter is now, or the end of quiet hours at the home site: a
// contact's phone should not buzz at night either.
func (s *Store) quietAfter(ctx context.Context) time.Time {
	return QuietHours.Defer(s.now(), s.homeLocation(ctx))
}

// sendToContact queues a message to a contact, by email when they have
// one, and releases record to them through kinship.Release under their
// consent, so the accounting holds what the message carried.
func (tx *Tx) sendToContact(c *kinship.Contact, record *kinship.ClientRecord, day kinship.Date, kind, subject, body string, sendAfter time.Time) error {
	channel, to := notify.ChannelEmail, c.Email
	if to == "" {
		channel, to = notify.ChannelSMS, c.Phone
	}
	r := kinship.DisclosureRequest{Recipient: c.Name, Purpose: kinship.PurposeFamilySupport, Information: []kinship.InfoKind{kinship.InfoAttendance}, Method: channel}
	rec, released, err := kinship.Release(c.Consent, r, kinship.ActorFrom(tx.ctx), record, day)
	if err != nil {
		return err
	}
	if err := tx.queue(notify.Message{Channel: channel, To: to, Subject: subject, Body: body}, kind, c.ClientID, sendAfter); err != nil {
		return err
	}
	return tx.account(rec, c.Consent.ID, r, released, fmt.Sprintf("%s to contact %d: ", kind, c.ID))
}
