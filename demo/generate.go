package demo

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"kinship"
)

// Options size a synthetic site.
type Options struct {
	// Clients is how many clients are in care now; about as many again
	// are discharged for every nine or ten weeks of history.
	Clients int
	// Weeks is how many weeks of history come before now's week.
	Weeks int
	// IndividualWeeks is how many weeks before now's week have each
	// client's weekly individual session booked and attended (now's week
	// always has them): 0 means 4, and at most Weeks. Booking goes through
	// CareService.BookIndividual, whose double-booking checks read the
	// whole sessions table, so a long history of them is slow to write.
	IndividualWeeks int
	// Progress, if set, is told after each week of history is written.
	Progress func(week, weeks int)
}

// Limits on Options, so a typo cannot fill a disk.
const (
	MaxClients = 10000
	MaxWeeks   = 520
)

// Generate fills an empty database with a synthetic site as of now: the
// demo organization and accounts, a counselor for every 25 clients (at
// least two), the Mornings IOP with its Mornings track and an Evenings
// track, opt.Clients clients in care and those discharged before them over
// opt.Weeks weeks, every session of those weeks laid out, each client's
// weekly individual session, and attendance at every session that has
// ended. The same now and options give the same site.
func Generate(ctx context.Context, svc Services, now time.Time, opt Options) ([]Account, *Stats, error) {
	if opt.Clients < 1 || opt.Clients > MaxClients {
		return nil, nil, kinship.Errorf(kinship.EINVALID, "The number of clients must be from 1 to %d.", MaxClients)
	}
	if opt.Weeks < 1 || opt.Weeks > MaxWeeks {
		return nil, nil, kinship.Errorf(kinship.EINVALID, "The number of weeks must be from 1 to %d.", MaxWeeks)
	}
	if svc.Schedule == nil || svc.Care == nil {
		return nil, nil, errors.New("demo: generating a site needs the schedule and care services")
	}
	ctx = kinship.SystemContext(ctx)
	counselors := max(2, (opt.Clients+24)/25)
	var extra []string
	for i := 2; i < counselors; i++ {
		extra = append(extra, givenNames[(i*7)%len(givenNames)]+" "+familyNames[(i*11)%len(familyNames)])
	}
	o, err := setUp(ctx, svc, extra)
	if err != nil {
		return nil, nil, err
	}
	eveningsTrack, err := svc.Orgs.CreateTrack(ctx, kinship.TrackCreate{ProgramID: o.program.ID, Name: "Evenings",
		Days: weekdays[:4], Start: "17:30", End: "20:30"})
	if err != nil {
		return nil, nil, fmt.Errorf("demo track: %w", err)
	}
	b, err := newBuilder(ctx, svc, o, now, opt.Weeks, uint64(opt.Clients)<<20|uint64(opt.Weeks))
	if err != nil {
		return nil, nil, err
	}
	b.progress = opt.Progress
	if b.individualWeeks = opt.IndividualWeeks; b.individualWeeks <= 0 {
		b.individualWeeks = 4
	}
	b.stats.Counselors = counselors
	if err := b.syntheticCalendar(eveningsTrack); err != nil {
		return nil, nil, err
	}
	if err := b.syntheticClients(opt.Clients, eveningsTrack.ID); err != nil {
		return nil, nil, err
	}
	if err := seedInquiries(ctx, svc, now); err != nil {
		return nil, nil, err
	}
	if err := b.history(); err != nil {
		return nil, nil, err
	}
	return o.accounts, &b.stats, nil
}

