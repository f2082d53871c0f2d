package main

import (
	"context"
	"io"
	"log/slog"
	"mime/quotedprintable"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"kinship"
	"kinship/notify"
	"kinship/notify/smtptest"
	"kinship/store"
	"kinship/store/storetest"
)

// recorder is a Sender that keeps what it is given.
type recorder struct {
	mu   sync.Mutex
	sent []kinship.Message
}

func (r *recorder) Send(_ context.Context, m kinship.Message) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.sent = append(r.sent, m)
	return nil
}

// Reminders carry the portal's Settings as their List-Unsubscribe link;
// a sign-in link, which the client asked for, does not.
func TestPostmanUnsubscribeLink(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		admin, _ := db.MustSetUp(t)
		c, err := db.CreateClient(admin, kinship.ClientFields{NameToUse: "River"})
		if err != nil {
			t.Fatal(err)
		}
		for _, kind := range []string{notify.KindSessionTomorrow, notify.KindSignInLink} {
			m := kinship.Message{Channel: notify.ChannelEmail, To: "river@example.net", Subject: "Hello", Body: kind}
			if err := db.QueueMessage(admin, c.ID, kind, m); err != nil {
				t.Fatal(err)
			}
		}
		rec := &recorder{}
		p := &postman{store: db.Store, email: rec, settings: "https://kinship.example.org/me/settings", log: slog.New(slog.DiscardHandler)}
		p.round(kinship.SystemContext(t.Context()))

		got := map[string]string{}
		for _, m := range rec.sent {
			got[m.Body] = m.Unsubscribe
		}
		if len(got) != 2 {
			t.Fatalf("sent %d messages, want 2: %+v", len(rec.sent), rec.sent)
		}
		if got[notify.KindSessionTomorrow] != p.settings {
			t.Errorf("reminder unsubscribe = %q, want %q", got[notify.KindSessionTomorrow], p.settings)
		}
		if got[notify.KindSignInLink] != "" {
			t.Errorf("sign-in link unsubscribe = %q, want none", got[notify.KindSignInLink])
		}
	})
}

