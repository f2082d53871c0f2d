// Package audit makes Kinship's audit trail tamper-evident: each event's
// hash covers its own fields and the previous event's hash, so editing,
// deleting or reordering any event breaks the chain from that point on.
package audit

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"time"

	"kinship"
)

// Hash returns the hex SHA-256 of e's fields and e.PrevHash (not e.Hash).
// Each field is length-prefixed so no two events serialize alike.
func Hash(e *kinship.AuditEvent) string {
	h := sha256.New()
	for _, f := range []string{
		strconv.FormatInt(e.Seq, 10),
		e.At.UTC().Format(time.RFC3339Nano),
		strconv.FormatInt(e.ActorID, 10),
		e.Actor,
		e.Action,
		e.ResourceType,
		e.ResourceID,
		e.IP,
		e.Outcome,
		e.Detail,
		e.PrevHash,
	} {
		fmt.Fprintf(h, "%d:%s;", len(f), f)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Break says where and how the chain is broken.
type Break struct {
	Seq     int64
	Problem string
}

func (b *Break) Error() string {
	return fmt.Sprintf("audit chain broken at event %d: %s", b.Seq, b.Problem)
}

// Verify walks the whole trail in order and returns the first break, or nil
// and the number of events checked when the chain is intact. The error is
// for failures to read the trail.
func Verify(ctx context.Context, s kinship.AuditService) (int64, *Break, error) {
	var (
		prev  string
		last  int64
		found *Break
	)
	err := s.EachAuditEvent(ctx, func(e *kinship.AuditEvent) error {
		switch {
		case e.Seq != last+1:
			found = &Break{Seq: last + 1, Problem: "the event is missing (deleted or renumbered)"}
		case e.PrevHash != prev:
			found = &Break{Seq: e.Seq, Problem: "it does not follow the event before it (deleted, inserted or reordered)"}
		case Hash(e) != e.Hash:
			found = &Break{Seq: e.Seq, Problem: "its contents do not match its hash (edited)"}
		}
		if found != nil {
			return errStop
		}
		prev, last = e.Hash, e.Seq
		return nil
	})
	if err != nil && !errors.Is(err, errStop) {
		return 0, nil, err
	}
	if found != nil {
		return last, found, nil
	}
	headSeq, headHash, err := s.AuditHead(ctx)
	if err != nil {
		return 0, nil, err
	}
	switch {
	case headSeq > last:
		return last, &Break{Seq: last + 1, Problem: fmt.Sprintf("the trail ends at event %d but %d were recorded (events deleted from the end)", last, headSeq)}, nil
	case headSeq != last || headHash != prev:
		return last, &Break{Seq: last, Problem: "the last event does not match the recorded head (edited or added outside Kinship)"}, nil
	}
	return last, nil, nil
}

// errStop ends the walk at the first break.
var errStop = errors.New("stop")
