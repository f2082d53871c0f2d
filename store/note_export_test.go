package store

import (
	"context"

	"kinship"
)

// ReleasedNotes lets the tests reach the notes a disclosure of kinds
// gathers for kinship.Release to decide on.
func (s *Store) ReleasedNotes(ctx context.Context, clientID int64, kinds []kinship.InfoKind) ([]*kinship.Note, error) {
	return s.signedNotes(ctx, clientID, kinship.ReleasedKinds(kinds))
}

// NoteEntries lets the tests see a client's notes as their timeline will.
func (s *Store) NoteEntries(ctx context.Context, clientID int64, from, to kinship.Date) ([]kinship.TimelineEntry, error) {
	var out []kinship.TimelineEntry
	err := s.noteEntries(ctx, clientID, from, to, func(e kinship.TimelineEntry) { out = append(out, e) })
	return out, err
}
