package kinship

import (
	"strings"
	"unicode"
)

// MatchReason says why an existing client may be the person being
// registered.
type MatchReason string

// Match reasons, strongest first.
const (
	MatchPhone        MatchReason = "phone"
	MatchEmail        MatchReason = "email"
	MatchNameAndBirth MatchReason = "name_and_birth_date"
)

// Label is the reason as the registration page says it.
func (r MatchReason) Label() string {
	return map[MatchReason]string{MatchPhone: "same phone", MatchEmail: "same email",
		MatchNameAndBirth: "same birth date, similar name"}[r]
}

// LikelyMatch is an existing client who may be the person being
// registered. It carries the name to use only, never the legal name;
// MatchedLegalName says when the similar name was the legal one.
type LikelyMatch struct {
	ClientMatch
	Reason        MatchReason
	LastDischarge Date // zero while never discharged
}

// PossibleDuplicate is the ECONFLICT that registration returns while the
// person may already have a chart and the new record is not confirmed.
type PossibleDuplicate struct{ Matches []*LikelyMatch }

// ErrPossibleDuplicate is what PossibleDuplicate unwraps to.
var ErrPossibleDuplicate = &Error{Code: ECONFLICT,
	Message: "This person may already have a chart. Readmit them from it, or confirm that this is someone new."}

func (e *PossibleDuplicate) Error() string { return ErrPossibleDuplicate.Error() }
func (e *PossibleDuplicate) Unwrap() error { return ErrPossibleDuplicate }

// MatchOf is the one rule for "this may be the same person": the same
// phone (by its digits) or email (in any case), or the same birth date with
// a similar name to use or legal name. It returns "" when c is not alike
// enough, and whether only the legal names were similar.
func MatchOf(f ClientFields, c *Client) (reason MatchReason, legalOnly bool) {
	if d := PhoneDigits(f.Phone); d != "" && d == PhoneDigits(c.Phone) {
		return MatchPhone, false
	}
	if f.Email != "" && strings.EqualFold(strings.TrimSpace(f.Email), strings.TrimSpace(c.Email)) {
		return MatchEmail, false
	}
	if f.BirthDate.IsZero() || f.BirthDate != c.BirthDate {
		return "", false
	}
	if similarName(f.NameToUse, c.NameToUse) {
		return MatchNameAndBirth, false
	}
	theirs := []string{c.NameToUse, c.LegalName.Given, c.LegalName.String()}
	for _, mine := range []string{f.NameToUse, f.LegalName.Given, f.LegalName.String()} {
		for i, other := range theirs {
			if similarName(mine, other) {
				return MatchNameAndBirth, i > 0
			}
		}
	}
	return "", false
}

// PhoneDigits is a phone number's digits, without a leading US country
// code, so "+1 (510) 555-0142" and "510.555.0142" are the same number.
func PhoneDigits(p string) string {
	d := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, p)
	if len(d) == 11 && d[0] == '1' {
		d = d[1:]
	}
	return d
}

// similarName reports whether two names are probably one person's: the
// same once case, accents of punctuation and spacing are set aside, the
// same first word ("Quinn" and "Quinn R."), or one or two typing slips apart.
func similarName(a, b string) bool {
	a, b = nameKey(a), nameKey(b)
	if a == "" || b == "" {
		return false
	}
	if a == b || strings.Fields(a)[0] == strings.Fields(b)[0] {
		return true
	}
	slips := 1
	if min(len([]rune(a)), len([]rune(b))) >= 8 {
		slips = 2
	}
	return editDistance([]rune(a), []rune(b)) <= slips && min(len([]rune(a)), len([]rune(b))) >= 4
}

// nameKey lowercases a name and keeps its letters, one space between words.
func nameKey(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsLetter(r):
			return unicode.ToLower(r)
		case unicode.IsSpace(r) || r == '-':
			return ' '
		}
		return -1
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b []rune) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
