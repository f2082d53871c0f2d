package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"kinship"
	"kinship/auth"
)

// inviteTTL is how long an invitation link works.
const inviteTTL = 7 * 24 * time.Hour

const staffColumns = `id, email, name, role, active, totp_secret <> '', password_hash <> '', needs_supervision, created_at, last_sign_in_at`

func scanStaff(r rowScanner) (*kinship.Staff, error) {
	m := &kinship.Staff{}
	err := r.Scan(&m.ID, &m.Email, &m.Name, &m.Role, &m.Active, &m.MFAEnabled, &m.HasPassword, &m.NeedsSupervision,
		scanTime(&m.CreatedAt), scanTime(&m.LastSignIn))
	return m, err
}

// CreateStaff adds a member with a password.
func (s *Store) CreateStaff(ctx context.Context, c kinship.StaffCreate) (*kinship.Staff, error) {
	if err := kinship.Authorize(ctx, kinship.PermStaffManage); err != nil {
		return nil, err
	}
	c.Normalize()
	if err := c.Validate(true); err != nil {
		return nil, err
	}
	var m *kinship.Staff
	err := s.update(ctx, func(tx *Tx) (err error) {
		if m, err = s.insertStaff(tx, c); err != nil {
			return err
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionStaffCreate, ResourceType: "staff", ResourceID: strconv.FormatInt(m.ID, 10), Detail: "role " + string(m.Role)})
	})
	return m, err
}

// InviteStaff adds a member without a password and returns an invitation token.
func (s *Store) InviteStaff(ctx context.Context, c kinship.StaffCreate) (*kinship.Staff, string, error) {
	if err := kinship.Authorize(ctx, kinship.PermStaffManage); err != nil {
		return nil, "", err
	}
	c.Normalize()
	c.Password = ""
	if err := c.Validate(false); err != nil {
		return nil, "", err
	}
	var m *kinship.Staff
	var token string
	err := s.update(ctx, func(tx *Tx) (err error) {
		if m, err = s.insertStaff(tx, c); err != nil {
			return err
		}
		if token, err = tx.newInvite(m.ID); err != nil {
			return err
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionStaffInvite, ResourceType: "staff", ResourceID: strconv.FormatInt(m.ID, 10), Detail: "role " + string(m.Role)})
	})
	if err != nil {
		return nil, "", err
	}
	return m, token, nil
}

// newInvite replaces a member's open invitations with a new one and
// returns its token.
func (tx *Tx) newInvite(staffID int64) (string, error) {
	token, hash, err := auth.NewToken("inv_")
	if err != nil {
		return "", err
	}
	if _, err := tx.exec("UPDATE staff_invites SET used_at = ? WHERE staff_id = ? AND used_at IS NULL", tx.now, staffID); err != nil {
		return "", err
	}
	_, err = tx.exec("INSERT INTO staff_invites (token_hash, staff_id, expires_at) VALUES (?, ?, ?)", hash, staffID, tx.now.Add(inviteTTL))
	return token, err
}

// ResetPassword clears a member's password and issues a new link.
func (s *Store) ResetPassword(ctx context.Context, id int64) (string, error) {
	if err := kinship.Authorize(ctx, kinship.PermStaffManage); err != nil {
		return "", err
	}
	var token string
	err := s.update(ctx, func(tx *Tx) error {
		var active bool
		if err := tx.queryRow("SELECT active FROM staff WHERE id = ?", id).Scan(&active); err != nil {
			return notFound(err, "The staff member")
		}
		if !active {
			return kinship.Errorf(kinship.ECONFLICT, "Reactivate this staff member first.")
		}
		if _, err := tx.exec("UPDATE staff SET password_hash = '', updated_at = ? WHERE id = ?", tx.now, id); err != nil {
			return err
		}
		if err := tx.endAccess(id); err != nil {
			return err
		}
		var err error
		if token, err = tx.newInvite(id); err != nil {
			return err
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionPasswordReset, ResourceType: "staff", ResourceID: strconv.FormatInt(id, 10)})
	})
	return token, err
}

// CheckInvite reports whether an invitation token is live.
func (s *Store) CheckInvite(ctx context.Context, token string) error {
	var n int
	if err := s.queryRow(ctx, `SELECT COUNT(*) FROM staff_invites i JOIN staff s ON s.id = i.staff_id
		WHERE i.token_hash = ? AND i.used_at IS NULL AND i.expires_at > ? AND s.active`, auth.HashToken(token), s.now()).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return errDeadInvite
	}
	return nil
}

