package store

import (
	"context"
	"strconv"

	"kinship"
	"kinship/auth"
)

// recoveryCodeCount is how many one-time recovery codes enrolment issues.
const recoveryCodeCount = 10

// BeginTOTP returns the actor's pending enrolment, starting one if needed.
func (s *Store) BeginTOTP(ctx context.Context) (*kinship.TOTPEnrollment, error) {
	m, err := s.staffByID(ctx, kinship.ActorFrom(ctx).StaffID)
	if err != nil {
		return nil, err
	}
	var secret string
	err = s.update(ctx, func(tx *Tx) error {
		if err := tx.queryRow("SELECT totp_pending FROM staff WHERE id = ?", m.ID).Scan(&secret); err != nil || secret != "" {
			return err
		}
		if secret, err = auth.NewTOTPSecret(); err != nil {
			return err
		}
		_, err := tx.exec("UPDATE staff SET totp_pending = ?, updated_at = ? WHERE id = ?", secret, tx.now, m.ID)
		return err
	})
	if err != nil {
		return nil, err
	}
	// The issuer is deliberately plain: a phone's authenticator list should
	// not reveal treatment.
	return &kinship.TOTPEnrollment{Secret: secret, URI: auth.TOTPURI("Kinship", m.Email, secret)}, nil
}

// ConfirmTOTP finishes enrolment and returns fresh recovery codes.
func (s *Store) ConfirmTOTP(ctx context.Context, code string) ([]string, error) {
	id := kinship.ActorFrom(ctx).StaffID
	codes, hashes, err := auth.NewRecoveryCodes(recoveryCodeCount)
	if err != nil {
		return nil, err
	}
	err = s.update(ctx, func(tx *Tx) error {
		var pending string
		if err := tx.queryRow("SELECT totp_pending FROM staff WHERE id = ?", id).Scan(&pending); err != nil {
			return notFound(err, "The staff member")
		}
		if pending == "" {
			return kinship.Errorf(kinship.ECONFLICT, "Start setting up the authenticator app again.")
		}
		step, ok := auth.VerifyTOTP(pending, code, tx.now, 0)
		if !ok {
			return &kinship.Error{Code: kinship.EINVALID, Message: "That code is not right. Enter the 6-digit code your app shows now.",
				Fields: map[string]string{"code": "Enter the 6-digit code your app shows now."}}
		}
		if _, err := tx.exec("UPDATE staff SET totp_secret = totp_pending, totp_pending = '', totp_last_step = ?, updated_at = ? WHERE id = ?", step, tx.now, id); err != nil {
			return err
		}
		if _, err := tx.exec("DELETE FROM recovery_codes WHERE staff_id = ?", id); err != nil {
			return err
		}
		for _, h := range hashes {
			if _, err := tx.exec("INSERT INTO recovery_codes (staff_id, code_hash) VALUES (?, ?)", id, h); err != nil {
				return err
			}
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionMFAEnrolled, ResourceType: "staff", ResourceID: strconv.FormatInt(id, 10)})
	})
	if err != nil {
		return nil, err
	}
	return codes, nil
}

// VerifyMFA checks a TOTP code, or else a recovery code, for a member.
func (s *Store) VerifyMFA(ctx context.Context, staffID int64, code string) error {
	m, err := s.staffByID(ctx, staffID)
	if err != nil {
		return err
	}
	ctx = kinship.WithActor(ctx, actorFor(ctx, m))
	if err := s.checkThrottle(ctx, m.Email); err != nil {
		return s.recordFailure(ctx, m.Email, kinship.ActionMFAFailed, "throttled", err)
	}
	verified := false
	err = s.update(ctx, func(tx *Tx) error {
		var secret string
		var last int64
		if err := tx.queryRow("SELECT totp_secret, totp_last_step FROM staff WHERE id = ?", staffID).Scan(&secret, &last); err != nil {
			return err
		}
		method := "authenticator app"
		if step, ok := auth.VerifyTOTP(secret, code, tx.now, last); ok {
			if _, err := tx.exec("UPDATE staff SET totp_last_step = ? WHERE id = ?", step, staffID); err != nil {
				return err
			}
		} else {
			res, err := tx.exec("UPDATE recovery_codes SET used_at = ? WHERE staff_id = ? AND code_hash = ? AND used_at IS NULL",
				tx.now, staffID, auth.HashToken(auth.NormalizeRecoveryCode(code)))
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return nil
			}
			method = "recovery code"
		}
		verified = true
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionMFAVerified, ResourceType: "staff", ResourceID: strconv.FormatInt(staffID, 10), Detail: method})
	})
	if err != nil || verified {
		return err
	}
	return s.recordFailure(ctx, m.Email, kinship.ActionMFAFailed, "wrong code",
		kinship.Errorf(kinship.EUNAUTHORIZED, "That code is not right. Check your authenticator app and try again."))
}
