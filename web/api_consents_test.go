package web

import (
	"net/http"
	"strings"
	"testing"

	"kinship"
	"kinship/store/storetest"
)

// apiFamilyConsent lets the program tell the client's sister about attendance.
func apiFamilyConsent() map[string]any {
	return map[string]any{
		"discloser": "Rainbow Recovery", "information": []string{"attendance"}, "information_detail": "Whether I attended each group",
		"recipients": []string{"Maya Lopez (sister)"}, "purposes": []string{"family_support"}, "expiry": "date",
		"expires_on": "2027-01-31", "revocation_noted": true, "signed_name": "River", "confirmed": true,
	}
}

func TestAPIConsentsAndDisclosures(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		app := newApp(t, db)
		_, admin := db.MustSetUp(t)
		_, desk := db.AddStaff(t, kinship.RoleFrontDesk, "desk@example.org")
		token := app.token(t, desk)
		_, created := app.api(t, "POST", "/api/v1/clients", token, apiRiver())
		client := "/api/v1/clients/" + itoa(apiID(t, created))
		sister := map[string]any{"recipient": "maya lopez (sister)", "purpose": "family_support", "information": []string{"attendance"}}
		refused := func(t *testing.T, why string) {
			t.Helper()
			before := db.Count(t, "disclosures")
			res, body := app.api(t, "POST", client+"/disclosures", token, sister)
			if res.StatusCode != http.StatusForbidden || errorCode(body) != "forbidden" || !strings.Contains(res.body, why) {
				t.Errorf("disclosure: %d %s, want 403 because %s", res.StatusCode, res.body, why)
			}
			if after := db.Count(t, "disclosures"); after != before {
				t.Errorf("a refused disclosure was accounted: %d, want %d", after, before)
			}
		}

		t.Run("NoConsent", func(t *testing.T) { refused(t, "no consent is on file") })

		t.Run("BadConsent", func(t *testing.T) {
			paper := apiFamilyConsent()
			paper["signature_method"] = "paper_scan"
			badDate := apiFamilyConsent()
			badDate["expires_on"] = "2027-02-30"
			for _, tc := range []struct {
				name   string
				body   any
				fields []string
			}{
				{"MissingElements", map[string]any{"expiry": "sometime"}, []string{"discloser", "information", "information_detail",
					"recipients", "purposes", "expiry", "revocation_noted", "signed_name", "confirmed"}},
				{"ImpossibleExpiry", badDate, []string{"expires_on"}},
				{"PaperWithoutScan", paper, []string{"scan_document_id"}},
			} {
				t.Run(tc.name, func(t *testing.T) {
					res, body := app.api(t, "POST", client+"/consents", token, tc.body)
					if res.StatusCode != http.StatusBadRequest {
						t.Fatalf("status %d, want 400: %s", res.StatusCode, res.body)
					}
					for _, f := range tc.fields {
						if errorField(body, f) == "" {
							t.Errorf("no message for %s: %s", f, res.body)
						}
					}
				})
			}
			if n := db.Count(t, "consents"); n != 0 {
				t.Errorf("consents = %d after rejected requests", n)
			}
		})

		res, consent := app.api(t, "POST", client+"/consents", token, apiFamilyConsent())
		if res.StatusCode != http.StatusCreated {
			t.Fatalf("create consent: %d %s", res.StatusCode, res.body)
		}
		if consent["in_force"] != true || consent["revoked_at"] != nil || consent["signature_method"] != "typed" ||
			consent["signed_on"] != "2026-11-23" || consent["expires_on"] != "2027-01-31" {
			t.Errorf("consent %v", consent)
		}

		t.Run("List", func(t *testing.T) {
			res, body := app.api(t, "GET", client+"/consents", token, nil)
			list, _ := body["consents"].([]any)
			if res.StatusCode != http.StatusOK || len(list) != 1 {
				t.Fatalf("consents: %d %s", res.StatusCode, res.body)
			}
			c := list[0].(map[string]any)
			for _, key := range []string{"information", "information_detail", "recipients", "tpo", "purposes", "purpose_detail", "expiry",
				"expires_on", "revocation_noted", "signed_name", "signed_on", "signature_method", "revoked_at", "in_force"} {
				if _, ok := c[key]; !ok {
					t.Errorf("no %s in %v", key, c)
				}
			}
			if c["in_force"] != true || c["id"] != consent["id"] {
				t.Errorf("listed %v", c)
			}
		})

		t.Run("Covered", func(t *testing.T) {
			res, body := app.api(t, "POST", client+"/disclosures", token, sister)
			if res.StatusCode != http.StatusCreated {
				t.Fatalf("disclose: %d %s", res.StatusCode, res.body)
			}
			if body["notice"] != kinship.Part2Notice {
				t.Errorf("notice = %v, want the §2.32 notice", body["notice"])
			}
			d := body["disclosure"].(map[string]any)
			if d["consent_id"] != consent["id"] || d["method"] != "api" || d["purpose"] != "family_support" {
				t.Errorf("disclosure %v", d)
			}
			rec := body["record"].(map[string]any)["client"].(map[string]any)
			if rec["name_to_use"] != "River" || rec["mrn"] != "K000001" {
				t.Errorf("record client %v", rec)
			}
			for _, key := range []string{"legal_name", "birth_date", "phone"} {
				if _, ok := rec[key]; ok {
					t.Errorf("attendance released %s: %v", key, rec)
				}
			}
			if strings.Contains(res.body, "Deadname") {
				t.Errorf("the legal name left the program: %s", res.body)
			}
		})

		t.Run("Revoke", func(t *testing.T) {
			revoke := "/api/v1/consents/" + itoa(apiID(t, consent)) + "/revoke"
			res, body := app.api(t, "POST", revoke, token, map[string]any{"note": "Client asked in group"})
			if res.StatusCode != http.StatusOK || body["revoked_at"] == nil || body["in_force"] != false || body["revoke_note"] != "Client asked in group" {
				t.Fatalf("revoke: %d %s", res.StatusCode, res.body)
			}
			if res, _ := app.api(t, "POST", revoke, token, map[string]any{"note": "again"}); res.StatusCode != http.StatusConflict {
				t.Errorf("second revocation: %d, want 409", res.StatusCode)
			}
			refused(t, "the consent was revoked")
		})

		t.Run("Accounting", func(t *testing.T) {
			res, body := app.api(t, "GET", client+"/disclosures", app.token(t, admin), nil)
			list, _ := body["disclosures"].([]any)
			if res.StatusCode != http.StatusOK || len(list) != 1 {
				t.Fatalf("accounting: %d %s", res.StatusCode, res.body)
			}
			d := list[0].(map[string]any)
			info, _ := d["information"].([]any)
			if d["recipient"] != "maya lopez (sister)" || d["consent_id"] != consent["id"] || d["method"] != "api" ||
				d["disclosed_by"] != desk.Name || len(info) != 1 || info[0] != "attendance" || d["disclosed_at"] == nil {
				t.Errorf("accounting row %v", d)
			}
		})
	})
}
