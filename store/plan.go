package store

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"kinship"
	"kinship/calendar"
	"kinship/planner"
)

// activeClient is a client in an open episode, with what planning needs.
type activeClient struct {
	id                int64
	name, pronouns    string
	birth             string
	counselor         int64
	adult, adolescent int
	siteLoc           *time.Location
}

// activeClients lists every client in an open episode on the actor's
// caseload.
func (s *Store) activeClients(ctx context.Context) ([]*activeClient, error) {
	mine, args := onCaseload(ctx, "c.id")
	rows, err := s.query(ctx, `SELECT c.id, c.name_to_use, c.pronouns, c.birth_date, e.primary_counselor_id,
		p.minimum_adult_minutes, p.minimum_adolescent_minutes, si.timezone
		FROM clients c JOIN episodes e ON e.client_id = c.id AND e.discharged_on = ''
		JOIN programs p ON p.id = e.program_id JOIN sites si ON si.id = p.site_id WHERE `+mine+` ORDER BY LOWER(c.name_to_use), c.id`, args...)
	locs := map[string]*time.Location{} // loading a zone reads a file
	return collect(rows, err, func(r rowScanner) (*activeClient, error) {
		a := &activeClient{}
		var tz string
		err := r.Scan(&a.id, &a.name, &a.pronouns, &a.birth, &a.counselor, &a.adult, &a.adolescent, &tz)
		if locs[tz] == nil {
			locs[tz] = (&kinship.Site{Timezone: tz}).Location()
		}
		a.siteLoc = locs[tz]
		return a, err
	})
}

// weekSessions returns every client's sessions in the week, by client:
// the week's sessions and the enrollments current in it are each read
// once and matched here, rather than joining every session to every
// enrollment its track ever had.
func (s *Store) weekSessions(ctx context.Context, w calendar.Week) (map[int64][]*kinship.Session, error) {
	from, to := w.Monday(), w.Monday().AddDays(6)
	if err := s.layOutThrough(ctx, to); err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, "SELECT "+sessionColumns+sessionFrom+" WHERE s.on_date >= ? AND s.on_date <= ? ORDER BY s.starts_at, s.id",
		from.String(), to.String())
	sessions, err := collect(rows, err, scanSession)
	if err != nil {
		return nil, err
	}
	rows, err = s.query(ctx, `SELECT client_id, COALESCE(track_id, 0), COALESCE(series_id, 0), starts_on, ends_on FROM enrollments
		WHERE starts_on <= ? AND (ends_on = '' OR ends_on >= ?)`, to.String(), from.String())
	enrolled, err := collect(rows, err, func(r rowScanner) (*kinship.Enrollment, error) {
		e := &kinship.Enrollment{}
		var start, end string
		err := r.Scan(&e.ClientID, &e.TrackID, &e.SeriesID, &start, &end)
		e.Start, _ = kinship.ParseDate(start)
		e.End, _ = kinship.ParseDate(end)
		return e, err
	})
	if err != nil {
		return nil, err
	}
	byTrack, bySeries := map[int64][]*kinship.Enrollment{}, map[int64][]*kinship.Enrollment{}
	for _, e := range enrolled {
		if e.TrackID != 0 {
			byTrack[e.TrackID] = append(byTrack[e.TrackID], e)
		} else {
			bySeries[e.SeriesID] = append(bySeries[e.SeriesID], e)
		}
	}
	out := map[int64][]*kinship.Session{}
	for _, m := range sessions {
		if m.ClientID != 0 {
			out[m.ClientID] = append(out[m.ClientID], m)
			continue
		}
		var es []*kinship.Enrollment
		if m.TrackID != 0 {
			es = byTrack[m.TrackID]
		}
		if m.SeriesID != 0 {
			es = append(slices.Clip(es), bySeries[m.SeriesID]...)
		}
		for _, e := range es {
			if e.Active(m.Date) {
				out[e.ClientID] = append(out[e.ClientID], m)
			}
		}
	}
	return out, nil
}

