package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kinship"
	"kinship/demo"
	"kinship/store/storetest"
)

// counselingSecret is from Sam's counseling note about River in the demo,
// which Sam keeps to themself.
const counselingSecret = "I rush to reassure when the silence gets long"

// releaseDemo is the demo with a consent of River's to Dr. Lee naming the
// whole record and SUD counseling notes; it returns River's chart path and
// a signed-in browser and an API token for each demo role.
type releaseDemo struct {
	app      *testApp
	river    int64
	browsers map[kinship.Role]*browser
	tokens   map[kinship.Role]string
	sam      *kinship.Staff
}

func setUpReleaseDemo(t *testing.T, db *storetest.DB) *releaseDemo {
	t.Helper()
	app := newApp(t, db)
	accounts := seedDemo(t, db)
	sys := kinship.SystemContext(t.Context())
	found, _, err := db.SearchClients(sys, kinship.ClientFilter{Q: "River"})
	if err != nil || len(found) == 0 {
		t.Fatalf("River: %v", err)
	}
	rd := &releaseDemo{app: app, river: found[0].ID, browsers: map[kinship.Role]*browser{}, tokens: map[kinship.Role]string{}}
	consent := kinship.ConsentFields{Discloser: demo.OrgName, Information: []kinship.InfoKind{kinship.InfoFullRecord, kinship.InfoCounselingNotes},
		InformationDetail: "My whole record and my counselor's own notes", Recipients: []string{"Dr. Lee"},
		Purposes: []kinship.Purpose{kinship.PurposeTreatment}, Expiry: kinship.ExpiryNone, RevocationNoted: true, SignedName: "River", Confirmed: true}
	if _, err := db.CreateConsent(sys, rd.river, consent); err != nil {
		t.Fatal(err)
	}
	for _, a := range accounts {
		if _, done := rd.browsers[a.Role]; done || !a.Role.Valid() {
			continue
		}
		b := app.browser(t)
		b.signIn(a.Email, a.Password)
		rd.browsers[a.Role] = b
		m, err := db.FindStaffByEmail(sys, a.Email)
		if err != nil {
			t.Fatal(err)
		}
		rd.tokens[a.Role] = app.token(t, m)
		if a.Email == "clinician@kinship.example" {
			rd.sam = m
		}
	}
	return rd
}

// release asks for kinds through the disclosures page (print or download)
// or the API, and returns the status and body.
func (rd *releaseDemo) release(t *testing.T, role kinship.Role, path string, kinds ...kinship.InfoKind) (int, string) {
	t.Helper()
	info := make([]string, len(kinds))
	for i, k := range kinds {
		info[i] = string(k)
	}
	if path == "api" {
		res, _ := rd.app.api(t, "POST", "/api/v1/clients/"+itoa(rd.river)+"/disclosures", rd.tokens[role],
			map[string]any{"recipient": "Dr. Lee", "purpose": "treatment", "information": info})
		return res.StatusCode, res.body
	}
	res := rd.browsers[role].post("/clients/"+itoa(rd.river)+"/disclosures", url.Values{"recipient": {"Dr. Lee"}, "purpose": {"treatment"},
		"information": info, "method": {path}})
	return res.StatusCode, res.body
}

