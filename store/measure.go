package store

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"kinship"
	"kinship/instrument"
)

// Instruments are the definitions responses are scored with: the built-in
// ones and those an admin loaded.
func (s *Store) Instruments() *instrument.Registry { return s.instruments }

// loadInstruments adds the definitions admins loaded, oldest first so the
// newest version of each code wins.
func (s *Store) loadInstruments(ctx context.Context) error {
	rows, err := s.query(ctx, "SELECT body FROM instrument_definitions ORDER BY id")
	bodies, err := collect(rows, err, func(r rowScanner) (string, error) {
		var b string
		return b, r.Scan(&b)
	})
	if err != nil {
		return err
	}
	for _, b := range bodies {
		d, err := instrument.Parse(strings.NewReader(b))
		if err != nil {
			return fmt.Errorf("a stored instrument definition no longer parses: %w", err)
		}
		// Migrate may run more than once on one store: a version already
		// held is the same definition.
		if err := s.instruments.Add(d); err != nil && kinship.ErrorCode(err) != kinship.ECONFLICT {
			return err
		}
	}
	return nil
}

// LoadInstrument checks a definition file and adds it. A code may be loaded
// again with a new version; built-in codes cannot be replaced.
func (s *Store) LoadInstrument(ctx context.Context, body []byte) error {
	if err := kinship.Authorize(ctx, kinship.PermOrgManage); err != nil {
		return err
	}
	d, err := instrument.Parse(bytes.NewReader(body))
	if err != nil {
		return err
	}
	// A new version may change wording and bands, but never drop a flag:
	// PHQ-9's suicide_risk flag is what puts a person in front of a client.
	if cur, err := s.instruments.Lookup(d.Code); err == nil {
		for _, f := range cur.Flags {
			if !slices.ContainsFunc(d.Flags, func(g instrument.Flag) bool { return g.Code == f.Code }) {
				return invalidField("flags", fmt.Sprintf("A new version of %s must keep its %s flag; safety alerts depend on it.", cur.ShortName, f.Code))
			}
		}
	}
	if _, err := s.instruments.LookupVersion(d.Code, d.Version); err == nil {
		return fieldConflict("version", fmt.Sprintf("Version %s of %s is already loaded; give the changed definition a new version.", d.Version, d.Code))
	}
	err = s.update(ctx, func(tx *Tx) error {
		_, err := tx.insert("INSERT INTO instrument_definitions (code, version, body, loaded_by, loaded_at) VALUES (?, ?, ?, ?, ?)",
			d.Code, d.Version, string(body), nullID(kinship.ActorFrom(ctx).StaffID), tx.now)
		if tx.dialect.isUnique(err) {
			return fieldConflict("version", fmt.Sprintf("Version %s of %s is already loaded; give the changed definition a new version.", d.Version, d.Code))
		}
		if err != nil {
			return err
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionInstrumentLoad, ResourceType: "instrument", ResourceID: d.Code, Detail: "version " + d.Version})
	})
	if err != nil {
		return err
	}
	return s.instruments.Add(d)
}

// definition finds an instrument by code, or names the field at fault.
func (s *Store) definition(code string) (*instrument.Definition, error) {
	d, err := s.instruments.Lookup(code)
	if err != nil {
		var codes []string
		for _, d := range s.instruments.List() {
			codes = append(codes, d.Code)
		}
		return nil, invalidField("code", fmt.Sprintf("There is no instrument “%s”. Known codes: %s.", code, strings.Join(codes, ", ")))
	}
	return d, nil
}

// RecordResponse scores a completed instrument and stores it; a suicide
// risk raises a safety alert in the same transaction.
func (s *Store) RecordResponse(ctx context.Context, in kinship.ResponseInput) (*kinship.Response, error) {
	if err := kinship.Authorize(ctx, kinship.PermMeasures); err != nil {
		return nil, err
	}
	return s.recordResponse(ctx, in, false)
}

// AnswerMeasure records the portal client's own answers to an instrument
// assigned to them or due.
func (s *Store) AnswerMeasure(ctx context.Context, code string, answers []int) (*kinship.Response, error) {
	id, err := kinship.PortalClient(ctx)
	if err != nil {
		return nil, err
	}
	due, err := s.dueFor(ctx, id)
	if err != nil {
		return nil, err
	}
	if !slices.ContainsFunc(due, func(d *kinship.DueMeasure) bool { return d.Code == code }) {
		return nil, invalidField("code", "This questionnaire is not waiting for you.")
	}
	return s.recordResponse(ctx, kinship.ResponseInput{ClientID: id, Code: code, Answers: answers}, true)
}

