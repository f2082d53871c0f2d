package web

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"kinship"
	"kinship/demo"
	"kinship/store/storetest"
)

// chromium finds a Chromium to drive: KINSHIP_CHROMIUM, or one on PATH.
// Without one the browser tests skip, unless KINSHIP_REQUIRE_BROWSER is
// set (CI sets it), when they fail.
func chromium(t *testing.T) string {
	t.Helper()
	candidates := []string{os.Getenv("KINSHIP_CHROMIUM"), "chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}
	for _, c := range candidates {
		if c == "" {
			continue
		}
		if p, err := exec.LookPath(c); err == nil {
			return p
		}
	}
	if os.Getenv("KINSHIP_REQUIRE_BROWSER") != "" {
		t.Fatal("no Chromium found, and KINSHIP_REQUIRE_BROWSER is set")
	}
	t.Skip("no Chromium found; install chromium to run browser tests")
	return ""
}

// newBrowser starts headless Chromium with a phone-sized window, for a
// minute of work.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	return newBrowserFor(t, time.Minute)
}

// newBrowserFor is newBrowser for a test that needs longer than a minute.
func newBrowserFor(t *testing.T, d time.Duration) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)),
		chromedp.NoSandbox, // CI runs as root
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(360, 740),
	)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	ctx, cancel = context.WithTimeout(ctx, d)
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(360, 740)); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	return ctx
}

// signInAs signs the browser in as the demo account of role.
func signInAs(t *testing.T, ctx context.Context, base string, accounts []demo.Account, role kinship.Role) {
	t.Helper()
	for _, a := range accounts {
		if a.Role == role {
			staffSignIn(t, ctx, base, a.Email, a.Password)
			return
		}
	}
	t.Fatalf("no demo account for %s", role)
}

// staffSignIn signs in on the staff sign-in page and waits for the
// signed-in page.
func staffSignIn(t *testing.T, ctx context.Context, base, email, password string) {
	t.Helper()
	err := chromedp.Do(ctx, chromedp.Navigate(base+"/signin"),
		chromedp.SendKeys(chromedp.CSS("#f-email"), email), chromedp.SendKeys(chromedp.CSS("#f-password"), password),
		chromedp.Click(chromedp.CSS("button.primary")), chromedp.WaitReady(chromedp.CSS("#signout")))
	if err != nil {
		t.Fatalf("sign in as %s: %v", email, err)
	}
}

// signOut signs out as a person on a phone does: Menu, then Sign out.
func signOut(t *testing.T, ctx context.Context) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".menu-toggle")), chromedp.Click(chromedp.CSS("#signout button")),
		chromedp.WaitVisible(chromedp.CSS("#f-email"))); err != nil {
		t.Fatalf("sign out: %v", err)
	}
}

// pageProblems is run in the page: what a screen-reader or phone user
// would trip over.
const pageProblems = `(() => {
  const p = [];
  if (document.documentElement.scrollWidth > window.innerWidth + 1)
    p.push("page is " + document.documentElement.scrollWidth + "px wide at " + window.innerWidth + "px");
  if (!document.querySelector("main")) p.push("no <main> landmark");
  const header = document.querySelector("body > header");
  if (header && window.innerWidth <= 400 && header.getBoundingClientRect().height > 64)
    p.push("header is " + Math.round(header.getBoundingClientRect().height) + "px tall at " + window.innerWidth + "px, want at most 64");
  if (!document.documentElement.lang) p.push("no lang attribute");
  if (!document.title) p.push("no title");
  if (document.querySelectorAll("h1").length !== 1) p.push(document.querySelectorAll("h1").length + " h1 elements");
  document.querySelectorAll("nav").forEach(n => { if (!n.getAttribute("aria-label")) p.push("nav without aria-label"); });
  document.querySelectorAll("input:not([type=hidden]), select, textarea").forEach(el => {
    const labelled = (el.id && document.querySelector('label[for="' + el.id + '"]')) || el.getAttribute("aria-label") || el.closest("label");
    if (!labelled) p.push("unlabelled " + el.tagName.toLowerCase() + " " + (el.name || ""));
  });
  document.querySelectorAll("button, a[href]").forEach(el => {
    if (!el.textContent.trim() && !el.getAttribute("aria-label")) p.push("nameless " + el.tagName.toLowerCase());
  });
  document.querySelectorAll("table").forEach(el => { const box = el.closest(".table-wrap");
    if (!box || box.getAttribute("role") !== "region" || box.getAttribute("tabindex") !== "0" || !box.getAttribute("aria-label")) p.push("table outside a focusable, named .table-wrap region"); });
  document.querySelectorAll("img").forEach(el => { if (!el.hasAttribute("alt")) p.push("img without alt"); });
  document.querySelectorAll("svg").forEach(el => { const by = (el.getAttribute("aria-labelledby") || "").split(" ").filter(id => id && document.getElementById(id));
    if (!el.getAttribute("aria-label") && !by.length && el.getAttribute("aria-hidden") !== "true") p.push("svg without a label"); });
  return p;
})()`

// checkPage loads path and fails on any problem pageProblems finds.
func checkPage(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS("main"))); err != nil {
		t.Fatalf("%s: %v", url, err)
	}
	checkCurrent(t, ctx, url)
}

