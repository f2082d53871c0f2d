// Package kinship holds the domain of an intensive outpatient program (IOP):
// plain types, their validation, the service interfaces the store implements,
// and the error codes every layer speaks. It imports only the standard
// library; everything else in the module depends on it.
package kinship

import "time"

// Clock tells the time. It is injected so tests can decide what "now" is.
type Clock interface {
	Now() time.Time
}

// SystemClock is the wall clock.
type SystemClock struct{}

// Now returns the current time.
func (SystemClock) Now() time.Time { return time.Now() }

// FixedClock is a clock that reads a settable time; tests use it.
type FixedClock struct{ T time.Time }

// Now returns c.T.
func (c *FixedClock) Now() time.Time { return c.T }

// Advance moves the clock forward by d.
func (c *FixedClock) Advance(d time.Duration) { c.T = c.T.Add(d) }