var errDeadInvite = kinship.Errorf(kinship.ENOTFOUND, "This invitation link is unknown, used or expired. Ask an admin for a new one.")

// insertStaff writes a validated member; an empty password leaves the
// member unable to sign in until an invitation is accepted.
func (s *Store) insertStaff(tx *Tx, c kinship.StaffCreate) (*kinship.Staff, error) {
	hash := ""
	if c.Password != "" {
		var err error
		if hash, err = auth.HashPassword(c.Password, s.PasswordParams); err != nil {
			return nil, err
		}
	}
	id, err := tx.insert(`INSERT INTO staff (organization_id, email, name, role, password_hash, created_at, updated_at)
		SELECT id, ?, ?, ?, ?, ?, ? FROM organizations ORDER BY id LIMIT 1`,
		c.Email, c.Name, c.Role, hash, tx.now, tx.now)
	if tx.dialect.isUnique(err) {
		return nil, fieldConflict("email", "A staff member with that email already exists.")
	}
	if err == sql.ErrNoRows {
		return nil, kinship.Errorf(kinship.ECONFLICT, "Kinship is not set up yet: create the first admin first.")
	}
	if err != nil {
		return nil, err
	}
	return &kinship.Staff{ID: id, Email: c.Email, Name: c.Name, Role: c.Role, Active: true, HasPassword: hash != "", CreatedAt: tx.now}, nil
}

// AcceptInvite sets an invited member's password.
func (s *Store) AcceptInvite(ctx context.Context, token, password string) (*kinship.Staff, error) {
	if msg := kinship.PasswordProblem(password); msg != "" {
		return nil, &kinship.Error{Code: kinship.EINVALID, Message: msg, Fields: map[string]string{"password": msg}}
	}
	hash, err := auth.HashPassword(password, s.PasswordParams)
	if err != nil {
		return nil, err
	}
	var id int64
	var name string
	err = s.update(ctx, func(tx *Tx) error {
		err := tx.queryRow(`SELECT i.staff_id, s.name FROM staff_invites i JOIN staff s ON s.id = i.staff_id
			WHERE i.token_hash = ? AND i.used_at IS NULL AND i.expires_at > ? AND s.active`,
			auth.HashToken(token), tx.now).Scan(&id, &name)
		if err == sql.ErrNoRows {
			return errDeadInvite
		} else if err != nil {
			return err
		}
		if _, err := tx.exec("UPDATE staff_invites SET used_at = ? WHERE token_hash = ?", tx.now, auth.HashToken(token)); err != nil {
			return err
		}
		if _, err := tx.exec("UPDATE staff SET password_hash = ?, updated_at = ? WHERE id = ?", hash, tx.now, id); err != nil {
			return err
		}
		tx.ctx = kinship.WithActor(tx.ctx, kinship.Actor{StaffID: id, Name: name, IP: kinship.ActorFrom(ctx).IP})
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionPasswordSet, ResourceType: "staff", ResourceID: strconv.FormatInt(id, 10), Detail: "invitation accepted"})
	})
	if err != nil {
		return nil, err
	}
	return s.staffByID(ctx, id)
}

// FindStaffByID returns a member by id.
func (s *Store) FindStaffByID(ctx context.Context, id int64) (*kinship.Staff, error) {
	if err := kinship.Authorize(ctx, kinship.PermStaffManage); err != nil {
		return nil, err
	}
	return s.staffByID(ctx, id)
}

func (s *Store) staffByID(ctx context.Context, id int64) (*kinship.Staff, error) {
	m, err := scanStaff(s.queryRow(ctx, "SELECT "+staffColumns+" FROM staff WHERE id = ?", id))
	return m, notFound(err, "The staff member")
}

// FindStaffByEmail returns a member by email.
func (s *Store) FindStaffByEmail(ctx context.Context, email string) (*kinship.Staff, error) {
	m, err := scanStaff(s.queryRow(ctx, "SELECT "+staffColumns+" FROM staff WHERE email = ?", strings.ToLower(strings.TrimSpace(email))))
	return m, notFound(err, "The staff member")
}

