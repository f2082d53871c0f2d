package web

import (
	"net/http"
	"time"

	"kinship"
	"kinship/screening"
)

// inquiryJSON is one inquiry on the admissions board.
type inquiryJSON struct {
	ID                 int64                 `json:"id"`
	Source             string                `json:"source"`
	CallerType         string                `json:"caller_type"`
	CallerName         string                `json:"caller_name"`
	CallerRelationship string                `json:"caller_relationship"`
	NameToUse          string                `json:"name_to_use"`
	Pronouns           string                `json:"pronouns"`
	Phone              string                `json:"phone"`
	Email              string                `json:"email"`
	OKToVoicemail      bool                  `json:"ok_to_voicemail"`
	OKToText           bool                  `json:"ok_to_text"`
	Substances         string                `json:"substances"`
	Insurance          string                `json:"insurance"`
	ReferralSource     string                `json:"referral_source"`
	Notes              string                `json:"notes"`
	Status             kinship.InquiryStatus `json:"status"`
	StatusChangedAt    time.Time             `json:"status_changed_at"`
	CloseReason        string                `json:"close_reason"`
	ScreeningLevel     string                `json:"screening_level"`
	ScreeningReasons   []string              `json:"screening_reasons"`
	ClientID           *int64                `json:"client_id"` // null until converted
	CreatedAt          time.Time             `json:"created_at"`
}

func toInquiryJSON(in *kinship.Inquiry) inquiryJSON {
	j := inquiryJSON{ID: in.ID, Source: in.Source, CallerType: in.CallerType, CallerName: in.CallerName,
		CallerRelationship: in.CallerRelationship, NameToUse: in.NameToUse, Pronouns: in.Pronouns, Phone: in.Phone,
		Email: in.Email, OKToVoicemail: in.OKToVoicemail, OKToText: in.OKToText, Substances: in.Substances,
		Insurance: in.Insurance, ReferralSource: in.ReferralSource, Notes: in.Notes, Status: in.Status,
		StatusChangedAt: in.StatusChangedAt, CloseReason: in.CloseReason, ScreeningLevel: in.ScreeningLevel,
		ScreeningReasons: append([]string{}, in.ScreeningReasons...), CreatedAt: in.CreatedAt}
	if in.ClientID != 0 {
		id := in.ClientID
		j.ClientID = &id
	}
	return j
}

type boardColumnJSON struct {
	Status    kinship.InquiryStatus `json:"status"`
	Label     string                `json:"label"`
	Inquiries []inquiryJSON         `json:"inquiries"`
}

type boardStatsJSON struct {
	Since          time.Time                     `json:"since"`
	Total          int                           `json:"total"`
	ByStatus       map[kinship.InquiryStatus]int `json:"by_status"`
	ConversionRate float64                       `json:"conversion_rate"`
}

// apiBoard is the admissions board, with counts for the last 90 days.
func (s *Server) apiBoard(w http.ResponseWriter, r *http.Request) {
	cols, stats, err := s.Admissions.Board(r.Context(), s.cfg.Clock.Now().AddDate(0, 0, -boardDays))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := make([]boardColumnJSON, len(cols))
	for i, col := range cols {
		out[i] = boardColumnJSON{Status: col.Status, Label: col.Status.Label(), Inquiries: make([]inquiryJSON, len(col.Inquiries))}
		for k, in := range col.Inquiries {
			out[i].Inquiries[k] = toInquiryJSON(in)
		}
	}
	byStatus := map[kinship.InquiryStatus]int{}
	for _, st := range kinship.InquiryStatuses {
		byStatus[st] = stats.ByStatus[st]
	}
	writeJSON(w, http.StatusOK, map[string]any{"columns": out,
		"stats": boardStatsJSON{Since: stats.Since, Total: stats.Total, ByStatus: byStatus, ConversionRate: stats.ConversionRate()}})
}

func (s *Server) apiInquiryCreate(w http.ResponseWriter, r *http.Request) {
	var f kinship.InquiryFields
	if err := readJSON(w, r, &f); err != nil {
		s.fail(w, r, err)
		return
	}
	in, err := s.Admissions.CreateInquiry(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, toInquiryJSON(in))
}

func (s *Server) apiInquiry(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var in *kinship.Inquiry
	if err == nil {
		in, err = s.Admissions.Inquiry(r.Context(), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toInquiryJSON(in))
}

// apiInquiryMove moves an inquiry to another column of the board.
func (s *Server) apiInquiryMove(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var m kinship.InquiryMove
	if err == nil {
		err = readJSON(w, r, &m)
	}
	var in *kinship.Inquiry
	if err == nil {
		in, err = s.Admissions.MoveInquiry(r.Context(), id, m)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toInquiryJSON(in))
}

// apiInquiryConvert registers the inquiry's person as a client. The body
// may be {}: what the inquiry holds fills every field the body leaves out.
func (s *Server) apiInquiryConvert(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var f kinship.ClientFields
	if err == nil {
		_, err = readClientFields(w, r, &f)
	}
	var c *kinship.Client
	if err == nil {
		c, err = s.Admissions.ConvertInquiry(r.Context(), id, f)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, toClientJSON(c, seesLegalName(r)))
}

// apiInquiryLink files the inquiry on an existing client's chart:
// {"client_id"}, for a caller who is already a client.
func (s *Server) apiInquiryLink(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var body struct {
		ClientID int64 `json:"client_id"`
	}
	if err == nil {
		err = readJSON(w, r, &body)
	}
	if err == nil {
		err = s.Admissions.LinkInquiry(r.Context(), id, body.ClientID)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.apiInquiry(w, r) // the inquiry as it is now
}

// screeningJSON is a level-of-care recommendation; crisis lines come with
// an emergency.
type screeningJSON struct {
	Level           screening.Level `json:"level"`
	Reasons         []string        `json:"reasons"`
	CrisisResources []resourceJSON  `json:"crisis_resources,omitempty"`
}

type resourceJSON struct {
	Name    string `json:"name"`
	Contact string `json:"contact"`
	Detail  string `json:"detail"`
	Href    string `json:"href"`
}

// apiScreening recommends a level of care. It is public and stores nothing.
func (s *Server) apiScreening(w http.ResponseWriter, r *http.Request) {
	var a screening.Answers
	if err := readJSON(w, r, &a); err != nil {
		s.fail(w, r, err)
		return
	}
	res, err := screening.Triage(a)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var crisis []resourceJSON
	for _, c := range crisisFor(res) {
		crisis = append(crisis, resourceJSON{c.Name, c.Contact, c.Detail, c.Href})
	}
	writeJSON(w, http.StatusOK, screeningJSON{Level: res.Level, Reasons: res.Reasons, CrisisResources: crisis})
}
