package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"kinship"
	"kinship/calendar"
)

// member is a client admitted to the program, with what the calendar needs
// to give them a believable history.
type member struct {
	id         int64
	name       string
	counselor  int64
	admitted   kinship.Date
	episode    int64
	discharged kinship.Date // zero while in care
	reason     kinship.DischargeReason
	referrals  string
	// closed: the episode has been discharged. Until then the client can
	// be booked, so the history is written first.
	closed  bool
	track   int64 // the track they attend
	windows []kinship.Window
	// reliability is the chance they come to a given session at all.
	reliability float64
	// slipping is the day their attendance starts to fall apart, as in the
	// weeks before leaving against advice (zero: never).
	slipping kinship.Date
	// atRisk: the client has missed this week's sessions so far, unexcused.
	atRisk bool
	// reduced: from this week the client comes to group therapy only,
	// having gone back to work.
	reduced bool
}

// inCare reports whether d falls in the client's episode.
func (m *member) inCare(d kinship.Date) bool {
	return !d.Before(m.admitted) && (m.discharged.IsZero() || !m.discharged.Before(d))
}

// discharge closes the client's episode, if their stay has ended.
func (m *member) discharge(ctx context.Context, svc Services) error {
	if m.discharged.IsZero() || m.closed {
		return nil
	}
	if _, err := svc.Episodes.DischargeEpisode(ctx, m.episode, kinship.Discharge{On: m.discharged, Reason: m.reason,
		Summary: dischargeSummaries[m.reason], Referrals: m.referrals}); err != nil {
		return fmt.Errorf("discharging %s: %w", m.name, err)
	}
	m.closed = true
	return nil
}

// enrollment mirrors a stored enrollment, so rosters can be worked out
// without reading them back (reading a roster is audited).
type enrollment struct {
	client        int64
	track, series int64
	start, end    kinship.Date
}

func (e enrollment) active(d kinship.Date) bool {
	return !d.Before(e.start) && (e.end.IsZero() || !e.end.Before(d))
}

// minimumMinutes is the adult weekly minimum every demo program keeps.
const minimumMinutes = 540

// individualMinutes is the length of an individual session.
const individualMinutes = 50

// Stats counts what was created.
type Stats struct {
	Active, Discharged int // clients
	Counselors         int
	Weeks              int // weeks of history before now's week
	Sessions           int // group and individual, through now's week
	Individual         int // individual sessions booked
	Attendance         int // attendance records
}

// builder lays out a program's calendar and its history through the
// services, as of now.
type builder struct {
	svc           Services
	ctx           context.Context // the system acting
	rng           *rand.Rand
	loc           *time.Location
	now           time.Time
	today, monday kinship.Date // monday starts now's ISO week
	from          kinship.Date // the first Monday of the history
	org           *org
	types         map[string]int64
	rooms         []*kinship.Room // for individual sessions, by preference
	members       []*member
	byID          map[int64]*member
	byTrack       map[int64][]enrollment
	bySeries      map[int64][]enrollment
	hours         map[int64][]kinship.Window // counselors' working hours
	grid          kinship.ClockTime          // individual sessions start on the hour from here
	staff         map[int64]*kinship.Staff   // who may record attendance
	closed        map[kinship.Date]bool
	gtMornings    *kinship.Series // for clients on a reduced schedule
	circle        *kinship.Series // the evening support circle
	stats         Stats
	progress      func(week, weeks int)
	// individualWeeks is how many weeks before now's week have individual
	// sessions booked; now's week always has them.
	individualWeeks int
}

func newBuilder(ctx context.Context, svc Services, o *org, now time.Time, weeks int, seed uint64) (*builder, error) {
	b := &builder{svc: svc, ctx: ctx, rng: rand.New(rand.NewPCG(seed, 0x4b696e73686970)), now: now, org: o,
		byID: map[int64]*member{}, byTrack: map[int64][]enrollment{}, bySeries: map[int64][]enrollment{},
		hours: map[int64][]kinship.Window{}, staff: map[int64]*kinship.Staff{}, closed: map[kinship.Date]bool{}, types: map[string]int64{}}
	b.loc = o.site.Location()
	b.today = kinship.DateOf(now.In(b.loc))
	b.monday = calendar.WeekOf(b.today).Monday()
	b.from = b.monday.AddDays(-7 * weeks)
	b.stats.Weeks, b.individualWeeks = weeks, weeks
	types, err := svc.Schedule.SessionTypes(ctx)
	if err != nil {
		return nil, err
	}
	for _, t := range types {
		b.types[t.Name] = t.ID
	}
	for _, m := range append([]*kinship.Staff{o.admin, o.peer}, o.counselors...) {
		b.staff[m.ID] = m
	}
	return b, nil
}

