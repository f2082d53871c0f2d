package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"kinship"
	"kinship/diagnosis"
)

// chartPage is a client's chart: who they are, their episode of care, and
// their consents. Sections show only to roles that may see them.
type chartPage struct {
	layout
	Client   *kinship.Client
	Current  *kinship.Episode
	Past     []*kinship.Episode
	Consents []*kinship.Consent
	Today    kinship.Date
	Can      chartAccess
	// For the admit form.
	Programs   []*kinship.Program
	Counselors []*kinship.Staff
	Diagnoses  []diagnosis.Code
	Admission  kinship.Admission
	// DiagnosisInputs are the picker's text boxes: what was typed, and
	// room for more.
	DiagnosisInputs []diagnosisInput
	Failed          string // the form whose Errors these are: admit or discharge
	Errors          map[string]string
	// Care is the client's week: hours, enrollments, availability.
	Care *careSection
	// Alerts are open alerts about the client, shown first.
	Alerts []*kinship.Alert
	// Measures are scores, screens and what is due, for clinical roles.
	Measures *measuresSection
	// Account is the client's portal account, if any; PortalInvite a link
	// just made for them to pass on.
	Account      *kinship.ClientAccount
	CanInvite    bool
	PortalInvite string
	// Contacts are the client's support network, for clinical roles.
	Contacts []*kinship.Contact
	// Plan is the treatment plan's version, signatures and next review.
	Plan *kinship.PlanStatus
	// Notes are progress and group notes; never counseling notes.
	Notes []*kinship.Note
	// Inquiries are the first contacts that brought the client in, for
	// the admissions roles.
	Inquiries []*kinship.Inquiry
}

// diagnosisInput is one text box of the diagnosis picker.
type diagnosisInput struct {
	N     int
	Value string
}

type chartAccess struct{ Edit, Registration, Clinical, Episodes, Consents, Disclose bool }

func (s *Server) handleChart(w http.ResponseWriter, r *http.Request) {
	s.renderChart(w, r, http.StatusOK, "", nil, kinship.Admission{})
}

// renderChart draws the chart, with a failed form's errors and values.
func (s *Server) renderChart(w http.ResponseWriter, r *http.Request, status int, failed string, errs map[string]string, adm kinship.Admission) {
	s.renderChartAs(w, r, status, failed, errs, adm, nil)
}

// renderChartWith draws the chart after letting extra fill in more.
func (s *Server) renderChartWith(w http.ResponseWriter, r *http.Request, extra func(*chartPage)) {
	s.renderChartAs(w, r, http.StatusOK, "", nil, kinship.Admission{}, extra)
}

func (s *Server) renderChartAs(w http.ResponseWriter, r *http.Request, status int, failed string, errs map[string]string, adm kinship.Admission, extra func(*chartPage)) {
	c, ok := s.loadClient(w, r)
	if !ok {
		return
	}
	ctx, role := r.Context(), visitOf(r).me.Role
	p := &chartPage{layout: layout{Title: c.NameToUse}, Client: c, Today: s.today(r), Failed: failed, Errors: errs, Admission: adm,
		Can: chartAccess{Edit: role.Can(kinship.PermClientWrite), Registration: role.Can(kinship.PermLegalName),
			Clinical: role.Can(kinship.PermClinicalRead), Episodes: role.Can(kinship.PermEpisodeManage),
			Consents: role.Can(kinship.PermConsentManage), Disclose: role.Can(kinship.PermDisclose)}}
	var err error
	if p.Can.Clinical {
		var eps []*kinship.Episode
		if eps, err = s.Episodes.Episodes(ctx, c.ID); err != nil {
			s.fail(w, r, err)
			return
		}
		if len(eps) > 0 && eps[0].Open() {
			p.Current, eps = eps[0], eps[1:]
		}
		p.Past = eps
	}
	if p.Can.Episodes && p.Current == nil {
		if p.Programs, err = s.Orgs.ListPrograms(ctx); err == nil {
			p.Counselors, err = s.Episodes.Counselors(ctx)
		}
		p.Diagnoses = diagnosis.Catalogue()
		for i := range max(3, len(adm.Diagnoses)+1) {
			in := diagnosisInput{N: i + 1}
			if i < len(adm.Diagnoses) {
				in.Value = adm.Diagnoses[i]
			}
			p.DiagnosisInputs = append(p.DiagnosisInputs, in)
		}
	}
	if err == nil && p.Can.Consents {
		p.Consents, err = s.Consents.Consents(ctx, c.ID)
	}
	if err == nil {
		p.Care, err = s.careFor(r, c)
	}
	if err == nil && p.Can.Clinical {
		if p.Alerts, err = s.Alerts.ClientAlerts(ctx, c.ID); err == nil {
			p.Measures, err = s.measuresFor(r, c, p.Current)
		}
	}
	if err == nil && p.Can.Clinical {
		if p.Contacts, err = s.Network.Contacts(ctx, c.ID); err == nil {
			if p.Plan, err = s.Plans.PlanStatus(ctx, c.ID); err == nil {
				p.Notes, err = s.Notes.Notes(ctx, c.ID)
				// A counseling note is its author's own, kept off the chart.
				p.Notes = slices.DeleteFunc(p.Notes, func(n *kinship.Note) bool { return n.Kind == kinship.NoteCounseling })
			}
		}
	}
	if err == nil && role.Can(kinship.PermAdmissions) {
		p.Inquiries, err = s.Admissions.ClientInquiries(ctx, c.ID)
	}
	if p.CanInvite = role.Can(kinship.PermInviteClient); err == nil && p.CanInvite {
		if p.Account, err = s.Portal.ClientAccount(ctx, c.ID); kinship.ErrorCode(err) == kinship.ENOTFOUND {
			err = nil
		}
	}
	if extra != nil {
		extra(p)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, status, "chart", p)
}

