package web

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"kinship"
	"kinship/store/storetest"
)

// apiRiver is a client whose legal name differs from the name they use.
func apiRiver() map[string]any {
	return map[string]any{
		"name_to_use": "River", "pronouns": "they/them", "legal_name": map[string]any{"given": "Deadname", "family": "Legalson"},
		"gender_identity": "non-binary", "sex_for_clinical_use": "specified", "birth_date": "1994-03-14",
		"phone": "(510) 555-0142", "ok_to_text": true, "emergency_contact": map[string]any{"name": "Maya", "relationship": "sister", "phone": "(510) 555-0100"},
	}
}

// apiID is the "id" of a created resource.
func apiID(t *testing.T, body map[string]any) int64 {
	t.Helper()
	id, ok := body["id"].(float64)
	if !ok {
		t.Fatalf("no id in %v", body)
	}
	return int64(id)
}

// apiProgram creates a program at the organization's site.
func apiProgram(t *testing.T, db *storetest.DB, ctx context.Context) *kinship.Program {
	t.Helper()
	sites, err := db.ListSites(ctx)
	if err != nil {
		t.Fatal(err)
	}
	p, err := db.CreateProgram(ctx, kinship.ProgramCreate{SiteID: sites[0].ID, Name: "Mornings IOP"})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestAPIClients(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		app := newApp(t, db)
		_, admin := db.MustSetUp(t)
		token := app.token(t, admin)
		_, clin := db.AddStaff(t, kinship.RoleClinician, "clin@example.org")
		_, desk := db.AddStaff(t, kinship.RoleFrontDesk, "desk@example.org")
		clinToken, deskToken := app.token(t, clin), app.token(t, desk)

		res, created := app.api(t, "POST", "/api/v1/clients", token, apiRiver())
		if res.StatusCode != http.StatusCreated {
			t.Fatalf("create: %d %s", res.StatusCode, res.body)
		}
		id := apiID(t, created)
		path := "/api/v1/clients/" + itoa(id)
		if created["mrn"] != "K000001" || created["status"] != "registered" || created["birth_date"] != "1994-03-14" {
			t.Errorf("created %v", created)
		}

		t.Run("LegalNameByRole", func(t *testing.T) {
			res, body := app.api(t, "GET", path, clinToken, nil)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("clinician: %d %s", res.StatusCode, res.body)
			}
			if _, ok := body["legal_name"]; ok || strings.Contains(res.body, "Deadname") {
				t.Errorf("clinician sees the legal name: %s", res.body)
			}
			for _, key := range []string{"status", "mrn", "created_at"} {
				if body[key] == nil {
					t.Errorf("no %s in %v", key, body)
				}
			}
			res, body = app.api(t, "GET", path, deskToken, nil)
			legal, _ := body["legal_name"].(map[string]any)
			if res.StatusCode != http.StatusOK || legal["given"] != "Deadname" || legal["family"] != "Legalson" {
				t.Errorf("front desk: %d, legal_name %v", res.StatusCode, body["legal_name"])
			}
		})

		t.Run("SearchNeverShowsLegalName", func(t *testing.T) {
			// A clinician cannot search by the legal name at all.
			if res, body := app.api(t, "GET", "/api/v1/clients?q=deadname", clinToken, nil); body["total"] != float64(0) {
				t.Errorf("a clinician found a client by legal name: %s", res.body)
			}
			for _, tok := range []string{deskToken} {
				res, body := app.api(t, "GET", "/api/v1/clients?q=deadname", tok, nil)
				list, _ := body["clients"].([]any)
				if res.StatusCode != http.StatusOK || len(list) != 1 || body["total"] != float64(1) {
					t.Fatalf("search: %d %s", res.StatusCode, res.body)
				}
				got := list[0].(map[string]any)
				if got["name_to_use"] != "River" || got["matched_legal_name"] != true || got["id"] != float64(id) {
					t.Errorf("match = %v", got)
				}
				if strings.Contains(strings.ToLower(res.body), "deadname") || strings.Contains(res.body, "Legalson") {
					t.Errorf("the legal name is in the search response: %s", res.body)
				}
			}
			res, body := app.api(t, "GET", "/api/v1/clients?q=riv", clinToken, nil)
			if got := body["clients"].([]any)[0].(map[string]any); res.StatusCode != http.StatusOK || got["matched_legal_name"] != false {
				t.Errorf("search by name to use: %d %v", res.StatusCode, body)
			}
		})

		t.Run("SearchBadPaging", func(t *testing.T) {
			for query, field := range map[string]string{"limit=0": "limit", "limit=201": "limit", "limit=ten": "limit", "offset=-1": "offset"} {
				res, body := app.api(t, "GET", "/api/v1/clients?"+query, token, nil)
				if res.StatusCode != http.StatusBadRequest || errorField(body, field) == "" {
					t.Errorf("%s: %d %v, want 400 on %s", query, res.StatusCode, body, field)
				}
			}
			res, body := app.api(t, "GET", "/api/v1/clients?limit=200&offset=1", token, nil)
			if res.StatusCode != http.StatusOK || len(body["clients"].([]any)) != 0 || body["total"] != float64(1) {
				t.Errorf("second page: %d %v", res.StatusCode, body)
			}
		})

		t.Run("BadInput", func(t *testing.T) {
			before := db.Count(t, "clients")
			with := func(key string, v any) map[string]any {
				b := apiRiver()
				if v == nil {
					delete(b, key)
				} else {
					b[key] = v
				}
				return b
			}
			for _, tc := range []struct {
				name   string
				token  string
				body   any
				status int
				field  string
			}{
				{"MissingNameToUse", token, with("name_to_use", nil), 400, "name_to_use"},
				{"ImpossibleBirthDate", token, with("birth_date", "2026-02-30"), 400, "birth_date"},
				{"BirthDateNotAString", token, with("birth_date", 19940314), 400, "birth_date"},
				{"UnknownSexForClinicalUse", token, with("sex_for_clinical_use", "female"), 400, "sex_for_clinical_use"},
				{"UnknownField", token, with("nickname", "Riv"), 400, "nickname"},
				{"WrongType", token, with("ok_to_text", "yes"), 400, "ok_to_text"},
				{"LegalNameFromClinician", clinToken, apiRiver(), 403, ""},
			} {
				t.Run(tc.name, func(t *testing.T) {
					res, body := app.api(t, "POST", "/api/v1/clients", tc.token, tc.body)
					if res.StatusCode != tc.status {
						t.Fatalf("status %d, want %d: %s", res.StatusCode, tc.status, res.body)
					}
					if tc.field != "" && errorField(body, tc.field) == "" {
						t.Errorf("no message for field %q: %s", tc.field, res.body)
					}
				})
			}
			if after := db.Count(t, "clients"); after != before {
				t.Errorf("clients = %d after rejected requests, want %d", after, before)
			}
		})

		t.Run("PatchPronounsOnly", func(t *testing.T) {
			res, body := app.api(t, "PATCH", path, clinToken, map[string]any{"pronouns": "they/she"})
			if res.StatusCode != http.StatusOK {
				t.Fatalf("patch: %d %s", res.StatusCode, res.body)
			}
			_, after := app.api(t, "GET", path, deskToken, nil)
			for key, want := range map[string]any{"pronouns": "they/she", "name_to_use": "River", "birth_date": "1994-03-14",
				"phone": "(510) 555-0142", "ok_to_text": true, "sex_for_clinical_use": "specified", "gender_identity": "non-binary"} {
				if body[key] != want || after[key] != want {
					t.Errorf("%s = %v (stored %v), want %v", key, body[key], after[key], want)
				}
			}
			if ec := after["emergency_contact"].(map[string]any); ec["name"] != "Maya" {
				t.Errorf("emergency contact = %v", ec)
			}
			if legal := after["legal_name"].(map[string]any); legal["given"] != "Deadname" {
				t.Errorf("legal name = %v", legal)
			}
		})

		t.Run("PatchLegalNameAsClinician", func(t *testing.T) {
			res, body := app.api(t, "PATCH", path, clinToken, map[string]any{"pronouns": "xe/xem", "legal_name": map[string]any{"given": "Changed"}})
			if res.StatusCode != http.StatusForbidden || errorCode(body) != "forbidden" {
				t.Fatalf("status %d, want 403: %s", res.StatusCode, res.body)
			}
			_, after := app.api(t, "GET", path, deskToken, nil)
			if legal := after["legal_name"].(map[string]any); legal["given"] != "Deadname" || after["pronouns"] != "they/she" {
				t.Errorf("after a refused patch: %v", after)
			}
		})

		t.Run("PatchLegalNameAsFrontDesk", func(t *testing.T) {
			res, body := app.api(t, "PATCH", path, deskToken, map[string]any{"legal_name": map[string]any{"given": " Dee "}})
			legal, _ := body["legal_name"].(map[string]any)
			if res.StatusCode != http.StatusOK || legal["given"] != "Dee" || legal["family"] != "Legalson" {
				t.Fatalf("patch: %d %s", res.StatusCode, res.body)
			}
			_, after := app.api(t, "GET", path, deskToken, nil)
			if legal := after["legal_name"].(map[string]any); legal["given"] != "Dee" || legal["family"] != "Legalson" {
				t.Errorf("stored legal name = %v", legal)
			}
		})

		t.Run("PatchBadBirthDate", func(t *testing.T) {
			res, body := app.api(t, "PATCH", path, token, map[string]any{"birth_date": "1994-02-30"})
			if res.StatusCode != http.StatusBadRequest || errorField(body, "birth_date") == "" {
				t.Errorf("status %d: %s", res.StatusCode, res.body)
			}
		})

		t.Run("NotFound", func(t *testing.T) {
			if res, _ := app.api(t, "GET", "/api/v1/clients/999", token, nil); res.StatusCode != http.StatusNotFound {
				t.Errorf("status %d, want 404", res.StatusCode)
			}
		})
	})
}

