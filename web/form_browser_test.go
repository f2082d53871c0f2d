package web

import (
	"testing"

	"github.com/chromedp/chromedp"

	"kinship"
	"kinship/store/storetest"
)

// TestBrowserFailedForm sends the weekly-session form with its end before
// its start, on a phone: focus lands on the error summary, what was typed
// is still there, and the summary's link puts the cursor in the field.
func TestBrowserFailedForm(t *testing.T) {
	ctx := newBrowser(t)
	db := storetest.Open(t, "sqlite")
	accounts := seedDemo(t, db)
	base := newApp(t, db).http.URL
	signInAs(t, ctx, base, accounts, kinship.RoleAdmin)
	err := chromedp.Do(ctx, chromedp.Navigate(base+"/schedule/setup"),
		chromedp.SendKeys(chromedp.CSS("#f-series-title"), "Evening process group"),
		chromedp.Click(chromedp.CSS(`label[for="f-series-day-tue"]`)),
		chromedp.SetValue(chromedp.CSS("#f-series-start"), "18:00"),
		chromedp.SetValue(chromedp.CSS("#f-series-end"), "17:00"),
		chromedp.SetValue(chromedp.CSS("#f-series-from"), "2027-01-05"),
		chromedp.Submit(chromedp.CSS("#f-series-title")),
		chromedp.WaitVisible(chromedp.CSS(".error-summary")))
	if err != nil {
		t.Fatal(err)
	}
	checkCurrent(t, ctx, base+"/schedule/series (refused)")
	focused, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.className`))
	if focused != "alert error-summary" {
		t.Errorf("focus is on %q, want the error summary", focused)
	}
	title, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("f-series-title").value`))
	tuesday, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById("f-series-day-tue").checked`))
	if title != "Evening process group" || !tuesday {
		t.Errorf("the form came back with title %q and Tuesday ticked %v, want what was typed", title, tuesday)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`.error-summary a`))); err != nil {
		t.Fatal(err)
	}
	field, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.id`))
	if field != "f-series-end" {
		t.Errorf("the summary's link focused %q, want the end time", field)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatal(err)
	}
	screenshot(t, ctx, base+"/schedule/series (refused, desktop)")
}
