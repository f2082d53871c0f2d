package web

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"kinship"
	"kinship/demo"
	"kinship/store/storetest"
)

// TestBrowserClientDay is issue 7's walkthrough on a phone-sized browser:
// the demo client signs in, checks in with four taps and a submit, logs a
// trigger and a skill, and taps "I need support now". Their counselor
// then sees the check-in, its flag and the request on the dashboard.
func TestBrowserClientDay(t *testing.T) {
	ctx := newBrowser(t)
	db := storetest.Open(t, "sqlite")
	accounts := seedDemo(t, db)
	base := newApp(t, db).http.URL
	err := chromedp.Do(ctx, chromedp.Navigate(base+"/portal/signin"),
		chromedp.SendKeys(chromedp.CSS("#f-email"), demo.ClientEmail), chromedp.SendKeys(chromedp.CSS("#f-password"), demo.ClientPassword),
		chromedp.Submit(chromedp.CSS("#f-password")), chromedp.WaitVisible(chromedp.CSS("#support-now")))
	if err != nil {
		t.Fatalf("client sign-in: %v", err)
	}
	checkPage(t, ctx, base+"/me")

	// The check-in: five taps (craving, mood, use, a trigger chip, save)
	// and nothing to type; that is the "30 seconds".
	checkPage(t, ctx, base+"/me/checkin")
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`label[for="f-craving-9"]`)),
		chromedp.Click(chromedp.CSS(`label[for="f-mood-2"]`)),
		chromedp.Click(chromedp.CSS(`label[for="f-used-no"]`)),
		chromedp.Click(chromedp.CSS(`label[for="f-trigger-0"]`)),
		chromedp.Click(chromedp.CSS(`form.checkin button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(".notice")))
	if err != nil {
		t.Fatalf("check in: %v", err)
	}
	if notice, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".notice"))); !strings.Contains(notice, "Thank you for checking in") {
		t.Errorf("after checking in: %q", notice)
	}
	checkCurrent(t, ctx, base+"/me/checkins")

	// A trigger and the skill used on it.
	checkPage(t, ctx, base+"/me/log")
	err = chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS("#f-situation"), "Walked past my old bar after work"),
		chromedp.SendKeys(chromedp.CSS("#f-trigger"), "Passing the bar"),
		chromedp.SetValue(chromedp.CSS("#f-skill"), "Urge surfing"),
		chromedp.Click(chromedp.CSS(`label[for="f-outcome-4"]`)),
		chromedp.Click(chromedp.CSS(`form.log-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(".notice")))
	if err != nil {
		t.Fatalf("log a skill: %v", err)
	}
	if body, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main"))); !strings.Contains(body, "Passing the bar") {
		t.Errorf("the log does not show the entry")
	}

	// One tap: the crisis lines at once.
	err = chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#support-now button")), chromedp.WaitVisible(chromedp.CSS(".crisis")))
	if err != nil {
		t.Fatalf("support now: %v", err)
	}
	crisis, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".crisis")))
	for _, line := range []string{"988", "741741", "Trevor", "Trans Lifeline"} {
		if !strings.Contains(crisis, line) {
			t.Errorf("the crisis lines lack %s", line)
		}
	}
	checkCurrent(t, ctx, base+"/me/support")

	// The counselor's dashboard, in the same phone.
	var sam demo.Account
	for _, a := range accounts {
		if a.Name == "Sam Okafor" {
			sam = a
		}
	}
	err = chromedp.Do(ctx, chromedp.Navigate(base+"/signin"),
		chromedp.SendKeys(chromedp.CSS("#f-email"), sam.Email), chromedp.SendKeys(chromedp.CSS("#f-password"), sam.Password),
		chromedp.Submit(chromedp.CSS("#f-password")), chromedp.WaitVisible(chromedp.CSS("#checkins-h")))
	if err != nil {
		t.Fatalf("counselor sign-in: %v", err)
	}
	dash, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
	for _, want := range []string{"River asked for support now", "craving 9 of 10", kinship.FlagLabel(kinship.FlagCraving)} {
		if !strings.Contains(dash, want) {
			t.Errorf("the counselor's dashboard lacks %q", want)
		}
	}
	checkCurrent(t, ctx, base+"/dashboard")
}
