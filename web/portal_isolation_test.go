package web

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"testing"

	"kinship"
	"kinship/store/storetest"
)

// secret marks everything the second client writes; River must never see it.
const secret = "ALEX-PRIVATE"

// TestClientCannotReachAnotherClient gives a second client, Alex, records
// of every kind, then tries every client-facing route as River with each
// of Alex's ids, by every method, pages and API. Nothing of Alex's may
// show and nothing of Alex's may change.
func TestClientCannotReachAnotherClient(t *testing.T) {
	db := storetest.Open(t, "sqlite")
	app, river, _, sam, program := portalSetUp(t, db)
	alexClient := newPortalClient(t, db, "Alex", program, sam.ID)
	alex := app.browser(t)
	alex.portalSignIn(alexClient.email, storetest.AdminPassword)
	// River's own records come first, so every id of Alex's is one River
	// does not own, and records River makes during the walk come after.
	addRecords(t, river, "River's own")
	addRecords(t, alex, secret)
	if err := db.AssignMeasure(storetest.As(sam), alexClient.client.ID, "gad7"); err != nil {
		t.Fatal(err)
	}

	before := clientRows(t, db, alexClient.client.ID)
	ids := map[string]bool{}
	// The ids of the records a client addresses by id in the portal.
	for _, row := range before {
		if m := regexp.MustCompile(`^(goals|contacts|support_requests|skill_log|checkins) id=(\d+)`).FindStringSubmatch(row); m != nil {
			ids[m[2]] = true
		}
	}
	if len(ids) != 1 || !ids["2"] {
		t.Fatalf("Alex has only ids %v:\n%s", ids, strings.Join(before, "\n"))
	}

	param := regexp.MustCompile(`\{[^}]+\}`)
	tried := 0
	for _, rt := range app.srv.routes {
		if rt.perm != kinship.PermPortal {
			continue
		}
		method, path, _ := strings.Cut(rt.pattern, " ")
		values := []string{""}
		if param.MatchString(path) {
			values = values[:0]
			for id := range ids {
				values = append(values, id)
			}
			values = append(values, "gad7")
		}
		for _, v := range values {
			p := param.ReplaceAllString(path, v)
			var res *response
			switch {
			case strings.HasPrefix(p, "/api/"):
				res, _ = river.portalAPI(method, p, map[string]any{"name": "River's", "sharing": "nothing", "text": "x", "done": true})
			case method == http.MethodGet:
				res = river.get(p)
			default:
				res = river.post(p, url.Values{"name": {"x"}, "sharing": {"nothing"}, "relationship": {"friend"},
					"callback": {"510-555-0100"}, "text": {"x"}, "item-1": {"0"}})
			}
			tried++
			if strings.Contains(res.body, secret) {
				t.Errorf("%s %s shows Alex's data", method, p)
			}
			// An id in the path is Alex's: never found for River. (Plan
			// versions and instrument codes are River's own.)
			if strings.Contains(rt.pattern, "{id}") && res.StatusCode < 400 {
				t.Errorf("%s %s: status %d for another client's id", method, p, res.StatusCode)
			}
		}
	}
	t.Logf("%d requests", tried)
	after := clientRows(t, db, alexClient.client.ID)
	if strings.Join(before, "\n") != strings.Join(after, "\n") {
		t.Errorf("Alex's records changed:\nbefore %v\nafter  %v", before, after)
	}
}

// addRecords gives the browser's client one record of each kind, its
// text marked.
func addRecords(t *testing.T, b *browser, mark string) {
	t.Helper()
	for _, c := range []struct {
		path string
		body map[string]any
	}{
		{"/api/v1/me/checkins", map[string]any{"craving": 2, "mood": 3, "used": "no", "note": mark}},
		{"/api/v1/me/goals", map[string]any{"text": mark + " goal", "target": 2}},
		{"/api/v1/me/log", map[string]any{"situation": mark, "trigger": "work", "skill": "Grounding (5-4-3-2-1)", "outcome": 3, "shared": true}},
		{"/api/v1/me/contacts", map[string]any{"name": mark + " Friend", "relationship": "friend", "phone": "510-555-0999", "sharing": "nothing"}},
		{"/api/v1/me/plan", map[string]any{"warning_signs": []string{mark}, "reasons": []string{"me"}, "crisis_plan": "call"}},
	} {
		if res, out := b.portalAPI("POST", c.path, c.body); res.StatusCode >= 300 {
			t.Fatalf("%s: %d %v", c.path, res.StatusCode, out)
		}
	}
	if res := b.post("/me/support", nil); res.StatusCode != http.StatusOK {
		t.Fatalf("support request: %d", res.StatusCode)
	}
}

// clientRows dumps every row of every table with a client_id column that
// belongs to the client, as sorted text, to compare before and after.
func clientRows(t *testing.T, db *storetest.DB, clientID int64) []string {
	t.Helper()
	tables, err := db.Raw.Query(`SELECT m.name FROM sqlite_master m WHERE m.type = 'table'
		AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) c WHERE c.name = 'client_id') AND m.name <> 'audit_events'`)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for tables.Next() {
		var n string
		tables.Scan(&n)
		names = append(names, n)
	}
	tables.Close()
	var out []string
	for _, table := range names {
		rows, err := db.Raw.Query("SELECT * FROM "+table+" WHERE client_id = ?", clientID)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			rows.Scan(ptrs...)
			parts := []string{table}
			for i, c := range cols {
				if c == "last_seen_at" || c == "last_sign_in_at" {
					continue // River's requests do not touch Alex's session, but time moves
				}
				parts = append(parts, fmt.Sprintf("%s=%v", c, vals[i]))
			}
			out = append(out, strings.Join(parts, " "))
		}
		rows.Close()
	}
	sort.Strings(out)
	return out
}
