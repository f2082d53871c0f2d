package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"kinship"
)

// ListTracks lists every track with its program, by program then start.
func (s *Store) ListTracks(ctx context.Context) ([]*kinship.Track, error) {
	if err := kinship.Authorize(ctx, kinship.PermSignedIn); err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT t.id, t.program_id, p.name, t.name, t.days, t.start_minute, t.end_minute
		FROM tracks t JOIN programs p ON p.id = t.program_id ORDER BY p.name, t.start_minute, t.name`)
	return collect(rows, err, func(r rowScanner) (*kinship.Track, error) {
		t := &kinship.Track{}
		var days string
		err := r.Scan(&t.ID, &t.ProgramID, &t.ProgramName, &t.Name, &days, &t.Start, &t.End)
		t.Days = parseDays(days)
		return t, err
	})
}

// CreateTrack adds a track to a program.
func (s *Store) CreateTrack(ctx context.Context, c kinship.TrackCreate) (*kinship.Track, error) {
	if err := kinship.Authorize(ctx, kinship.PermOrgManage); err != nil {
		return nil, err
	}
	start, end, err := c.Validate()
	if err != nil {
		return nil, err
	}
	t := &kinship.Track{ProgramID: c.ProgramID, Name: c.Name, Days: parseDays(formatDays(c.Days)), Start: start, End: end}
	err = s.update(ctx, func(tx *Tx) error {
		if err := tx.queryRow("SELECT name FROM programs WHERE id = ?", c.ProgramID).Scan(&t.ProgramName); err == sql.ErrNoRows {
			return &kinship.Error{Code: kinship.EINVALID, Message: "Choose one of the programs.", Fields: map[string]string{"program_id": "Choose one of the programs."}}
		} else if err != nil {
			return err
		}
		t.ID, err = tx.insert(`INSERT INTO tracks (program_id, name, days, start_minute, end_minute, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
			c.ProgramID, c.Name, formatDays(c.Days), int(start), int(end), tx.now)
		if tx.dialect.isUnique(err) {
			return fieldConflict("name", "This program already has a track with that name.")
		}
		if err != nil {
			return err
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionTrackCreate, ResourceType: "track", ResourceID: strconv.FormatInt(t.ID, 10)})
	})
	if err != nil {
		return nil, err
	}
	return t, nil
}

// formatDays stores weekdays as ISO numbers, Monday = 1, in week order.
func formatDays(days []time.Weekday) string {
	on := map[time.Weekday]bool{}
	for _, d := range days {
		on[d] = true
	}
	var parts []string
	for i, d := range kinship.WeekOrder {
		if on[d] {
			parts = append(parts, strconv.Itoa(i+1))
		}
	}
	return strings.Join(parts, ",")
}

func parseDays(s string) []time.Weekday {
	var out []time.Weekday
	for _, p := range strings.Split(s, ",") {
		if n, err := strconv.Atoi(p); err == nil && n >= 1 && n <= 7 {
			out = append(out, kinship.WeekOrder[n-1])
		}
	}
	return out
}
