package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"kinship"
)

// phoneDigitsSQL is c.phone with every character a phone may hold besides
// digits taken out (see the phone shape in kinship.ClientFields.Validate).
const phoneDigitsSQL = `REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(c.phone, ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '+', '')`

// likelyMatches finds the clients who may be the person f describes. The
// query only narrows the field to the same birth date, email or phone
// digits; kinship.MatchOf decides. The look-up is audited as a search.
func (s *Store) likelyMatches(ctx context.Context, f kinship.ClientFields) ([]*kinship.LikelyMatch, error) {
	var conds []string
	var args []any
	if !f.BirthDate.IsZero() {
		conds, args = append(conds, "c.birth_date = ?"), append(args, f.BirthDate.String())
	}
	if f.Email != "" {
		conds, args = append(conds, "LOWER(c.email) = ?"), append(args, strings.ToLower(f.Email))
	}
	if d := kinship.PhoneDigits(f.Phone); d != "" {
		conds, args = append(conds, phoneDigitsSQL+" IN (?, ?)"), append(args, d, "1"+d)
	}
	if len(conds) == 0 {
		return nil, nil
	}
	rows, err := s.query(ctx, "SELECT "+clientColumns+" FROM clients c WHERE "+strings.Join(conds, " OR ")+" ORDER BY c.id LIMIT 200", args...)
	candidates, err := collect(rows, err, scanClient)
	if err != nil {
		return nil, err
	}
	// As in SearchClients, a role that may not see legal names may not
	// find clients by them, or it could guess them one try at a time.
	a := kinship.ActorFrom(ctx)
	seesLegal := a.System || a.Role.Can(kinship.PermLegalName)
	var out []*kinship.LikelyMatch
	for _, c := range candidates {
		if !seesLegal {
			c.LegalName = kinship.LegalName{}
		}
		reason, legalOnly := kinship.MatchOf(f, c)
		if reason == "" {
			continue
		}
		m := &kinship.LikelyMatch{Reason: reason, ClientMatch: kinship.ClientMatch{ID: c.ID, MRN: c.MRN, NameToUse: c.NameToUse,
			Pronouns: c.Pronouns, BirthDate: c.BirthDate, Status: c.Status, MatchedLegalName: legalOnly}}
		var last string
		if err := s.queryRow(ctx, "SELECT COALESCE(MAX(discharged_on), '') FROM episodes WHERE client_id = ?", c.ID).Scan(&last); err != nil {
			return nil, err
		}
		m.LastDischarge, _ = kinship.ParseDate(last)
		out = append(out, m)
	}
	strength := []kinship.MatchReason{kinship.MatchPhone, kinship.MatchEmail, kinship.MatchNameAndBirth}
	slices.SortStableFunc(out, func(a, b *kinship.LikelyMatch) int {
		return slices.Index(strength, a.Reason) - slices.Index(strength, b.Reason)
	})
	return out, s.Audit(ctx, kinship.AuditRecord{Action: kinship.ActionClientSearch, ResourceType: "client",
		Detail: fmt.Sprintf("likely matches for a registration: %d", len(out))})
}

// refuseLikelyDuplicate returns a *kinship.PossibleDuplicate when the person
// f describes may already have a chart and f does not confirm a new one.
func (s *Store) refuseLikelyDuplicate(ctx context.Context, f kinship.ClientFields) error {
	if f.ConfirmNew {
		return nil
	}
	matches, err := s.likelyMatches(ctx, f)
	if err != nil || len(matches) == 0 {
		return err
	}
	return &kinship.PossibleDuplicate{Matches: matches}
}