// syntheticCalendar creates the rooms, both tracks' sessions and the
// evening support circle, and the counselors' hours: half work 10:00–18:00
// and half 12:00–20:00, so daytime and evening clients both find times.
func (b *builder) syntheticCalendar(evenings *kinship.Track) error {
	c := b.org.counselors
	n := len(c)
	group, err := b.room("Group room", 20, "")
	if err != nil {
		return err
	}
	community, err := b.room("Community room", 12, "")
	if err != nil {
		return err
	}
	for i := range (n+1)/2 + 1 {
		r, err := b.room(fmt.Sprintf("Office %d", i+1), 2, "")
		if err != nil {
			return err
		}
		b.rooms = append(b.rooms, r)
	}
	for i := range 2 {
		r, err := b.room(fmt.Sprintf("Telehealth %d", i+1), 2, fmt.Sprintf("https://meet.kinship.example/room-%d", i+1))
		if err != nil {
			return err
		}
		b.rooms = append(b.rooms, r)
	}
	b.rooms = append(b.rooms, community)
	mon, tue, wed, thu, fri := time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday
	m := b.org.mornings
	if b.gtMornings, err = b.series("Group therapy", "Group therapy", m, c[0], group, weekdays, "09:00", "10:30", 0); err != nil {
		return err
	}
	for _, x := range []struct {
		title, kind string
		track       *kinship.Track
		who         *kinship.Staff
		days        []time.Weekday
		start, end  string
	}{
		{"Life skills", "Life skills", m, c[1], []time.Weekday{mon, wed}, "10:45", "12:00"},
		{"Yoga", "Yoga", m, nil, []time.Weekday{tue, thu}, "10:45", "12:00"},
		{"Support group", "Support group", m, b.org.peer, []time.Weekday{fri}, "10:45", "12:00"},
		{"Evening group therapy", "Group therapy", evenings, c[2%n], []time.Weekday{mon, tue, wed, thu}, "17:30", "19:00"},
		{"Evening life skills", "Life skills", evenings, c[3%n], []time.Weekday{mon, wed}, "19:15", "20:30"},
		{"Evening support group", "Support group", evenings, c[4%n], []time.Weekday{tue, thu}, "19:15", "20:30"},
	} {
		if _, err := b.series(x.title, x.kind, x.track, x.who, group, x.days, x.start, x.end, 0); err != nil {
			return err
		}
	}
	if b.circle, err = b.series("Evening support circle", "Support group", nil, b.org.peer, community, []time.Weekday{tue, thu}, "18:00", "19:30", 10); err != nil {
		return err
	}
	for i, s := range c {
		start := kinship.ClockTime(10 * 60)
		if i%2 == 1 {
			start = 12 * 60
		}
		if err := b.workingHours(s, start, start+8*60); err != nil {
			return err
		}
	}
	return nil
}

// stay is one planned episode: who fills a place in the program, when.
type stay struct {
	slot                int
	admitted, discharge kinship.Date // discharge zero: still in care
	reason              kinship.DischargeReason
}

// plan works out the episodes: each of n places in the program is always
// filled, a new client admitted on the Monday after the last one leaves on
// a Friday, so n clients are in care now.
func (b *builder) plan(n int) []stay {
	var out []stay
	for slot := range n {
		first := true
		at := b.from
		for {
			weeks, reason := b.stayLength()
			admitted := at
			if first {
				// Already part-way through their stay when the history begins.
				admitted = b.from.AddDays(-7 * b.rng.IntN(weeks))
				first = false
			}
			leave := admitted.AddDays(7*weeks - 3)
			if b.today.Before(leave.AddDays(3)) {
				out = append(out, stay{slot: slot, admitted: admitted})
				break
			}
			out = append(out, stay{slot: slot, admitted: admitted, discharge: leave, reason: reason})
			at = leave.AddDays(3)
		}
	}
	slices.SortStableFunc(out, func(a, c stay) int { return a.admitted.In(time.UTC).Compare(c.admitted.In(time.UTC)) })
	return out
}

// stayLength draws how many weeks a client stays and why they leave:
// most complete eight to fourteen weeks; some leave early.
func (b *builder) stayLength() (int, kinship.DischargeReason) {
	switch r := b.rng.Float64(); {
	case r < 0.70:
		return 8 + b.rng.IntN(7), kinship.DischargeCompleted
	case r < 0.85:
		return 2 + b.rng.IntN(5), kinship.DischargeAgainstAdvice
	case r < 0.92:
		return 2 + b.rng.IntN(7), kinship.DischargeHigherLevel
	case r < 0.97:
		return 4 + b.rng.IntN(7), kinship.DischargeAdministrative
	default:
		return 3 + b.rng.IntN(8), kinship.DischargeOther
	}
}

var (
	givenNames = []string{"Alex", "Avery", "Bailey", "Blake", "Cameron", "Casey", "Charlie", "Dakota", "Devon", "Drew",
		"Eden", "Elliot", "Emerson", "Finley", "Frankie", "Harper", "Hayden", "Indigo", "Jamie", "Jesse", "Jordan", "Jules",
		"Kendall", "Kennedy", "Lane", "Logan", "Marley", "Micah", "Morgan", "Noel", "Oakley", "Parker", "Peyton", "Phoenix",
		"Quinn", "Reese", "Remy", "Riley", "River", "Robin", "Rowan", "Ryan", "Sage", "Sam", "Sasha", "Shay", "Skyler",
		"Spencer", "Stevie", "Sydney", "Tatum", "Taylor", "Teagan", "Toni", "Val", "Wren", "Yael", "Zion", "Ana", "Luis",
		"Mei", "Tariq", "Nadia", "Kofi", "Ines", "Hiro", "Leilani", "Mateo", "Priya", "Omar"}
	familyNames = []string{"Abbott", "Alvarez", "Bautista", "Bennett", "Bui", "Castillo", "Chavez", "Cohen", "Delgado",
		"Diallo", "Edwards", "Fischer", "Flores", "Garcia", "Gomez", "Grant", "Hassan", "Huang", "Ibrahim", "Jackson",
		"Jensen", "Kaur", "Khan", "Kim", "Lambert", "Le", "Lopez", "Martin", "Mendoza", "Morales", "Murphy", "Nakamura",
		"Nguyen", "Novak", "Okafor", "Ortiz", "Park", "Patel", "Perez", "Quinn", "Ramos", "Reyes", "Rivera", "Romero",
		"Santos", "Schmidt", "Silva", "Singh", "Tanaka", "Torres", "Tran", "Vargas", "Walker", "Washington", "Wong",
		"Yazzie", "Young", "Zhang"}
	pronounChoices = []string{"she/her", "he/him", "they/them", "she/they", "he/they", "ze/zir", "any pronouns"}
	diagnosisSets  = [][]string{{"F10.20"}, {"F11.20"}, {"F12.20"}, {"F14.20"}, {"F15.20"}, {"F10.20", "F41.1"},
		{"F11.20", "F32.1"}, {"F13.20"}, {"F19.20"}, {"F10.20", "F43.10"}}
)

