package kinship

import (
	"context"
	"time"
)

// ERATELIMITED is returned when too many attempts were made.
const ERATELIMITED = "rate_limited"

// LoginSession is a signed-in browser. Only the SHA-256 of its cookie value
// is stored.
type LoginSession struct {
	ID         string // hash of the cookie token
	StaffID    int64
	MFAPassed  bool
	CreatedAt  time.Time
	LastSeenAt time.Time
}

// APIToken is a staff member's personal access token for the JSON API. Only
// a hash of the secret is stored; Prefix lets people tell tokens apart.
type APIToken struct {
	ID         int64
	StaffID    int64
	Name       string
	Prefix     string
	CreatedAt  time.Time
	LastUsedAt time.Time
	RevokedAt  time.Time
}

// TOTPEnrollment is a second factor being set up: the secret and the URI a
// phone app scans.
type TOTPEnrollment struct {
	Secret string
	URI    string
}

// AuthService signs staff in and out and manages their credentials. Failed
// attempts are throttled per account and per IP, and every outcome is audited.
type AuthService interface {
	// SignIn checks an email and password. EUNAUTHORIZED for a wrong pair,
	// ERATELIMITED when throttled; the message never says which part was wrong.
	SignIn(ctx context.Context, email, password string) (*Staff, error)
	// StartSession creates a login session and returns its cookie token.
	StartSession(ctx context.Context, staffID int64, mfaPassed bool) (string, *LoginSession, error)
	// LoginSession returns the live session for a cookie token and its staff
	// member, and marks it seen. EUNAUTHORIZED if unknown, idle longer than
	// idle, or the member is inactive.
	LoginSession(ctx context.Context, token string, idle time.Duration) (*LoginSession, *Staff, error)
	// PassMFA marks the session as having passed its second factor.
	PassMFA(ctx context.Context, sessionID string) error
	// EndSession signs out; unknown tokens are ignored.
	EndSession(ctx context.Context, token string) error

	// BeginTOTP returns the actor's pending enrolment, starting one if none
	// is pending, so a reloaded page shows the same secret.
	BeginTOTP(ctx context.Context) (*TOTPEnrollment, error)
	// ConfirmTOTP finishes enrolment with a code from the app and returns
	// ten one-time recovery codes, shown once. EINVALID for a wrong code.
	ConfirmTOTP(ctx context.Context, code string) ([]string, error)
	// VerifyMFA checks a TOTP or recovery code for a member. EUNAUTHORIZED
	// for a wrong code; ERATELIMITED when throttled.
	VerifyMFA(ctx context.Context, staffID int64, code string) error

	// CreateToken makes a personal access token for a member (the actor
	// themself, or anyone for the system actor) and returns its secret once.
	CreateToken(ctx context.Context, staffID int64, name string) (string, *APIToken, error)
	// StaffByToken resolves a bearer token. EUNAUTHORIZED for a malformed,
	// unknown or revoked token, or an inactive member.
	StaffByToken(ctx context.Context, token string) (*Staff, error)
	// ListTokens lists the actor's own tokens.
	ListTokens(ctx context.Context) ([]*APIToken, error)
	// RevokeToken revokes one of the actor's own tokens.
	RevokeToken(ctx context.Context, id int64) error
	// FindStaffByEmail needs no permission; it is for the command line.
	FindStaffByEmail(ctx context.Context, email string) (*Staff, error)
}
