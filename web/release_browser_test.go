package web

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"kinship"
	"kinship/store/storetest"
)

// TestBrowserReleases releases River's records as a new user would, on a
// phone and at desktop width: attendance to their sister by the front
// desk, then drug screens and scores to a doctor by Sam. Each printed
// release shows the rows it names, and the accounting their counts.
func TestBrowserReleases(t *testing.T) {
	ctx := newBrowser(t)
	db := storetest.Open(t, "sqlite")
	accounts := seedDemo(t, db)
	base := newApp(t, db).http.URL
	signIn := func(role kinship.Role) { signInAs(t, ctx, base, accounts, role) }
	release := func(recipient, purpose string, kind kinship.InfoKind, heading string) {
		t.Helper()
		err := chromedp.Do(ctx, chromedp.Navigate(base+"/clients/1/disclosures"),
			chromedp.SendKeys(chromedp.CSS("#f-recipient"), recipient),
			chromedp.SetValue(chromedp.CSS("#f-purpose"), purpose),
			chromedp.Click(chromedp.CSS("#f-info-"+string(kind))),
			chromedp.Click(chromedp.CSS("form[action$='/disclosures'] button.primary")),
			chromedp.WaitVisible(chromedp.CSS(".notice-2-32")))
		if err != nil {
			t.Fatalf("release %s: %v", kind, err)
		}
		headings, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll(".released h2")].map(h => h.textContent)`))
		rows, rerr := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(".released tbody tr").length`))
		if err != nil || rerr != nil || len(headings) != 1 || headings[0] != heading || rows == 0 {
			t.Errorf("a release of %s shows headings %q and %d rows (%v %v); want %q with rows", kind, headings, rows, err, rerr, heading)
		}
		checkCurrent(t, ctx, base+"/disclosed-"+string(kind))
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
			t.Fatal(err)
		}
		screenshot(t, ctx, base+"/disclosed-"+string(kind)+"-desktop")
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(360, 740)); err != nil {
			t.Fatal(err)
		}
	}

	signIn(kinship.RoleFrontDesk)
	release("Maya Ortiz (sister)", "family_support", kinship.InfoAttendance, "Attendance")
	if body, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".released"))); err != nil || strings.Contains(body, "they/them") {
		t.Errorf("the attendance release carries pronouns (%v)", err)
	}
	signOut(t, ctx)

	signIn(kinship.RoleClinician)
	release("Dr. Lee", "treatment", kinship.InfoDrugScreens, "Drug screens")
	release("Dr. Lee", "treatment", kinship.InfoAssessments, "Assessment scores")
	checkPage(t, ctx, base+"/clients/1/disclosures")
	held, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("#accounting-h ~ .table-wrap tbody tr td:nth-child(4)")].map(td => td.textContent)`))
	if err != nil || len(held) < 3 || !strings.HasPrefix(held[0], "Assessment scores: ") || !strings.HasPrefix(held[1], "Drug screen results: ") ||
		!strings.HasPrefix(held[2], "Attendance: ") {
		t.Errorf("the accounting shows %q (%v); want each release's kind and count, newest first", held, err)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err == nil {
		screenshot(t, ctx, base+"/clients/1/disclosures-desktop")
	}
}