// AtRisk lists the clients in care on the actor's caseload projected
// below the minimum in week, with make-up sessions for each.
func (s *Store) AtRisk(ctx context.Context, week string) ([]*kinship.AtRisk, error) {
	if err := kinship.Authorize(ctx, kinship.PermClinicalRead); err != nil {
		return nil, err
	}
	w, err := calendar.ParseWeek(week)
	if err != nil {
		return nil, err
	}
	clients, err := s.activeClients(ctx)
	if err != nil {
		return nil, err
	}
	sessions, err := s.weekSessions(ctx, w)
	if err != nil {
		return nil, err
	}
	credits, err := s.weekCredits(ctx, w, 0)
	if err != nil {
		return nil, err
	}
	var out []*kinship.AtRisk
	var risky []int64
	for _, c := range clients {
		minimum := c.adult
		if b, err := kinship.ParseDate(c.birth); err == nil && w.Monday().Before(b.AddYears(18)) {
			minimum = c.adolescent
		}
		h := s.tally(w, sessions[c.id], credits[c.id], minimum)
		if h.Status == string(calendar.AtRisk) {
			out = append(out, &kinship.AtRisk{ClientID: c.id, NameToUse: c.name, Pronouns: c.pronouns, Hours: *h})
			risky = append(risky, c.id)
		}
	}
	if len(out) > 0 {
		if err := s.suggestMakeUps(ctx, w, out, sessions); err != nil {
			return nil, err
		}
	}
	return out, s.Audit(ctx, kinship.AuditRecord{Action: kinship.ActionHoursRead, ResourceType: "client",
		Detail: fmt.Sprintf("at-risk list for %s: %d clients", w, len(out))})
}

// suggestMakeUps finds, for each client at risk, the sessions still to come
// this week that they are not already in, that have room, and that fall
// inside their availability (any time, if they have recorded none).
func (s *Store) suggestMakeUps(ctx context.Context, w calendar.Week, risks []*kinship.AtRisk, mine map[int64][]*kinship.Session) error {
	now := s.clock.Now()
	rows, err := s.query(ctx, "SELECT "+sessionColumns+sessionFrom+` WHERE s.on_date >= ? AND s.on_date <= ? AND s.starts_at > ?
		AND NOT s.cancelled AND s.client_id IS NULL ORDER BY s.starts_at`, w.Monday().String(), w.Monday().AddDays(6).String(), now)
	upcoming, err := collect(rows, err, scanSession)
	if err != nil {
		return err
	}
	loc := s.homeLocation(ctx)
	filled := map[int64]int{}
	for _, list := range mine {
		for _, m := range list {
			filled[m.ID]++
		}
	}
	for _, r := range risks {
		windows, err := s.windows(ctx, "client_availability", "client_id", r.ClientID)
		if err != nil {
			return err
		}
		already := map[int64]bool{}
		for _, m := range mine[r.ClientID] {
			already[m.ID] = true
		}
		for _, m := range upcoming {
			room := m.Capacity == 0 || filled[m.ID] < m.Capacity
			if already[m.ID] || !room || !fits(windows, m, loc) {
				continue
			}
			r.MakeUps = append(r.MakeUps, m)
		}
	}
	return nil
}

// fits reports whether a session falls inside one of the windows, in the
// site's local time; no windows means the client has not said, so
// anything fits.
func fits(windows []kinship.Window, m *kinship.Session, loc *time.Location) bool {
	if len(windows) == 0 {
		return true
	}
	local := m.Start.In(loc)
	start := kinship.ClockTime(local.Hour()*60 + local.Minute())
	end := start + kinship.ClockTime(m.Minutes())
	for _, w := range windows {
		if w.Day == local.Weekday() && w.Start <= start && end <= w.End {
			return true
		}
	}
	return false
}

// individualLength and individualStep: a 50-minute session on the hour.
const (
	individualLength = 50 * time.Minute
	individualStep   = time.Hour
)

