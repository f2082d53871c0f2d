package calendar

import (
	"fmt"
	"slices"
	"strings"

	"kinship"
)

// Status is how a client attended one session.
type Status string

// The attendance statuses, as the API and forms write them.
const (
	Present    Status = "present"
	Late       Status = "late"
	LeftEarly  Status = "left_early"
	Telehealth Status = "telehealth"
	Excused    Status = "excused"
	Unexcused  Status = "unexcused"
)

var statuses = []Status{Present, Late, LeftEarly, Telehealth, Excused, Unexcused}

// ParseStatus reads a status code, ignoring case and surrounding spaces.
// An unknown code is an EINVALID *kinship.Error with Fields["status"].
func ParseStatus(s string) (Status, error) {
	for _, st := range statuses {
		if strings.EqualFold(strings.TrimSpace(s), string(st)) {
			return st, nil
		}
	}
	return "", statusError(s)
}

func statusError(s string) error {
	return fieldError("status", fmt.Sprintf("%q is not an attendance status: use present, late, left_early, telehealth, excused or unexcused.", s))
}

// Credited returns the minutes of a session of sessionMinutes credited for
// status s. Present and telehealth earn the whole session; late earns it
// less minutes (minutes late), left_early less minutes (minutes missed at
// the end); excused and unexcused earn nothing, since only time in the
// group counts toward the weekly minimum.
//
// minutes must be from 0 to sessionMinutes for every status, and above 0
// for late and left_early (a client 0 minutes late was present); otherwise
// Credited fails with EINVALID and Fields["minutes"]. An unknown status
// (Status values are exact codes; ParseStatus normalises input) fails
// with Fields["status"]. A negative sessionMinutes is a caller bug,
// not user input, and is reported as a plain (internal) error.
func Credited(s Status, sessionMinutes, minutes int) (int, error) {
	if sessionMinutes < 0 {
		return 0, fmt.Errorf("calendar: negative session length %d", sessionMinutes)
	}
	if !slices.Contains(statuses, s) {
		return 0, statusError(string(s))
	}
	what := "Minutes"
	switch s {
	case Late:
		what = "Minutes late"
	case LeftEarly:
		what = "Minutes left early"
	}
	if minutes < 0 || minutes > sessionMinutes {
		return 0, fieldError("minutes", fmt.Sprintf("%s must be from 0 to %d, the length of the session.", what, sessionMinutes))
	}
	switch s {
	case Present, Telehealth:
		return sessionMinutes, nil
	case Late, LeftEarly:
		if minutes == 0 {
			return 0, fieldError("minutes", what+" must be more than 0.")
		}
		return sessionMinutes - minutes, nil
	default: // Excused, Unexcused
		return 0, nil
	}
}

func fieldError(field, msg string) error {
	return &kinship.Error{Code: kinship.EINVALID, Message: msg, Fields: map[string]string{field: msg}}
}