// room creates a room at the site.
func (b *builder) room(name string, capacity int, telehealth string) (*kinship.Room, error) {
	r, err := b.svc.Schedule.CreateRoom(b.ctx, kinship.Room{SiteID: b.org.site.ID, Name: name, Capacity: capacity, TelehealthURL: telehealth})
	if err != nil {
		return nil, fmt.Errorf("room %s: %w", name, err)
	}
	return r, nil
}

// series creates a weekly session from the first day of the history.
func (b *builder) series(title, typeName string, track *kinship.Track, facilitator *kinship.Staff, room *kinship.Room,
	days []time.Weekday, start, end string, capacity int) (*kinship.Series, error) {
	f := kinship.SeriesFields{ProgramID: b.org.program.ID, TypeID: b.types[typeName], Title: title, RoomID: room.ID,
		Days: days, Start: start, End: end, From: b.from, Capacity: capacity}
	if track != nil {
		f.TrackID = track.ID
	}
	if facilitator != nil {
		f.FacilitatorID = facilitator.ID
	}
	x, err := b.svc.Schedule.CreateSeries(b.ctx, f)
	if err != nil {
		return nil, fmt.Errorf("series %s: %w", title, err)
	}
	return x, nil
}

// workingHours sets a counselor's hours, Monday to Friday.
func (b *builder) workingHours(m *kinship.Staff, start, end kinship.ClockTime) error {
	var w []kinship.Window
	for _, d := range weekdays {
		w = append(w, kinship.Window{Day: d, Start: start, End: end})
	}
	b.hours[m.ID] = w
	if b.grid == 0 || start < b.grid {
		b.grid = start
	}
	return b.svc.Care.SetWorkingHours(b.ctx, m.ID, w)
}

// enroll stores an enrollment and remembers it.
func (b *builder) enroll(e enrollment) error {
	if _, err := b.svc.Schedule.Enroll(b.ctx, kinship.Enrollment{ClientID: e.client, TrackID: e.track, SeriesID: e.series,
		Start: e.start, End: e.end}); err != nil {
		return fmt.Errorf("enrollment: %w", err)
	}
	if e.track != 0 {
		b.byTrack[e.track] = append(b.byTrack[e.track], e)
	} else {
		b.bySeries[e.series] = append(b.bySeries[e.series], e)
	}
	return nil
}

// enrollMember puts a client in their track for their stay; a client on a
// reduced schedule leaves it at the end of last week for group therapy.
func (b *builder) enrollMember(m *member) error {
	b.members = append(b.members, m)
	b.byID[m.id] = m
	e := enrollment{client: m.id, track: m.track, start: m.admitted, end: m.discharged}
	if m.reduced {
		e.end = b.monday.AddDays(-1)
	}
	if err := b.enroll(e); err != nil {
		return err
	}
	if m.reduced {
		return b.enroll(enrollment{client: m.id, series: b.gtMornings.ID, start: b.monday})
	}
	return nil
}

// windowChoices are when clients of a track can come for other sessions:
// afternoons and evenings for the Mornings track, daytime for evenings.
var windowChoices = map[bool][][2]kinship.ClockTime{
	true:  {{12*60 + 30, 15 * 60}, {13 * 60, 17 * 60}, {14 * 60, 17 * 60}, {12*60 + 30, 17 * 60}, {17*60 + 30, 20 * 60}},
	false: {{9 * 60, 12 * 60}, {10 * 60, 13 * 60}, {12 * 60, 16 * 60}, {13 * 60, 17 * 60}, {10 * 60, 15 * 60}},
}

