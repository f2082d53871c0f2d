package web

import (
	"bytes"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"kinship"
	"kinship/ics"
)

// A calendar feed covers four weeks back and twelve ahead.
const (
	feedDaysBack  = 28
	feedDaysAhead = 84
)

// What a phone's calendar shows. Nothing in a feed may hint at treatment:
// no session titles or types, no names.
const (
	feedName    = "Appointments"
	feedSummary = "Appointment"
)

// handleCalendarFeed serves /calendar/{token}.ics to calendar apps. The
// token is the credential; an unknown or revoked one is a plain 404.
func (s *Server) handleCalendarFeed(w http.ResponseWriter, r *http.Request) {
	token, ok := strings.CutSuffix(r.PathValue("token"), ".ics")
	feeds := s.Feeds
	var err error
	if !ok {
		err = kinship.Errorf(kinship.ENOTFOUND, noPageMessage)
	}
	var sessions []*kinship.Session
	if err == nil {
		// The caller is not signed in, and reading the site's timezone
		// needs an actor; it is not secret.
		today := s.today(r.WithContext(kinship.SystemContext(r.Context())))
		_, sessions, err = feeds.FeedSessions(r.Context(), token, today.AddDays(-feedDaysBack), today.AddDays(feedDaysAhead))
	}
	var body bytes.Buffer
	if err == nil {
		cal := ics.Calendar{Name: feedName, Events: make([]ics.Event, 0, len(sessions))}
		now := s.cfg.Clock.Now()
		// The site's host makes each UID globally unique, as RFC 5545
		// asks: another program's session 7 is another event.
		host := "kinship"
		if u, err := url.Parse(s.absURL(r, "/")); err == nil && u.Hostname() != "" {
			host = u.Hostname()
		}
		for _, m := range sessions {
			cal.Events = append(cal.Events, ics.Event{
				UID:   "session-" + strconv.FormatInt(m.ID, 10) + "@" + host,
				Start: m.Start, End: m.End, Stamp: now,
				Summary: feedSummary, Location: m.Room, Cancelled: m.Cancelled,
			})
		}
		err = ics.Write(&body, cal)
	}
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Robots-Tag", "noindex, nofollow")
	if err != nil {
		status := s.statusOf(r, err) // logs internal errors
		if status != http.StatusNotFound {
			status = http.StatusInternalServerError
		}
		http.Error(w, http.StatusText(status), status)
		return
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Content-Disposition", `inline; filename="appointments.ics"`)
	w.WriteHeader(http.StatusOK)
	w.Write(body.Bytes())
}

// feedURL is where a calendar app subscribes to the feed with token.
func (s *Server) feedURL(r *http.Request, token string) string {
	return s.absURL(r, "/calendar/"+token+".ics")
}

// apiMyFeedCreate makes a feed of the caller's own sessions.
func (s *Server) apiMyFeedCreate(w http.ResponseWriter, r *http.Request) {
	s.createFeed(w, r, visitOf(r).me.ID, 0)
}

// apiMyFeedRevoke stops every feed of the caller's sessions.
func (s *Server) apiMyFeedRevoke(w http.ResponseWriter, r *http.Request) {
	s.revokeFeed(w, r, visitOf(r).me.ID, 0)
}

// apiClientFeedCreate makes a feed of a client's sessions, to give them.
func (s *Server) apiClientFeedCreate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.createFeed(w, r, 0, id)
}

// apiClientFeedRevoke stops every feed of a client's sessions.
func (s *Server) apiClientFeedRevoke(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.revokeFeed(w, r, 0, id)
}

func (s *Server) createFeed(w http.ResponseWriter, r *http.Request, staffID, clientID int64) {
	token, err := s.Feeds.CreateFeed(r.Context(), staffID, clientID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	feed := s.feedURL(r, token)
	writeJSON(w, http.StatusCreated, map[string]string{"url": feed, "webcal_url": string(webcalLink(feed))})
}

func (s *Server) revokeFeed(w http.ResponseWriter, r *http.Request, staffID, clientID int64) {
	if err := s.Feeds.RevokeFeed(r.Context(), staffID, clientID); err != nil {
		s.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