// today is the date at the organization's first site.
func (s *Server) today(r *http.Request) kinship.Date {
	return kinship.DateOf(s.cfg.Clock.Now().In(s.siteLocation(r.Context())))
}

func (s *Server) handleAdmit(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	r.ParseForm()
	a := kinship.Admission{}
	for _, d := range r.PostForm["diagnoses"] {
		if strings.TrimSpace(d) != "" {
			a.Diagnoses = append(a.Diagnoses, d)
		}
	}
	a.ProgramID, _ = strconv.ParseInt(r.PostFormValue("program_id"), 10, 64)
	a.PrimaryCounselorID, _ = strconv.ParseInt(r.PostFormValue("primary_counselor_id"), 10, 64)
	a.TrackID, _ = strconv.ParseInt(r.PostFormValue("track_id"), 10, 64)
	if a.AdmittedOn, err = formDate(r, "admitted_on"); err == nil {
		_, err = s.Episodes.Admit(r.Context(), id, a)
	}
	if err != nil {
		s.chartFormFailed(w, r, "admit", err, a)
		return
	}
	http.Redirect(w, r, "/clients/"+itoa(id)+"?done=admitted", http.StatusSeeOther)
}

func (s *Server) handleDischarge(w http.ResponseWriter, r *http.Request) {
	clientID, err := pathID(r)
	episodeID, perr := strconv.ParseInt(r.PathValue("episode"), 10, 64)
	if err != nil || perr != nil {
		s.handleNotFound(w, r)
		return
	}
	d := kinship.Discharge{Reason: kinship.DischargeReason(r.PostFormValue("reason")), Summary: r.PostFormValue("summary"), Referrals: r.PostFormValue("referrals")}
	err = s.clientOwns(r, clientID, func() ([]int64, error) {
		eps, err := s.Episodes.Episodes(r.Context(), clientID)
		ids := make([]int64, len(eps))
		for i, e := range eps {
			ids[i] = e.ID
		}
		return ids, err
	}, episodeID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if d.On, err = formDate(r, "discharged_on"); err == nil {
		_, err = s.Episodes.DischargeEpisode(r.Context(), episodeID, d)
	}
	if err != nil {
		s.chartFormFailed(w, r, "discharge", err, kinship.Admission{})
		return
	}
	http.Redirect(w, r, "/clients/"+itoa(clientID)+"?done=discharged", http.StatusSeeOther)
}

// chartFormFailed shows the chart again with a form's errors, or the error
// page for anything that is not about the form.
func (s *Server) chartFormFailed(w http.ResponseWriter, r *http.Request, form string, err error, a kinship.Admission) {
	switch kinship.ErrorCode(err) {
	case kinship.EINVALID, kinship.ECONFLICT:
		s.renderChart(w, r, s.statusOf(r, err), form, formErrors(err), a)
	default:
		s.fail(w, r, err)
	}
}

// formDate reads a YYYY-MM-DD form field; empty is the zero Date.
func formDate(r *http.Request, field string) (kinship.Date, error) {
	v := r.PostFormValue(field)
	if v == "" {
		return kinship.Date{}, nil
	}
	d, err := kinship.ParseDate(v)
	if err != nil {
		return d, invalid(field, "Enter a real date, written YYYY-MM-DD.")
	}
	return d, nil
}
