package web

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"kinship"
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
	staffSignIn(t, ctx, base, "sam@example.org", storetest.AdminPassword)
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
	err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(fmt.Sprintf("#client-%d summary", river))),
		chromedp.Click(chromedp.CSS(late)), chromedp.WaitVisible(chromedp.CSS("main .alert")))
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

// TestBrowserRosterOfSeventeen takes in a full group on a phone: seventeen
// compact rows in about three screens, each a named group a screen-reader
// user can move to by heading, with buttons that say whose they are, and a
// link that skips past the roster.
func TestBrowserRosterOfSeventeen(t *testing.T) {
	ctx := newBrowser(t)
	db := storetest.Open(t, "sqlite")
	app := newApp(t, db)
	names := []string{"River", "Alex", "Jamie", "Sky", "Rowan", "Quinn", "Avery", "Jordan", "Morgan",
		"Casey", "Taylor", "Emerson", "Harper", "Sage", "Reese", "Dakota", "Marisol"}
	var clients []kinship.ClientFields
	for i, n := range names {
		clients = append(clients, kinship.ClientFields{NameToUse: n, Pronouns: kinship.CommonPronouns[i%len(kinship.CommonPronouns)]})
	}
	g := newGroupOf(t, db, clients...)
	// The roster is in name order.
	sort.Slice(clients, func(i, j int) bool { return clients[i].NameToUse < clients[j].NameToUse })
	base := app.http.URL
	staffSignIn(t, ctx, base, "sam@example.org", storetest.AdminPassword)
	page := base + "/sessions/" + itoa(g.sessions[0].ID)
	checkPage(t, ctx, page+"?seventeen")

	height, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.querySelector("ul.roster").getBoundingClientRect().height`))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("a roster of %d is %.0f px tall at 360 px", len(names), height)
	if height > 2400 {
		t.Errorf("a roster of %d is %.0f px tall at 360 px, want at most 2400", len(names), height)
	}

	// What a screen reader meets in each row.
	rows, err := chromedp.Run(ctx, chromedp.Evaluate[[]map[string]any](`[...document.querySelectorAll("ul.roster > li")].map(li => ({
		group: (li.querySelector("[role=group]") || {getAttribute: () => ""}).getAttribute("aria-label") || "",
		heading: (li.querySelector("h3") || {textContent: ""}).textContent.trim(),
		buttons: [...li.querySelectorAll("button[aria-pressed]")].map(b => (b.getAttribute("aria-label") || b.textContent).trim().replace(/\s+/g, " ")),
		clipped: [...li.querySelectorAll("button")].filter(b => b.checkVisibility() && b.scrollWidth > b.clientWidth).map(b => b.textContent),
		shown: [...li.querySelectorAll("input:not([type=hidden])")].filter(i => i.checkVisibility()).length}))`))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(names) {
		t.Fatalf("the roster has %d rows, want %d", len(rows), len(names))
	}
	for i, row := range rows {
		name := clients[i].NameToUse
		label := name + ", " + clients[i].Pronouns
		if row["group"] != label {
			t.Errorf("row %d is the group %q, want %q", i, row["group"], label)
		}
		if h, _ := row["heading"].(string); !strings.HasPrefix(h, name) {
			t.Errorf("row %d has the heading %q, want one starting %q", i, h, name)
		}
		buttons, _ := row["buttons"].([]any)
		var said []string
		for _, b := range buttons {
			said = append(said, b.(string))
		}
		if want := "Present: " + name + ",Telehealth: " + name + ",Excused: " + name + ",Absent: " + name + ",Late: " + name + ",Left early: " + name; strings.Join(said, ",") != want {
			t.Errorf("row %d's buttons say %q, want %q", i, strings.Join(said, ","), want)
		}
		if clipped, _ := row["clipped"].([]any); len(clipped) > 0 {
			t.Errorf("row %d clips the buttons %v", i, clipped)
		}
		if row["shown"] != 0.0 {
			t.Errorf("row %d shows %v fields before anyone asks, want none", i, row["shown"])
		}
	}

	// The skip link takes the keyboard past the roster, not into it.
	past, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const skip = document.querySelector("a[href='#roster-end']");
		if (!skip) return false;
		skip.focus(); skip.click();
		const r = document.querySelector("ul.roster"), a = document.activeElement;
		return a !== document.body && !r.contains(a) && !!(r.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING); })()`))
	if err != nil || !past {
		t.Errorf("the skip link does not take focus just past the roster (%v)", err)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1366, 900)); err != nil {
		t.Fatal(err)
	}
	screenshot(t, ctx, page+"?seventeen-desktop")
}