func TestAPIEpisodes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		app := newApp(t, db)
		ctx, admin := db.MustSetUp(t)
		token := app.token(t, admin)
		prog := apiProgram(t, db, ctx)
		_, counselor := db.AddStaff(t, kinship.RoleClinician, "c@example.org")
		_, created := app.api(t, "POST", "/api/v1/clients", token, apiRiver())
		path := "/api/v1/clients/" + itoa(apiID(t, created)) + "/episodes"
		admission := func(date string, codes ...string) map[string]any {
			return map[string]any{"program_id": prog.ID, "admitted_on": date, "primary_counselor_id": counselor.ID, "diagnoses": codes}
		}

		t.Run("BadAdmission", func(t *testing.T) {
			for field, body := range map[string]map[string]any{
				"diagnoses":   admission("2026-11-16", "F10.20", "X99.9"),
				"admitted_on": admission("2026-11-31", "F10.20"),
			} {
				res, out := app.api(t, "POST", path, token, body)
				if res.StatusCode != http.StatusBadRequest || errorField(out, field) == "" {
					t.Errorf("bad %s: %d %s", field, res.StatusCode, res.body)
				}
			}
			if n := db.Count(t, "episodes"); n != 0 {
				t.Errorf("episodes = %d after rejected admissions", n)
			}
		})

		res, ep := app.api(t, "POST", path, token, admission("2026-11-16", "F10.20", "f32.1"))
		if res.StatusCode != http.StatusCreated {
			t.Fatalf("admit: %d %s", res.StatusCode, res.body)
		}
		diagnoses, _ := ep["diagnoses"].([]any)
		if len(diagnoses) != 2 || ep["open"] != true || ep["program"] != "Mornings IOP" || ep["primary_counselor"] != counselor.Name {
			t.Fatalf("admitted %v", ep)
		}
		for i, want := range []string{"Alcohol dependence, uncomplicated", "Major depressive disorder, single episode, moderate"} {
			if got := diagnoses[i].(map[string]any)["title"]; got != want {
				t.Errorf("diagnosis %d title = %v, want %q", i, got, want)
			}
		}

		t.Run("List", func(t *testing.T) {
			res, body := app.api(t, "GET", path, token, nil)
			list, _ := body["episodes"].([]any)
			if res.StatusCode != http.StatusOK || len(list) != 1 || list[0].(map[string]any)["admitted_on"] != "2026-11-16" {
				t.Errorf("episodes: %d %s", res.StatusCode, res.body)
			}
		})

		t.Run("Discharge", func(t *testing.T) {
			discharge := "/api/v1/episodes/" + itoa(apiID(t, ep)) + "/discharge"
			res, body := app.api(t, "POST", discharge, token, map[string]any{"discharged_on": "2026-11-20", "reason": "completed"})
			if res.StatusCode != http.StatusBadRequest || errorField(body, "summary") == "" {
				t.Errorf("without a summary: %d %s", res.StatusCode, res.body)
			}
			res, body = app.api(t, "POST", discharge, token, map[string]any{"discharged_on": "2026-11-20", "reason": "completed", "summary": "Met goals.", "referrals": "Alumni group"})
			if res.StatusCode != http.StatusOK || body["open"] != false || body["discharged_on"] != "2026-11-20" || body["discharge_reason"] != "completed" {
				t.Fatalf("discharge: %d %s", res.StatusCode, res.body)
			}
			res, _ = app.api(t, "POST", discharge, token, map[string]any{"discharged_on": "2026-11-21", "reason": "completed", "summary": "Again."})
			if res.StatusCode != http.StatusConflict {
				t.Errorf("second discharge: %d, want 409", res.StatusCode)
			}
		})

		t.Run("Diagnoses", func(t *testing.T) {
			res, body := app.api(t, "GET", "/api/v1/diagnoses", token, nil)
			list, _ := body["diagnoses"].([]any)
			if res.StatusCode != http.StatusOK || len(list) < 50 {
				t.Fatalf("diagnoses: %d, %d codes", res.StatusCode, len(list))
			}
			if first := list[0].(map[string]any); first["code"] == "" || first["title"] == "" || first["group"] == "" {
				t.Errorf("first code = %v", first)
			}
		})
	})
}

