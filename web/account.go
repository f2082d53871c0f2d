package web

import (
	"net/http"
	"strconv"
	"strings"

	"kinship"
)

type accountPage struct {
	layout
	Tokens   []*kinship.APIToken
	NewToken string // shown once, right after creation
	FeedURL  string // shown once, right after creation
	Hours    string // working hours, one window a line
	Errors   map[string]string
}

func (s *Server) handleAccount(w http.ResponseWriter, r *http.Request) {
	s.renderAccount(w, r, http.StatusOK, &accountPage{})
}

func (s *Server) renderAccount(w http.ResponseWriter, r *http.Request, status int, p *accountPage) {
	p.Title = "Your account"
	var err error
	if p.Tokens, err = s.Auth.ListTokens(r.Context()); err != nil {
		s.fail(w, r, err)
		return
	}
	if p.Hours == "" {
		windows, err := s.Care.WorkingHours(r.Context(), visitOf(r).me.ID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		lines := make([]string, len(windows))
		for i, w := range windows {
			lines[i] = w.String()
		}
		p.Hours = strings.Join(lines, "\n")
	}
	s.render(w, r, status, "account", p)
}

// handleTokenCreate makes a personal access token for the API and shows it once.
func (s *Server) handleTokenCreate(w http.ResponseWriter, r *http.Request) {
	token, _, err := s.Auth.CreateToken(r.Context(), visitOf(r).me.ID, r.PostFormValue("name"))
	if err != nil {
		s.renderAccount(w, r, s.statusOf(r, err), &accountPage{Errors: formErrors(err)})
		return
	}
	s.renderAccount(w, r, http.StatusCreated, &accountPage{NewToken: token})
}

func (s *Server) handleTokenRevoke(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		err = s.Auth.RevokeToken(r.Context(), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/account?done=token", http.StatusSeeOther)
}

// pathID parses the {id} in a route; a malformed id is simply not found.
func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, kinship.Errorf(kinship.ENOTFOUND, noPageMessage)
	}
	return id, nil
}

// handleWorkingHours saves the member's own weekly working hours, which
// "Find a time" and "Plan next week" book individual sessions within.
func (s *Server) handleWorkingHours(w http.ResponseWriter, r *http.Request) {
	text := r.PostFormValue("hours")
	windows, err := kinship.ParseWindows("hours", strings.Split(text, "\n"))
	if err == nil {
		err = s.Care.SetWorkingHours(r.Context(), visitOf(r).me.ID, windows)
	}
	if err != nil {
		s.renderAccount(w, r, s.statusOf(r, err), &accountPage{Hours: text, Errors: formErrors(err)})
		return
	}
	http.Redirect(w, r, "/account?done=updated", http.StatusSeeOther)
}

// handleMyFeed makes a private calendar feed of the member's sessions and
// shows its address once; handleMyFeedRevoke stops it.
func (s *Server) handleMyFeed(w http.ResponseWriter, r *http.Request) {
	token, err := s.Feeds.CreateFeed(r.Context(), visitOf(r).me.ID, 0)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderAccount(w, r, http.StatusCreated, &accountPage{FeedURL: s.feedURL(r, token)})
}

func (s *Server) handleMyFeedRevoke(w http.ResponseWriter, r *http.Request) {
	if err := s.Feeds.RevokeFeed(r.Context(), visitOf(r).me.ID, 0); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/account?done=feed-revoked", http.StatusSeeOther)
}
