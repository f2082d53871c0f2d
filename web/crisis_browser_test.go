package web

import (
	"slices"
	"testing"

	"github.com/chromedp/chromedp"

	"kinship/demo"
	"kinship/screening"
	"kinship/store/storetest"
)

// TestBrowserCrisisLinks reads, in a phone-sized Chromium, the link each
// crisis line dials or texts on every page that shows them: River's
// support page and pocket card, and the public screening of someone who
// says they are in danger and answers nothing else.
func TestBrowserCrisisLinks(t *testing.T) {
	ctx := newBrowser(t)
	db := storetest.Open(t, "sqlite")
	seedDemo(t, db)
	base := newApp(t, db).http.URL
	var want []string
	for _, r := range screening.CrisisResources {
		want = append(want, r.Href)
	}
	// hrefs is what a tap opens: the href property, as the browser resolved it.
	hrefs := func(label, selector string) {
		t.Helper()
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("`+selector+`")].map(a => a.href)`))
		if err != nil {
			t.Fatalf("%s: %v", label, err)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: crisis links %q, want %q", label, got, want)
		}
	}

	err := chromedp.Do(ctx, chromedp.Navigate(base+"/screen"),
		chromedp.Click(chromedp.CSS(`label[for="f-danger_to_self"]`)),
		chromedp.Click(chromedp.CSS("button.primary")),
		chromedp.WaitVisible(chromedp.CSS(".crisis")))
	if err != nil {
		t.Fatalf("screening in danger: %v", err)
	}
	hrefs("/screen in danger", ".crisis a")
	program, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('a[href^="tel:5105550100"]')?.textContent ?? ""`))
	if err != nil || program != demo.OrgPhone {
		t.Errorf("the program's phone link reads %q, want %q (%v)", program, demo.OrgPhone, err)
	}
	checkCurrent(t, ctx, base+"/screen/crisis")

	err = chromedp.Do(ctx, chromedp.Navigate(base+"/portal/signin"),
		chromedp.SendKeys(chromedp.CSS("#f-email"), demo.ClientEmail), chromedp.SendKeys(chromedp.CSS("#f-password"), demo.ClientPassword),
		chromedp.Submit(chromedp.CSS("#f-password")), chromedp.WaitVisible(chromedp.CSS("#support-now")))
	if err != nil {
		t.Fatalf("River signs in: %v", err)
	}
	checkPage(t, ctx, base+"/me/support")
	hrefs("/me/support", ".crisis a")
	checkPage(t, ctx, base+"/me/plan/card")
	hrefs("/me/plan/card", ".card-lines a")
}
