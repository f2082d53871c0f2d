package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"

	"kinship"
)

// supportMessage is the alert's text: who, and the number to call.
func supportMessage(name, callback string) string {
	if callback == "" {
		return fmt.Sprintf("%s asked for support now. They left no number: reach them through their contact details.", name)
	}
	return fmt.Sprintf("%s asked for support now. Call them back at %s.", name, callback)
}

// RequestSupport raises a safety alert for the client's counselor and the
// person on call, or returns the request still open from the last minutes.
func (s *Store) RequestSupport(ctx context.Context) (*kinship.SupportRequest, error) {
	id, err := kinship.PortalClient(ctx)
	if err != nil {
		return nil, err
	}
	var req *kinship.SupportRequest
	err = s.update(ctx, func(tx *Tx) error {
		open, err := tx.openSupport(id, tx.now.Add(-kinship.SupportRepeatMinutes*time.Minute))
		if err != nil || open != nil {
			req = open
			return err
		}
		var name, phone string
		if err := tx.queryRow("SELECT name_to_use, phone FROM clients WHERE id = ?", id).Scan(&name, &phone); err != nil {
			return err
		}
		alertID, err := tx.raiseSafetyAlert(kinship.AlertSupportRequest, id, supportMessage(name, phone))
		if err != nil {
			return err
		}
		req = &kinship.SupportRequest{Callback: phone, CreatedAt: tx.now}
		if req.ID, err = tx.insert("INSERT INTO support_requests (client_id, callback, alert_id, created_at) VALUES (?, ?, ?, ?)",
			id, phone, alertID, tx.now); err != nil {
			return err
		}
		return tx.audit(clientAudit(kinship.ActionSupportRequest, id, "support requested"))
	})
	return req, err
}

// openSupport returns the client's unacknowledged request made since, or nil.
func (tx *Tx) openSupport(clientID int64, since time.Time) (*kinship.SupportRequest, error) {
	r := &kinship.SupportRequest{}
	err := tx.queryRow(`SELECT r.id, r.callback, r.created_at FROM support_requests r JOIN alerts a ON a.id = r.alert_id
		WHERE r.client_id = ? AND r.created_at >= ? AND a.acknowledged_at IS NULL AND a.cancelled_at IS NULL ORDER BY r.id DESC LIMIT 1`, clientID, since).
		Scan(&r.ID, &r.Callback, scanTime(&r.CreatedAt))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return r, err
}

// SetCallback changes the number on the client's open request.
func (s *Store) SetCallback(ctx context.Context, reqID int64, number string) error {
	id, err := kinship.PortalClient(ctx)
	if err != nil {
		return err
	}
	number = strings.TrimSpace(number)
	digits := 0
	for _, r := range number {
		switch {
		case unicode.IsDigit(r):
			digits++
		case !strings.ContainsRune(" +-().", r):
			digits = -100
		}
	}
	if digits < 7 || digits > 15 || len(number) > 30 {
		return invalidField("callback", "Enter a phone number we can call, like 510-555-0100.")
	}
	return s.update(ctx, func(tx *Tx) error {
		var alertID int64
		var name string
		err := tx.queryRow(`SELECT r.alert_id, c.name_to_use FROM support_requests r JOIN clients c ON c.id = r.client_id
			JOIN alerts a ON a.id = r.alert_id WHERE r.id = ? AND r.client_id = ? AND a.acknowledged_at IS NULL AND a.cancelled_at IS NULL`, reqID, id).Scan(&alertID, &name)
		if errors.Is(err, sql.ErrNoRows) {
			return kinship.Errorf(kinship.ENOTFOUND, "That request is not open any more.")
		}
		if err != nil {
			return err
		}
		if _, err := tx.exec("UPDATE support_requests SET callback = ? WHERE id = ?", number, reqID); err != nil {
			return err
		}
		if _, err := tx.exec("UPDATE alerts SET message = ? WHERE id = ?", supportMessage(name, number), alertID); err != nil {
			return err
		}
		return tx.audit(clientAudit(kinship.ActionSupportRequest, id, "callback number changed"))
	})
}

// SupportRequests lists the client's requests of the last day.
func (s *Store) SupportRequests(ctx context.Context) ([]*kinship.SupportRequest, error) {
	id, err := kinship.PortalClient(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT r.id, r.callback, r.created_at, a.acknowledged_at, COALESCE(st.name, ''), a.cancelled_at
		FROM support_requests r JOIN alerts a ON a.id = r.alert_id LEFT JOIN staff st ON st.id = a.acknowledged_by
		WHERE r.client_id = ? AND r.created_at >= ? ORDER BY r.id DESC`, id, s.now().Add(-24*time.Hour))
	return collect(rows, err, func(r rowScanner) (*kinship.SupportRequest, error) {
		q := &kinship.SupportRequest{}
		return q, r.Scan(&q.ID, &q.Callback, scanTime(&q.CreatedAt), scanTime(&q.AcknowledgedAt), &q.AcknowledgedBy, scanTime(&q.CancelledAt))
	})
}

// CancelSupport withdraws the client's request within SupportCancelMinutes:
// the alert stops escalating and shows as cancelled by the client.
func (s *Store) CancelSupport(ctx context.Context, reqID int64) error {
	id, err := kinship.PortalClient(ctx)
	if err != nil {
		return err
	}
	return s.update(ctx, func(tx *Tx) error {
		var alertID int64
		r := &kinship.SupportRequest{}
		err := tx.queryRow(`SELECT r.alert_id, r.created_at, a.acknowledged_at, a.cancelled_at FROM support_requests r
			JOIN alerts a ON a.id = r.alert_id WHERE r.id = ? AND r.client_id = ?`, reqID, id).
			Scan(&alertID, scanTime(&r.CreatedAt), scanTime(&r.AcknowledgedAt), scanTime(&r.CancelledAt))
		if errors.Is(err, sql.ErrNoRows) {
			return kinship.Errorf(kinship.ENOTFOUND, "That request is not open any more.")
		}
		if err != nil {
			return err
		}
		switch {
		case !r.CancelledAt.IsZero():
			return kinship.Errorf(kinship.ECONFLICT, "You already cancelled this request.")
		case !r.AcknowledgedAt.IsZero():
			return kinship.Errorf(kinship.ECONFLICT, "Someone on your care team already has this request, so it can't be cancelled. If you are safe, tell them when they call.")
		case !r.Cancellable(tx.now):
			return kinship.Errorf(kinship.ECONFLICT, "It is more than %d minutes since you asked, so the request can't be cancelled now. Your care team will call you: if you are safe, tell them so.", kinship.SupportCancelMinutes)
		}
		if _, err := tx.exec("UPDATE alerts SET cancelled_at = ?, escalates = ? WHERE id = ?", tx.now, false, alertID); err != nil {
			return err
		}
		return tx.audit(clientAudit(kinship.ActionSupportCancel, id, "support request cancelled"))
	})
}
