package store

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"kinship"
	"kinship/auth"
)

// Link purposes.
const (
	linkInvite = "invite"
	linkSignIn = "sign_in"
)

// portalKey keeps clients' failed sign-ins apart from staff ones with the
// same email.
func portalKey(email string) string { return "portal:" + email }

// clientAudit records an event about a client's own account; the audit
// trail names the client by id only.
func clientAudit(action string, clientID int64, detail string) kinship.AuditRecord {
	return kinship.AuditRecord{Action: action, ResourceType: "client", ResourceID: strconv.FormatInt(clientID, 10), Detail: detail}
}

const accountColumns = `a.client_id, COALESCE(a.email, ''), c.name_to_use, c.pronouns, a.app_name, a.password_hash <> '',
	a.created_at, a.last_sign_in_at`

func scanAccount(r rowScanner) (*kinship.ClientAccount, error) {
	a := &kinship.ClientAccount{}
	err := r.Scan(&a.ClientID, &a.Email, &a.NameToUse, &a.Pronouns, &a.AppName, &a.HasPassword, scanTime(&a.CreatedAt), scanTime(&a.LastSignInAt))
	return a, err
}

func (s *Store) accountWhere(ctx context.Context, where string, args ...any) (*kinship.ClientAccount, error) {
	a, err := scanAccount(s.queryRow(ctx, `SELECT `+accountColumns+` FROM client_accounts a JOIN clients c ON c.id = a.client_id WHERE `+where, args...))
	return a, notFound(err, "The portal account")
}

// InviteClient makes a one-time link for the client to set a password.
func (s *Store) InviteClient(ctx context.Context, clientID int64) (*kinship.ClientInvite, error) {
	if err := kinship.Authorize(ctx, kinship.PermInviteClient); err != nil {
		return nil, err
	}
	if err := s.openChart(ctx, clientID, kinship.ActionClientRead); err != nil {
		return nil, err
	}
	token, hash, err := auth.NewToken("")
	if err != nil {
		return nil, err
	}
	inv := &kinship.ClientInvite{ClientID: clientID, Token: token}
	err = s.update(ctx, func(tx *Tx) error {
		inv.Expires = tx.now.Add(kinship.ClientInviteDays * 24 * time.Hour)
		var n int
		if err := tx.queryRow("SELECT COUNT(*) FROM client_accounts WHERE client_id = ?", clientID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			if _, err := tx.exec("INSERT INTO client_accounts (client_id, created_at) VALUES (?, ?)", clientID, tx.now); err != nil {
				return err
			}
		}
		if _, err := tx.exec("DELETE FROM client_links WHERE client_id = ? AND purpose = ? AND used_at IS NULL", clientID, linkInvite); err != nil {
			return err
		}
		if _, err := tx.exec("INSERT INTO client_links (token_hash, client_id, purpose, expires_at) VALUES (?, ?, ?, ?)",
			hash, clientID, linkInvite, inv.Expires); err != nil {
			return err
		}
		return tx.audit(clientAudit(kinship.ActionClientInvite, clientID, "portal invitation"))
	})
	if err != nil {
		return nil, err
	}
	return inv, nil
}

// liveLink finds the client of an unused, unexpired link.
func (s *Store) liveLink(ctx context.Context, token, purpose string) (int64, error) {
	var clientID int64
	err := s.queryRow(ctx, "SELECT client_id FROM client_links WHERE token_hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?",
		auth.HashToken(token), purpose, s.now()).Scan(&clientID)
	return clientID, err
}

// ClientInviteFor returns the account an invitation is for.
func (s *Store) ClientInviteFor(ctx context.Context, token string) (*kinship.ClientAccount, error) {
	id, err := s.liveLink(ctx, token, linkInvite)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, kinship.Errorf(kinship.ENOTFOUND, "This invitation link has expired or was already used. Ask your counselor for a new one.")
	}
	if err != nil {
		return nil, err
	}
	a, err := s.accountWhere(ctx, "a.client_id = ?", id)
	if err == nil && a.Email == "" {
		// Offer the email on record, which the client may change.
		err = s.queryRow(ctx, "SELECT email FROM clients WHERE id = ?", id).Scan(&a.Email)
	}
	return a, err
}