// randomWindows picks two to four weekdays a client is free, the first of
// them within counselors' usual hours.
func (b *builder) randomWindows(mornings bool) []kinship.Window {
	days := slices.Clone(weekdays)
	b.rng.Shuffle(len(days), func(i, j int) { days[i], days[j] = days[j], days[i] })
	choices := windowChoices[mornings]
	var out []kinship.Window
	for i, d := range days[:2+b.rng.IntN(3)] {
		c := choices[b.rng.IntN(len(choices))]
		if i == 0 {
			c = choices[b.rng.IntN(len(choices)-1)]
		}
		out = append(out, kinship.Window{Day: d, Start: c[0], End: c[1]})
	}
	slices.SortFunc(out, func(a, b kinship.Window) int { return int(isoDay(a.Day) - isoDay(b.Day)) })
	return out
}

func isoDay(d time.Weekday) time.Weekday { return (d+6)%7 + 1 }

// reliability draws how dependably a client comes: most very, some less.
func (b *builder) reliability() float64 {
	switch r := b.rng.Float64(); {
	case r < 0.70:
		return 0.90 + 0.08*b.rng.Float64()
	case r < 0.95:
		return 0.78 + 0.12*b.rng.Float64()
	default:
		return 0.55 + 0.20*b.rng.Float64()
	}
}

// holidays lists the weekdays between from and to that the site closes:
// New Year's Day, Memorial Day, Independence Day, Labor Day, Thanksgiving
// and Christmas Day.
func holidays(from, to kinship.Date) map[kinship.Date]string {
	nth := func(year int, month time.Month, wd time.Weekday, n int) kinship.Date {
		d := kinship.Date{Year: year, Month: month, Day: 1}
		for d.In(time.UTC).Weekday() != wd {
			d = d.AddDays(1)
		}
		return d.AddDays(7 * (n - 1))
	}
	out := map[kinship.Date]string{}
	for y := from.Year; y <= to.Year; y++ {
		memorial := nth(y, time.May, time.Monday, 5)
		if memorial.Month != time.May {
			memorial = memorial.AddDays(-7)
		}
		for d, why := range map[kinship.Date]string{
			{Year: y, Month: time.January, Day: 1}:   "New Year's Day",
			memorial:                                 "Memorial Day",
			{Year: y, Month: time.July, Day: 4}:      "Independence Day",
			nth(y, time.September, time.Monday, 1):   "Labor Day",
			nth(y, time.November, time.Thursday, 4):  "Thanksgiving",
			{Year: y, Month: time.December, Day: 25}: "Christmas Day",
		} {
			wd := d.In(time.UTC).Weekday()
			if !d.Before(from) && !to.Before(d) && wd != time.Saturday && wd != time.Sunday {
				out[d] = why
			}
		}
	}
	return out
}

// history lays out every week from b.from through now's week and the
// next, closes the site on holidays, then walks the weeks in order:
// booking each client's individual session and taking attendance at every
// session that has ended.
func (b *builder) history() error {
	last := b.monday.AddDays(13)
	if _, err := b.svc.Schedule.Sessions(b.ctx, b.from, last); err != nil {
		return err
	}
	hs := holidays(b.from, last)
	days := make([]kinship.Date, 0, len(hs))
	for d := range hs {
		days = append(days, d)
	}
	slices.SortFunc(days, func(a, c kinship.Date) int { return a.In(time.UTC).Compare(c.In(time.UTC)) })
	for _, d := range days {
		if err := b.svc.Schedule.CloseSite(b.ctx, b.org.site.ID, d, hs[d]); err != nil {
			return fmt.Errorf("closing on %s: %w", d, err)
		}
		b.closed[d] = true
	}
	weeks := b.stats.Weeks + 1
	for i := range weeks {
		mon := b.from.AddDays(7 * i)
		sessions, err := b.svc.Schedule.Sessions(b.ctx, mon, mon.AddDays(6))
		if err != nil {
			return err
		}
		rosters := map[int64][]int64{}
		for _, s := range sessions {
			rosters[s.ID] = b.roster(s)
		}
		var booked []*kinship.Session
		if i >= b.stats.Weeks-b.individualWeeks {
			if booked, err = b.bookWeek(mon, sessions, rosters); err != nil {
				return err
			}
		}
		for _, s := range booked {
			rosters[s.ID] = []int64{s.ClientID}
		}
		sessions = append(sessions, booked...)
		slices.SortStableFunc(sessions, func(a, c *kinship.Session) int { return a.Start.Compare(c.Start) })
		b.stats.Sessions += len(sessions)
		b.stats.Individual += len(booked)
		if err := b.attend(mon, sessions, rosters); err != nil {
			return err
		}
		for _, m := range b.members {
			if !m.discharged.IsZero() && m.discharged.Before(mon.AddDays(7)) {
				if err := m.discharge(b.ctx, b.svc); err != nil {
					return err
				}
			}
		}
		if b.progress != nil {
			b.progress(i+1, weeks)
		}
	}
	return nil
}

