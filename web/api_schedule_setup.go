package web

import (
	"net/http"

	"kinship"
)

// apiSessionTypeCreate adds a kind of session: {"name","kind"}.
func (s *Server) apiSessionTypeCreate(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Name string              `json:"name"`
		Kind kinship.SessionKind `json:"kind"`
	}
	if err := readJSON(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	t, err := s.Schedule.CreateSessionType(r.Context(), in.Name, in.Kind)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"id": t.ID, "name": t.Name, "kind": t.Kind})
}

// apiMinimums sets a program's weekly minimums, in minutes.
func (s *Server) apiMinimums(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var in struct {
		Adult      int `json:"minimum_adult_minutes"`
		Adolescent int `json:"minimum_adolescent_minutes"`
	}
	if err == nil {
		err = readJSON(w, r, &in)
	}
	if err == nil {
		err = s.Schedule.SetMinimums(r.Context(), id, in.Adult, in.Adolescent)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]int{"minimum_adult_minutes": in.Adult, "minimum_adolescent_minutes": in.Adolescent})
}

// apiSessionMove moves one meeting: {"on","start","end"}.
func (s *Server) apiSessionMove(w http.ResponseWriter, r *http.Request) {
	s.apiChangeSession(w, r, func(id int64) error {
		var in struct {
			On    string `json:"on"`
			Start string `json:"start"`
			End   string `json:"end"`
		}
		if err := readJSON(w, r, &in); err != nil {
			return err
		}
		on, err := kinship.ParseDate(in.On)
		if err != nil {
			return invalid("on", "The new date must be like 2026-11-25.")
		}
		return s.Schedule.MoveSession(r.Context(), id, on, in.Start, in.End)
	})
}

// apiSubstitute changes one meeting's facilitator: {"facilitator_id"}.
func (s *Server) apiSubstitute(w http.ResponseWriter, r *http.Request) {
	s.apiChangeSession(w, r, func(id int64) error {
		var in struct {
			FacilitatorID int64 `json:"facilitator_id"`
		}
		if err := readJSON(w, r, &in); err != nil {
			return err
		}
		return s.Schedule.SubstituteFacilitator(r.Context(), id, in.FacilitatorID)
	})
}

// apiChangeSession runs change and answers with the session as it is now.
func (s *Server) apiChangeSession(w http.ResponseWriter, r *http.Request, change func(id int64) error) {
	id, err := pathID(r)
	if err == nil {
		err = change(id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.apiSession(w, r)
}
