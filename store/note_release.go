package store

import (
	"context"
	"slices"
	"strconv"

	"kinship"
)

// signedNotes gathers a client's signed notes of the kinds a release
// names, with their objectives and addenda: progress notes (individual and
// group), and counseling notes only when kinds names them. Which of them
// leave is kinship.Release's decision; the caller audits.
func (s *Store) signedNotes(ctx context.Context, clientID int64, kinds []kinship.InfoKind) ([]*kinship.Note, error) {
	var out []*kinship.Note
	for _, t := range []noteTable{chartNotes, counselingNotes} {
		kind := kinship.InfoProgressNotes
		if t == counselingNotes {
			kind = kinship.InfoCounselingNotes
		}
		if !slices.Contains(kinds, kind) {
			continue
		}
		rows, err := s.query(ctx, t.query+" WHERE n.client_id = ? AND n.signed_at IS NOT NULL", clientID)
		notes, err := collect(rows, err, scanNote)
		if err != nil {
			return nil, err
		}
		for _, n := range notes {
			if err := s.loadNoteParts(ctx, t, n); err != nil {
				return nil, err
			}
		}
		out = append(out, notes...)
	}
	sortNotes(out)
	return out, nil
}

// noteEntries adds a client's signed progress notes to their timeline.
// Counseling notes are never on it, for anyone.
func (s *Store) noteEntries(ctx context.Context, clientID int64, from, to kinship.Date, add func(kinship.TimelineEntry)) error {
	rows, err := s.query(ctx, chartNotes.query+" WHERE n.client_id = ? AND n.signed_at IS NOT NULL AND n.service_date >= ? AND n.service_date <= ?",
		clientID, from.String(), to.String())
	notes, err := collect(rows, err, scanNote)
	for _, n := range notes {
		text := n.Kind.Label() + " (" + n.Template + ")"
		if n.SessionTitle != "" {
			text = n.Kind.Label() + ": " + n.SessionTitle
		}
		text += ", by " + n.Author
		if n.AwaitingCosign() {
			text += ", waiting for co-signature"
		}
		add(kinship.TimelineEntry{Day: n.ServiceDate, Kind: kinship.TimelineNote, Text: text, Attention: n.AwaitingCosign(),
			Href: "/notes/" + strconv.FormatInt(n.ID, 10)})
	}
	return err
}
