package kinship

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Cloned group notes, attendees' parts copied from one to the next, are
// what payers' auditors flag: each part must say what that person did.
// Signing with parts alike needs a reason, which is kept with the note.

// cloneRatio is the share of words two parts must have in common to be
// alike: a part with one word in ten changed is still a copy.
const cloneRatio = 0.8

// maxCloneReason bounds the reason given for signing alike parts.
const maxCloneReason = 1000

// ClonedParts returns the client ids of the attendees whose part is the
// same as, or nearly the same as, another attendee's. Parts are compared
// as words (letters and digits, in any case) without the attendee's own
// name to use, so "River shared…" and "Jamie shared…" are alike; they are
// alike when the words they share are at least cloneRatio of all their
// words, counting repeats. Empty parts are never alike.
func ClonedParts(attendees []*GroupAttendee) map[int64]bool {
	words := make([]map[string]int, len(attendees))
	for i, a := range attendees {
		words[i] = partWords(a.Text, a.NameToUse)
	}
	cloned := map[int64]bool{}
	for i := range attendees {
		for j := i + 1; j < len(attendees); j++ {
			if alike(words[i], words[j]) {
				cloned[attendees[i].ClientID], cloned[attendees[j].ClientID] = true, true
			}
		}
	}
	return cloned
}

// CheckCloned refuses to sign a group note with alike parts unless a
// reason is given: EINVALID naming each alike part and clone_reason.
func CheckCloned(attendees []*GroupAttendee, reason string) error {
	f := FieldErrors{}
	if utf8.RuneCountInString(reason) > maxCloneReason {
		f.Add("clone_reason", fmt.Sprintf("Keep the reason under %d characters.", maxCloneReason))
	}
	cloned := ClonedParts(attendees)
	if len(cloned) > 0 && strings.TrimSpace(reason) == "" {
		for _, a := range attendees {
			if cloned[a.ClientID] {
				f.Add(fmt.Sprintf("attendee.%d", a.ClientID), "This part is the same as, or nearly the same as, another attendee's. Write what this person did.")
			}
		}
		f.Add("clone_reason", "Give the reason these parts are alike to sign anyway.")
	}
	if len(f) == 0 {
		return nil
	}
	msg := "Some attendees' parts are the same or nearly so, which payers' auditors flag as cloned notes. Write what each person did, or give the reason to sign anyway."
	if len(cloned) == 0 {
		msg = f["clone_reason"]
	}
	return &Error{Code: EINVALID, Message: msg, Fields: f}
}

// partWords counts the words of text, in lower case, leaving out the
// words of own (the attendee's name to use).
func partWords(text, own string) map[string]int {
	skip := map[string]bool{}
	for _, w := range splitWords(own) {
		skip[w] = true
	}
	out := map[string]int{}
	for _, w := range splitWords(text) {
		if !skip[w] {
			out[w]++
		}
	}
	return out
}

func splitWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !wordRune(r) })
}

// alike reports whether two parts' words overlap by at least cloneRatio
// (shared words over all words, counting repeats).
func alike(a, b map[string]int) bool {
	shared, all := 0, 0
	for w, n := range a {
		shared += min(n, b[w])
		all += max(n, b[w])
	}
	for w, n := range b {
		if _, ok := a[w]; !ok {
			all += n
		}
	}
	return all > 0 && shared > 0 && float64(shared) >= cloneRatio*float64(all)
}
