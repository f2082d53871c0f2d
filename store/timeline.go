package store

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"kinship"
)

// Timeline lists a client's attendance, scores, screens and alerts between
// two dates, newest first. One read, audited once.
func (s *Store) Timeline(ctx context.Context, clientID int64, from, to kinship.Date, kinds ...string) ([]kinship.TimelineEntry, error) {
	if err := kinship.Authorize(ctx, kinship.PermClinicalRead); err != nil {
		return nil, err
	}
	for _, k := range kinds {
		if !slices.Contains(kinship.TimelineKinds, k) {
			return nil, invalidField("kind", fmt.Sprintf("“%s” is not a timeline kind: use %s.", k, strings.Join(kinship.TimelineKinds, ", ")))
		}
	}
	if to.Before(from) {
		return nil, invalidField("from", "The start date must be on or before the end date.")
	}
	if err := s.openChart(ctx, clientID, kinship.ActionTimelineRead); err != nil {
		return nil, err
	}
	want := func(k string) bool { return len(kinds) == 0 || slices.Contains(kinds, k) }
	var out []kinship.TimelineEntry
	add := func(e kinship.TimelineEntry) { out = append(out, e) }
	var err error
	if want(kinship.TimelineAttendance) {
		err = s.attendanceEntries(ctx, clientID, from, to, add)
	}
	if err == nil && want(kinship.TimelineCheckIn) {
		err = s.checkInEntries(ctx, clientID, from, to, add)
	}
	if err == nil && want(kinship.TimelineMeasure) {
		err = s.measureEntries(ctx, clientID, from, to, add)
	}
	if err == nil && want(kinship.TimelineScreen) {
		err = s.screenEntries(ctx, clientID, from, to, add)
	}
	if err == nil && want(kinship.TimelineNote) {
		err = s.noteEntries(ctx, clientID, from, to, add)
	}
	if err == nil && want(kinship.TimelinePlan) {
		err = s.planEntries(ctx, clientID, from, to, add)
	}
	if err == nil && want(kinship.TimelineAlert) {
		err = s.alertEntries(ctx, clientID, from, to, add)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[j].Day.Before(out[i].Day) })
	return out, err
}

var attendanceWords = map[string]string{"present": "Attended", "late": "Attended, late", "left_early": "Attended, left early",
	"telehealth": "Attended by video", "excused": "Excused absence from", "unexcused": "Missed"}

func (s *Store) attendanceEntries(ctx context.Context, clientID int64, from, to kinship.Date, add func(kinship.TimelineEntry)) error {
	rows, err := s.query(ctx, `SELECT se.id, se.on_date, se.title, a.status FROM attendance a JOIN sessions se ON se.id = a.session_id
		WHERE a.client_id = ? AND se.on_date >= ? AND se.on_date <= ?`, clientID, from.String(), to.String())
	return each(rows, err, func(r rowScanner) error {
		var id int64
		var day, title, status string
		if err := r.Scan(&id, &day, &title, &status); err != nil {
			return err
		}
		d, _ := kinship.ParseDate(day)
		add(kinship.TimelineEntry{Day: d, Kind: kinship.TimelineAttendance, Text: attendanceWords[status] + " " + title,
			Attention: status == "unexcused", Href: "/sessions/" + strconv.FormatInt(id, 10)})
		return nil
	})
}

var usedWords = map[string]string{"yes": "used since the last check-in", "no": "no use", "prefer_not_to_say": "preferred not to say about use"}

func (s *Store) checkInEntries(ctx context.Context, clientID int64, from, to kinship.Date, add func(kinship.TimelineEntry)) error {
	rows, err := s.query(ctx, `SELECT day, craving, mood, used FROM checkins WHERE client_id = ? AND day >= ? AND day <= ?`,
		clientID, from.String(), to.String())
	return each(rows, err, func(r rowScanner) error {
		var day, used string
		var craving, mood int
		if err := r.Scan(&day, &craving, &mood, &used); err != nil {
			return err
		}
		d, _ := kinship.ParseDate(day)
		add(kinship.TimelineEntry{Day: d, Kind: kinship.TimelineCheckIn, Attention: used == "yes" || craving >= 8,
			Text: fmt.Sprintf("Check-in: craving %d of 10, mood %d of 5, %s", craving, mood, usedWords[used])})
		return nil
	})
}

