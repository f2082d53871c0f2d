package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"sync"
	"time"

	"kinship"
	"kinship/auth"
)

// Throttling of failed sign-ins and second-factor attempts.
const (
	throttleWindow     = 15 * time.Minute
	maxAccountFailures = 5 // per email within the window
	// maxIPFailures is per source address. It is generous because a clinic
	// may sign in from behind one address; the per-account limit is what
	// stops guessing.
	maxIPFailures = 50
	// maxEmail is the longest email address there can be (RFC 5321).
	maxEmail = 254
)

var errThrottled = kinship.Errorf(kinship.ERATELIMITED, "Too many failed attempts. Please wait 15 minutes and try again.")

// SignIn checks an email and password.
func (s *Store) SignIn(ctx context.Context, email, password string) (*kinship.Staff, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	if err := checkCredentials(email, password); err != nil {
		return nil, err
	}
	if err := s.checkThrottle(ctx, email); err != nil {
		return nil, s.recordFailure(ctx, email, kinship.ActionSignInFailed, "throttled", err)
	}
	var hash string
	err := s.queryRow(ctx, "SELECT password_hash FROM staff WHERE email = ? AND active", email).Scan(&hash)
	if errors.Is(err, sql.ErrNoRows) || hash == "" {
		// Spend the same time as a real check so timing does not reveal
		// which emails exist.
		_, _ = auth.CheckPassword(s.dummyHash(), password)
		return nil, s.recordFailure(ctx, email, kinship.ActionSignInFailed, "unknown or inactive account", errBadCredentials)
	}
	if err != nil {
		return nil, err
	}
	if ok, err := auth.CheckPassword(hash, password); err != nil || !ok {
		return nil, s.recordFailure(ctx, email, kinship.ActionSignInFailed, "wrong password", errBadCredentials)
	}
	m, err := s.FindStaffByEmail(ctx, email)
	if err != nil {
		return nil, err
	}
	err = s.update(kinship.WithActor(ctx, actorFor(ctx, m)), func(tx *Tx) error {
		if _, err := tx.exec("UPDATE staff SET last_sign_in_at = ? WHERE id = ?", tx.now, m.ID); err != nil {
			return err
		}
		if _, err := tx.exec("DELETE FROM sign_in_failures WHERE email = ?", email); err != nil {
			return err
		}
		detail := "password accepted"
		if m.MFAEnabled {
			detail += "; second factor pending"
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionSignIn, ResourceType: "staff", ResourceID: strconv.FormatInt(m.ID, 10), Detail: detail})
	})
	return m, err
}

// checkCredentials refuses a sign-in missing its email or password, or
// too long to be real, before any lookup.
func checkCredentials(email, password string) error {
	if email == "" || password == "" {
		f := kinship.FieldErrors{}
		if email == "" {
			f.Add("email", "Email is required.")
		}
		if password == "" {
			f.Add("password", "Password is required.")
		}
		return f.Err()
	}
	if len(email) > maxEmail || len(password) > 1024 {
		return errBadCredentials
	}
	return nil
}

var errBadCredentials = kinship.Errorf(kinship.EUNAUTHORIZED, "The email or password is incorrect.")

// actorFor is the actor m acting from the address in ctx.
func actorFor(ctx context.Context, m *kinship.Staff) kinship.Actor {
	return kinship.Actor{StaffID: m.ID, Name: m.Name, Role: m.Role, IP: kinship.ActorFrom(ctx).IP}
}

// checkThrottle returns errThrottled when the email or the actor's address
// has failed too often within the window.
func (s *Store) checkThrottle(ctx context.Context, email string) error {
	since := s.now().Add(-throttleWindow)
	var byEmail, byIP int
	if err := s.queryRow(ctx, "SELECT COUNT(*) FROM sign_in_failures WHERE email = ? AND at > ?", email, since).Scan(&byEmail); err != nil {
		return err
	}
	if err := s.queryRow(ctx, "SELECT COUNT(*) FROM sign_in_failures WHERE ip = ? AND at > ?", kinship.ActorFrom(ctx).IP, since).Scan(&byIP); err != nil {
		return err
	}
	if byEmail >= maxAccountFailures || byIP >= maxIPFailures {
		return errThrottled
	}
	return nil
}

// recordFailure counts a failed staff attempt, audits it and returns
// result. The email tried is recorded as the actor: it names a staff
// account, not a client.
func (s *Store) recordFailure(ctx context.Context, email, action, detail string, result error) error {
	return s.recordAttempt(ctx, email, kinship.AuditRecord{Action: action, ResourceType: "staff", Outcome: kinship.OutcomeFailure,
		Detail: detail, Actor: email}, result)
}