// roster is who is expected at a session, as the store works it out.
func (b *builder) roster(s *kinship.Session) []int64 {
	if s.ClientID != 0 {
		return []int64{s.ClientID}
	}
	var out []int64
	if s.TrackID != 0 {
		for _, e := range b.byTrack[s.TrackID] {
			if e.active(s.Date) {
				out = append(out, e.client)
			}
		}
	}
	for _, e := range b.bySeries[s.SeriesID] {
		if e.active(s.Date) && !slices.Contains(out, e.client) {
			out = append(out, e.client)
		}
	}
	return out
}

type span struct{ start, end time.Time }

func overlaps(list []span, s span) bool {
	for _, o := range list {
		if o.start.Before(s.end) && s.start.Before(o.end) {
			return true
		}
	}
	return false
}

func covers(windows []kinship.Window, day time.Weekday, start, end kinship.ClockTime) bool {
	for _, w := range windows {
		if w.Day == day && w.Start <= start && end <= w.End {
			return true
		}
	}
	return false
}

// bookWeek books each client in care this week an individual session with
// their counselor, on the hourly grid, inside both their windows, clear of
// their groups, and in a free room; clients with no time that fits go
// without that week, as happens.
func (b *builder) bookWeek(mon kinship.Date, sessions []*kinship.Session, rosters map[int64][]int64) ([]*kinship.Session, error) {
	client, staff, room := map[int64][]span{}, map[int64][]span{}, map[int64][]span{}
	for _, s := range sessions {
		if s.Cancelled {
			continue
		}
		sp := span{s.Start, s.End}
		if s.FacilitatorID != 0 {
			staff[s.FacilitatorID] = append(staff[s.FacilitatorID], sp)
		}
		if s.RoomID != 0 {
			room[s.RoomID] = append(room[s.RoomID], sp)
		}
		for _, c := range rosters[s.ID] {
			client[c] = append(client[c], sp)
		}
	}
	var want []*member
	for _, m := range b.members {
		if len(m.windows) > 0 && len(b.hours[m.counselor]) > 0 && (m.inCare(mon) || m.inCare(mon.AddDays(4))) {
			want = append(want, m)
		}
	}
	b.rng.Shuffle(len(want), func(i, j int) { want[i], want[j] = want[j], want[i] })
	var booked []*kinship.Session
	for i, m := range want {
	days:
		for d := range 5 {
			day := mon.AddDays((i + d) % 5)
			wd := day.In(time.UTC).Weekday()
			if !m.inCare(day) || b.closed[day] {
				continue
			}
			for _, h := range b.hours[m.counselor] {
				if h.Day != wd {
					continue
				}
				first := b.grid + (max(h.Start-b.grid, 0)+59)/60*60
				for start := first; start+individualMinutes <= h.End; start += 60 {
					end := start + individualMinutes
					if !covers(m.windows, wd, start, end) {
						continue
					}
					t := time.Date(day.Year, day.Month, day.Day, 0, int(start), 0, 0, b.loc)
					sp := span{t, t.Add(individualMinutes * time.Minute)}
					if overlaps(client[m.id], sp) || overlaps(staff[m.counselor], sp) {
						continue
					}
					for _, r := range b.rooms {
						if overlaps(room[r.ID], sp) {
							continue
						}
						s, err := b.svc.Care.BookIndividual(b.ctx, m.id, m.counselor, r.ID, t, individualMinutes)
						if kinship.ErrorCode(err) == kinship.ECONFLICT {
							continue
						}
						if err != nil {
							return nil, fmt.Errorf("booking an individual session: %w", err)
						}
						client[m.id] = append(client[m.id], sp)
						staff[m.counselor] = append(staff[m.counselor], sp)
						room[r.ID] = append(room[r.ID], sp)
						booked = append(booked, s)
						break days
					}
				}
			}
		}
	}
	return booked, nil
}

