package store

import (
	"context"
	"slices"
	"strconv"

	"kinship"
)

// releasedNotes returns the signed notes a disclosure of kinds releases,
// with their objectives and addenda: progress notes (individual and group)
// for progress notes or the whole record, and counseling notes only when
// kinds names counseling notes, which only a consent naming them covers
// (kinship.Consent.Covers; the whole record never includes them). The
// caller has checked the consent and audits the disclosure.
func (s *Store) releasedNotes(ctx context.Context, clientID int64, kinds []kinship.InfoKind) ([]*kinship.Note, error) {
	var out []*kinship.Note
	for _, t := range []noteTable{chartNotes, counselingNotes} {
		kind := kinship.InfoProgressNotes
		if t == counselingNotes {
			kind = kinship.InfoCounselingNotes
		}
		if !slices.Contains(kinds, kind) && (t == counselingNotes || !slices.Contains(kinds, kinship.InfoFullRecord)) {
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