// recordResponse scores and stores a response entered by staff or, when
// byClient, by the client in their portal.
func (s *Store) recordResponse(ctx context.Context, in kinship.ResponseInput, byClient bool) (*kinship.Response, error) {
	d, err := s.definition(in.Code)
	if err != nil {
		return nil, err
	}
	if in.TakenOn.IsZero() {
		in.TakenOn = s.today(ctx)
	}
	if s.today(ctx).Before(in.TakenOn) {
		return nil, invalidField("taken_on", "The date answered cannot be in the future.")
	}
	var sex, name string
	if err := s.openChart(ctx, in.ClientID, kinship.ActionClientRead); err != nil {
		return nil, err
	}
	if err := s.queryRow(ctx, "SELECT sex_for_clinical_use, name_to_use FROM clients WHERE id = ?", in.ClientID).Scan(&sex, &name); err != nil {
		return nil, err
	}
	res, err := d.Score(in.Answers, sex)
	if err != nil {
		return nil, err
	}
	a := kinship.ActorFrom(ctx)
	r := &kinship.Response{ClientID: in.ClientID, Code: d.Code, Version: d.Version, Answers: in.Answers, Total: res.Total,
		Severity: res.Severity, Flags: res.Flags, Subscales: res.Subscales, Threshold: res.Threshold, TakenOn: in.TakenOn, EnteredBy: a.Name, ByClient: byClient}
	if byClient {
		r.EnteredBy = ""
	}
	err = s.update(ctx, func(tx *Tx) error {
		r.CreatedAt = tx.now
		// A second one the same day is more often a slip than a wish.
		if !byClient && !in.AnotherSameDay {
			var same int
			if err := tx.queryRow("SELECT COUNT(*) FROM measure_responses WHERE client_id = ? AND code = ? AND taken_on = ?",
				r.ClientID, r.Code, r.TakenOn.String()).Scan(&same); err != nil {
				return err
			}
			if same > 0 {
				return sameDayConflict(d.ShortName, r.TakenOn)
			}
		}
		if r.ID, err = tx.insert(`INSERT INTO measure_responses (client_id, code, version, answers, total, severity, flags, subscales,
			threshold, taken_on, entered_by, by_client, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			r.ClientID, r.Code, r.Version, joinInts(r.Answers), r.Total, r.Severity, strings.Join(r.Flags, ","),
			encodeSubscales(r.Subscales), r.Threshold, r.TakenOn.String(), nullID(a.StaffID), r.ByClient, tx.now); err != nil {
			return err
		}
		// Completing an instrument closes the portal assignments for it.
		if _, err := tx.exec("UPDATE measure_assignments SET response_id = ? WHERE client_id = ? AND code = ? AND response_id IS NULL",
			r.ID, r.ClientID, r.Code); err != nil {
			return err
		}
		if r.NeedsSafetyAlert() {
			msg := fmt.Sprintf("%s's %s answers show a risk of suicide or self-harm. Reach them today.", name, d.ShortName)
			if r.AlertID, err = tx.raiseSafetyAlert(kinship.AlertSuicideRisk, r.ClientID, msg); err != nil {
				return err
			}
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionResponseRecord, ResourceType: "client",
			ResourceID: strconv.FormatInt(r.ClientID, 10), Detail: r.Code + " " + strconv.FormatInt(r.ID, 10)})
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// Responses lists a client's responses, oldest first.
func (s *Store) Responses(ctx context.Context, clientID int64) ([]*kinship.Response, error) {
	if err := kinship.Authorize(ctx, kinship.PermClinicalRead); err != nil {
		return nil, err
	}
	if err := s.openChart(ctx, clientID, kinship.ActionResponseRead); err != nil {
		return nil, err
	}
	return s.responses(ctx, "r.client_id = ?", clientID)
}

// responses reads responses matching where, oldest first.
func (s *Store) responses(ctx context.Context, where string, args ...any) ([]*kinship.Response, error) {
	rows, err := s.query(ctx, `SELECT r.id, r.client_id, r.code, r.version, r.answers, r.total, r.severity, r.flags, r.subscales,
		r.threshold, r.taken_on, COALESCE(st.name, ''), r.by_client, r.created_at
		FROM measure_responses r LEFT JOIN staff st ON st.id = r.entered_by WHERE `+where+` ORDER BY r.taken_on, r.id`, args...)
	return collect(rows, err, func(sc rowScanner) (*kinship.Response, error) {
		r := &kinship.Response{}
		var answers, flags, subscales, taken string
		err := sc.Scan(&r.ID, &r.ClientID, &r.Code, &r.Version, &answers, &r.Total, &r.Severity, &flags, &subscales,
			&r.Threshold, &taken, &r.EnteredBy, &r.ByClient, scanTime(&r.CreatedAt))
		r.Answers, r.Subscales, r.Flags = splitInts(answers), decodeSubscales(subscales), []string{}
		if flags != "" {
			r.Flags = strings.Split(flags, ",")
		}
		r.TakenOn, _ = kinship.ParseDate(taken)
		return r, err
	})
}

// joinInts and splitInts keep answers as "0,3,1".
func joinInts(v []int) string {
	s := make([]string, len(v))
	for i, n := range v {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ",")
}

func splitInts(s string) []int {
	if s == "" {
		return []int{}
	}
	parts := strings.Split(s, ",")
	v := make([]int, len(parts))
	for i, p := range parts {
		v[i], _ = strconv.Atoi(p)
	}
	return v
}

// encodeSubscales and decodeSubscales keep subscales as "risk=9,use=0",
// sorted so equal maps store equal text.
func encodeSubscales(m map[string]int) string {
	var parts []string
	for k, v := range m {
		parts = append(parts, k+"="+strconv.Itoa(v))
	}
	sort.Strings(parts)
	return strings.Join(parts, ",")
}

func decodeSubscales(s string) map[string]int {
	m := map[string]int{}
	for _, p := range strings.Split(s, ",") {
		if k, v, ok := strings.Cut(p, "="); ok {
			m[k], _ = strconv.Atoi(v)
		}
	}
	return m
}

// sameDayConflict refuses a second response to an instrument on one day
// until the person confirms it (ResponseInput.AnotherSameDay).
func sameDayConflict(instrument string, on kinship.Date) error {
	return &kinship.Error{Code: kinship.ECONFLICT,
		Message: fmt.Sprintf("A %s was already saved for this client on %s.", instrument, on.Label()),
		Fields:  map[string]string{"another_same_day": "Confirm that you mean to save a second one for that day, or change the date."}}
}
