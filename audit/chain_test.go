package audit_test

import (
	"context"
	"strings"
	"testing"

	"kinship"
	"kinship/audit"
	"kinship/store/storetest"
)

// trail makes a database with seven audit events and the append-only
// triggers removed, as an intruder with database access would.
func trail(t *testing.T, db *storetest.DB) {
	t.Helper()
	ctx, _ := db.MustSetUp(t) // events 1 and 2
	for _, action := range []string{"a.one", "a.two", "a.three", "a.four", "a.five"} {
		if err := db.Audit(ctx, kinship.AuditRecord{Action: action, ResourceType: "test", ResourceID: action}); err != nil {
			t.Fatal(err)
		}
	}
	drop := []string{"DROP TRIGGER audit_events_no_update", "DROP TRIGGER audit_events_no_delete"}
	if db.Engine() == "postgres" {
		drop = []string{"ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only"}
	}
	for _, q := range drop {
		if _, err := db.Raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
}

func TestVerify(t *testing.T) {
	tests := []struct {
		name    string
		tamper  []string
		wantSeq int64
		want    string
	}{
		{"Intact", nil, 0, ""},
		{"Edited", []string{"UPDATE audit_events SET detail = 'nothing to see' WHERE seq = 3"}, 3, "edited"},
		{"EditedOutcome", []string{"UPDATE audit_events SET outcome = 'success', actor = 'someone else' WHERE seq = 2"}, 2, "edited"},
		{"Deleted", []string{"DELETE FROM audit_events WHERE seq = 3"}, 3, "missing"},
		{"DeletedAndRenumbered", []string{
			"DELETE FROM audit_events WHERE seq = 3",
			"UPDATE audit_events SET seq = seq - 1 WHERE seq > 3",
		}, 3, "does not follow"},
		{"Reordered", []string{
			"UPDATE audit_events SET seq = 100 WHERE seq = 3",
			"UPDATE audit_events SET seq = 3 WHERE seq = 4",
			"UPDATE audit_events SET seq = 4 WHERE seq = 100",
		}, 3, "does not follow"},
		{"TailDeleted", []string{"DELETE FROM audit_events WHERE seq = 7"}, 7, "deleted from the end"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, db *storetest.DB) {
				trail(t, db)
				for _, q := range tc.tamper {
					if _, err := db.Raw.Exec(q); err != nil {
						t.Fatalf("%s: %v", q, err)
					}
				}
				n, brk, err := audit.Verify(context.Background(), db)
				if err != nil {
					t.Fatal(err)
				}
				if tc.want == "" {
					if brk != nil || n != 7 {
						t.Fatalf("Verify = %d, %v; want 7 events, intact", n, brk)
					}
					return
				}
				if brk == nil {
					t.Fatalf("Verify found no break, want one at event %d", tc.wantSeq)
				}
				if brk.Seq != tc.wantSeq || !strings.Contains(brk.Problem, tc.want) {
					t.Errorf("break = %v; want event %d, %q", brk, tc.wantSeq, tc.want)
				}
			})
		})
	}
}

func TestAppendOnly(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		db.MustSetUp(t)
		for _, q := range []string{"UPDATE audit_events SET detail = 'x'", "DELETE FROM audit_events"} {
			if _, err := db.Raw.Exec(q); err == nil {
				t.Errorf("%s succeeded; the database should refuse it", q)
			}
		}
	})
}

func TestHashCoversEveryField(t *testing.T) {
	base := kinship.AuditEvent{Seq: 1, Actor: "a", Action: "b", ResourceType: "c", ResourceID: "d", IP: "e", Outcome: "f", Detail: "g", PrevHash: "h"}
	want := audit.Hash(&base)
	for name, edit := range map[string]func(e *kinship.AuditEvent){
		"Seq":          func(e *kinship.AuditEvent) { e.Seq = 2 },
		"At":           func(e *kinship.AuditEvent) { e.At = e.At.Add(1000) },
		"ActorID":      func(e *kinship.AuditEvent) { e.ActorID = 9 },
		"Actor":        func(e *kinship.AuditEvent) { e.Actor = "z" },
		"Action":       func(e *kinship.AuditEvent) { e.Action = "z" },
		"ResourceType": func(e *kinship.AuditEvent) { e.ResourceType = "z" },
		"ResourceID":   func(e *kinship.AuditEvent) { e.ResourceID = "z" },
		"IP":           func(e *kinship.AuditEvent) { e.IP = "z" },
		"Outcome":      func(e *kinship.AuditEvent) { e.Outcome = "z" },
		"Detail":       func(e *kinship.AuditEvent) { e.Detail = "z" },
		"PrevHash":     func(e *kinship.AuditEvent) { e.PrevHash = "z" },
		// Moving a character between fields must change the hash too.
		"Boundary": func(e *kinship.AuditEvent) { e.Actor, e.Action = "ab", "" },
	} {
		e := base
		edit(&e)
		if audit.Hash(&e) == want {
			t.Errorf("changing %s does not change the hash", name)
		}
	}
}