// AcceptClientInvite sets the portal email and password.
func (s *Store) AcceptClientInvite(ctx context.Context, token, email, password string) (*kinship.ClientAccount, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	f := kinship.FieldErrors{}
	kinship.ValidateEmail(f, email)
	if msg := kinship.PasswordProblem(password); msg != "" {
		f.Add("password", msg)
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	if _, err := s.ClientInviteFor(ctx, token); err != nil {
		return nil, err
	}
	hash, err := auth.HashPassword(password, s.PasswordParams)
	if err != nil {
		return nil, err
	}
	var clientID int64
	err = s.update(ctx, func(tx *Tx) error {
		res, err := tx.exec("UPDATE client_links SET used_at = ? WHERE token_hash = ? AND used_at IS NULL", tx.now, auth.HashToken(token))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return kinship.Errorf(kinship.ENOTFOUND, "This invitation link was already used.")
		}
		if err := tx.queryRow("SELECT client_id FROM client_links WHERE token_hash = ?", auth.HashToken(token)).Scan(&clientID); err != nil {
			return err
		}
		_, err = tx.exec("UPDATE client_accounts SET email = ?, password_hash = ? WHERE client_id = ?", email, hash, clientID)
		if tx.dialect.isUnique(err) {
			return fieldConflict("email", "That email is already used for another account; choose another.")
		}
		if err != nil {
			return err
		}
		return tx.audit(clientAudit(kinship.ActionPasswordSet, clientID, "portal password set"))
	})
	if err != nil {
		return nil, err
	}
	return s.accountWhere(ctx, "a.client_id = ?", clientID)
}

// ClientSignIn checks a client's email and password.
func (s *Store) ClientSignIn(ctx context.Context, email, password string) (*kinship.ClientAccount, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	if err := checkCredentials(email, password); err != nil {
		return nil, err
	}
	// Failures are audited without the email: it is client data.
	failed := func(detail string, result error) error {
		return s.recordAttempt(ctx, portalKey(email), kinship.AuditRecord{Action: kinship.ActionSignInFailed, ResourceType: "client",
			Outcome: kinship.OutcomeFailure, Detail: "portal: " + detail, Actor: "client"}, result)
	}
	if err := s.checkThrottle(ctx, portalKey(email)); err != nil {
		return nil, failed("throttled", err)
	}
	a, err := s.accountWhere(ctx, "a.email = ?", email)
	var hash string
	if err == nil {
		err = s.queryRow(ctx, "SELECT password_hash FROM client_accounts WHERE client_id = ?", a.ClientID).Scan(&hash)
	}
	if kinship.ErrorCode(err) == kinship.ENOTFOUND || hash == "" {
		_, _ = auth.CheckPassword(s.dummyHash(), password)
		return nil, failed("unknown account", errBadCredentials)
	}
	if err != nil {
		return nil, err
	}
	if ok, err := auth.CheckPassword(hash, password); err != nil || !ok {
		return nil, failed("wrong password", errBadCredentials)
	}
	return a, s.signedIn(ctx, a, "password accepted", email)
}

// signedIn records a client's sign-in.
func (s *Store) signedIn(ctx context.Context, a *kinship.ClientAccount, detail, email string) error {
	ctx = kinship.WithActor(ctx, kinship.Actor{ClientID: a.ClientID, Role: kinship.RoleClient, IP: kinship.ActorFrom(ctx).IP})
	return s.update(ctx, func(tx *Tx) error {
		if _, err := tx.exec("UPDATE client_accounts SET last_sign_in_at = ? WHERE client_id = ?", tx.now, a.ClientID); err != nil {
			return err
		}
		if _, err := tx.exec("DELETE FROM sign_in_failures WHERE email = ?", portalKey(email)); err != nil {
			return err
		}
		return tx.audit(clientAudit(kinship.ActionSignIn, a.ClientID, "portal: "+detail))
	})
}

// SignInLink makes a one-time sign-in link for the account with email.
func (s *Store) SignInLink(ctx context.Context, email string) (string, *kinship.ClientAccount, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	f := kinship.FieldErrors{}
	kinship.ValidateEmail(f, email)
	if err := f.Err(); err != nil {
		return "", nil, err
	}
	a, err := s.accountWhere(ctx, "a.email = ? AND a.password_hash <> ''", email)
	if kinship.ErrorCode(err) == kinship.ENOTFOUND {
		return "", nil, nil
	}
	if err != nil {
		return "", nil, err
	}
	token, hash, err := auth.NewToken("")
	if err != nil {
		return "", nil, err
	}
	err = s.update(ctx, func(tx *Tx) error {
		if _, err := tx.exec("INSERT INTO client_links (token_hash, client_id, purpose, expires_at) VALUES (?, ?, ?, ?)",
			hash, a.ClientID, linkSignIn, tx.now.Add(kinship.SignInLinkMinutes*time.Minute)); err != nil {
			return err
		}
		return tx.audit(clientAudit(kinship.ActionSignInLink, a.ClientID, "sign-in link sent"))
	})
	return token, a, err
}

