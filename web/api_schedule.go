package web

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"kinship"
	"kinship/calendar"
)

// maxSessionSpan is the most days GET /api/v1/sessions covers at once:
// about a quarter.
const maxSessionSpan = 92

// defaultIndividualMinutes is an individual session's usual length.
const defaultIndividualMinutes = 50

type sessionTypeJSON struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	Kind string `json:"kind"`
}

func (s *Server) apiSessionTypes(w http.ResponseWriter, r *http.Request) {
	types, err := s.Schedule.SessionTypes(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := make([]sessionTypeJSON, len(types))
	for i, t := range types {
		out[i] = sessionTypeJSON{t.ID, t.Name, string(t.Kind)}
	}
	writeJSON(w, http.StatusOK, map[string]any{"session_types": out})
}

type roomJSON struct {
	ID            int64  `json:"id"`
	SiteID        int64  `json:"site_id"`
	Name          string `json:"name"`
	Capacity      int    `json:"capacity"`
	TelehealthURL string `json:"telehealth_url"`
}

func toRoomJSON(m *kinship.Room) roomJSON {
	return roomJSON{m.ID, m.SiteID, m.Name, m.Capacity, m.TelehealthURL}
}

func (s *Server) apiRooms(w http.ResponseWriter, r *http.Request) {
	rooms, err := s.Schedule.Rooms(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeList(w, "rooms", rooms, toRoomJSON)
}

func (s *Server) apiRoomCreate(w http.ResponseWriter, r *http.Request) {
	var in roomJSON
	err := readJSON(w, r, &in)
	var m *kinship.Room
	if err == nil {
		m, err = s.Schedule.CreateRoom(r.Context(), kinship.Room{SiteID: in.SiteID, Name: strings.TrimSpace(in.Name),
			Capacity: in.Capacity, TelehealthURL: strings.TrimSpace(in.TelehealthURL)})
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, toRoomJSON(m))
}

// seriesJSON is a weekly session; start and end are wall-clock times at
// the site.
type seriesJSON struct {
	ID            int64        `json:"id"`
	ProgramID     int64        `json:"program_id"`
	TrackID       int64        `json:"track_id"`
	TypeID        int64        `json:"type_id"`
	Type          string       `json:"type"`
	Title         string       `json:"title"`
	FacilitatorID int64        `json:"facilitator_id"`
	RoomID        int64        `json:"room_id"`
	Days          []string     `json:"days"`
	Start         string       `json:"start"`
	End           string       `json:"end"`
	From          kinship.Date `json:"from"`
	Until         kinship.Date `json:"until"`
	Capacity      int          `json:"capacity"`
}

func toSeriesJSON(x *kinship.Series) seriesJSON {
	return seriesJSON{ID: x.ID, ProgramID: x.ProgramID, TrackID: x.TrackID, TypeID: x.TypeID, Type: x.TypeName, Title: x.Title,
		FacilitatorID: x.FacilitatorID, RoomID: x.RoomID, Days: kinship.DayCodes(x.Days), Start: x.Start.String(), End: x.End.String(),
		From: x.From, Until: x.Until, Capacity: x.Capacity}
}

// apiSeriesCreate adds a weekly session. Days are written "mon" … "sun";
// every problem in the body is reported at once.
func (s *Server) apiSeriesCreate(w http.ResponseWriter, r *http.Request) {
	var in struct {
		kinship.SeriesFields
		Days []string `json:"days"`
	}
	present, err := readJSONWithDates(w, r, &in, map[string]*kinship.Date{"from": &in.From, "until": &in.Until})
	if err != nil && present == nil {
		s.fail(w, r, err)
		return
	}
	days, daysErr := kinship.ParseDays(in.Days)
	in.SeriesFields.Days = days
	_, _, validErr := in.SeriesFields.Validate()
	if err = mergeErrors(err, daysErr, validErr); err != nil {
		s.fail(w, r, err)
		return
	}
	x, err := s.Schedule.CreateSeries(r.Context(), in.SeriesFields)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, toSeriesJSON(x))
}

// sessionJSON is one meeting; start and end carry the site's offset.
type sessionJSON struct {
	ID            int64        `json:"id"`
	SeriesID      int64        `json:"series_id"`
	Title         string       `json:"title"`
	Type          string       `json:"type"`
	Date          kinship.Date `json:"date"`
	Start         time.Time    `json:"start"`
	End           time.Time    `json:"end"`
	Minutes       int          `json:"minutes"`
	FacilitatorID int64        `json:"facilitator_id"`
	Facilitator   string       `json:"facilitator"`
	RoomID        int64        `json:"room_id"`
	Room          string       `json:"room"`
	ClientID      int64        `json:"client_id"`
	InquiryID     int64        `json:"inquiry_id"`
	Cancelled     bool         `json:"cancelled"`
	Moved         bool         `json:"moved"`
}

func toSessionJSON(m *kinship.Session, loc *time.Location) sessionJSON {
	return sessionJSON{ID: m.ID, SeriesID: m.SeriesID, Title: m.Title, Type: m.TypeName, Date: m.Date,
		Start: m.Start.In(loc), End: m.End.In(loc), Minutes: m.Minutes(), FacilitatorID: m.FacilitatorID,
		Facilitator: m.Facilitator, RoomID: m.RoomID, Room: m.Room, ClientID: m.ClientID, InquiryID: m.InquiryID, Cancelled: m.Cancelled, Moved: m.Moved}
}

func toSessionsJSON(list []*kinship.Session, loc *time.Location) []sessionJSON {
	out := make([]sessionJSON, len(list))
	for i, m := range list {
		out[i] = toSessionJSON(m, loc)
	}
	return out
}

// apiSessions lists the meetings between ?from= and ?to= (inclusive, at
// most 92 days apart): every session, or with ?client_id= that client's.
func (s *Server) apiSessions(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	errs := kinship.FieldErrors{}
	from := queryDate(q.Get("from"), "from", "the first day", errs)
	to := queryDate(q.Get("to"), "to", "the last day", errs)
	if !from.IsZero() && !to.IsZero() {
		if to.Before(from) {
			errs.Add("to", "to is before from.")
		} else if from.AddDays(maxSessionSpan).Before(to) {
			errs.Add("to", "Ask for at most "+strconv.Itoa(maxSessionSpan)+" days at a time.")
		}
	}
	var clientID int64
	if v := q.Get("client_id"); v != "" {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil && n > 0 {
			clientID = n
		} else {
			errs.Add("client_id", "client_id must be a client's id.")
		}
	}
	if err := errs.Err(); err != nil {
		s.fail(w, r, err)
		return
	}
	var list []*kinship.Session
	var err error
	if clientID != 0 {
		list, err = s.Care.ClientSessions(r.Context(), clientID, from, to)
	} else {
		list, err = s.Schedule.Sessions(r.Context(), from, to)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"sessions": toSessionsJSON(list, s.siteLocation(r.Context()))})
}

