package kinship

import "context"

// TimelineEntry is one dated thing in a client's chart timeline.
type TimelineEntry struct {
	Day  Date
	Kind string // one of TimelineKinds
	Text string
	// Attention marks entries a clinician should look at: an absence, a
	// positive screen, a score in a flagged band.
	Attention bool
	Href      string // where the full record is, if anywhere
}

// Timeline kinds, in the order the filter offers them.
const (
	TimelineAttendance = "attendance"
	TimelineMeasure    = "measure"
	TimelineScreen     = "screen"
	TimelineAlert      = "alert"
	TimelineCheckIn    = "checkin"
	TimelinePlan       = "plan"
)

// TimelineKinds are the kinds a timeline can be filtered by.
var TimelineKinds = []string{TimelineAttendance, TimelineCheckIn, TimelineMeasure, TimelineScreen, TimelineNote, TimelinePlan, TimelineAlert}

// TimelineService draws a client's chart as one chronological list.
type TimelineService interface {
	// Timeline lists a client's entries between two dates, newest first,
	// of the given kinds (all when none are given).
	Timeline(ctx context.Context, clientID int64, from, to Date, kinds ...string) ([]TimelineEntry, error)
}