// UseSignInLink signs a client in with a link from their email.
func (s *Store) UseSignInLink(ctx context.Context, token string) (*kinship.ClientAccount, error) {
	id, err := s.liveLink(ctx, token, linkSignIn)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, kinship.Errorf(kinship.EUNAUTHORIZED, "This sign-in link has expired or was already used. Ask for a new one.")
	}
	if err != nil {
		return nil, err
	}
	err = s.update(ctx, func(tx *Tx) error {
		_, err := tx.exec("UPDATE client_links SET used_at = ? WHERE token_hash = ?", tx.now, auth.HashToken(token))
		return err
	})
	if err != nil {
		return nil, err
	}
	a, err := s.accountWhere(ctx, "a.client_id = ?", id)
	if err != nil {
		return nil, err
	}
	return a, s.signedIn(ctx, a, "sign-in link used", a.Email)
}

// StartClientSession creates a portal session.
func (s *Store) StartClientSession(ctx context.Context, clientID int64) (string, error) {
	token, hash, err := auth.NewToken("")
	if err != nil {
		return "", err
	}
	return token, s.update(ctx, func(tx *Tx) error {
		if _, err := tx.exec("DELETE FROM client_sessions WHERE last_seen_at < ?", tx.now.Add(-24*time.Hour)); err != nil {
			return err
		}
		_, err := tx.exec("INSERT INTO client_sessions (id, client_id, created_at, last_seen_at) VALUES (?, ?, ?, ?)", hash, clientID, tx.now, tx.now)
		return err
	})
}

// ClientSession resolves a portal session cookie.
func (s *Store) ClientSession(ctx context.Context, token string, idle time.Duration) (*kinship.ClientAccount, error) {
	id := auth.HashToken(token)
	var clientID int64
	var seen time.Time
	err := s.queryRow(ctx, "SELECT client_id, last_seen_at FROM client_sessions WHERE id = ?", id).Scan(&clientID, scanTime(&seen))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, kinship.Errorf(kinship.EUNAUTHORIZED, "Please sign in.")
	}
	if err != nil {
		return nil, err
	}
	now := s.now()
	if now.Sub(seen) > idle {
		_ = s.EndClientSession(ctx, token)
		return nil, kinship.Errorf(kinship.EUNAUTHORIZED, "You were signed out after a while without activity. Please sign in again.")
	}
	if now.Sub(seen) > sessionTouchEvery {
		if err := s.update(ctx, func(tx *Tx) error {
			_, err := tx.exec("UPDATE client_sessions SET last_seen_at = ? WHERE id = ?", tx.now, id)
			return err
		}); err != nil {
			return nil, err
		}
	}
	return s.accountWhere(ctx, "a.client_id = ?", clientID)
}

// EndClientSession signs a portal session out.
func (s *Store) EndClientSession(ctx context.Context, token string) error {
	return s.update(ctx, func(tx *Tx) error {
		_, err := tx.exec("DELETE FROM client_sessions WHERE id = ?", auth.HashToken(token))
		return err
	})
}

// SetAppName changes what the portal is called on the client's phone.
func (s *Store) SetAppName(ctx context.Context, name string) error {
	id, err := kinship.PortalClient(ctx)
	if err != nil {
		return err
	}
	if !slices.Contains(kinship.AppNames, name) {
		return invalidField("app_name", "Choose Kinship or Calendar.")
	}
	return s.update(ctx, func(tx *Tx) error {
		if _, err := tx.exec("UPDATE client_accounts SET app_name = ? WHERE client_id = ?", name, id); err != nil {
			return err
		}
		return tx.audit(clientAudit(kinship.ActionClientUpdate, id, "portal name"))
	})
}

// ClientAccount returns a client's portal account, for staff.
func (s *Store) ClientAccount(ctx context.Context, clientID int64) (*kinship.ClientAccount, error) {
	if err := s.openChart(ctx, clientID, kinship.ActionClientRead); err != nil {
		return nil, err
	}
	return s.accountWhere(ctx, "a.client_id = ?", clientID)
}
