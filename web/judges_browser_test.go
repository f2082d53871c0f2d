package web

import (
	"context"
	"encoding/json"
	"fmt"
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

// axeTags are the WCAG 2.0, 2.1 and 2.2 A and AA rules: the bar for every page.
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"}

// judgeWidths are a phone and a desktop.
var judgeWidths = []int64{360, 1366}

// axeViolation is one rule a page breaks, with the elements that break it.
type axeViolation struct {
	ID      string   `json:"id"`
	Help    string   `json:"help"`
	Targets []string `json:"targets"`
}

// TestBrowserJudges hands every page the crawl reaches, as each visitor
// (no one signed in, every staff role, the demo client), to two outside
// judges: axe-core in Chromium at phone and desktop widths, and the Nu
// HTML Checker over the HTML the server sent. Either finding anything
// fails the test. KINSHIP_AXE names axe.min.js and KINSHIP_VNU vnu.jar
// (.ci/run installs both from tools/judges); without them the test skips,
// unless KINSHIP_REQUIRE_JUDGES is set (CI sets it).
func TestBrowserJudges(t *testing.T) {
	axePath, vnuPath := os.Getenv("KINSHIP_AXE"), os.Getenv("KINSHIP_VNU")
	_, javaErr := exec.LookPath("java")
	if axePath == "" || vnuPath == "" || javaErr != nil {
		msg := "set KINSHIP_AXE and KINSHIP_VNU (npm ci in tools/judges) and install java to run the outside judges"
		if os.Getenv("KINSHIP_REQUIRE_JUDGES") != "" {
			t.Fatal(msg + ", and KINSHIP_REQUIRE_JUDGES is set")
		}
		t.Skip(msg)
	}
	axe, err := os.ReadFile(axePath)
	if err != nil {
		t.Fatalf("KINSHIP_AXE: %v", err)
	}
	chromium(t) // skips, or fails, before the crawl when there is none
	db := storetest.Open(t, "sqlite")
	accounts := seedDemo(t, db)
	app := newApp(t, db)
	visitors := crawlDemo(t, app, accounts)

	dir := t.TempDir()
	pageOf := map[string]string{} // saved file → "visitor URL"
	for _, v := range visitors {
		t.Run("axe/"+v.name, func(t *testing.T) {
			ctx := newBrowserFor(t, 10*time.Minute)
			switch v.name {
			case "public":
			case string(kinship.RoleClient):
				err := chromedp.Do(ctx, chromedp.Navigate(app.http.URL+"/portal/signin"),
					chromedp.SendKeys(chromedp.CSS("#f-email"), demo.ClientEmail), chromedp.SendKeys(chromedp.CSS("#f-password"), demo.ClientPassword),
					chromedp.Submit(chromedp.CSS("#f-password")), chromedp.WaitVisible(chromedp.CSS("#support-now")))
				if err != nil {
					t.Fatalf("client sign-in: %v", err)
				}
			default:
				signInAs(t, ctx, app.http.URL, accounts, kinship.Role(v.name))
			}
			for _, p := range v.shown {
				for w, found := range runAxe(t, ctx, app.http.URL+p.url, string(axe)) {
					for _, f := range found {
						t.Errorf("axe %s at %d px as %s on %s: %s: %s", f.ID, w, v.name, p.url, f.Help, strings.Join(f.Targets, ", "))
					}
				}
			}
		})
		for i, p := range v.shown {
			name := filepath.Join(dir, fmt.Sprintf("%s-%03d.html", v.name, i))
			if err := os.WriteFile(name, []byte(p.body), 0o644); err != nil {
				t.Fatal(err)
			}
			pageOf[name] = v.name + " " + p.url
		}
	}
	for _, e := range validateHTML(t, vnuPath, pageOf) {
		t.Error(e)
	}
}

// runAxe loads url and returns what axe-core finds at each judge width.
// The script goes in through DevTools, which the page's CSP does not
// govern; the page loads once and is resized, as a person turning a phone
// or widening a window would.
func runAxe(t *testing.T, ctx context.Context, url, axe string) map[int64][]axeViolation {
	t.Helper()
	tags, _ := json.Marshal(axeTags)
	check := chromedp.Evaluate[[]axeViolation](`axe.run(document, {runOnly: {type: "tag", values: `+string(tags)+`}, resultTypes: ["violations"]})
  .then(r => r.violations.map(v => ({id: v.id, help: v.help, targets: v.nodes.map(n => n.target.join(" "))})))`, chromedp.EvalAwaitPromise)
	err := chromedp.Do(ctx, chromedp.EmulateViewport(judgeWidths[0], 800), chromedp.Navigate(url), chromedp.Evaluate[chromedp.Void](axe))
	if err != nil {
		t.Fatalf("axe on %s: %v", url, err)
	}
	found := map[int64][]axeViolation{}
	for _, w := range judgeWidths {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, 800)); err != nil {
			t.Fatalf("resize to %d px: %v", w, err)
		}
		if found[w], err = chromedp.Run(ctx, check); err != nil {
			t.Fatalf("axe on %s at %d px: %v", url, w, err)
		}
	}
	return found
}

// validateHTML checks every saved page in one run of the Nu HTML Checker
// and returns its errors, each naming the page.
func validateHTML(t *testing.T, vnu string, pageOf map[string]string) []string {
	t.Helper()
	args := []string{"-jar", vnu, "--errors-only", "--format", "json"}
	for f := range pageOf {
		args = append(args, f)
	}
	var out strings.Builder
	cmd := exec.Command("java", args...)
	cmd.Stderr = &out // vnu writes its report to stderr
	err := cmd.Run()
	if _, exited := err.(*exec.ExitError); err != nil && !exited {
		t.Fatalf("run vnu: %v", err)
	}
	var report struct {
		Messages []struct {
			Type, URL, Message, Extract string
			LastLine                    int
		}
	}
	if err := json.Unmarshal([]byte(out.String()), &report); err != nil {
		t.Fatalf("read vnu's report: %v\n%s", err, out.String())
	}
	var errs []string
	for _, m := range report.Messages {
		page := pageOf[strings.TrimPrefix(m.URL, "file:")]
		errs = append(errs, fmt.Sprintf("vnu %s on %s line %d: %s (%q)", m.Type, page, m.LastLine, m.Message, m.Extract))
	}
	if err != nil && errs == nil {
		t.Fatalf("vnu failed without a report: %v\n%s", err, out.String())
	}
	return errs
}