// attend takes attendance at each session of the week that has ended, as
// its facilitator. In now's week, clients not meant to be at risk miss no
// more than keeps them on track, so the dashboard shows the ones meant.
func (b *builder) attend(mon kinship.Date, sessions []*kinship.Session, rosters map[int64][]int64) error {
	current := mon == b.monday
	budget := map[int64]int{}
	if current {
		for _, s := range sessions {
			if !s.Cancelled {
				for _, c := range rosters[s.ID] {
					budget[c] += s.Minutes()
				}
			}
		}
		for c := range budget {
			budget[c] -= minimumMinutes + 30
		}
	}
	for _, s := range sessions {
		roster := rosters[s.ID]
		if s.Cancelled || len(roster) == 0 || s.End.After(b.now) {
			continue
		}
		marks := make([]kinship.AttendanceMark, 0, len(roster))
		for _, c := range roster {
			m := b.byID[c]
			if m == nil {
				continue
			}
			mk := b.mark(m, s, current)
			if current && !m.atRisk {
				if loss := s.Minutes() - credited(mk, s.Minutes()); loss > budget[c] {
					mk = kinship.AttendanceMark{ClientID: c, Status: string(calendar.Present)}
				} else {
					budget[c] -= loss
				}
			}
			marks = append(marks, mk)
		}
		if len(marks) == 0 {
			continue
		}
		if _, err := b.svc.Schedule.RecordAttendance(b.recorder(s), s.ID, marks); err != nil {
			return fmt.Errorf("attendance at %s on %s: %w", s.Title, s.Date, err)
		}
		b.stats.Attendance += len(marks)
	}
	return nil
}

// recorder is the context of whoever takes attendance at s: its
// facilitator, or the admin for a session with none on staff.
func (b *builder) recorder(s *kinship.Session) context.Context {
	m := b.staff[s.FacilitatorID]
	if m == nil {
		m = b.org.admin
	}
	return kinship.WithActor(b.ctx, kinship.Actor{StaffID: m.ID, Name: m.Name, Role: m.Role})
}

// mark draws how a client attended a session.
func (b *builder) mark(m *member, s *kinship.Session, current bool) kinship.AttendanceMark {
	mk := kinship.AttendanceMark{ClientID: m.id, Status: string(calendar.Present)}
	if current && m.atRisk {
		mk.Status = string(calendar.Unexcused)
		return mk
	}
	p := m.reliability
	if !m.slipping.IsZero() && !s.Date.Before(m.slipping) {
		p = 0.4
	}
	if b.rng.Float64() >= p {
		mk.Status = string(calendar.Unexcused)
		if b.rng.Float64() < 0.55 {
			mk.Status = string(calendar.Excused)
		}
		return mk
	}
	length := s.Minutes()
	telehealth := 0.07
	if s.ClientID != 0 {
		telehealth = 0.15
	}
	switch r := b.rng.Float64(); {
	case r < 0.07:
		mk.Status, mk.Minutes = string(calendar.Late), min(5+b.rng.IntN(26), length-1)
	case r < 0.11:
		mk.Status, mk.Minutes = string(calendar.LeftEarly), min(10+b.rng.IntN(31), length-1)
	case r < 0.11+telehealth:
		mk.Status = string(calendar.Telehealth)
	}
	return mk
}

// credited is what the store will credit for a mark.
func credited(mk kinship.AttendanceMark, length int) int {
	switch calendar.Status(mk.Status) {
	case calendar.Present, calendar.Telehealth:
		return length
	case calendar.Late, calendar.LeftEarly:
		return length - mk.Minutes
	}
	return 0
}