// queryDate reads a required YYYY-MM-DD query parameter, adding a problem
// to errs when it is missing or not a real date.
func queryDate(v, field, what string, errs kinship.FieldErrors) kinship.Date {
	if v == "" {
		errs.Add(field, "Give "+field+", "+what+", like 2026-11-23.")
		return kinship.Date{}
	}
	d, err := kinship.ParseDate(v)
	if err != nil {
		errs.Add(field, field+" must be a real date, written YYYY-MM-DD.")
	}
	return d
}

func (s *Server) apiSession(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var m *kinship.Session
	if err == nil {
		m, err = s.Schedule.Session(r.Context(), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toSessionJSON(m, s.siteLocation(r.Context())))
}

func (s *Server) apiSessionCancel(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		err = s.Schedule.CancelSession(r.Context(), id)
	}
	var m *kinship.Session
	if err == nil {
		m, err = s.Schedule.Session(r.Context(), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toSessionJSON(m, s.siteLocation(r.Context())))
}

type attendanceJSON struct {
	SessionID      int64     `json:"session_id"`
	ClientID       int64     `json:"client_id"`
	Status         string    `json:"status"`
	Minutes        int       `json:"minutes"`
	Credited       int       `json:"credited"`
	OverrideReason string    `json:"override_reason"`
	RecordedAt     time.Time `json:"recorded_at"`
	RecordedBy     string    `json:"recorded_by"`
}

func toAttendanceJSON(a *kinship.Attendance, loc *time.Location) *attendanceJSON {
	if a == nil {
		return nil
	}
	return &attendanceJSON{a.SessionID, a.ClientID, a.Status, a.Minutes, a.Credited, a.OverrideReason, a.RecordedAt.In(loc), a.RecordedBy}
}

// attendanceChangeJSON is a replaced mark and the one that replaced it
// (whose recorded_by and recorded_at say who changed it, and when).
type attendanceChangeJSON struct {
	From *attendanceJSON `json:"from"`
	To   *attendanceJSON `json:"to"`
}

type rosterEntryJSON struct {
	ClientID   int64                  `json:"client_id"`
	NameToUse  string                 `json:"name_to_use"`
	Pronouns   string                 `json:"pronouns"`
	Attendance *attendanceJSON        `json:"attendance"`
	Changes    []attendanceChangeJSON `json:"changes"`
}

func (s *Server) apiRoster(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var roster []*kinship.RosterEntry
	if err == nil {
		roster, err = s.Schedule.Roster(r.Context(), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	loc := s.siteLocation(r.Context())
	out := make([]rosterEntryJSON, len(roster))
	for i, e := range roster {
		out[i] = rosterEntryJSON{e.ClientID, e.NameToUse, e.Pronouns, toAttendanceJSON(e.Attendance, loc), []attendanceChangeJSON{}}
		for _, c := range e.Changes {
			out[i].Changes = append(out[i].Changes, attendanceChangeJSON{toAttendanceJSON(c.From, loc), toAttendanceJSON(c.To, loc)})
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"roster": out})
}

// apiAttendance records attendance. The body is a JSON array of marks;
// problems name the mark, as attendance[1].client_id, and nothing is
// stored unless every mark is valid.
func (s *Server) apiAttendance(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var marks []kinship.AttendanceMark
	if err == nil {
		err = readJSONArray(w, r, &marks)
	}
	var taken []*kinship.Attendance
	if err == nil {
		taken, err = s.Schedule.RecordAttendance(r.Context(), id, marks)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	loc := s.siteLocation(r.Context())
	out := make([]*attendanceJSON, len(taken))
	for i, a := range taken {
		out[i] = toAttendanceJSON(a, loc)
	}
	writeJSON(w, http.StatusOK, map[string]any{"attendance": out})
}

// apiAllPresent marks present the clients on the roster with no mark yet,
// and says how many it marked and how many it kept as recorded.
func (s *Server) apiAllPresent(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var marked, kept int
	if err == nil {
		marked, kept, err = s.Schedule.MarkAllPresent(r.Context(), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, allPresentJSON{marked, kept, allPresentNotice(marked, kept)})
}

type allPresentJSON struct {
	Marked  int    `json:"marked"`
	Kept    int    `json:"kept"`
	Message string `json:"message"`
}

// readJSONArray is readJSON for a body that must be a JSON array.
func readJSONArray(w http.ResponseWriter, r *http.Request, v any) error {
	var raw json.RawMessage
	if err := readJSON(w, r, &raw); err != nil {
		return err
	}
	if b := bytes.TrimSpace(raw); len(b) == 0 || b[0] != '[' {
		return kinship.Errorf(kinship.EINVALID, "The request body must be a JSON array, like [{\"client_id\": 7, \"status\": \"present\"}].")
	}
	r.Body = io.NopCloser(bytes.NewReader(raw))
	return readJSON(w, r, v)
}

// apiSiteClose closes a site for a day, cancelling its sessions.
func (s *Server) apiSiteClose(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var in struct {
		On     kinship.Date `json:"-"`
		Reason string       `json:"reason"`
	}
	if err == nil {
		_, err = readJSONWithDates(w, r, &in, map[string]*kinship.Date{"on": &in.On})
	}
	in.Reason = strings.TrimSpace(in.Reason)
	if err == nil {
		err = s.Schedule.CloseSite(r.Context(), id, in.On, in.Reason)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"site_id": id, "on": in.On, "reason": in.Reason})
}

type enrollmentJSON struct {
	ID        int64        `json:"id"`
	ClientID  int64        `json:"client_id"`
	TrackID   int64        `json:"track_id"`
	SeriesID  int64        `json:"series_id"`
	StartDate kinship.Date `json:"start_date"`
	EndDate   kinship.Date `json:"end_date"`
}

// apiEnroll puts a client in a track, or with series_id in an extra group.
func (s *Server) apiEnroll(w http.ResponseWriter, r *http.Request) {
	var in struct {
		ClientID int64        `json:"client_id"`
		TrackID  int64        `json:"track_id"`
		SeriesID int64        `json:"series_id"`
		Start    kinship.Date `json:"-"`
		End      kinship.Date `json:"-"`
	}
	present, err := readJSONWithDates(w, r, &in, map[string]*kinship.Date{"start_date": &in.Start, "end_date": &in.End})
	if present != nil && in.ClientID <= 0 {
		err = mergeErrors(err, invalid("client_id", "Choose the client."))
	}
	var e *kinship.Enrollment
	if err == nil {
		e, err = s.Schedule.Enroll(r.Context(), kinship.Enrollment{ClientID: in.ClientID, TrackID: in.TrackID, SeriesID: in.SeriesID,
			Start: in.Start, End: in.End})
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, enrollmentJSON{e.ID, e.ClientID, e.TrackID, e.SeriesID, e.Start, e.End})
}

// apiEnrollmentEnd ends an enrollment; end_date is its last day.
func (s *Server) apiEnrollmentEnd(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var end kinship.Date
	if err == nil {
		var in struct{}
		_, err = readJSONWithDates(w, r, &in, map[string]*kinship.Date{"end_date": &end})
	}
	if err == nil && end.IsZero() {
		err = invalid("end_date", "Give the last day, like 2026-11-23.")
	}
	if err == nil {
		err = s.Schedule.EndEnrollment(r.Context(), id, end)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"id": id, "end_date": end})
}

type weekHoursJSON struct {
	Week             string `json:"week"`
	ScheduledMinutes int    `json:"scheduled_minutes"`
	AttendedMinutes  int    `json:"attended_minutes"`
	ProjectedMinutes int    `json:"projected_minutes"`
	MinimumMinutes   int    `json:"minimum_minutes"`
	Status           string `json:"status"`
}

func toWeekHoursJSON(h *kinship.WeekHours) weekHoursJSON {
	return weekHoursJSON{h.Week, h.ScheduledMinutes, h.AttendedMinutes, h.ProjectedMinutes, h.MinimumMinutes, h.Status}
}

// thisWeek is the current ISO week at the site, like 2026-W48.
func (s *Server) thisWeek(r *http.Request) calendar.Week {
	return calendar.WeekOf(kinship.DateOf(s.cfg.Clock.Now().In(s.siteLocation(r.Context()))))
}

// weekParam is ?week=, or this week at the site when it is absent.
func (s *Server) weekParam(r *http.Request) string {
	if v := r.URL.Query().Get("week"); v != "" {
		return v
	}
	return s.thisWeek(r).String()
}

func (s *Server) apiClientHours(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var h *kinship.WeekHours
	if err == nil {
		h, err = s.Care.Hours(r.Context(), id, s.weekParam(r))
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toWeekHoursJSON(h))
}

// windowsJSON is a list of weekly windows, like "mon 13:00-17:00".
type windowsJSON struct {
	Windows *[]string `json:"windows"`
}

func toWindowsJSON(list []kinship.Window) map[string][]string {
	out := make([]string, len(list))
	for i, w := range list {
		out[i] = w.String()
	}
	return map[string][]string{"windows": out}
}

// readWindows reads {"windows": [...]}. The list is required, so that an
// empty body never clears someone's windows; an empty list does.
func readWindows(w http.ResponseWriter, r *http.Request) ([]kinship.Window, error) {
	var in windowsJSON
	if err := readJSON(w, r, &in); err != nil {
		return nil, err
	}
	if in.Windows == nil {
		return nil, invalid("windows", `Send windows, a list like ["mon 13:00-17:00"]; an empty list clears them.`)
	}
	return kinship.ParseWindows("windows", *in.Windows)
}

// getWindows answers with the windows get returns for the {id} in the path.
func (s *Server) getWindows(w http.ResponseWriter, r *http.Request, get func(context.Context, int64) ([]kinship.Window, error)) {
	id, err := pathID(r)
	var list []kinship.Window
	if err == nil {
		list, err = get(r.Context(), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toWindowsJSON(list))
}

// setWindows reads {"windows"}, stores them for id with set, and answers
// with what was stored.
func (s *Server) setWindows(w http.ResponseWriter, r *http.Request, id int64, set func(context.Context, int64, []kinship.Window) error) {
	list, err := readWindows(w, r)
	if err == nil {
		err = set(r.Context(), id, list)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toWindowsJSON(list))
}

func (s *Server) apiAvailability(w http.ResponseWriter, r *http.Request) {
	s.getWindows(w, r, s.Care.Availability)
}

func (s *Server) apiStaffHours(w http.ResponseWriter, r *http.Request) {
	s.getWindows(w, r, s.Care.WorkingHours)
}

func (s *Server) apiAvailabilitySet(w http.ResponseWriter, r *http.Request) {
	s.withPathID(w, r, func(id int64) { s.setWindows(w, r, id, s.Care.SetAvailability) })
}

// apiStaffHoursSet sets a member's working hours (schedule managers only;
// the route says so).
func (s *Server) apiStaffHoursSet(w http.ResponseWriter, r *http.Request) {
	s.withPathID(w, r, func(id int64) { s.setWindows(w, r, id, s.Care.SetWorkingHours) })
}

// apiMyHoursSet sets the caller's own working hours.
func (s *Server) apiMyHoursSet(w http.ResponseWriter, r *http.Request) {
	s.setWindows(w, r, visitOf(r).me.ID, s.Care.SetWorkingHours)
}

// withPathID runs fn with the {id} in the path, or answers not found.
func (s *Server) withPathID(w http.ResponseWriter, r *http.Request, fn func(id int64)) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	fn(id)
}

type atRiskJSON struct {
	ClientID  int64         `json:"client_id"`
	NameToUse string        `json:"name_to_use"`
	Pronouns  string        `json:"pronouns"`
	Hours     weekHoursJSON `json:"hours"`
	MakeUps   []sessionJSON `json:"make_ups"`
}

// apiAtRisk lists the clients projected below the minimum in ?week=
// (this week by default), with make-up sessions.
func (s *Server) apiAtRisk(w http.ResponseWriter, r *http.Request) {
	week := s.weekParam(r)
	risks, err := s.Care.AtRisk(r.Context(), week)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	loc := s.siteLocation(r.Context())
	out := make([]atRiskJSON, len(risks))
	for i, a := range risks {
		out[i] = atRiskJSON{a.ClientID, a.NameToUse, a.Pronouns, toWeekHoursJSON(&a.Hours), toSessionsJSON(a.MakeUps, loc)}
	}
	writeJSON(w, http.StatusOK, map[string]any{"week": week, "clients": out})
}

type slotJSON struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
}

// apiFindTimes lists when a client and a counselor are both free in
// ?week= for ?minutes= (50 by default).
func (s *Server) apiFindTimes(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	errs := kinship.FieldErrors{}
	counselor, err := strconv.ParseInt(q.Get("counselor_id"), 10, 64)
	if err != nil || counselor <= 0 {
		errs.Add("counselor_id", "Choose the counselor: counselor_id is a staff member's id.")
	}
	minutes := defaultIndividualMinutes
	if v := q.Get("minutes"); v != "" {
		if minutes, err = strconv.Atoi(v); err != nil || minutes < 15 || minutes > 240 {
			errs.Add("minutes", "minutes must be a whole number from 15 to 240.")
		}
	}
	week := s.weekParam(r)
	if _, err := calendar.ParseWeek(week); err != nil {
		for k, v := range kinship.ErrorFields(err) {
			errs.Add(k, v)
		}
	}
	if err := errs.Err(); err != nil {
		s.fail(w, r, err)
		return
	}
	slots, err := s.Care.FindTimes(r.Context(), id, counselor, week, minutes)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	loc := s.siteLocation(r.Context())
	out := make([]slotJSON, len(slots))
	for i, sl := range slots {
		out[i] = slotJSON{sl.Start.In(loc), sl.End.In(loc)}
	}
	writeJSON(w, http.StatusOK, map[string]any{"slots": out})
}

// apiBookIndividual books a one-off individual session; start is RFC 3339
// and minutes defaults to 50.
func (s *Server) apiBookIndividual(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var in struct {
		CounselorID int64  `json:"counselor_id"`
		RoomID      int64  `json:"room_id"`
		Start       string `json:"start"`
		Minutes     int    `json:"minutes"`
	}
	if err == nil {
		err = readJSON(w, r, &in)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	errs := kinship.FieldErrors{}
	if in.CounselorID <= 0 {
		errs.Add("counselor_id", "Choose the counselor.")
	}
	start, perr := time.Parse(time.RFC3339, strings.TrimSpace(in.Start))
	if perr != nil {
		errs.Add("start", "start must be a time like 2026-11-30T13:00:00-08:00.")
	}
	if in.Minutes == 0 {
		in.Minutes = defaultIndividualMinutes
	}
	if err := errs.Err(); err != nil {
		s.fail(w, r, err)
		return
	}
	m, err := s.Care.BookIndividual(r.Context(), id, in.CounselorID, in.RoomID, start, in.Minutes)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, toSessionJSON(m, s.siteLocation(r.Context())))
}

type unplacedJSON struct {
	ClientID  int64  `json:"client_id"`
	NameToUse string `json:"name_to_use"`
	Reason    string `json:"reason"`
}

// apiPlanWeek books the week's individual sessions: {"week"}, next week by
// default.
func (s *Server) apiPlanWeek(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Week string `json:"week"`
	}
	if err := readJSON(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	if in.Week = strings.TrimSpace(in.Week); in.Week == "" {
		in.Week = s.thisWeek(r).Next().String()
	}
	plan, err := s.Care.PlanWeek(r.Context(), in.Week)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	unplaced := make([]unplacedJSON, len(plan.Unplaced))
	for i, u := range plan.Unplaced {
		unplaced[i] = unplacedJSON{u.ClientID, u.NameToUse, u.Reason}
	}
	writeJSON(w, http.StatusOK, map[string]any{"week": in.Week, "booked": toSessionsJSON(plan.Booked, s.siteLocation(r.Context())),
		"unplaced": unplaced})
}
