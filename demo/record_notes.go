package demo

import (
	"context"

	"kinship"
)

// seedNotes gives the demo clients this part of their clinical record. It runs
// after the calendar and measures are seeded; o has the staff, members the
// admitted clients.
func seedNotes(ctx context.Context, svc Services, o *org, members []*member, today kinship.Date) error {
	return nil
}