// weekIntervals lays weekly windows onto the days of week w in loc.
func weekIntervals(windows []kinship.Window, w calendar.Week, loc *time.Location) []planner.Interval {
	var out []planner.Interval
	for _, d := range w.Days() {
		for _, win := range windows {
			if win.Day != d.In(loc).Weekday() {
				continue
			}
			day := d.In(loc)
			out = append(out, planner.Interval{Start: day.Add(time.Duration(win.Start) * time.Minute), End: day.Add(time.Duration(win.End) * time.Minute)})
		}
	}
	return out
}

// busyOf turns sessions into busy intervals, skipping cancelled ones.
func busyOf(sessions []*kinship.Session) []planner.Interval {
	var out []planner.Interval
	for _, m := range sessions {
		if !m.Cancelled {
			out = append(out, planner.Interval{Start: m.Start, End: m.End})
		}
	}
	return out
}

// weekProblem builds the planning problem for week: the given clients,
// every counselor with working hours, and every room.
func (s *Store) weekProblem(ctx context.Context, w calendar.Week, clients []*activeClient, sessions map[int64][]*kinship.Session) (planner.Problem, error) {
	loc := s.homeLocation(ctx)
	p := planner.Problem{Length: individualLength, Step: individualStep}
	all, err := s.query(ctx, "SELECT "+sessionColumns+sessionFrom+" WHERE s.on_date >= ? AND s.on_date <= ? AND NOT s.cancelled",
		w.Monday().String(), w.Monday().AddDays(6).String())
	week, err := collect(all, err, scanSession)
	if err != nil {
		return p, err
	}
	byFacilitator, byRoom := map[int64][]*kinship.Session{}, map[int64][]*kinship.Session{}
	for _, m := range week {
		byFacilitator[m.FacilitatorID] = append(byFacilitator[m.FacilitatorID], m)
		byRoom[m.RoomID] = append(byRoom[m.RoomID], m)
	}
	available, err := s.allWindows(ctx, "client_availability", "client_id", "client_id IN (SELECT client_id FROM episodes WHERE discharged_on = '')")
	if err != nil {
		return p, err
	}
	for _, c := range clients {
		windows := available[c.id]
		p.Clients = append(p.Clients, planner.Client{ID: strconv.FormatInt(c.id, 10), Counselor: counselorKey(c.counselor),
			Available: weekIntervals(windows, w, loc), Busy: busyOf(sessions[c.id])})
	}
	rows, err := s.query(ctx, "SELECT DISTINCT staff_id FROM staff_hours")
	counselors, err := collect(rows, err, func(r rowScanner) (id int64, err error) { return id, r.Scan(&id) })
	if err != nil {
		return p, err
	}
	for _, id := range counselors {
		hours, err := s.windows(ctx, "staff_hours", "staff_id", id)
		if err != nil {
			return p, err
		}
		p.Counselors = append(p.Counselors, planner.Counselor{ID: counselorKey(id), Hours: weekIntervals(hours, w, loc),
			Busy: busyOf(byFacilitator[id])})
	}
	rows, err = s.query(ctx, "SELECT id FROM rooms")
	rooms, err := collect(rows, err, func(r rowScanner) (id int64, err error) { return id, r.Scan(&id) })
	if err != nil {
		return p, err
	}
	for _, id := range rooms {
		p.Rooms = append(p.Rooms, planner.Room{ID: strconv.FormatInt(id, 10), Busy: busyOf(byRoom[id])})
	}
	return p, nil
}

// FindTimes lists the times in week a client and a counselor are both free
// for an individual session, with a room.
func (s *Store) FindTimes(ctx context.Context, clientID, counselorID int64, week string, minutes int) ([]kinship.Slot, error) {
	w, err := calendar.ParseWeek(week)
	if err != nil {
		return nil, err
	}
	if err := s.openChart(ctx, clientID, kinship.ActionClientRead); err != nil {
		return nil, err
	}
	sessions, err := s.weekSessions(ctx, w)
	if err != nil {
		return nil, err
	}
	p, err := s.weekProblem(ctx, w, []*activeClient{{id: clientID, counselor: counselorID}}, sessions)
	if err != nil {
		return nil, err
	}
	if minutes > 0 {
		p.Length = time.Duration(minutes) * time.Minute
	}
	var out []kinship.Slot
	for _, iv := range planner.Candidates(p)[strconv.FormatInt(clientID, 10)] {
		out = append(out, kinship.Slot{Start: iv.Start, End: iv.End})
	}
	return out, nil
}

