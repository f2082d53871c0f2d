package web

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"kinship"
	"kinship/screening"
	"kinship/store/storetest"
)

// apiAnonymous posts JSON with no sign-in, as a public web page would: with
// the browser's CSRF cookie and header.
func (a *testApp) apiAnonymous(t *testing.T, path string, body any) (*response, map[string]any) {
	t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPost, a.http.URL+path, strings.NewReader(string(b)))
	csrf := strings.Repeat("c", 43)
	req.AddCookie(&http.Cookie{Name: csrfCookie, Value: csrf})
	req.Header.Set(csrfHeader, csrf)
	req.Header.Set("Content-Type", "application/json")
	res := a.browser(t).do(req)
	var out map[string]any
	if err := json.Unmarshal([]byte(res.body), &out); err != nil {
		t.Fatalf("POST %s: bad JSON %q: %v", path, res.body, err)
	}
	return res, out
}

func TestAPIScreening(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		app := newApp(t, db)
		db.MustSetUp(t)
		answers := func(changes map[string]any) map[string]any {
			a := map[string]any{"withdrawal_risk": "none", "psychiatric_severity": "none", "readiness": "ready",
				"relapse_risk": "low", "home_environment": "supportive", "support_network": true}
			for k, v := range changes {
				a[k] = v
			}
			return a
		}
		for _, tc := range []struct {
			name    string
			answers map[string]any
			want    screening.Level
		}{
			{"Emergency", answers(map[string]any{"danger_to_self": true}), screening.Emergency},
			{"WithdrawalManagement", answers(map[string]any{"withdrawal_risk": "severe"}), screening.WithdrawalManagement},
			{"Residential", answers(map[string]any{"medical_needs_24h": true}), screening.Residential},
			{"PHP", answers(map[string]any{"psychiatric_severity": "Severe "}), screening.PHP},
			{"IOP", answers(map[string]any{"relapse_risk": "moderate"}), screening.IOP},
			{"OP", answers(nil), screening.OP},
		} {
			t.Run(tc.name, func(t *testing.T) {
				res, body := app.apiAnonymous(t, "/api/v1/screenings/level-of-care", tc.answers)
				if res.StatusCode != http.StatusOK {
					t.Fatalf("status %d: %s", res.StatusCode, res.body)
				}
				if got := body["level"]; got != string(tc.want) {
					t.Errorf("level = %v, want %s", got, tc.want)
				}
				if reasons, _ := body["reasons"].([]any); len(reasons) == 0 {
					t.Errorf("no reasons: %s", res.body)
				}
				resources, has := body["crisis_resources"].([]any)
				if emergency := tc.want == screening.Emergency; has != emergency {
					t.Fatalf("crisis_resources present = %v, want %v", has, emergency)
				}
				if has {
					first, _ := resources[0].(map[string]any)
					want := screening.CrisisResources[0]
					if len(resources) != len(screening.CrisisResources) || first["name"] != want.Name || first["contact"] != want.Contact ||
						first["detail"] != want.Detail || first["href"] != want.Href {
						t.Errorf("crisis_resources = %v", resources)
					}
				}
			})
		}
		for field, body := range map[string]map[string]any{
			"readiness":        answers(map[string]any{"readiness": "maybe"}),
			"home_environment": answers(map[string]any{"home_environment": nil}),
			"mood":             answers(map[string]any{"mood": "low"}),
		} {
			t.Run("Bad_"+field, func(t *testing.T) {
				res, out := app.apiAnonymous(t, "/api/v1/screenings/level-of-care", body)
				if res.StatusCode != http.StatusBadRequest || errorField(out, field) == "" {
					t.Errorf("status %d, want 400 on %s: %s", res.StatusCode, field, res.body)
				}
			})
		}
		if n := db.Count(t, "inquiries"); n != 0 {
			t.Errorf("screenings stored %d inquiries", n)
		}
	})
}

