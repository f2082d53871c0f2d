package web

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"kinship"
	"kinship/store/storetest"
)

// TestBrowserRegistrationMatch registers a returning client again on a
// phone: the matches show, fitting 360 px, the typed details stay, and
// the match opens the chart at its admission form. Each page is also
// looked at on a desktop.
func TestBrowserRegistrationMatch(t *testing.T) {
	ctx := newBrowser(t)
	db := storetest.Open(t, "sqlite")
	admin, _ := db.MustSetUp(t)
	prog, _, quinn := dischargedQuinn(t, db, admin)
	if _, err := db.CreateTrack(admin, kinship.TrackCreate{ProgramID: prog.ID, Name: "Mornings", Days: []time.Weekday{time.Monday}, Start: "09:00", End: "12:00"}); err != nil {
		t.Fatal(err)
	}
	app := newApp(t, db)
	base := app.http.URL

	err := chromedp.Do(ctx, chromedp.Navigate(base+"/signin"),
		chromedp.SendKeys(chromedp.CSS("#f-email"), "admin@example.org"),
		chromedp.SendKeys(chromedp.CSS("#f-password"), storetest.AdminPassword),
		chromedp.Click(chromedp.CSS("button.primary")),
		chromedp.WaitVisible(chromedp.CSS("#programs-h")),
		chromedp.Navigate(base+"/clients/new"),
		chromedp.SendKeys(chromedp.CSS("#f-name_to_use"), "Q"),
		chromedp.SetValue(chromedp.CSS("#f-birth_date"), "1994-06-01"),
		chromedp.SendKeys(chromedp.CSS("#f-phone"), "510 555 0142"),
		chromedp.Click(chromedp.CSS("button.primary")),
		chromedp.WaitVisible(chromedp.CSS("#matches-h")),
	)
	if err != nil {
		t.Fatalf("register Quinn again: %v", err)
	}
	checkCurrent(t, ctx, base+"/clients/new-matches")
	match, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".matches li a")))
	if want := "Quinn (they/them), born 1994-06-01, discharged " + (kinship.Date{Year: 2026, Month: 10, Day: 12}).Label() + ": readmit instead?"; match != want {
		t.Errorf("the match reads %q, want %q", match, want)
	}
	if typed, _ := chromedp.Run(ctx, chromedp.Value(chromedp.CSS("#f-phone"))); typed != "510 555 0142" {
		t.Errorf("the phone field holds %q after the refusal", typed)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".matches li a")), chromedp.WaitVisible(chromedp.CSS("#admit"))); err != nil {
		t.Fatalf("open the match: %v", err)
	}
	checkCurrent(t, ctx, base+"/clients/"+itoa(quinn.ID)+"-admit")
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatal(err)
	}
	screenshot(t, ctx, base+"/clients/"+itoa(quinn.ID)+"-admit-desktop")
	err = chromedp.Do(ctx, chromedp.Navigate(base+"/clients/new"),
		chromedp.SendKeys(chromedp.CSS("#f-name_to_use"), "Quin"),
		chromedp.SetValue(chromedp.CSS("#f-birth_date"), "1994-06-01"),
		chromedp.Click(chromedp.CSS("button.primary")),
		chromedp.WaitVisible(chromedp.CSS("#matches-h")))
	if err != nil {
		t.Fatalf("register Quinn again on a desktop: %v", err)
	}
	screenshot(t, ctx, base+"/clients/new-matches-desktop")
}