// seedCalendar gives the demo program its rooms, the Mornings track's
// sessions for six weeks before now's week and on, an evening support
// circle for make-ups, counselors' hours and clients' availability, and
// the history: attendance and weekly individual sessions.
func seedCalendar(ctx context.Context, svc Services, o *org, members []*member, now time.Time) error {
	b, err := newBuilder(ctx, svc, o, now, 6, 2026)
	if err != nil {
		return err
	}
	group, err := b.room("Group room", 14, "")
	if err != nil {
		return err
	}
	office, err := b.room("Office", 2, "")
	if err != nil {
		return err
	}
	b.rooms = []*kinship.Room{office, group}
	sam, jordan := o.counselors[0], o.counselors[1]
	mon, tue, wed, thu, fri := time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday
	if b.gtMornings, err = b.series("Group therapy", "Group therapy", o.mornings, sam, group, weekdays, "09:00", "10:30", 0); err != nil {
		return err
	}
	for _, x := range []struct {
		title, kind string
		who         *kinship.Staff
		days        []time.Weekday
	}{
		{"Life skills", "Life skills", jordan, []time.Weekday{mon, wed}},
		{"Yoga", "Yoga", nil, []time.Weekday{tue, thu}},
		{"Support group", "Support group", o.peer, []time.Weekday{fri}},
	} {
		if _, err := b.series(x.title, x.kind, o.mornings, x.who, group, x.days, "10:45", "12:00", 0); err != nil {
			return err
		}
	}
	if b.circle, err = b.series("Evening support circle", "Support group", nil, o.peer, group, []time.Weekday{tue, thu}, "18:00", "19:30", 10); err != nil {
		return err
	}
	// A Sunday circle, so a client short of hours late in the week still
	// has a make-up to be offered.
	if _, err = b.series("Sunday recovery circle", "Support group", nil, o.peer, group, []time.Weekday{time.Sunday}, "13:00", "14:30", 10); err != nil {
		return err
	}
	for _, m := range o.counselors {
		if err := b.workingHours(m, 12*60+30, 17*60); err != nil {
			return err
		}
	}
	evenings := []kinship.Window{{Day: tue, Start: 17*60 + 30, End: 20 * 60}, {Day: thu, Start: 17*60 + 30, End: 20 * 60},
		{Day: fri, Start: 15 * 60, End: 17 * 60}, {Day: time.Sunday, Start: 12 * 60, End: 16 * 60}}
	for _, m := range members {
		m.track = o.mornings.ID
		m.reliability = b.reliability()
		switch m.name {
		case "Marcus", "Luis": // back at work: group therapy only from this week
			m.reduced, m.windows, m.reliability = true, evenings, 0.95
		case "Theo": // has stopped coming this week
			m.atRisk, m.slipping = true, b.monday.AddDays(-7)
			m.windows = b.randomWindows(true)
		case "Sky", "Ezra": // has not said when they can come
		default:
			m.windows = b.randomWindows(true)
		}
		if m.reason == kinship.DischargeAgainstAdvice {
			m.slipping = m.discharged.AddDays(-13)
		}
		if err := b.enrollMember(m); err != nil {
			return err
		}
		if len(m.windows) > 0 {
			if err := svc.Care.SetAvailability(ctx, m.id, m.windows); err != nil {
				return err
			}
		}
		if m.name == "Grace" || m.name == "Rosa" {
			if err := b.enroll(enrollment{client: m.id, series: b.circle.ID, start: m.admitted}); err != nil {
				return err
			}
		}
	}
	if err := b.history(); err != nil {
		return err
	}
	return b.bookIntake("Avery", sam, office)
}

// bookIntake books the first assessment of a client in intake with a
// counselor: the next open weekday, on the hour from 13:00.
func (b *builder) bookIntake(name string, counselor *kinship.Staff, room *kinship.Room) error {
	found, _, err := b.svc.Clients.SearchClients(b.ctx, kinship.ClientFilter{Q: name, Limit: 1})
	if err != nil || len(found) == 0 {
		return fmt.Errorf("finding %s: %v", name, err)
	}
	for day := b.today.AddDays(1); day.Before(b.today.AddDays(15)); day = day.AddDays(1) {
		if wd := day.In(time.UTC).Weekday(); wd == time.Saturday || wd == time.Sunday || b.closed[day] {
			continue
		}
		for hour := 13; hour < 17; hour++ {
			_, err := b.svc.Care.BookIndividual(b.ctx, found[0].ID, counselor.ID, room.ID, time.Date(day.Year, day.Month, day.Day, hour, 0, 0, 0, b.loc), individualMinutes)
			if kinship.ErrorCode(err) != kinship.ECONFLICT {
				return err
			}
		}
	}
	return fmt.Errorf("no time for %s's assessment", name)
}
