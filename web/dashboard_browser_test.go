package web

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"

	"kinship"
	"kinship/store/storetest"
)

// TestBrowserDashboardsAndSchedule looks at the counselor's and the front
// desk's dashboards and the schedule on a phone and on a desktop: nothing
// wider than the screen, and the week's days side by side on a desktop,
// one above another on a phone.
func TestBrowserDashboardsAndSchedule(t *testing.T) {
	db := storetest.Open(t, "sqlite")
	accounts := seedDemo(t, db)
	app := newApp(t, db)
	base := app.http.URL
	for _, role := range []kinship.Role{kinship.RoleClinician, kinship.RoleFrontDesk} {
		t.Run(string(role), func(t *testing.T) {
			ctx := newBrowser(t)
			for _, a := range accounts {
				if a.Role != role {
					continue
				}
				err := chromedp.Do(ctx, chromedp.Navigate(base+"/signin"),
					chromedp.SendKeys(chromedp.CSS("#f-email"), a.Email),
					chromedp.SendKeys(chromedp.CSS("#f-password"), a.Password),
					chromedp.Click(chromedp.CSS("button.primary")),
					chromedp.WaitVisible(chromedp.CSS("#programs-h")))
				if err != nil {
					t.Fatalf("sign in as %s: %v", a.Email, err)
				}
				break
			}
			for _, width := range []int64{360, 1280} {
				if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900)); err != nil {
					t.Fatal(err)
				}
				for _, path := range []string{"/dashboard", "/schedule", "/schedule?day=" + db.Clock.Now().Format("2006-01-02")} {
					if err := chromedp.Do(ctx, chromedp.Navigate(base+path), chromedp.WaitVisible(chromedp.CSS("main"))); err != nil {
						t.Fatal(err)
					}
					checkCurrent(t, ctx, fmt.Sprintf("%s%s-%s-%d", base, path, role, width))
				}
				if err := chromedp.Do(ctx, chromedp.Navigate(base+"/schedule"), chromedp.WaitVisible(chromedp.CSS(".week-grid"))); err != nil {
					t.Fatal(err)
				}
				tops, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`[...document.querySelectorAll(".week-grid .day-block")].map(d => d.getBoundingClientRect().top)`))
				if err != nil || len(tops) != 7 {
					t.Fatalf("week grid: %d days (%v)", len(tops), err)
				}
				sideBySide := tops[0] == tops[6]
				if want := width > 360; sideBySide != want {
					t.Errorf("at %d px the days are side by side: %v, want %v (tops %v)", width, sideBySide, want, tops)
				}
			}
		})
	}
}
