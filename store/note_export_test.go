package store

import (
	"context"

	"kinship"
)

// ReleasedNotes lets the tests reach what a disclosure of kinds releases.
func (s *Store) ReleasedNotes(ctx context.Context, clientID int64, kinds []kinship.InfoKind) ([]*kinship.Note, error) {
	return s.releasedNotes(ctx, clientID, kinds)
}
