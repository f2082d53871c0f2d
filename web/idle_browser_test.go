package web

import (
	"net/url"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"kinship/store/storetest"
)

// TestBrowserIdleWarning: with a 6-second idle limit, a counselor who keeps
// typing is never warned nor signed out; one who stops sees the warning
// first, is then signed out, and signing in again returns to the page.
func TestBrowserIdleWarning(t *testing.T) {
	ctx := newBrowser(t)
	db := storetest.Open(t, "sqlite")
	db.MustSetUp(t)
	app := newAppIdle(t, db, 6*time.Second)
	base := app.http.URL
	signIn := func() {
		t.Helper()
		err := chromedp.Do(ctx,
			chromedp.WaitVisible(chromedp.CSS("#f-email")),
			chromedp.SendKeys(chromedp.CSS("#f-email"), "admin@example.org"),
			chromedp.SendKeys(chromedp.CSS("#f-password"), storetest.AdminPassword),
			chromedp.Click(chromedp.CSS("button.primary")),
			chromedp.WaitVisible(chromedp.CSS("#f-hours")))
		if err != nil {
			t.Fatalf("sign in: %v", err)
		}
	}
	state := func() (path string, warned bool) {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Evaluate[[]any](`[location.pathname, !!(document.getElementById("idle-warning") || {}).open]`))
		if err != nil || len(s) != 2 {
			t.Fatal(err)
		}
		path, _ = s[0].(string)
		warned, _ = s[1].(bool)
		return path, warned
	}

	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/signin?next=/account")); err != nil {
		t.Fatal(err)
	}
	signIn()
	// Nine seconds of typing, half again the idle limit.
	for end := time.Now().Add(9 * time.Second); time.Now().Before(end); {
		if path, warned := state(); path != "/account" || warned {
			t.Fatalf("while typing: on %s, warned %v; want /account, no warning", path, warned)
		}
		if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#f-hours"), "m")); err != nil {
			t.Fatal(err)
		}
		time.Sleep(400 * time.Millisecond)
	}
	screenshot(t, ctx, base+"/account?typing")

	// Then hands off: the warning comes while the page is still there.
	sawWarning := false
	for end := time.Now().Add(10 * time.Second); time.Now().Before(end); time.Sleep(200 * time.Millisecond) {
		path, warned := state()
		if warned && path == "/account" && !sawWarning {
			sawWarning = true
			screenshot(t, ctx, base+"/account?idle-warning")
		}
		if path == "/signin" {
			break
		}
	}
	if !sawWarning {
		t.Error("signed out without a warning first")
	}
	href, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(href)
	if u.Path != "/signin" || u.Query().Get("next") != "/account" {
		t.Fatalf("after the idle limit the browser shows %s, want /signin?next=/account", href)
	}
	signIn() // waits for /account's working-hours field
}
