package web

import (
	"net/http"
	"strconv"
	"time"

	"kinship"
)

type trackJSON struct {
	ID        int64    `json:"id"`
	ProgramID int64    `json:"program_id"`
	Name      string   `json:"name"`
	Days      []string `json:"days"`
	Start     string   `json:"start"`
	End       string   `json:"end"`
}

func toTrackJSON(t *kinship.Track) trackJSON {
	return trackJSON{ID: t.ID, ProgramID: t.ProgramID, Name: t.Name, Days: kinship.DayCodes(t.Days), Start: t.Start.String(), End: t.End.String()}
}

func (s *Server) handleTrackCreate(w http.ResponseWriter, r *http.Request) {
	programID, _ := strconv.ParseInt(r.PostFormValue("program_id"), 10, 64)
	s.afterOrgChange(w, r, "track", "track", func() error {
		days, err := kinship.ParseDays(r.PostForm["days"])
		_, terr := s.Orgs.CreateTrack(r.Context(), kinship.TrackCreate{ProgramID: programID, Name: r.PostFormValue("name"),
			Days: days, Start: r.PostFormValue("start"), End: r.PostFormValue("end")})
		if err != nil {
			return mergeErrors(err, terr)
		}
		return terr
	})
}

func (s *Server) apiTracks(w http.ResponseWriter, r *http.Request) {
	tracks, err := s.Orgs.ListTracks(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := make([]trackJSON, len(tracks))
	for i, t := range tracks {
		out[i] = toTrackJSON(t)
	}
	writeJSON(w, http.StatusOK, map[string]any{"tracks": out})
}

func (s *Server) apiTrackCreate(w http.ResponseWriter, r *http.Request) {
	var in struct {
		ProgramID int64    `json:"program_id"`
		Name      string   `json:"name"`
		Days      []string `json:"days"`
		Start     string   `json:"start"`
		End       string   `json:"end"`
	}
	if err := readJSON(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	days, derr := kinship.ParseDays(in.Days)
	t, err := s.Orgs.CreateTrack(r.Context(), kinship.TrackCreate{ProgramID: in.ProgramID, Name: in.Name, Days: days, Start: in.Start, End: in.End})
	if derr != nil {
		err = mergeErrors(derr, err)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, toTrackJSON(t))
}

// weekdays are the days a track form offers, Monday first.
func weekdays() []time.Weekday { return kinship.WeekOrder }