// TestNoReleasePathHandsOutCounselingNotes: a supervisor, admin, front
// desk or billing user cannot open Sam's counseling note, and cannot get it
// by releasing it to themselves on the page, in a download or through the
// API; Sam can. Billing gets no progress notes either.
func TestNoReleasePathHandsOutCounselingNotes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		rd := setUpReleaseDemo(t, db)
		notes, err := db.Notes(storetest.As(rd.sam), rd.river)
		if err != nil {
			t.Fatal(err)
		}
		var noteID int64
		for _, n := range notes {
			if n.Kind == kinship.NoteCounseling {
				noteID = n.ID
			}
		}
		if res := rd.browsers[kinship.RoleClinician].get("/notes/" + itoa(noteID)); !strings.Contains(res.body, counselingSecret) {
			t.Fatalf("Sam cannot read their own counseling note: %d", res.StatusCode)
		}
		for _, role := range []kinship.Role{kinship.RoleSupervisor, kinship.RoleAdmin, kinship.RoleFrontDesk, kinship.RoleBilling} {
			t.Run(string(role), func(t *testing.T) {
				if res := rd.browsers[role].get("/notes/" + itoa(noteID)); res.StatusCode != http.StatusNotFound && res.StatusCode != http.StatusForbidden {
					t.Errorf("opening the note: %d, want it hidden", res.StatusCode)
				}
				for _, path := range []string{"print", "download", "api"} {
					for _, kinds := range [][]kinship.InfoKind{{kinship.InfoCounselingNotes}, {kinship.InfoFullRecord, kinship.InfoCounselingNotes}} {
						if status, body := rd.release(t, role, path, kinds...); strings.Contains(body, counselingSecret) {
							t.Errorf("%s of %v: %d and the counseling note's text", path, kinds, status)
						}
					}
				}
			})
		}
		t.Run("BillingGetsNoProgressNotes", func(t *testing.T) {
			for _, path := range []string{"print", "download", "api"} {
				status, body := rd.release(t, kinship.RoleBilling, path, kinship.InfoFullRecord)
				if status != http.StatusForbidden || !strings.Contains(body, "may not release") {
					t.Errorf("%s of the whole record by billing: %d, want 403 naming what billing may not release", path, status)
				}
				if strings.Contains(body, `"progress_notes":`) || strings.Contains(body, "<h2>Progress note, ") {
					t.Errorf("%s of the whole record by billing holds progress notes", path)
				}
			}
		})
		t.Run("TheAuthorMay", func(t *testing.T) {
			for _, path := range []string{"print", "download", "api"} {
				if status, body := rd.release(t, kinship.RoleClinician, path, kinship.InfoCounselingNotes); !strings.Contains(body, counselingSecret) {
					t.Errorf("Sam's %s of their own counseling notes: %d without the note", path, status)
				}
			}
		})
	})
}

// TestAPIReleaseIsTheDownloadedDocument: the API and the download of the
// same request give the same document, with every named kind in it, and
// each one's SHA-256 is the one its accounting row keeps; the CSV lists
// kinds and counts for every row.
func TestAPIReleaseIsTheDownloadedDocument(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		rd := setUpReleaseDemo(t, db)
		kinds := []kinship.InfoKind{kinship.InfoDiagnoses, kinship.InfoProgressNotes, kinship.InfoAttendance, kinship.InfoDrugScreens,
			kinship.InfoAssessments, kinship.InfoTreatmentPlan}
		status, apiBody := rd.release(t, kinship.RoleClinician, "api", kinds...)
		if status != http.StatusCreated {
			t.Fatalf("API release: %d %s", status, apiBody)
		}
		var answer struct {
			Disclosure struct {
				ID     int64  `json:"id"`
				SHA256 string `json:"sha256"`
			} `json:"disclosure"`
			Record json.RawMessage `json:"record"`
		}
		if err := json.Unmarshal([]byte(apiBody), &answer); err != nil {
			t.Fatal(err)
		}
		var apiDoc bytes.Buffer
		if err := json.Compact(&apiDoc, answer.Record); err != nil {
			t.Fatal(err)
		}
		status, download := rd.release(t, kinship.RoleClinician, "download", kinds...)
		if status != http.StatusOK {
			t.Fatalf("download: %d %s", status, download)
		}
		strip := func(doc []byte) map[string]any {
			var m map[string]any
			if err := json.Unmarshal(doc, &m); err != nil {
				t.Fatal(err)
			}
			delete(m, "disclosure_id")
			delete(m, "disclosed_at")
			return m
		}
		a, d := strip(apiDoc.Bytes()), strip([]byte(download))
		if ab, db := mustJSON(t, a), mustJSON(t, d); ab != db {
			t.Errorf("the API's record and the download differ:\napi      %s\ndownload %s", ab, db)
		}
		for key, want := range map[string]bool{"progress_notes": true, "episodes": true, "attendance": true, "drug_screens": true,
			"scores": true, "treatment_plan": true, "counseling_notes": false} {
			items, has := a[key]
			if has != want {
				t.Errorf("%s in the release = %v, want %v", key, has, want)
			}
			if list, ok := items.([]any); want && ok && len(list) == 0 {
				t.Errorf("%s is empty: River's record has some", key)
			}
		}
		res, accounting := rd.app.api(t, "GET", "/api/v1/clients/"+itoa(rd.river)+"/disclosures", rd.tokens[kinship.RoleClinician], nil)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("accounting: %d", res.StatusCode)
		}
		rows := accounting["disclosures"].([]any)
		digest := func(b []byte) string { s := sha256.Sum256(b); return hex.EncodeToString(s[:]) }
		// Newest first: the download, then the API's release.
		for i, doc := range [][]byte{[]byte(download), apiDoc.Bytes()} {
			row := rows[i].(map[string]any)
			if row["sha256"] != digest(doc) {
				t.Errorf("row %v: sha256 %v, want the digest of the document, %s", row["id"], row["sha256"], digest(doc))
			}
		}
		if rows[1].(map[string]any)["sha256"] != answer.Disclosure.SHA256 {
			t.Errorf("the API's answer and its accounting row disagree on the digest")
		}
		csvRes := rd.browsers[kinship.RoleClinician].get("/clients/" + itoa(rd.river) + "/disclosures.csv")
		records, err := csv.NewReader(strings.NewReader(csvRes.body)).ReadAll()
		if err != nil || len(records) < 3 {
			t.Fatalf("CSV: %v, %d rows", err, len(records))
		}
		col := map[string]int{}
		for i, h := range records[0] {
			col[h] = i
		}
		for _, r := range records[1:] {
			if held := r[col["released"]]; held == "" || strings.Contains(held, "not counted") {
				t.Errorf("CSV row %v lists no kinds and counts", r)
			}
		}
		if got := records[1][col["released"]]; !strings.Contains(got, "progress_notes: ") || !strings.Contains(got, "attendance: ") {
			t.Errorf("the download's row lists %q", got)
		}
		page := rd.browsers[kinship.RoleClinician].get("/clients/" + itoa(rd.river) + "/disclosures")
		if !strings.Contains(page.body, "Progress notes: ") || !strings.Contains(page.body, "Drug screen results: ") {
			t.Errorf("the accounting page does not show kinds and counts")
		}
	})
}