func (s *Store) measureEntries(ctx context.Context, clientID int64, from, to kinship.Date, add func(kinship.TimelineEntry)) error {
	rs, err := s.responses(ctx, "r.client_id = ? AND r.taken_on >= ? AND r.taken_on <= ?", clientID, from.String(), to.String())
	for _, r := range rs {
		text := fmt.Sprintf("%s: %d", s.instrumentName(r.Code), r.Total)
		if r.Severity != "" {
			text += ", " + strings.ReplaceAll(r.Severity, "_", " ")
		}
		if r.ByClient {
			text += " (answered in the portal)"
		}
		add(kinship.TimelineEntry{Day: r.TakenOn, Kind: kinship.TimelineMeasure, Text: text, Attention: r.NeedsSafetyAlert()})
	}
	return err
}

func (s *Store) screenEntries(ctx context.Context, clientID int64, from, to kinship.Date, add func(kinship.TimelineEntry)) error {
	rows, err := s.query(ctx, `SELECT d.id, d.collected_on, r.substance, r.result FROM drug_screens d
		JOIN drug_screen_results r ON r.screen_id = d.id WHERE d.client_id = ? AND d.collected_on >= ? AND d.collected_on <= ?
		ORDER BY d.id, r.substance`, clientID, from.String(), to.String())
	var screens []*kinship.DrugScreen
	err = each(rows, err, func(r rowScanner) error {
		var id int64
		var day string
		var res kinship.ScreenResult
		if err := r.Scan(&id, &day, &res.Substance, &res.Result); err != nil {
			return err
		}
		if n := len(screens); n == 0 || screens[n-1].ID != id {
			d, _ := kinship.ParseDate(day)
			screens = append(screens, &kinship.DrugScreen{ID: id, CollectedOn: d})
		}
		last := screens[len(screens)-1]
		last.Results = append(last.Results, res)
		return nil
	})
	for _, d := range screens {
		add(kinship.TimelineEntry{Day: d.CollectedOn, Kind: kinship.TimelineScreen, Text: "Drug screen: " + lowerFirst(d.Summary()), Attention: d.NeedsReview()})
	}
	return err
}

// planEntries adds each signed treatment-plan version on the day it was signed.
func (s *Store) planEntries(ctx context.Context, clientID int64, from, to kinship.Date, add func(kinship.TimelineEntry)) error {
	rows, err := s.query(ctx, `SELECT version, signed_on, signed_name, client_signed_on FROM treatment_plans
		WHERE client_id = ? AND signed_at IS NOT NULL AND signed_on >= ? AND signed_on <= ?`, clientID, from.String(), to.String())
	return each(rows, err, func(r rowScanner) error {
		var version int
		var on, by, clientOn string
		if err := r.Scan(&version, &on, &by, &clientOn); err != nil {
			return err
		}
		d, _ := kinship.ParseDate(on)
		text := fmt.Sprintf("Treatment plan version %d signed by %s", version, by)
		if clientOn == "" {
			text += "; awaiting the client's signature"
		}
		add(kinship.TimelineEntry{Day: d, Kind: kinship.TimelinePlan, Text: text, Href: fmt.Sprintf("/clients/%d/treatment-plan/versions/%d", clientID, version)})
		return nil
	})
}

func (s *Store) alertEntries(ctx context.Context, clientID int64, from, to kinship.Date, add func(kinship.TimelineEntry)) error {
	loc := s.homeLocation(ctx)
	rows, err := s.query(ctx, `SELECT kind, message, created_at, acknowledged_at, action FROM alerts
		WHERE client_id = ? AND kind <> ? AND created_at >= ? AND created_at < ?`,
		clientID, kinship.AlertBreakGlass, dbTime(from.In(loc)), dbTime(to.AddDays(1).In(loc)))
	return each(rows, err, func(r rowScanner) error {
		var kind, message, action string
		var created, acked time.Time
		if err := r.Scan(&kind, &message, scanTime(&created), scanTime(&acked), &action); err != nil {
			return err
		}
		text := message
		if acked.IsZero() {
			text += " Not yet acknowledged."
		} else if label := kinship.SafetyActionLabels[action]; label != "" {
			text += " Acknowledged: " + strings.ToLower(label[:1]) + label[1:] + "."
		} else {
			text += " Acknowledged."
		}
		add(kinship.TimelineEntry{Day: kinship.DateOf(created.In(loc)), Kind: kinship.TimelineAlert, Text: text, Attention: acked.IsZero()})
		return nil
	})
}

// lowerFirst lowers a sentence's first letter, to continue a phrase.
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// instrumentName is an instrument's display name, or its code if it is no
// longer defined.
func (s *Store) instrumentName(code string) string {
	if d, err := s.instruments.Lookup(code); err == nil {
		return d.ShortName
	}
	return code
}
