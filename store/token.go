package store

import (
	"context"
	"database/sql"
	"errors"
	"regexp"
	"strconv"
	"strings"
	"time"

	"kinship"
	"kinship/auth"
)

// tokenPrefix starts every personal access token, so leaked tokens are easy
// to recognise and scan for.
const tokenPrefix = "kin_"

// tokenShape is a prefix and 32 bytes of unpadded base64url.
var tokenShape = regexp.MustCompile(`^kin_[A-Za-z0-9_-]{43}$`)

// CreateToken makes a personal access token for a member.
func (s *Store) CreateToken(ctx context.Context, staffID int64, name string) (string, *kinship.APIToken, error) {
	a := kinship.ActorFrom(ctx)
	if !a.System && a.StaffID != staffID {
		return "", nil, kinship.Errorf(kinship.EFORBIDDEN, "You can only create tokens for yourself.")
	}
	if name = strings.TrimSpace(name); name == "" {
		name = "API token"
	} else if len(name) > 100 {
		return "", nil, &kinship.Error{Code: kinship.EINVALID, Message: "Token name must be 100 characters or fewer.", Fields: map[string]string{"name": "Token name must be 100 characters or fewer."}}
	}
	token, hash, err := auth.NewToken(tokenPrefix)
	if err != nil {
		return "", nil, err
	}
	t := &kinship.APIToken{StaffID: staffID, Name: name, Prefix: token[:len(tokenPrefix)+6]}
	err = s.update(ctx, func(tx *Tx) error {
		var active bool
		if err := tx.queryRow("SELECT active FROM staff WHERE id = ?", staffID).Scan(&active); err != nil {
			return notFound(err, "The staff member")
		}
		if !active {
			return kinship.Errorf(kinship.ECONFLICT, "That staff member is deactivated.")
		}
		t.CreatedAt = tx.now
		if t.ID, err = tx.insert("INSERT INTO api_tokens (staff_id, name, prefix, token_hash, created_at) VALUES (?, ?, ?, ?, ?)",
			staffID, name, t.Prefix, hash, tx.now); err != nil {
			return err
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionTokenCreate, ResourceType: "api_token", ResourceID: strconv.FormatInt(t.ID, 10),
			Detail: "for staff member " + strconv.FormatInt(staffID, 10)})
	})
	if err != nil {
		return "", nil, err
	}
	return token, t, nil
}

// StaffByToken resolves a bearer token to its active member.
func (s *Store) StaffByToken(ctx context.Context, token string) (*kinship.Staff, error) {
	if !tokenShape.MatchString(token) {
		return nil, kinship.Errorf(kinship.EUNAUTHORIZED, "The access token is malformed: it should start with kin_ followed by 43 characters.")
	}
	var id, staffID int64
	var lastUsed time.Time
	err := s.queryRow(ctx, `SELECT t.id, t.staff_id, t.last_used_at FROM api_tokens t JOIN staff s ON s.id = t.staff_id
		WHERE t.token_hash = ? AND t.revoked_at IS NULL AND s.active`, auth.HashToken(token)).Scan(&id, &staffID, scanTime(&lastUsed))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, kinship.Errorf(kinship.EUNAUTHORIZED, "The access token is unknown or revoked.")
	}
	if err != nil {
		return nil, err
	}
	var mfaRequired, mfaEnabled bool
	if err := s.queryRow(ctx, `SELECT o.mfa_required, s.totp_secret <> '' FROM staff s JOIN organizations o ON o.id = s.organization_id
		WHERE s.id = ?`, staffID).Scan(&mfaRequired, &mfaEnabled); err != nil {
		return nil, err
	}
	if mfaRequired && !mfaEnabled {
		return nil, kinship.Errorf(kinship.EUNAUTHORIZED, "Your organization requires two-step sign-in. Set it up in the browser, then use this token again.")
	}
	if s.now().Sub(lastUsed) > time.Minute {
		if err := s.update(ctx, func(tx *Tx) error {
			_, err := tx.exec("UPDATE api_tokens SET last_used_at = ? WHERE id = ?", tx.now, id)
			return err
		}); err != nil {
			return nil, err
		}
	}
	return s.staffByID(ctx, staffID)
}

// ListTokens lists the actor's tokens, newest first.
func (s *Store) ListTokens(ctx context.Context) ([]*kinship.APIToken, error) {
	rows, err := s.query(ctx, `SELECT id, staff_id, name, prefix, created_at, last_used_at, revoked_at
		FROM api_tokens WHERE staff_id = ? ORDER BY id DESC`, kinship.ActorFrom(ctx).StaffID)
	return collect(rows, err, func(r rowScanner) (*kinship.APIToken, error) {
		t := &kinship.APIToken{}
		err := r.Scan(&t.ID, &t.StaffID, &t.Name, &t.Prefix, scanTime(&t.CreatedAt), scanTime(&t.LastUsedAt), scanTime(&t.RevokedAt))
		return t, err
	})
}

// RevokeToken revokes one of the actor's tokens. ENOTFOUND if it is not theirs.
func (s *Store) RevokeToken(ctx context.Context, id int64) error {
	return s.update(ctx, func(tx *Tx) error {
		res, err := tx.exec("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND staff_id = ? AND revoked_at IS NULL",
			tx.now, id, kinship.ActorFrom(ctx).StaffID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return kinship.Errorf(kinship.ENOTFOUND, "The token was not found.")
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionTokenRevoke, ResourceType: "api_token", ResourceID: strconv.FormatInt(id, 10)})
	})
}