// BookIndividual books a one-off individual session, refusing any double
// booking of the counselor, the client or the room.
func (s *Store) BookIndividual(ctx context.Context, clientID, counselorID, roomID int64, start time.Time, minutes int) (*kinship.Session, error) {
	if err := kinship.Authorize(ctx, kinship.PermEpisodeManage); err != nil {
		return nil, err
	}
	if err := s.openChart(ctx, clientID, kinship.ActionClientRead); err != nil {
		return nil, err
	}
	if minutes < 15 || minutes > 240 {
		return nil, invalidField("minutes", "An individual session lasts between 15 and 240 minutes.")
	}
	// Only the system may record a session in the past: the demo's
	// history, or an import.
	if start.Before(s.clock.Now()) && !kinship.ActorFrom(ctx).System {
		return nil, invalidField("start", "That time has passed; choose a time to come.")
	}
	if err := s.withinHours(ctx, counselorID, start, start.Add(time.Duration(minutes)*time.Minute)); err != nil {
		return nil, err
	}
	var id int64
	err := s.update(ctx, func(tx *Tx) (err error) {
		typeID, err := tx.individualType()
		if err != nil {
			return err
		}
		if id, err = s.book(tx, s.homeLocation(ctx), typeID, clientID, counselorID, roomID, start, start.Add(time.Duration(minutes)*time.Minute)); err != nil {
			return err
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionBooking, ResourceType: "session", ResourceID: strconv.FormatInt(id, 10)})
	})
	if err != nil {
		return nil, err
	}
	return s.Session(ctx, id)
}

// withinHours refuses a session outside the counselor's recorded working
// hours; a counselor with none recorded may be booked any time.
func (s *Store) withinHours(ctx context.Context, counselorID int64, start, end time.Time) error {
	hours, err := s.windows(ctx, "staff_hours", "staff_id", counselorID)
	if err != nil || len(hours) == 0 {
		return err
	}
	local := start.In(s.homeLocation(ctx))
	from := kinship.ClockTime(local.Hour()*60 + local.Minute())
	to := from + kinship.ClockTime(end.Sub(start)/time.Minute)
	for _, w := range hours {
		if w.Day == local.Weekday() && w.Start <= from && to <= w.End {
			return nil
		}
	}
	return invalidField("start", "That is outside the counselor's working hours.")
}

// individualType is the session type individual sessions are booked as.
func (tx *Tx) individualType() (int64, error) {
	var id int64
	err := tx.queryRow("SELECT id FROM session_types WHERE kind = ? ORDER BY id LIMIT 1", kinship.KindIndividual).Scan(&id)
	return id, err
}

// book writes an individual session after checking nobody is double-booked.
// Its caller audits: one event a booking, or one for a whole plan.
// typeID is the individual session type (see individualType).
func (s *Store) book(tx *Tx, loc *time.Location, typeID, clientID, counselorID, roomID int64, start, end time.Time) (int64, error) {
	// A client in care is booked in their program; one in intake, never
	// admitted, may be booked for their assessment in the first program.
	var programID int64
	if err := tx.queryRow(`SELECT COALESCE((SELECT program_id FROM episodes WHERE client_id = ? AND discharged_on = ''),
		(SELECT MIN(p.id) FROM programs p WHERE NOT EXISTS (SELECT 1 FROM episodes e WHERE e.client_id = ?)), 0)`,
		clientID, clientID).Scan(&programID); err != nil || programID == 0 {
		return 0, kinship.Errorf(kinship.ECONFLICT, "Admit the client to a program before booking their sessions.")
	}
	return tx.bookOneOff(loc, oneOff{programID: programID, typeID: typeID, title: "Individual session", clientID: clientID,
		counselorID: counselorID, roomID: roomID, start: start, end: end})
}