// TestEscalationEmail: a safety alert nobody acknowledged reaches the
// person on call and the supervisors by email, once, after its time, and
// says nothing about the client; an acknowledged or cancelled one sends
// nothing.
func TestEscalationEmail(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		admin, _ := db.MustSetUp(t)
		_, sup := db.AddStaff(t, kinship.RoleSupervisor, "sup@example.org")
		_, onCall := db.AddStaff(t, kinship.RoleClinician, "day@example.org")
		samCtx, sam := db.AddStaff(t, kinship.RoleClinician, "sam@example.org")
		if err := db.SetSafetySettings(admin, kinship.SafetySettings{OnCallStaffID: onCall.ID, EscalationMinutes: 30}); err != nil {
			t.Fatal(err)
		}
		sites, _ := db.ListSites(admin)
		prog, err := db.CreateProgram(admin, kinship.ProgramCreate{SiteID: sites[0].ID, Name: "Mornings"})
		if err != nil {
			t.Fatal(err)
		}
		// ask taps "I need support now" as a new client of Sam's.
		ask := func(name string) (client, request, alert int64) {
			// They share one phone, as a household may: confirmed as new people.
			c, err := db.CreateClient(admin, kinship.ClientFields{NameToUse: name, Phone: "510-555-0142", ConfirmNew: true})
			if err != nil {
				t.Fatal(err)
			}
			db.MustAdmit(t, c.ID, prog.ID, sam.ID, kinship.DateOf(storetest.Now))
			req, err := db.RequestSupport(storetest.AsClient(c.ID))
			if err != nil {
				t.Fatal(err)
			}
			alerts, err := db.ClientAlerts(samCtx, c.ID)
			if err != nil || len(alerts) != 1 {
				t.Fatalf("%s's alerts: %v %v", name, alerts, err)
			}
			return c.ID, req.ID, alerts[0].ID
		}
		_, _, waiting := ask("Quinn")
		_, _, answered := ask("Rowan")
		if err := db.AcknowledgeAlert(samCtx, answered, "contacted", "Called; they are safe."); err != nil {
			t.Fatal(err)
		}
		mistaken, request, _ := ask("Skye")
		db.Clock.Advance(time.Minute)
		if err := db.CancelSupport(storetest.AsClient(mistaken), request); err != nil {
			t.Fatal(err)
		}
		// The night shift takes over before the alert escalates.
		nightCtx, night := db.AddStaff(t, kinship.RoleClinician, "night@example.org")
		if err := db.SetSafetySettings(admin, kinship.SafetySettings{OnCallStaffID: night.ID, EscalationMinutes: 30}); err != nil {
			t.Fatal(err)
		}

		srv := smtptest.Start(t, &smtptest.Server{})
		sender, err := notify.NewSMTP(notify.SMTPConfig{Host: "127.0.0.1", Port: srv.Addr.Port, From: "Kinship <no-reply@example.org>", TLS: "none"})
		if err != nil {
			t.Fatal(err)
		}
		post := func(s *store.Store) {
			(&postman{store: s, email: sender, log: slog.New(slog.DiscardHandler),
				dashboard: "https://kinship.example.org/dashboard"}).round(ctx)
		}

		db.Clock.Advance(28 * time.Minute) // 29 minutes after the tap
		post(db.Store)
		if got := srv.Delivered(); len(got) != 0 {
			t.Fatalf("before the time: %d emails, want none", len(got))
		}

		db.Clock.Advance(2 * time.Minute)
		post(db.Store)
		got := srv.Delivered()
		var to []string
		for _, d := range got {
			to = append(to, d.To...)
			header, body, _ := strings.Cut(d.Data, "\r\n\r\n")
			text, _ := io.ReadAll(quotedprintable.NewReader(strings.NewReader(body)))
			if !strings.Contains(header, "Subject: A safety alert needs attention in Kinship") {
				t.Errorf("to %v: headers\n%s", d.To, header)
			}
			if link := "https://kinship.example.org/dashboard#alert-" + strconv.FormatInt(waiting, 10); !strings.Contains(string(text), link) {
				t.Errorf("to %v: body lacks %s:\n%s", d.To, link, text)
			}
			for _, secret := range []string{"Quinn", "Rowan", "Skye", "555", "support"} {
				if strings.Contains(d.Data, secret) {
					t.Errorf("to %v: the email says %q:\n%s", d.To, secret, d.Data)
				}
			}
		}
		slices.Sort(to)
		if want := []string{night.Email, sup.Email}; !slices.Equal(to, want) {
			t.Fatalf("after the time, emails to %v, want one each to %v", to, want)
		}
		if events, _, err := db.ListAudit(kinship.SystemContext(ctx), kinship.AuditFilter{Action: kinship.ActionAlertEscalate}); err != nil || len(events) != 1 {
			t.Errorf("escalation audit events: %d %v, want 1", len(events), err)
		}
		// The link leads the person on call now to the alert.
		if open, err := db.OpenAlerts(nightCtx); err != nil || len(open) != 1 || open[0].ID != waiting || !open[0].OpenFor(night.ID, night.Role) {
			t.Errorf("the night shift's open alerts: %v %v, want alert %d to acknowledge", open, err, waiting)
		}

		t.Run("Once", func(t *testing.T) {
			db.Clock.Advance(time.Hour)
			post(db.Store)
			// A restart: a new store on the same database.
			again, err := store.Open(ctx, db.DSN, db.Clock)
			if err != nil {
				t.Fatal(err)
			}
			defer again.Close()
			post(again)
			if n := len(srv.Delivered()); n != 2 {
				t.Errorf("after more rounds and a restart: %d emails, want still 2", n)
			}
		})
	})
}