// checkCurrent checks the page the browser shows now, such as the result
// of a form.
func checkCurrent(t *testing.T, ctx context.Context, label string) {
	t.Helper()
	problems, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](pageProblems))
	if err != nil {
		t.Fatalf("%s: %v", label, err)
	}
	for _, p := range problems {
		t.Errorf("%s: %s", label, p)
	}
	screenshot(t, ctx, label)
}

// screenshot saves the page when KINSHIP_SCREENSHOTS names a folder, so a
// person can look at what the tests saw.
func screenshot(t *testing.T, ctx context.Context, url string) {
	dir := os.Getenv("KINSHIP_SCREENSHOTS")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	name := strings.NewReplacer("/", "_", "?", "_", ":", "_").Replace(url[strings.Index(url, "//")+2:])
	os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644)
}

func TestBrowserDemoAdmin(t *testing.T) {
	ctx := newBrowser(t)
	db := storetest.Open(t, "sqlite")
	accounts := seedDemo(t, db)
	app := newApp(t, db)
	base := app.http.URL

	checkPage(t, ctx, base+"/signin")
	err := chromedp.Do(ctx, chromedp.KeyEvent("\t"))
	focused, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.className`))
	if err != nil || focused != "skip" {
		t.Errorf("first Tab focuses %q, want the skip link (%v)", focused, err)
	}

	admin := accounts[0]
	err = chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS("#f-email"), admin.Email),
		chromedp.SendKeys(chromedp.CSS("#f-password"), admin.Password),
		chromedp.Click(chromedp.CSS("button.primary")),
		chromedp.WaitVisible(chromedp.CSS("#programs-h")),
	)
	if err != nil {
		t.Fatalf("sign in as the demo admin: %v", err)
	}
	heading, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("h1")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(heading, admin.Name) {
		t.Errorf("dashboard heading %q does not greet %s", heading, admin.Name)
	}
	for _, path := range []string{"/dashboard", "/admin/staff", "/admin/staff/2", "/admin/settings", "/admin/organization", "/admin/audit", "/account",
		"/account/mfa", "/no-such-page", "/clients", "/clients?q=riv", "/clients/new", "/clients/1", "/clients/1/edit",
		"/clients/1/registration", "/clients/1/consents/new", "/clients/1/disclosures", "/clients/22", "/admissions",
		"/admissions/new", "/admissions/3", "/admissions/3/convert", "/screen", "/schedule", "/schedule?day=2026-11-23",
		"/schedule/setup", "/sessions/1", "/clients/1/schedule", "/clients/1/find-time", "/admin/measures",
		"/clients/1/measures/new?code=phq9", "/clients/1/measures/new?code=cssrs", "/clients/1/screens/new", "/clients/1/timeline"} {
		checkPage(t, ctx, base+path)
	}

	// River's chart draws each instrument's scores, fitting the phone.
	var charts []float64
	if err = chromedp.Do(ctx, chromedp.Navigate(base+"/clients/1")); err == nil {
		charts, err = chromedp.Run(ctx, chromedp.Evaluate[[]float64](`[...document.querySelectorAll("svg[role=img]")].map(s => s.getBoundingClientRect().width)`))
	}
	if err != nil || len(charts) < 3 {
		t.Errorf("River's chart draws %d score charts (%v)", len(charts), err)
	}
	for _, w := range charts {
		if w < 200 || w > 360 {
			t.Errorf("a score chart is %.0f px wide at 360 px", w)
		}
	}

	// A disclosure under River's family consent gives the printable record.
	err = chromedp.Do(ctx, chromedp.Navigate(base+"/clients/1/disclosures"),
		chromedp.SendKeys(chromedp.CSS("#f-recipient"), "Maya Ortiz (sister)"),
		chromedp.SetValue(chromedp.CSS("#f-purpose"), "family_support"),
		chromedp.Click(chromedp.CSS("#f-info-attendance")),
		chromedp.Click(chromedp.CSS("form[action$='/disclosures'] button.primary")),
		chromedp.WaitVisible(chromedp.CSS(".notice-2-32")))
	if err != nil {
		t.Fatalf("disclose: %v", err)
	}
	checkCurrent(t, ctx, base+"/disclosed")
}

// TestBrowserScreening answers the public screening on a phone as someone
// in crisis would: the crisis lines must be on the result at once.
func TestBrowserScreening(t *testing.T) {
	ctx := newBrowser(t)
	db := storetest.Open(t, "sqlite")
	db.MustSetUp(t)
	app := newApp(t, db)
	err := chromedp.Do(ctx, chromedp.Navigate(app.http.URL+"/screen"),
		chromedp.Click(chromedp.CSS("#f-danger_to_self")),
		chromedp.Click(chromedp.CSS("#f-withdrawal_risk-mild")),
		chromedp.Click(chromedp.CSS("#f-psychiatric_severity-severe")),
		chromedp.Click(chromedp.CSS("#f-readiness-ready")),
		chromedp.Click(chromedp.CSS("#f-relapse_risk-high")),
		chromedp.Click(chromedp.CSS("#f-home_environment-mixed")),
		chromedp.Click(chromedp.CSS("button.primary")),
		chromedp.WaitVisible(chromedp.CSS(".crisis")))
	if err != nil {
		t.Fatalf("screening: %v", err)
	}
	text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".crisis")))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"988", "911", "741741", "Trevor", "Trans Lifeline"} {
		if !strings.Contains(text, want) {
			t.Errorf("crisis resources lack %s: %q", want, text)
		}
	}
	checkCurrent(t, ctx, app.http.URL+"/screen/result")
}