// TestPrintedReleaseHoldsWhatItNames: a printed release of attendance
// shows the sessions, of drug screens the screens, of scores the scores,
// each without the others; attendance carries no pronouns.
func TestPrintedReleaseHoldsWhatItNames(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		rd := setUpReleaseDemo(t, db)
		headings := map[kinship.InfoKind]string{kinship.InfoAttendance: "<h2>Attendance</h2>", kinship.InfoDrugScreens: "<h2>Drug screens</h2>",
			kinship.InfoAssessments: "<h2>Assessment scores</h2>"}
		cells := map[kinship.InfoKind]string{kinship.InfoAttendance: "Present", kinship.InfoDrugScreens: "negative", kinship.InfoAssessments: "PHQ-9"}
		for kind, heading := range headings {
			t.Run(string(kind), func(t *testing.T) {
				status, body := rd.release(t, kinship.RoleClinician, "print", kind)
				if status != http.StatusOK || !strings.Contains(body, heading) || !strings.Contains(body, cells[kind]) {
					t.Fatalf("print of %s: %d, without %s and %s", kind, status, heading, cells[kind])
				}
				for other, h := range headings {
					if other != kind && strings.Contains(body, h) {
						t.Errorf("a release of %s shows %s", kind, h)
					}
				}
				if strings.Contains(body, "(they/them)") {
					t.Errorf("a release of %s carries pronouns", kind)
				}
			})
		}
	})
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestDisclosureFormOffersConsentedRecipients: the recipient field offers
// the recipients River's consents in force name, as they are written, so a
// release to "Maya Ortiz (sister)" need not be guessed; a revoked consent's
// recipient is not offered.
func TestDisclosureFormOffersConsentedRecipients(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		rd := setUpReleaseDemo(t, db)
		sys := kinship.SystemContext(t.Context())
		gone, err := db.CreateConsent(sys, rd.river, kinship.ConsentFields{Discloser: demo.OrgName, Information: []kinship.InfoKind{kinship.InfoAttendance},
			InformationDetail: "My attendance", Recipients: []string{"Old Employer"}, Purposes: []kinship.Purpose{kinship.PurposeOther}, PurposeDetail: "work", Expiry: kinship.ExpiryNone,
			RevocationNoted: true, SignedName: "River", Confirmed: true})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.RevokeConsent(sys, gone.ID, "River asked"); err != nil {
			t.Fatal(err)
		}
		page := rd.browsers[kinship.RoleClinician].get("/clients/" + itoa(rd.river) + "/disclosures").body
		list := find(t, page, `(?s)<datalist id="f-recipient-list">(.*?)</datalist>`)
		for _, want := range []string{`<option value="Maya Ortiz (sister)">`, `<option value="Dr. Lee">`} {
			if !strings.Contains(list, want) {
				t.Errorf("the recipient list %q lacks %s", list, want)
			}
		}
		if strings.Contains(list, "Old Employer") {
			t.Errorf("the recipient list offers a revoked consent's recipient: %q", list)
		}
	})
}
