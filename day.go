package kinship

import "context"

// DaySession is one of a member's sessions on a day, with how many of
// its clients have no attendance recorded yet.
type DaySession struct {
	Session  *Session
	Expected int  // clients on its roster
	Unmarked int  // of them, with no attendance yet
	Started  bool // it has begun, so attendance is due
	// Who names the client of an individual session, or the person an
	// intake assessment is for.
	Who string
}

// AttendanceDue reports whether the session has begun and some of its
// clients have no attendance yet.
func (d *DaySession) AttendanceDue() bool { return d.Started && d.Unmarked > 0 }

// OpenNote is a note its author has not signed: a client's progress note,
// or the note of a group session.
type OpenNote struct {
	NoteID    int64 // a progress note; 0 for a group note
	SessionID int64 // a group note's session
	ClientID  int64
	Client    string // the client's name to use; empty for a group note
	Title     string // the group session's title
	Date      Date
}

// CounselorDay is what a counselor has to do on a day: their sessions,
// and their notes still to sign.
type CounselorDay struct {
	Sessions []*DaySession
	Drafts   []*OpenNote
}

// Arrivals are the clients whose day at the site begins with Session.
type Arrivals struct {
	Session *Session
	Clients []*RosterEntry
}

// DeskDay is what the front desk needs on a day: who arrives, the intake
// assessments, the inquiries to call back and the registrations waiting
// for admission.
type DeskDay struct {
	Arrivals   []*Arrivals // by time
	Intakes    []*DaySession
	CallBacks  []*Inquiry
	Registered []*ClientMatch
}

// DayService gathers a person's day for their dashboard.
type DayService interface {
	// CounselorDay is the actor's sessions on day and their unsigned notes.
	CounselorDay(ctx context.Context, day Date) (*CounselorDay, error)
	// DeskDay is the site's arrivals and intake assessments on day, the
	// inquiries not yet screened or booked, and clients registered but not
	// admitted. It needs PermAdmissions.
	DeskDay(ctx context.Context, day Date) (*DeskDay, error)
}
