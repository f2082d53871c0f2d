package store

import (
	"context"
	"database/sql"
	"errors"
	"regexp"
	"strconv"

	"kinship"
	"kinship/auth"
)

// feedTokenPrefix starts every calendar feed token, so a leaked feed URL is
// easy to recognise.
const feedTokenPrefix = "cal_"

// feedTokenShape is the prefix and 32 bytes of unpadded base64url.
var feedTokenShape = regexp.MustCompile(`^cal_[A-Za-z0-9_-]{43}$`)

func errFeedNotFound() error {
	return kinship.Errorf(kinship.ENOTFOUND, "The calendar feed was not found.")
}

// feedOwner checks that the actor may manage the feeds of the staff member
// or the client (exactly one id is non-zero) and returns the owner's
// column and audit resource type. Staff manage only their own feed; a
// client's feed needs the client's chart, and opening it is audited.
func (s *Store) feedOwner(ctx context.Context, staffID, clientID int64) (column, resource string, id int64, err error) {
	if (staffID == 0) == (clientID == 0) {
		return "", "", 0, kinship.Errorf(kinship.EINVALID, "Give a staff member or a client, not both.")
	}
	if staffID != 0 {
		if a := kinship.ActorFrom(ctx); !a.System && a.StaffID != staffID {
			return "", "", 0, kinship.Errorf(kinship.EFORBIDDEN, "You can only manage your own calendar feed.")
		}
		return "staff_id", "staff", staffID, nil
	}
	if err := kinship.Authorize(ctx, kinship.PermClientRead); err != nil {
		return "", "", 0, err
	}
	if err := s.openChart(ctx, clientID, kinship.ActionClientRead); err != nil {
		return "", "", 0, err
	}
	return "client_id", "client", clientID, nil
}

// CreateFeed makes a calendar feed for a staff member (staffID) or a client
// (clientID) and returns its token, which is shown once: only its hash is
// kept. Earlier feeds stay live until RevokeFeed.
func (s *Store) CreateFeed(ctx context.Context, staffID, clientID int64) (string, error) {
	_, resource, id, err := s.feedOwner(ctx, staffID, clientID)
	if err != nil {
		return "", err
	}
	token, hash, err := auth.NewToken(feedTokenPrefix)
	if err != nil {
		return "", err
	}
	err = s.update(ctx, func(tx *Tx) error {
		if staffID != 0 {
			var active bool
			if err := tx.queryRow("SELECT active FROM staff WHERE id = ?", staffID).Scan(&active); err != nil {
				return notFound(err, "The staff member")
			}
			if !active {
				return kinship.Errorf(kinship.ECONFLICT, "That staff member is deactivated.")
			}
		}
		if _, err := tx.exec("INSERT INTO calendar_feeds (token_hash, staff_id, client_id, created_at) VALUES (?, ?, ?, ?)",
			hash, nullID(staffID), nullID(clientID), tx.now); err != nil {
			return err
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionFeedCreate, ResourceType: resource, ResourceID: strconv.FormatInt(id, 10)})
	})
	if err != nil {
		return "", err
	}
	return token, nil
}

// RevokeFeed stops every live feed of a staff member or a client at once.
// Revoking when there is none succeeds.
func (s *Store) RevokeFeed(ctx context.Context, staffID, clientID int64) error {
	column, resource, id, err := s.feedOwner(ctx, staffID, clientID)
	if err != nil {
		return err
	}
	return s.update(ctx, func(tx *Tx) error {
		res, err := tx.exec("UPDATE calendar_feeds SET revoked_at = ? WHERE "+column+" = ? AND revoked_at IS NULL", tx.now, id)
		if err != nil {
			return err
		}
		n, _ := res.RowsAffected()
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionFeedRevoke, ResourceType: resource, ResourceID: strconv.FormatInt(id, 10),
			Detail: strconv.FormatInt(n, 10) + " live"})
	})
}

// FeedSessions returns the sessions between two dates (inclusive) of the
// person whose live feed token is: for a staff member, the sessions they
// facilitate; for a client, their roster's: their track's and groups'
// sessions on the days they were enrolled, and their one-off sessions.
// owner is "staff" or "client". The token is the credential, so no actor
// is needed; an unknown or revoked token, or a deactivated member's, is
// ENOTFOUND. Each read is audited.
func (s *Store) FeedSessions(ctx context.Context, token string, from, to kinship.Date) (owner string, sessions []*kinship.Session, err error) {
	if from.IsZero() || to.IsZero() || to.Before(from) {
		return "", nil, invalidField("to", "The end date is before the start date.")
	}
	if !feedTokenShape.MatchString(token) {
		return "", nil, errFeedNotFound()
	}
	var staffID, clientID int64
	err = s.queryRow(ctx, `SELECT COALESCE(f.staff_id, 0), COALESCE(f.client_id, 0) FROM calendar_feeds f
		LEFT JOIN staff m ON m.id = f.staff_id
		WHERE f.token_hash = ? AND f.revoked_at IS NULL AND (f.staff_id IS NULL OR m.active)`, auth.HashToken(token)).Scan(&staffID, &clientID)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil, errFeedNotFound()
	}
	if err != nil {
		return "", nil, err
	}
	if err := s.layOutThrough(ctx, to); err != nil {
		return "", nil, err
	}
	const window = " WHERE s.on_date >= ? AND s.on_date <= ? AND "
	const order = " ORDER BY s.starts_at, s.id"
	var rows *sql.Rows
	var id int64
	switch {
	case staffID != 0:
		owner, id = "staff", staffID
		rows, err = s.query(ctx, "SELECT "+sessionColumns+sessionFrom+window+"s.facilitator_id = ?"+order,
			from.String(), to.String(), staffID)
	default:
		owner, id = "client", clientID
		rows, err = s.query(ctx, "SELECT "+sessionColumns+sessionFrom+window+`(s.client_id = ? OR EXISTS (
			SELECT 1 FROM enrollments e WHERE e.client_id = ? AND e.starts_on <= s.on_date AND (e.ends_on = '' OR e.ends_on >= s.on_date)
			AND (e.track_id = x.track_id OR e.series_id = s.series_id)))`+order,
			from.String(), to.String(), clientID, clientID)
	}
	if sessions, err = collect(rows, err, scanSession); err != nil {
		return "", nil, err
	}
	// The reader is whoever holds the token: audit as the system, from
	// the address the request came from.
	sys := kinship.WithActor(ctx, kinship.Actor{System: true, Name: "system", IP: kinship.ActorFrom(ctx).IP})
	if err := s.Audit(sys, kinship.AuditRecord{Action: kinship.ActionFeedRead, ResourceType: owner, ResourceID: strconv.FormatInt(id, 10),
		Detail: "feed"}); err != nil {
		return "", nil, err
	}
	return owner, sessions, nil
}
