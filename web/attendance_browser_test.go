package web

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"kinship/store/storetest"
)

// TestBrowserAttendanceTap takes attendance on a phone as Sam would: a tap
// records the status and redraws only that client's row, with the tap
// pressed and the change announced, and the page never reloads.
func TestBrowserAttendanceTap(t *testing.T) {
	ctx := newBrowser(t)
	db := storetest.Open(t, "sqlite")
	app := newApp(t, db)
	g := newAttendanceGroup(t, db)
	base := app.http.URL
	river := g.clients["River"]
	err := chromedp.Do(ctx, chromedp.Navigate(base+"/signin"),
		chromedp.SendKeys(chromedp.CSS("#f-email"), "sam@example.org"), chromedp.SendKeys(chromedp.CSS("#f-password"), storetest.AdminPassword),
		chromedp.Click(chromedp.CSS("button.primary")), chromedp.WaitReady(chromedp.CSS("#signout")))
	if err != nil {
		t.Fatalf("sign in: %v", err)
	}
	page := base + "/sessions/" + itoa(g.sessions[0].ID)
	checkPage(t, ctx, page)
	// A mark on the window stays only while the page does.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.sameDocument = true`)); err != nil {
		t.Fatal(err)
	}
	tap := func(status, want string) {
		t.Helper()
		button := fmt.Sprintf("#client-%d button[value=%s]", river, status)
		err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(button)),
			chromedp.Poll[chromedp.Void](`document.querySelector("`+button+`").getAttribute("aria-pressed") === "true"`, chromedp.WithPollingTimeout(10*time.Second)))
		if err != nil {
			t.Fatalf("tap %s: %v", status, err)
		}
		var stored string
		if err := db.Raw.QueryRow("SELECT status FROM attendance WHERE client_id = ?", river).Scan(&stored); err != nil || stored != status {
			t.Errorf("after the tap the store holds %q (%v), want %s", stored, err, status)
		}
		state, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]any](`({same: window.sameDocument === true, url: location.href,
			said: document.getElementById("attendance-said").textContent,
			pressed: Array.from(document.querySelectorAll("#client-`+itoa(river)+` [aria-pressed=true]")).map(b => b.value).join(),
			focused: document.activeElement.value || ""})`))
		if err != nil {
			t.Fatal(err)
		}
		if state["same"] != true || state["url"] != page {
			t.Errorf("tap %s left the page: now at %v, same document %v", status, state["url"], state["same"])
		}
		if state["pressed"] != status || state["focused"] != status {
			t.Errorf("tap %s: pressed %q, focus on %q; want the tap pressed and focused", status, state["pressed"], state["focused"])
		}
		if state["said"] != want {
			t.Errorf("tap %s announced %q, want %q", status, state["said"], want)
		}
	}
	tap("unexcused", "River: Absent")
	tap("present", "River: Present")
	// Late without the minutes is refused in place too: the message shows
	// at the top and takes focus, and the recorded mark stays.
	late := fmt.Sprintf("#client-%d button[value=late]", river)
	err = chromedp.Do(ctx, chromedp.Click(chromedp.CSS(late)), chromedp.WaitVisible(chromedp.CSS("main .alert")))
	refusal, rerr := chromedp.Run(ctx, chromedp.Evaluate[string](`window.sameDocument === true && document.activeElement.classList.contains("alert") ? document.activeElement.textContent.trim() : ""`))
	if err != nil || rerr != nil || refusal != "River: Minutes late must be more than 0." {
		t.Errorf("late without minutes: %q (%v %v), want the message focused on the same page", refusal, err, rerr)
	}
	tap("telehealth", "River: Telehealth")
	// The correction shows in the row, drawn in place.
	text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(fmt.Sprintf("#client-%d .changes", river))))
	if want := g.sam.Name + " changed Absent → Present, 23 Nov 2026 09:00 PST\n" + g.sam.Name + " changed Present → Telehealth, 23 Nov 2026 09:00 PST"; err != nil || text != want {
		t.Errorf("the row's changes say %q (%v), want %q", text, err, want)
	}
	checkCurrent(t, ctx, page+"?tapped")
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatal(err)
	}
	screenshot(t, ctx, page+"?desktop")
}