// syntheticClients registers, admits, enrolls and discharges the clients
// of every planned stay, in order of admission.
func (b *builder) syntheticClients(n int, evenings int64) error {
	stays := b.plan(n)
	c := b.org.counselors
	tracks := make([]int64, n)
	for i := range tracks {
		tracks[i] = b.org.mornings.ID
		if b.rng.IntN(5) >= 3 {
			tracks[i] = evenings
		}
	}
	// Among clients in care since before last week, a few have gone back
	// to work (group therapy only) and a few have stopped coming.
	reduced, atRisk := max(1, n/50), max(1, n/50)
	for i, st := range stays {
		given := givenNames[b.rng.IntN(len(givenNames))]
		family := familyNames[b.rng.IntN(len(familyNames))]
		born := kinship.Date{Year: b.today.Year - 19 - b.rng.IntN(47), Month: time.Month(1 + b.rng.IntN(12)), Day: 1 + b.rng.IntN(28)}
		f := kinship.ClientFields{NameToUse: given, Pronouns: pronounChoices[b.rng.IntN(len(pronounChoices))],
			LegalName: kinship.LegalName{Given: given, Family: family}, SexForClinicalUse: "unknown", BirthDate: born,
			Phone: fmt.Sprintf("510-555-%04d", i%10000), Email: fmt.Sprintf("client%05d@example.org", i+1), OKToText: b.rng.IntN(3) > 0,
			PreferredLanguage: "English", ConfirmNew: true} // made-up people, each new, though names and birth dates repeat
		client, err := b.svc.Clients.CreateClient(b.ctx, f)
		if err != nil {
			return fmt.Errorf("client %d: %w", i+1, err)
		}
		m := &member{id: client.ID, name: given, counselor: c[st.slot%len(c)].ID, admitted: st.admitted, discharged: st.discharge,
			reason: st.reason, track: tracks[st.slot], reliability: b.reliability()}
		e, err := b.svc.Episodes.Admit(b.ctx, m.id, kinship.Admission{ProgramID: b.org.program.ID, AdmittedOn: m.admitted,
			PrimaryCounselorID: m.counselor, Diagnoses: diagnosisSets[b.rng.IntN(len(diagnosisSets))]})
		if err != nil {
			return fmt.Errorf("admission %d: %w", i+1, err)
		}
		m.episode = e.ID
		if b.rng.IntN(20) > 0 {
			m.windows = b.randomWindows(m.track == b.org.mornings.ID)
		}
		if m.reason == kinship.DischargeAgainstAdvice {
			m.slipping = m.discharged.AddDays(-13)
		}
		if m.discharged.IsZero() && m.admitted.Before(b.monday.AddDays(-7)) {
			switch {
			case reduced > 0 && m.track == b.org.mornings.ID && len(m.windows) > 0:
				m.reduced = true
				reduced--
			case atRisk > 0 && !m.reduced:
				m.atRisk, m.slipping = true, b.monday.AddDays(-7)
				atRisk--
			}
		}
		if err := b.enrollMember(m); err != nil {
			return err
		}
		if b.rng.IntN(20) == 0 && m.track == b.org.mornings.ID {
			if err := b.enroll(enrollment{client: m.id, series: b.circle.ID, start: m.admitted, end: m.discharged}); err != nil {
				return err
			}
		}
		if len(m.windows) > 0 {
			if err := b.svc.Care.SetAvailability(b.ctx, m.id, m.windows); err != nil {
				return err
			}
		}
		if m.discharged.IsZero() {
			b.stats.Active++
		} else {
			b.stats.Discharged++
		}
	}
	return nil
}