func TestAPIBreakGlass(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		app := newApp(t, db)
		ctx, admin := db.MustSetUp(t)
		token := app.token(t, admin)
		prog := apiProgram(t, db, ctx)
		_, first := db.AddStaff(t, kinship.RoleClinician, "first@example.org")
		_, second := db.AddStaff(t, kinship.RoleClinician, "second@example.org")
		secondToken := app.token(t, second)
		_, created := app.api(t, "POST", "/api/v1/clients", token, apiRiver())
		path := "/api/v1/clients/" + itoa(apiID(t, created))
		res, _ := app.api(t, "POST", path+"/episodes", token, map[string]any{"program_id": prog.ID, "admitted_on": "2026-11-16", "primary_counselor_id": first.ID})
		if res.StatusCode != http.StatusCreated {
			t.Fatalf("admit: %d %s", res.StatusCode, res.body)
		}

		if res, body := app.api(t, "GET", path, secondToken, nil); res.StatusCode != http.StatusForbidden || errorCode(body) != "forbidden" {
			t.Fatalf("another clinician's client: %d %s, want 403", res.StatusCode, res.body)
		}
		if res, body := app.api(t, "POST", path+"/break-glass", secondToken, map[string]any{"reason": "urgent"}); res.StatusCode != http.StatusBadRequest || errorField(body, "reason") == "" {
			t.Errorf("short reason: %d %s", res.StatusCode, res.body)
		}
		res, body := app.api(t, "POST", path+"/break-glass", secondToken, map[string]any{"reason": "Client called in crisis; their counselor is away"})
		if res.StatusCode != http.StatusCreated {
			t.Fatalf("break-glass: %d %s", res.StatusCode, res.body)
		}
		expires, err := time.Parse(time.RFC3339, body["expires_at"].(string))
		if want := storetest.Now.Add(kinship.BreakGlassMinutes * time.Minute); err != nil || !expires.Equal(want) {
			t.Errorf("expires_at = %v (%v), want %v", body["expires_at"], err, want)
		}
		if res, _ := app.api(t, "GET", path, secondToken, nil); res.StatusCode != http.StatusOK {
			t.Errorf("after break-glass: %d %s", res.StatusCode, res.body)
		}

		res, body = app.api(t, "GET", "/api/v1/alerts", token, nil)
		alerts, _ := body["alerts"].([]any)
		if res.StatusCode != http.StatusOK || len(alerts) != 1 {
			t.Fatalf("admin alerts: %d %s", res.StatusCode, res.body)
		}
		alert := alerts[0].(map[string]any)
		if alert["kind"] != kinship.AlertBreakGlass || alert["client"] != "River" || alert["client_id"] != created["id"] {
			t.Errorf("alert = %v", alert)
		}
		if strings.Contains(res.body, "Deadname") {
			t.Errorf("an alert carries the legal name: %s", res.body)
		}
		if _, body := app.api(t, "GET", "/api/v1/alerts", secondToken, nil); len(body["alerts"].([]any)) != 0 {
			t.Errorf("the clinician sees the admins' alert: %v", body)
		}

		ack := "/api/v1/alerts/" + itoa(apiID(t, alert)) + "/acknowledge"
		if res, body := app.api(t, "POST", ack, token, map[string]any{}); res.StatusCode != http.StatusBadRequest || errorField(body, "note") == "" {
			t.Errorf("acknowledge without a note: %d %s", res.StatusCode, res.body)
		}
		if res, body := app.api(t, "POST", ack, secondToken, map[string]any{"note": "Not mine"}); res.StatusCode != http.StatusNotFound {
			t.Errorf("acknowledge someone else's alert: %d %v", res.StatusCode, body)
		}
		if res, body := app.api(t, "POST", ack, token, map[string]any{"note": "Checked with the counselor; appropriate."}); res.StatusCode != http.StatusOK || body["acknowledged"] != true {
			t.Errorf("acknowledge: %d %s", res.StatusCode, res.body)
		}
		if _, body := app.api(t, "GET", "/api/v1/alerts", token, nil); len(body["alerts"].([]any)) != 0 {
			t.Errorf("alerts after acknowledging: %v", body)
		}
	})
}
