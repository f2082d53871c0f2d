package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"kinship"
	"kinship/auth"
	"kinship/store/storetest"
)

func from(ip string) context.Context {
	return kinship.WithActor(context.Background(), kinship.Actor{IP: ip})
}

func TestSignIn(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		db.MustSetUp(t)
		if _, err := db.SignIn(from("198.51.100.1"), "ADMIN@example.org ", storetest.AdminPassword); err != nil {
			t.Fatalf("right password: %v", err)
		}
		t.Run("WrongPassword", func(t *testing.T) {
			_, err := db.SignIn(from("198.51.100.1"), "admin@example.org", "wrong password!")
			if got := kinship.ErrorCode(err); got != kinship.EUNAUTHORIZED {
				t.Fatalf("code = %q, want unauthorized", got)
			}
			if msg := kinship.ErrorMessage(err); msg != "The email or password is incorrect." {
				t.Errorf("message = %q", msg)
			}
		})
		t.Run("UnknownEmailSameMessage", func(t *testing.T) {
			_, err := db.SignIn(from("198.51.100.1"), "nobody@example.org", "wrong password!")
			if msg := kinship.ErrorMessage(err); msg != "The email or password is incorrect." {
				t.Errorf("message = %q", msg)
			}
		})
		t.Run("ThrottledPerAccount", func(t *testing.T) {
			db.AddStaff(t, kinship.RoleBilling, "b@example.org")
			for i := 0; i < 5; i++ {
				db.SignIn(from("203.0.113.7"), "b@example.org", "wrong password!")
			}
			// Even the right password is refused while throttled.
			_, err := db.SignIn(from("203.0.113.8"), "b@example.org", storetest.AdminPassword)
			if got := kinship.ErrorCode(err); got != kinship.ERATELIMITED {
				t.Fatalf("code = %q, want rate_limited", got)
			}
			db.Clock.Advance(16 * time.Minute)
			if _, err := db.SignIn(from("203.0.113.8"), "b@example.org", storetest.AdminPassword); err != nil {
				t.Fatalf("after the window: %v", err)
			}
		})
		t.Run("ThrottledPerIP", func(t *testing.T) {
			for i := 0; i < 50; i++ {
				db.SignIn(from("203.0.113.99"), fmt.Sprintf("guess%d@example.org", i), "wrong password!")
			}
			_, err := db.SignIn(from("203.0.113.99"), "admin@example.org", storetest.AdminPassword)
			if got := kinship.ErrorCode(err); got != kinship.ERATELIMITED {
				t.Fatalf("code = %q, want rate_limited", got)
			}
			if _, err := db.SignIn(from("203.0.113.100"), "admin@example.org", storetest.AdminPassword); err != nil {
				t.Fatalf("from another address: %v", err)
			}
		})
		t.Run("AbsurdEmailWritesNothing", func(t *testing.T) {
			before := db.Count(t, "audit_events")
			_, err := db.SignIn(from("198.51.100.9"), strings.Repeat("b", 100000)+"@x.org", "wrong password!")
			if kinship.ErrorCode(err) != kinship.EUNAUTHORIZED {
				t.Errorf("code = %q", kinship.ErrorCode(err))
			}
			if after := db.Count(t, "audit_events"); after != before {
				t.Errorf("a 100 kB email was written to the audit trail")
			}
		})
		t.Run("Audited", func(t *testing.T) {
			events, _, err := db.ListAudit(kinship.SystemContext(context.Background()), kinship.AuditFilter{Action: "auth.sign_in"})
			if err != nil {
				t.Fatal(err)
			}
			outcomes := map[string]int{}
			for _, e := range events {
				outcomes[e.Action+"/"+e.Outcome]++
			}
			if outcomes["auth.sign_in/success"] == 0 || outcomes["auth.sign_in_failed/failure"] == 0 {
				t.Errorf("audited sign-ins = %v", outcomes)
			}
		})
	})
}