// oneOff is a session that meets once: an individual session with a
// client, or an intake assessment for an inquiry.
type oneOff struct {
	programID, typeID                        int64
	title                                    string
	clientID, inquiryID, counselorID, roomID int64
	start, end                               time.Time
}

// bookOneOff writes a one-off session after checking that neither the
// counselor, the room nor the client is already booked then.
func (tx *Tx) bookOneOff(loc *time.Location, o oneOff) (int64, error) {
	start, end, counselorID, roomID, clientID := o.start, o.end, o.counselorID, o.roomID, o.clientID
	// Sessions last less than a day, so only those dated within two days
	// (allowing for sites in other timezones) can overlap; the bound lets
	// each check read a few rows by index instead of every session.
	day := kinship.DateOf(start.In(loc))
	overlap := []any{end, start, day.AddDays(-2).String(), day.AddDays(2).String()}
	const when = ` AND NOT s.cancelled AND s.starts_at < ? AND s.ends_at > ? AND s.on_date >= ? AND s.on_date <= ?`
	for _, c := range []struct {
		what, query string
		id          int64
	}{
		{"The counselor", "SELECT COUNT(*) FROM sessions s WHERE s.facilitator_id = ?" + when, counselorID},
		{"The room", "SELECT COUNT(*) FROM sessions s WHERE s.room_id = ?" + when, roomID},
		// Their own sessions, then their tracks' and groups' (from the
		// client's few enrollments to those series' sessions by index).
		{"The client", "SELECT (SELECT COUNT(*) FROM sessions s WHERE s.client_id = ?" + when + `) +
			(SELECT COUNT(*) FROM enrollments e CROSS JOIN session_series x CROSS JOIN sessions s
			WHERE e.client_id = ? AND (e.track_id = x.track_id OR e.series_id = x.id) AND s.series_id = x.id
			AND e.starts_on <= s.on_date AND (e.ends_on = '' OR e.ends_on >= s.on_date)` + when + ")", clientID},
	} {
		if c.id == 0 {
			continue
		}
		args := append([]any{c.id}, overlap...)
		if c.what == "The client" {
			args = append(args, append([]any{c.id}, overlap...)...)
		}
		var n int
		if err := tx.queryRow(c.query, args...).Scan(&n); err != nil {
			return 0, err
		}
		if n > 0 {
			return 0, kinship.Errorf(kinship.ECONFLICT, "%s is already booked then.", c.what)
		}
	}
	return tx.insert(`INSERT INTO sessions (program_id, type_id, title, on_date, starts_at, ends_at, facilitator_id, room_id, client_id, inquiry_id, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		o.programID, o.typeID, o.title, day.String(), start, end, nullID(counselorID), nullID(roomID), nullID(clientID), nullID(o.inquiryID), tx.now)
}

// PlanWeek books each client in care, without an individual session that
// week, their session with their primary counselor, placing as many as
// the counselors', clients' and rooms' time allows.
func (s *Store) PlanWeek(ctx context.Context, week string) (*kinship.WeekPlan, error) {
	if err := kinship.Authorize(ctx, kinship.PermScheduleManage); err != nil {
		return nil, err
	}
	w, err := calendar.ParseWeek(week)
	if err != nil {
		return nil, err
	}
	all, err := s.activeClients(ctx)
	if err != nil {
		return nil, err
	}
	sessions, err := s.weekSessions(ctx, w)
	if err != nil {
		return nil, err
	}
	var clients []*activeClient
	names := map[string]*activeClient{}
	for _, c := range all {
		if !slices.ContainsFunc(sessions[c.id], func(m *kinship.Session) bool { return m.ClientID == c.id && !m.Cancelled }) {
			clients = append(clients, c)
			names[strconv.FormatInt(c.id, 10)] = c
		}
	}
	p, err := s.weekProblem(ctx, w, clients, sessions)
	if err != nil {
		return nil, err
	}
	plan := planner.Solve(p)
	out := &kinship.WeekPlan{}
	var booked []int64
	loc := s.homeLocation(ctx)
	err = s.update(ctx, func(tx *Tx) error {
		typeID, err := tx.individualType()
		if err != nil {
			return err
		}
		for _, b := range plan.Bookings {
			client, _ := strconv.ParseInt(b.Client, 10, 64)
			counselor, _ := strconv.ParseInt(strings.TrimPrefix(b.Counselor, "staff-"), 10, 64)
			room, _ := strconv.ParseInt(b.Room, 10, 64)
			id, err := s.book(tx, loc, typeID, client, counselor, room, b.Start, b.End)
			if err != nil {
				return err
			}
			booked = append(booked, id)
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionPlanWeek, ResourceType: "session",
			Detail: fmt.Sprintf("%s: %d booked, %d not placed", w, len(plan.Bookings), len(plan.Unplaced))})
	})
	if err != nil {
		return nil, err
	}
	if len(booked) > 0 {
		// Read the bookings back in one query, not one each.
		marks := strings.TrimSuffix(strings.Repeat("?, ", len(booked)), ", ")
		args := make([]any, len(booked))
		for i, id := range booked {
			args[i] = id
		}
		rows, err := s.query(ctx, "SELECT "+sessionColumns+sessionFrom+" WHERE s.id IN ("+marks+") ORDER BY s.starts_at, s.id", args...)
		if out.Booked, err = collect(rows, err, scanSession); err != nil {
			return nil, err
		}
	}
	counselorNames, err := s.staffNames(ctx)
	if err != nil {
		return nil, err
	}
	for _, u := range plan.Unplaced {
		c := names[u.Client]
		reason := u.Reason
		switch {
		case strings.HasSuffix(reason, "is not among the counselors"):
			// Only counselors with working hours take part in the plan.
			reason = "their counselor has no working hours recorded"
		case strings.HasPrefix(reason, "the client has no free window"):
			reason = "no time they can come is on file, or none is long enough for a 50-minute session"
		}
		reason = counselorNames.Replace(reason)
		out.Unplaced = append(out.Unplaced, kinship.Unplaced{ClientID: c.id, NameToUse: c.name, Reason: reason})
	}
	return out, nil
}

// counselorKey names a counselor in a planning problem, distinctly enough
// that it can be replaced by their name in the planner's reasons.
func counselorKey(id int64) string { return "staff-" + strconv.FormatInt(id, 10) }

// staffNames replaces each counselor key with the member's name. The
// planner quotes a counselor in some reasons and not others; a Replacer
// tries the longest key first, so staff-12 is never read as staff-1.
func (s *Store) staffNames(ctx context.Context) (*strings.Replacer, error) {
	rows, err := s.query(ctx, "SELECT id, name FROM staff")
	pairs, err := collect(rows, err, func(r rowScanner) ([2]string, error) {
		var id int64
		var p [2]string
		err := r.Scan(&id, &p[1])
		p[0] = counselorKey(id)
		return p, err
	})
	var oldnew []string
	for _, p := range pairs {
		oldnew = append(oldnew, `"`+p[0]+`"`, p[1], p[0], p[1])
	}
	return strings.NewReplacer(oldnew...), err
}

// allWindows reads every owner's weekly windows in one query.
func (s *Store) allWindows(ctx context.Context, table, owner, where string) (map[int64][]kinship.Window, error) {
	rows, err := s.query(ctx, "SELECT "+owner+", weekday, start_minute, end_minute FROM "+table+" WHERE "+where+" ORDER BY "+owner+", weekday, start_minute")
	type owned struct {
		id int64
		w  kinship.Window
	}
	list, err := collect(rows, err, func(r rowScanner) (o owned, err error) {
		var day int
		err = r.Scan(&o.id, &day, &o.w.Start, &o.w.End)
		o.w.Day = kinship.WeekOrder[(day+6)%7]
		return o, err
	})
	out := map[int64][]kinship.Window{}
	for _, o := range list {
		out[o.id] = append(out[o.id], o.w)
	}
	return out, err
}