func TestAPIInquiries(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		app := newApp(t, db)
		db.MustSetUp(t)
		_, desk := db.AddStaff(t, kinship.RoleFrontDesk, "desk@example.org")
		token := app.token(t, desk)

		if res, body := app.api(t, "POST", "/api/v1/inquiries", token, map[string]any{"name_to_use": "Jules"}); res.StatusCode != http.StatusBadRequest || errorField(body, "phone") == "" {
			t.Errorf("no way to reach them: %d %s", res.StatusCode, res.body)
		}
		res, in := app.api(t, "POST", "/api/v1/inquiries", token, map[string]any{"name_to_use": "Jules", "pronouns": "he/him",
			"phone": "(510) 555-0199", "ok_to_voicemail": true, "substances": "alcohol", "referral_source": "Pride center"})
		if res.StatusCode != http.StatusCreated {
			t.Fatalf("create: %d %s", res.StatusCode, res.body)
		}
		if in["status"] != "new" || in["source"] != "phone" || in["client_id"] != nil || in["screening_reasons"] == nil {
			t.Errorf("created %v", in)
		}
		path := "/api/v1/inquiries/" + itoa(apiID(t, in))

		t.Run("Get", func(t *testing.T) {
			res, body := app.api(t, "GET", path, token, nil)
			if res.StatusCode != http.StatusOK || body["name_to_use"] != "Jules" || body["referral_source"] != "Pride center" {
				t.Errorf("get: %d %s", res.StatusCode, res.body)
			}
		})

		t.Run("Move", func(t *testing.T) {
			res, body := app.api(t, "PATCH", path, token, map[string]any{"status": "closed"})
			if res.StatusCode != http.StatusBadRequest || errorField(body, "reason") == "" {
				t.Errorf("closed without a reason: %d %s", res.StatusCode, res.body)
			}
			res, body = app.api(t, "PATCH", path, token, map[string]any{"status": "assessment_booked"})
			if res.StatusCode != http.StatusOK || body["status"] != "assessment_booked" {
				t.Errorf("move: %d %s", res.StatusCode, res.body)
			}
		})

		t.Run("Convert", func(t *testing.T) {
			before := db.Count(t, "clients")
			res, c := app.api(t, "POST", path+"/convert", token, map[string]any{})
			if res.StatusCode != http.StatusCreated {
				t.Fatalf("convert: %d %s", res.StatusCode, res.body)
			}
			if c["name_to_use"] != "Jules" || c["pronouns"] != "he/him" || c["phone"] != "(510) 555-0199" || c["ok_to_voicemail"] != true {
				t.Errorf("client %v", c)
			}
			if after := db.Count(t, "clients"); after != before+1 {
				t.Errorf("clients = %d, want %d", after, before+1)
			}
			_, body := app.api(t, "GET", path, token, nil)
			if body["client_id"] != c["id"] {
				t.Errorf("inquiry client_id = %v, want %v", body["client_id"], c["id"])
			}
			if res, _ := app.api(t, "POST", path+"/convert", token, map[string]any{}); res.StatusCode != http.StatusConflict {
				t.Errorf("second convert: %d, want 409", res.StatusCode)
			}
		})

		t.Run("Board", func(t *testing.T) {
			_, other := app.api(t, "POST", "/api/v1/inquiries", token, map[string]any{"name_to_use": "Sam", "email": "sam@example.org", "source": "web"})
			if res, body := app.api(t, "PATCH", "/api/v1/inquiries/"+itoa(apiID(t, other)), token, map[string]any{"status": "closed", "reason": "Found care nearer home"}); res.StatusCode != http.StatusOK {
				t.Fatalf("close: %d %v", res.StatusCode, body)
			}
			res, body := app.api(t, "GET", "/api/v1/inquiries", token, nil)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("board: %d %s", res.StatusCode, res.body)
			}
			cols, _ := body["columns"].([]any)
			if len(cols) != len(kinship.InquiryStatuses) {
				t.Fatalf("columns = %d, want %d", len(cols), len(kinship.InquiryStatuses))
			}
			got := map[string]int{}
			for _, c := range cols {
				col := c.(map[string]any)
				if col["label"] == "" {
					t.Errorf("column %v has no label", col["status"])
				}
				got[col["status"].(string)] = len(col["inquiries"].([]any))
			}
			if got["assessment_booked"] != 1 || got["closed"] != 1 || got["new"] != 0 {
				t.Errorf("inquiries per column = %v", got)
			}
			stats := body["stats"].(map[string]any)
			byStatus := stats["by_status"].(map[string]any)
			if stats["total"] != float64(2) || byStatus["assessment_booked"] != float64(1) || byStatus["closed"] != float64(1) ||
				byStatus["new"] != float64(0) || stats["conversion_rate"] != float64(0) {
				t.Errorf("stats = %v", stats)
			}
			if want := storetest.Now.AddDate(0, 0, -90).Format(time.RFC3339); stats["since"] != want {
				t.Errorf("since = %v, want %s", stats["since"], want)
			}
		})
	})
}
