package store_test

import (
	"testing"

	"kinship/store/storetest"
)

// The server's mail round runs from its first minute, before anyone has
// set the organization up: with no organization there is no alert, and
// nothing to report as an error every minute.
func TestQueueEscalationsBeforeSetup(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		n, err := db.QueueEscalations(t.Context(), "https://kinship.example.org/dashboard")
		if n != 0 || err != nil {
			t.Errorf("QueueEscalations = %d, %v; want 0, nil", n, err)
		}
	})
}
