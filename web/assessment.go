package web

import (
	"net/http"

	"kinship"
	"kinship/screening"
)

// assessmentForm is the booking form on an inquiry: what was typed, and
// the clinicians, programs and rooms to choose from.
type assessmentForm struct {
	kinship.AssessmentBooking
	Clinicians, Programs, Rooms []option
}

// assessmentForm fills the booking form's choices around b.
func (s *Server) assessmentForm(r *http.Request, b kinship.AssessmentBooking) (assessmentForm, error) {
	f := assessmentForm{AssessmentBooking: b, Clinicians: []option{{"", "Choose a clinician"}}, Rooms: []option{{"", "No room yet"}}}
	ctx := r.Context()
	clinicians, err := s.Episodes.Counselors(ctx)
	if err != nil {
		return f, err
	}
	for _, m := range clinicians {
		f.Clinicians = append(f.Clinicians, option{itoa(m.ID), m.Name})
	}
	programs, err := s.Orgs.ListPrograms(ctx)
	if err != nil {
		return f, err
	}
	if len(programs) > 1 {
		f.Programs = []option{{"", "Choose a program"}}
		for _, p := range programs {
			f.Programs = append(f.Programs, option{itoa(p.ID), p.Name})
		}
	}
	rooms, err := s.Schedule.Rooms(ctx)
	if err != nil {
		return f, err
	}
	for _, m := range rooms {
		f.Rooms = append(f.Rooms, option{itoa(m.ID), m.Name})
	}
	return f, nil
}

// handleAssessmentBook books an inquiry's intake assessment from its page.
func (s *Server) handleAssessmentBook(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.handleNotFound(w, r)
		return
	}
	day, _ := kinship.ParseDate(r.PostFormValue("date"))
	b := kinship.AssessmentBooking{ProgramID: formInt(r, "program_id"), ClinicianID: formInt(r, "clinician_id"), RoomID: formInt(r, "room_id"),
		Date: day, Time: r.PostFormValue("time")}
	_, err = s.Admissions.BookAssessment(r.Context(), id, b)
	switch kinship.ErrorCode(err) {
	case "":
		http.Redirect(w, r, "/admissions/"+itoa(id)+"?done=assessment", http.StatusSeeOther)
	case kinship.EINVALID, kinship.ECONFLICT:
		s.renderInquiry(w, r, s.statusOf(r, err), "assessment", formErrors(err), screening.Answers{}, b)
	default:
		s.fail(w, r, err)
	}
}

// apiAssessmentBook books an inquiry's intake assessment.
func (s *Server) apiAssessmentBook(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var in struct {
		ProgramID   int64        `json:"program_id"`
		ClinicianID int64        `json:"clinician_id"`
		RoomID      int64        `json:"room_id"`
		Date        kinship.Date `json:"date"`
		Time        string       `json:"time"`
		Minutes     int          `json:"minutes"`
	}
	if err == nil {
		err = readJSON(w, r, &in)
	}
	var m *kinship.Session
	if err == nil {
		m, err = s.Admissions.BookAssessment(r.Context(), id, kinship.AssessmentBooking{ProgramID: in.ProgramID, ClinicianID: in.ClinicianID,
			RoomID: in.RoomID, Date: in.Date, Time: in.Time, Minutes: in.Minutes})
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, toSessionJSON(m, s.siteLocation(r.Context())))
}
