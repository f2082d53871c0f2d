package store

import (
	"context"

	"kinship"
)

// CurrentObjectives lists the objectives of the client's current plan.
// (Being built.)
func (s *Store) CurrentObjectives(ctx context.Context, clientID int64) ([]kinship.Objective, error) {
	return nil, nil
}
