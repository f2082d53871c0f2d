package kinship

import (
	"context"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"
)

// MinPasswordLength is the shortest password Kinship accepts.
const MinPasswordLength = 12

// Staff is a member of the program's staff who signs in to Kinship.
type Staff struct {
	ID          int64
	Email       string
	Name        string
	Role        Role
	Active      bool
	MFAEnabled  bool
	HasPassword bool // false until an invited member sets one
	// NeedsSupervision: the member's notes wait for a supervisor's
	// co-signature, as for an associate-level counselor.
	NeedsSupervision bool
	CreatedAt        time.Time
	LastSignIn       time.Time // zero if never
}

// StaffCreate is what it takes to add a staff member. An empty Password
// makes an invitation instead: the member sets a password from a link.
type StaffCreate struct {
	Email    string
	Name     string
	Role     Role
	Password string
}

// Normalize trims the fields and lower-cases the email.
func (c *StaffCreate) Normalize() {
	c.Email = strings.ToLower(strings.TrimSpace(c.Email))
	c.Name = strings.TrimSpace(c.Name)
}

// Validate returns EINVALID with a message per field at fault.
func (c *StaffCreate) Validate(requirePassword bool) error {
	f := FieldErrors{}
	ValidateEmail(f, c.Email)
	if c.Name == "" {
		f.Add("name", "Name is required.")
	} else if utf8.RuneCountInString(c.Name) > 200 {
		f.Add("name", "Name must be 200 characters or fewer.")
	}
	if !c.Role.Valid() {
		f.Add("role", "Role must be one of admin, clinician, supervisor, front_desk, billing or peer_support.")
	}
	if c.Password != "" || requirePassword {
		if msg := PasswordProblem(c.Password); msg != "" {
			f.Add("password", msg)
		}
	}
	return f.Err()
}

// ValidateEmail adds a message to f under "email" unless email is a plain
// address like name@example.org.
func ValidateEmail(f FieldErrors, email string) {
	if email == "" {
		f.Add("email", "Email is required.")
		return
	}
	a, err := mail.ParseAddress(email)
	if len(email) > 254 {
		f.Add("email", "Email must be 254 characters or fewer.")
	} else if err != nil || a.Address != email || !strings.Contains(email[strings.LastIndexByte(email, '@')+1:], ".") {
		f.Add("email", "Email must be an address like name@example.org.")
	}
}

// PasswordProblem says what is wrong with a new password, or "" if nothing.
func PasswordProblem(pw string) string {
	switch n := utf8.RuneCountInString(pw); {
	case n == 0:
		return "Password is required."
	case n < MinPasswordLength:
		return "Password must be at least 12 characters."
	case len(pw) > 1024:
		return "Password must be 1024 bytes or fewer."
	}
	return ""
}

// StaffUpdate changes a staff member; nil fields stay as they are.
type StaffUpdate struct {
	Name             *string
	Role             *Role
	Active           *bool
	NeedsSupervision *bool
}

// StaffService manages staff members. Every method needs PermStaffManage
// except where noted, and every change is audited.
type StaffService interface {
	// CreateStaff adds a member with a password. Returns ECONFLICT if the
	// email is taken.
	CreateStaff(ctx context.Context, c StaffCreate) (*Staff, error)
	// InviteStaff adds a member without a password and returns the one-time
	// invitation token with which they set one. ECONFLICT if the email is taken.
	InviteStaff(ctx context.Context, c StaffCreate) (*Staff, string, error)
	// AcceptInvite sets the password of an invited member; it needs no
	// permission. EINVALID for a bad password; ENOTFOUND for an unknown,
	// used or expired token.
	AcceptInvite(ctx context.Context, token, password string) (*Staff, error)
	// CheckInvite returns ENOTFOUND unless the invitation token is live; it
	// needs no permission, so the invitation page can say so at once.
	CheckInvite(ctx context.Context, token string) error
	// ResetPassword clears a member's password, ends their sessions and
	// returns a new one-time link with which they choose another. It also
	// serves to resend a lost or expired invitation.
	ResetPassword(ctx context.Context, id int64) (string, error)
	// FindStaffByID returns ENOTFOUND if there is no such member.
	FindStaffByID(ctx context.Context, id int64) (*Staff, error)
	// ListStaff lists every member, active first, by name.
	ListStaff(ctx context.Context) ([]*Staff, error)
	// UpdateStaff returns ECONFLICT when the change would leave no active admin.
	UpdateStaff(ctx context.Context, id int64, u StaffUpdate) (*Staff, error)
	// ResetStaffMFA removes a member's second factor (a lost phone).
	ResetStaffMFA(ctx context.Context, id int64) error
}