// ListStaff lists every member, active first, by name.
func (s *Store) ListStaff(ctx context.Context) ([]*kinship.Staff, error) {
	if err := kinship.Authorize(ctx, kinship.PermStaffManage); err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, "SELECT "+staffColumns+" FROM staff ORDER BY active DESC, name, id")
	return collect(rows, err, scanStaff)
}

// UpdateStaff changes a member's name, role or active state. Deactivating
// a member also ends their sessions and revokes their tokens.
func (s *Store) UpdateStaff(ctx context.Context, id int64, u kinship.StaffUpdate) (*kinship.Staff, error) {
	if err := kinship.Authorize(ctx, kinship.PermStaffManage); err != nil {
		return nil, err
	}
	f := kinship.FieldErrors{}
	if u.Name != nil {
		if *u.Name = strings.TrimSpace(*u.Name); *u.Name == "" {
			f.Add("name", "Name is required.")
		}
	}
	if u.Role != nil && !u.Role.Valid() {
		f.Add("role", "Role must be one of admin, clinician, supervisor, front_desk, billing or peer_support.")
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	err := s.update(ctx, func(tx *Tx) error {
		m, err := scanStaff(tx.queryRow("SELECT "+staffColumns+" FROM staff WHERE id = ?", id))
		if err != nil {
			return notFound(err, "The staff member")
		}
		var changes []string
		if u.Name != nil && *u.Name != m.Name {
			m.Name = *u.Name
			changes = append(changes, "name")
		}
		if u.Role != nil && *u.Role != m.Role {
			changes = append(changes, "role "+string(m.Role)+" to "+string(*u.Role))
			m.Role = *u.Role
		}
		if u.Active != nil && *u.Active != m.Active {
			m.Active = *u.Active
			changes = append(changes, map[bool]string{true: "reactivated", false: "deactivated"}[m.Active])
		}
		if u.NeedsSupervision != nil && *u.NeedsSupervision != m.NeedsSupervision {
			m.NeedsSupervision = *u.NeedsSupervision
			changes = append(changes, map[bool]string{true: "needs supervision", false: "no longer needs supervision"}[m.NeedsSupervision])
		}
		if len(changes) == 0 {
			return nil
		}
		if _, err := tx.exec("UPDATE staff SET name = ?, role = ?, active = ?, needs_supervision = ?, updated_at = ? WHERE id = ?",
			m.Name, m.Role, m.Active, m.NeedsSupervision, tx.now, id); err != nil {
			return err
		}
		var admins int
		if err := tx.queryRow("SELECT COUNT(*) FROM staff WHERE role = ? AND active", kinship.RoleAdmin).Scan(&admins); err != nil {
			return err
		}
		if admins == 0 {
			return kinship.Errorf(kinship.ECONFLICT, "That would leave no active admin. Make someone else an admin first.")
		}
		if !m.Active {
			if err := tx.endAccess(id); err != nil {
				return err
			}
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionStaffUpdate, ResourceType: "staff", ResourceID: strconv.FormatInt(id, 10), Detail: strings.Join(changes, ", ")})
	})
	if err != nil {
		return nil, err
	}
	return s.staffByID(ctx, id)
}

// endAccess ends a member's sessions and revokes their tokens.
func (tx *Tx) endAccess(staffID int64) error {
	if _, err := tx.exec("DELETE FROM login_sessions WHERE staff_id = ?", staffID); err != nil {
		return err
	}
	_, err := tx.exec("UPDATE api_tokens SET revoked_at = ? WHERE staff_id = ? AND revoked_at IS NULL", tx.now, staffID)
	return err
}

// ResetStaffMFA removes a member's second factor and recovery codes.
func (s *Store) ResetStaffMFA(ctx context.Context, id int64) error {
	if err := kinship.Authorize(ctx, kinship.PermStaffManage); err != nil {
		return err
	}
	return s.update(ctx, func(tx *Tx) error {
		res, err := tx.exec("UPDATE staff SET totp_secret = '', totp_pending = '', totp_last_step = 0, updated_at = ? WHERE id = ?", tx.now, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return kinship.Errorf(kinship.ENOTFOUND, "The staff member was not found.")
		}
		if _, err := tx.exec("DELETE FROM recovery_codes WHERE staff_id = ?", id); err != nil {
			return err
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionMFAReset, ResourceType: "staff", ResourceID: strconv.FormatInt(id, 10)})
	})
}
