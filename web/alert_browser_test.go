package web

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"kinship/store/storetest"
)

// TestBrowserSupportCancelAndAlertLanding, on a phone: the client taps
// "I need support now" and then "Tapped by mistake? Cancel"; their
// counselor's dashboard shows it cancelled. The counselor then saves a
// PHQ-9 that raises an alert and lands with focus on that alert; a second
// PHQ-9 the same day stops at a confirm step.
func TestBrowserSupportCancelAndAlertLanding(t *testing.T) {
	ctx := newBrowser(t)
	db := storetest.Open(t, "sqlite")
	app, _, river, _, _ := portalSetUp(t, db)
	base := app.http.URL
	err := chromedp.Do(ctx, chromedp.Navigate(base+"/portal/signin"),
		chromedp.SendKeys(chromedp.CSS("#f-email"), river.email), chromedp.SendKeys(chromedp.CSS("#f-password"), storetest.AdminPassword),
		chromedp.Submit(chromedp.CSS("#f-password")), chromedp.WaitVisible(chromedp.CSS("#support-now")),
		chromedp.Click(chromedp.CSS("#support-now button")), chromedp.WaitVisible(chromedp.CSS("form.mistake")))
	if err != nil {
		t.Fatalf("support now: %v", err)
	}
	checkCurrent(t, ctx, base+"/me/support")
	desktop(t, ctx, base+"/me/support")
	err = chromedp.Do(ctx, chromedp.Click(chromedp.CSS("form.mistake button")), chromedp.WaitVisible(chromedp.CSS(".notice")))
	if err != nil {
		t.Fatalf("cancel: %v", err)
	}
	if body, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main"))); !strings.Contains(body, "You cancelled this request") {
		t.Errorf("after cancelling, the page says:\n%s", body)
	}
	checkCurrent(t, ctx, base+"/me/support?done=cancelled")

	err = chromedp.Do(ctx, chromedp.Navigate(base+"/signin"),
		chromedp.SendKeys(chromedp.CSS("#f-email"), "sam@example.org"), chromedp.SendKeys(chromedp.CSS("#f-password"), storetest.AdminPassword),
		chromedp.Submit(chromedp.CSS("#f-password")), chromedp.WaitVisible(chromedp.CSS(".alert-item")))
	if err != nil {
		t.Fatalf("counselor sign-in: %v", err)
	}
	if item, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".alert-item"))); !strings.Contains(item, "Cancelled by the client at") {
		t.Errorf("the dashboard's alert says %q", item)
	}
	checkCurrent(t, ctx, base+"/dashboard")
	desktop(t, ctx, base+"/dashboard")

	// Answers with item 9 above 0, entered from paper.
	chart := base + "/clients/" + itoa(river.client.ID)
	answer := func(item9 string) error {
		actions := []chromedp.Action[chromedp.Void]{chromedp.Navigate(chart + "/measures/new?code=phq9"), chromedp.WaitVisible(chromedp.CSS("form.instrument"))}
		for i := 1; i <= 8; i++ {
			actions = append(actions, chromedp.Click(chromedp.CSS(`label[for="f-item-`+itoa(int64(i))+`-1"]`)))
		}
		actions = append(actions, chromedp.Click(chromedp.CSS(`label[for="f-item-9-`+item9+`"]`)),
			chromedp.Click(chromedp.CSS(`form.instrument button[type=submit]`)))
		return chromedp.Do(ctx, actions...)
	}
	if err := answer("1"); err != nil {
		t.Fatalf("PHQ-9: %v", err)
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(".notice"))); err != nil {
		t.Fatal(err)
	}
	focused, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.id + " " + document.activeElement.textContent`))
	if !strings.HasPrefix(focused, "alert-") || !strings.Contains(focused, "PHQ-9 answers show a risk") {
		t.Errorf("after saving, focus is on %q, want the alert", focused)
	}
	checkCurrent(t, ctx, chart+"?done=measure-alert")

	if err := answer("0"); err != nil {
		t.Fatalf("second PHQ-9: %v", err)
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("#f-another_same_day"))); err != nil {
		t.Fatalf("no confirm step: %v", err)
	}
	checkCurrent(t, ctx, chart+"/measures second same day")
	desktop(t, ctx, chart+"/measures second same day")
}

// desktop keeps a screenshot of the page at desktop width, then goes back
// to the phone.
func desktop(t *testing.T, ctx context.Context, label string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatal(err)
	}
	screenshot(t, ctx, label+" desktop")
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(360, 740)); err != nil {
		t.Fatal(err)
	}
}
