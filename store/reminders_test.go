package store_test

import (
	"context"
	"testing"
	"time"

	"kinship"
	"kinship/notify"
	"kinship/store/storetest"
)

// TestReminders queues a session reminder once a day, on the channels the
// client allows, held back through quiet hours, in words that reveal
// nothing.
func TestReminders(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		m := setUpMornings(t, db, d("2026-11-16"))
		admin := kinship.SystemContext(t.Context())
		_, sam := db.AddStaff(t, kinship.RoleClinician, "sam@example.org")
		c, _ := db.CreateClient(admin, kinship.ClientFields{NameToUse: "River", Phone: "510-555-0100", OKToText: true})
		db.MustAdmit(t, c.ID, m.program.ID, sam.ID, d("2026-11-16"))
		if _, err := db.Enroll(admin, kinship.Enrollment{ClientID: c.ID, TrackID: m.track.ID, Start: d("2026-11-16")}); err != nil {
			t.Fatal(err)
		}
		// No portal account yet: no reminders.
		if n, err := db.QueueReminders(t.Context()); err != nil || n != 0 {
			t.Fatalf("without an account: %d, %v", n, err)
		}
		inv, _ := db.InviteClient(admin, c.ID)
		if _, err := db.AcceptClientInvite(context.Background(), inv.Token, "river@example.org", storetest.AdminPassword); err != nil {
			t.Fatal(err)
		}
		river := storetest.AsClient(c.ID)
		if err := db.SetReminderPrefs(river, kinship.ReminderPrefs{Email: true, SMS: true}); err != nil {
			t.Fatal(err)
		}
		// Monday 22:30 in Los Angeles: quiet hours.
		db.Clock.T = time.Date(2026, 11, 24, 6, 30, 0, 0, time.UTC)
		n, err := db.QueueReminders(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		msgs, _ := db.Outbox(admin, 50)
		kinds := map[string]int{}
		la, _ := time.LoadLocation("America/Los_Angeles")
		for _, msg := range msgs {
			kinds[msg.Kind]++
			if notify.HasClinicalWord(msg.Subject + " " + msg.Body) {
				t.Errorf("a reminder says too much: %q %q", msg.Subject, msg.Body)
			}
			if got := msg.SendAfter.In(la); got.Hour() != 8 || got.Day() != 24 {
				t.Errorf("%s queued to go at %s, want 08:00 after quiet hours", msg.Kind, got)
			}
		}
		// Email and text for tomorrow's group, the check-in not done today
		// and the measures due since admission.
		if n != 6 || kinds["session_tomorrow"] != 2 || kinds["checkin_today"] != 2 || kinds["measure_due"] != 2 {
			t.Errorf("queued %d: %v", n, kinds)
		}
		if pending, _ := db.PendingMessages(t.Context(), 50); len(pending) != 0 {
			t.Errorf("%d messages would go out in quiet hours", len(pending))
		}
		if n, _ := db.QueueReminders(t.Context()); n != 0 {
			t.Errorf("queued %d more the same day", n)
		}
		// Next morning, with texts turned off: only email.
		db.Clock.T = time.Date(2026, 11, 24, 17, 0, 0, 0, time.UTC)
		if err := db.SetReminderPrefs(river, kinship.ReminderPrefs{Email: true}); err != nil {
			t.Fatal(err)
		}
		pending, _ := db.PendingMessages(t.Context(), 50)
		if len(pending) != 6 {
			t.Fatalf("pending at 09:00 = %d", len(pending))
		}
		if err := db.MarkSent(t.Context(), pending[0].ID); err != nil {
			t.Fatal(err)
		}
		if err := db.MarkFailed(t.Context(), pending[1].ID, "550 refused", true); err != nil {
			t.Fatal(err)
		}
		if again, _ := db.PendingMessages(t.Context(), 50); len(again) != 4 {
			t.Errorf("pending after one sent and one refused = %d", len(again))
		}
		n, _ = db.QueueReminders(t.Context())
		if n != 2 { // tomorrow's session and the measures, by email only
			t.Errorf("the next day queued %d, want 2", n)
		}
	})
}
