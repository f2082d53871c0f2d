package web

import (
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kinship/store/storetest"
)

// TestClonedGroupNoteWarns: Sam writes the same part for River and Jamie.
// Signing warns, marks both parts and asks why, and writes nothing; with
// a reason it signs, and the reason stays with the note and in the audit.
func TestClonedGroupNoteWarns(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		w := setUpNotesWorld(t, db)
		sam := w.as(t, w.sam)
		session := "/sessions/" + itoa(w.session)
		for _, id := range []int64{w.river.ID, w.jamie.ID} {
			if res := sam.post(session+"/attendance", url.Values{"client_id": {itoa(id)}, "status": {"present"}}); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("attendance: %d", res.StatusCode)
			}
		}
		form := url.Values{"section.Topic": {"Asking for help"}, "section.Curriculum": {"Seeking Safety: asking for help"},
			"section.Interventions": {"Role-play; skills practice"}, "action": {"sign"},
			"attendee." + itoa(w.river.ID): {"River engaged well and practised grounding with the group."},
			"attendee." + itoa(w.jamie.ID): {"Jamie engaged well, and practised grounding with the group!"}}

		res := sam.post(session+"/note", form)
		page := html.UnescapeString(res.body)
		if res.StatusCode != http.StatusBadRequest || !strings.Contains(page, "Some attendees' parts are the same or nearly so") {
			t.Fatalf("signing alike parts: %d, want 400 with the warning\n%s", res.StatusCode, page)
		}
		for _, id := range []int64{w.river.ID, w.jamie.ID} {
			if !strings.Contains(page, `id="f-attendee-`+itoa(id)+`-error">This part is the same as, or nearly the same as, another attendee's.`) {
				t.Errorf("client %d's part is not marked", id)
			}
		}
		if !strings.Contains(page, `<label for="f-clone-reason">Why these parts are alike</label>`) || !strings.Contains(page, "Jamie engaged well, and practised grounding with the group!") {
			t.Errorf("the warning does not ask why, or lost what was typed:\n%s", page)
		}
		if n := db.Count(t, "notes"); n != 0 {
			t.Errorf("%d notes signed despite the warning", n)
		}
		// The API refuses the same way.
		if res, out := sam.json("POST", "/api/v1"+session+"/group-note/sign", nil); res.StatusCode != http.StatusBadRequest || errorField(out, "clone_reason") == "" {
			t.Errorf("API sign of alike parts: %d %s", res.StatusCode, res.body)
		}

		reason := "Both did only the written grounding exercise today, side by side."
		form.Set("clone_reason", reason)
		if res := sam.post(session+"/note", form); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("signing with a reason: %d\n%s", res.StatusCode, res.body)
		}
		if n := db.Count(t, "notes"); n != 2 {
			t.Errorf("%d notes after signing with a reason, want 2", n)
		}
		if signed := html.UnescapeString(sam.get(session + "/note").body); !strings.Contains(signed, "The reason given: "+reason) {
			t.Errorf("the signed note does not show the reason:\n%s", signed)
		}
		var detail string
		db.Raw.QueryRow("SELECT detail FROM audit_events WHERE action = 'group_note.sign'").Scan(&detail)
		if !strings.Contains(detail, "parts alike") {
			t.Errorf("the audit of the signing says %q, want it to note the alike parts", detail)
		}
	})
}