func TestSessionIdle(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		_, admin := db.MustSetUp(t)
		token, _, err := db.StartSession(context.Background(), admin.ID, true)
		if err != nil {
			t.Fatal(err)
		}
		idle := 15 * time.Minute
		db.Clock.Advance(14 * time.Minute)
		if _, m, err := db.LoginSession(context.Background(), token, idle); err != nil || m.ID != admin.ID {
			t.Fatalf("after 14 min: %v", err)
		}
		// Activity resets the idle timer.
		db.Clock.Advance(14 * time.Minute)
		if _, _, err := db.LoginSession(context.Background(), token, idle); err != nil {
			t.Fatalf("after another 14 min: %v", err)
		}
		db.Clock.Advance(16 * time.Minute)
		if _, _, err := db.LoginSession(context.Background(), token, idle); kinship.ErrorCode(err) != kinship.EUNAUTHORIZED {
			t.Fatalf("after 16 idle min: %v, want unauthorized", err)
		}
	})
}

func TestMFA(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx, admin := db.MustSetUp(t)
		enr, err := db.BeginTOTP(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.ConfirmTOTP(ctx, "000000"); kinship.ErrorCode(err) != kinship.EINVALID {
			t.Fatalf("wrong code: %v, want invalid", err)
		}
		code, _ := auth.TOTPCode(enr.Secret, db.Clock.Now())
		recovery, err := db.ConfirmTOTP(ctx, code)
		if err != nil {
			t.Fatal(err)
		}
		if len(recovery) != 10 {
			t.Fatalf("recovery codes = %d, want 10", len(recovery))
		}
		// The enrolment code was used; it cannot be replayed.
		if err := db.VerifyMFA(from("192.0.2.1"), admin.ID, code); kinship.ErrorCode(err) != kinship.EUNAUTHORIZED {
			t.Errorf("replayed code: %v, want unauthorized", err)
		}
		db.Clock.Advance(30 * time.Second)
		code, _ = auth.TOTPCode(enr.Secret, db.Clock.Now())
		if err := db.VerifyMFA(from("192.0.2.1"), admin.ID, code); err != nil {
			t.Errorf("fresh code: %v", err)
		}
		if err := db.VerifyMFA(from("192.0.2.1"), admin.ID, recovery[0]); err != nil {
			t.Errorf("recovery code: %v", err)
		}
		if err := db.VerifyMFA(from("192.0.2.1"), admin.ID, recovery[0]); kinship.ErrorCode(err) != kinship.EUNAUTHORIZED {
			t.Errorf("reused recovery code: %v, want unauthorized", err)
		}
		m, _ := db.FindStaffByEmail(ctx, "admin@example.org")
		if !m.MFAEnabled {
			t.Error("MFAEnabled = false after enrolment")
		}
		if err := db.ResetStaffMFA(ctx, admin.ID); err != nil {
			t.Fatal(err)
		}
		if m, _ := db.FindStaffByEmail(ctx, "admin@example.org"); m.MFAEnabled {
			t.Error("MFAEnabled = true after reset")
		}
	})
}

func TestTokens(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx, admin := db.MustSetUp(t)
		token, pat, err := db.CreateToken(ctx, admin.ID, "reports")
		if err != nil {
			t.Fatal(err)
		}
		m, err := db.StaffByToken(context.Background(), token)
		if err != nil || m.ID != admin.ID {
			t.Fatalf("StaffByToken = %v, %v", m, err)
		}
		for name, bad := range map[string]string{
			"Malformed": "not-a-token",
			"Unknown":   "kin_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
		} {
			t.Run(name, func(t *testing.T) {
				if _, err := db.StaffByToken(context.Background(), bad); kinship.ErrorCode(err) != kinship.EUNAUTHORIZED {
					t.Errorf("%q: %v, want unauthorized", bad, err)
				}
			})
		}
		other, _ := db.AddStaff(t, kinship.RoleClinician, "c@example.org")
		if _, _, err := db.CreateToken(other, admin.ID, "theft"); kinship.ErrorCode(err) != kinship.EFORBIDDEN {
			t.Errorf("token for someone else: %v, want forbidden", err)
		}
		if err := db.RevokeToken(other, pat.ID); kinship.ErrorCode(err) != kinship.ENOTFOUND {
			t.Errorf("revoking someone else's token: %v, want not_found", err)
		}
		if err := db.RevokeToken(ctx, pat.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.StaffByToken(context.Background(), token); kinship.ErrorCode(err) != kinship.EUNAUTHORIZED {
			t.Errorf("revoked token: %v, want unauthorized", err)
		}
	})
}