// recordAttempt counts a failed attempt under key (an email), audits rec
// and returns result.
func (s *Store) recordAttempt(ctx context.Context, key string, rec kinship.AuditRecord, result error) error {
	err := s.update(ctx, func(tx *Tx) error {
		if _, err := tx.exec("INSERT INTO sign_in_failures (email, ip, at) VALUES (?, ?, ?)", key, kinship.ActorFrom(ctx).IP, tx.now); err != nil {
			return err
		}
		if _, err := tx.exec("DELETE FROM sign_in_failures WHERE at < ?", tx.now.Add(-throttleWindow)); err != nil {
			return err
		}
		return tx.audit(rec)
	})
	if err != nil {
		return err
	}
	return result
}

var (
	dummyOnce sync.Once
	dummy     string
)

// dummyHash is a password hash to check against when the account is
// unknown, made with the store's cost parameters.
func (s *Store) dummyHash() string {
	dummyOnce.Do(func() { dummy, _ = auth.HashPassword("not a real password", s.PasswordParams) })
	return dummy
}

// StartSession creates a login session and returns its cookie token.
func (s *Store) StartSession(ctx context.Context, staffID int64, mfaPassed bool) (string, *kinship.LoginSession, error) {
	token, hash, err := auth.NewToken("")
	if err != nil {
		return "", nil, err
	}
	ls := &kinship.LoginSession{ID: hash, StaffID: staffID, MFAPassed: mfaPassed}
	err = s.update(ctx, func(tx *Tx) error {
		ls.CreatedAt, ls.LastSeenAt = tx.now, tx.now
		// Sweep sessions nobody has used for a day while we are here.
		if _, err := tx.exec("DELETE FROM login_sessions WHERE last_seen_at < ?", tx.now.Add(-24*time.Hour)); err != nil {
			return err
		}
		_, err := tx.exec(`INSERT INTO login_sessions (id, staff_id, mfa_passed, created_at, last_seen_at)
			VALUES (?, ?, ?, ?, ?)`, ls.ID, staffID, mfaPassed, tx.now, tx.now)
		return err
	})
	if err != nil {
		return "", nil, err
	}
	return token, ls, nil
}

// sessionTouchEvery limits how often a session's last-seen time is written.
const sessionTouchEvery = 30 * time.Second

// LoginSession resolves a cookie token to its live session and member.
func (s *Store) LoginSession(ctx context.Context, token string, idle time.Duration) (*kinship.LoginSession, *kinship.Staff, error) {
	ls := &kinship.LoginSession{ID: auth.HashToken(token)}
	err := s.queryRow(ctx, `SELECT staff_id, mfa_passed, created_at, last_seen_at FROM login_sessions WHERE id = ?`, ls.ID).
		Scan(&ls.StaffID, &ls.MFAPassed, scanTime(&ls.CreatedAt), scanTime(&ls.LastSeenAt))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, kinship.Errorf(kinship.EUNAUTHORIZED, "Please sign in.")
	}
	if err != nil {
		return nil, nil, err
	}
	m, err := s.staffByID(ctx, ls.StaffID)
	if err != nil {
		return nil, nil, err
	}
	now := s.now()
	if !m.Active || now.Sub(ls.LastSeenAt) > idle {
		_ = s.update(ctx, func(tx *Tx) error {
			_, err := tx.exec("DELETE FROM login_sessions WHERE id = ?", ls.ID)
			return err
		})
		return nil, nil, kinship.Errorf(kinship.EUNAUTHORIZED, "You were signed out after a period without activity. Please sign in again.")
	}
	if now.Sub(ls.LastSeenAt) > sessionTouchEvery {
		err := s.update(ctx, func(tx *Tx) error {
			_, err := tx.exec("UPDATE login_sessions SET last_seen_at = ? WHERE id = ?", tx.now, ls.ID)
			return err
		})
		if err != nil {
			return nil, nil, err
		}
		ls.LastSeenAt = now
	}
	return ls, m, nil
}

// PassMFA marks a session as having passed its second factor.
func (s *Store) PassMFA(ctx context.Context, sessionID string) error {
	return s.update(ctx, func(tx *Tx) error {
		_, err := tx.exec("UPDATE login_sessions SET mfa_passed = TRUE WHERE id = ?", sessionID)
		return err
	})
}

// EndSession signs out the session with the given cookie token.
func (s *Store) EndSession(ctx context.Context, token string) error {
	return s.update(ctx, func(tx *Tx) error {
		res, err := tx.exec("DELETE FROM login_sessions WHERE id = ?", auth.HashToken(token))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionSignOut, ResourceType: "staff", ResourceID: strconv.FormatInt(kinship.ActorFrom(ctx).StaffID, 10)})
	})
}
