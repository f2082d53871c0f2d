package main

import (
	"context"
	"log/slog"
	"sync"
	"testing"

	"kinship"
	"kinship/notify"
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
