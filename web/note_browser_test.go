package web

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"kinship"
	"kinship/store/storetest"
)

// TestBrowserNotes walks the demo's notes on a phone as Sam and Priya
// would, and writes a note whose draft saves itself while Sam types.
func TestBrowserNotes(t *testing.T) {
	ctx := newBrowser(t)
	db := storetest.Open(t, "sqlite")
	accounts := seedDemo(t, db)
	app := newApp(t, db)
	base := app.http.URL
	id := func(query string) string {
		var v int64
		if err := db.Raw.QueryRow(query).Scan(&v); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		return itoa(v)
	}
	signIn := func(role kinship.Role) { signInAs(t, ctx, base, accounts, role) }

	signIn(kinship.RoleClinician) // Sam
	river := id("SELECT id FROM clients WHERE name_to_use = 'River'")
	group := id("SELECT MIN(id) FROM notes WHERE kind = 'group' AND client_id = " + river)
	for _, path := range []string{"/clients/" + river + "/notes", "/notes/" + group, "/notes/" + group + "/print",
		"/sessions/" + id("SELECT MIN(session_id) FROM group_notes") + "/note", "/cosign",
		"/notes/" + id("SELECT id FROM counseling_notes"), "/clients/" + river + "/notes/new?kind=counseling&template=SOAP"} {
		checkPage(t, ctx, base+path)
	}

	// A new note saves itself a few seconds after typing stops, then
	// becomes the draft's own page.
	saved := chromedp.Poll[chromedp.Void](`document.getElementById("autosave-status").textContent.startsWith("Saved")`, chromedp.WithPollingTimeout(10*time.Second))
	err := chromedp.Do(ctx, chromedp.Navigate(base+"/clients/"+river+"/notes/new?template=DAP"),
		chromedp.SendKeys(chromedp.CSS("#f-section-0"), "Talked about the weekend plan."), saved)
	location, lerr := chromedp.Run(ctx, chromedp.Location())
	if err != nil || lerr != nil {
		t.Fatalf("autosave of a new note: %v %v", err, lerr)
	}
	if !strings.Contains(location, "/notes/") || strings.Contains(location, "/new") {
		t.Errorf("after the first save the address is %s, want the draft's", location)
	}
	draft := location[strings.LastIndex(location, "/")+1:]
	checkCurrent(t, ctx, base+"/notes/"+draft)
	// Leaving a field saves at once.
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#f-section-1"), "Hopeful."), chromedp.Focus(chromedp.CSS("#f-section-2"))); err != nil {
		t.Fatalf("leave a field: %v", err)
	}
	var sections string
	for range 20 {
		if err := db.Raw.QueryRow("SELECT sections FROM notes WHERE id = " + draft).Scan(&sections); err != nil || strings.Contains(sections, "Hopeful.") {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if !strings.Contains(sections, "Talked about the weekend plan.") || !strings.Contains(sections, "Hopeful.") {
		t.Errorf("2 s after leaving the field, the saved draft holds %s", sections)
	}
	signOut(t, ctx)
	signIn(kinship.RoleSupervisor) // Priya
	waiting := id("SELECT id FROM notes WHERE cosign_required AND cosigned_at IS NULL AND signed_at IS NOT NULL")
	checkPage(t, ctx, base+"/cosign")
	if queue, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main"))); err != nil || !strings.Contains(queue, "Jordan Whitley") {
		t.Errorf("Priya's queue: %q (%v)", queue, err)
	}
	checkPage(t, ctx, base+"/notes/"+waiting)
	// A supervisor may write the group note of a session whose facilitator
	// has not.
	lifeSkills := id("SELECT MAX(s.id) FROM sessions s JOIN attendance a ON a.session_id = s.id WHERE s.title = 'Life skills'")
	checkPage(t, ctx, base+"/sessions/"+lifeSkills+"/note")
	if n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("textarea[name^='attendee.']").length`)); err != nil || n == 0 {
		t.Errorf("the group note form has %d attendees (%v)", n, err)
	}
	checkPage(t, ctx, base+"/notes/"+waiting)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("form[action$='/cosign'] button")), chromedp.WaitVisible(chromedp.CSS(".notice"))); err != nil {
		t.Fatalf("co-sign: %v", err)
	}
	checkCurrent(t, ctx, base+"/cosign?done=cosigned")
}
