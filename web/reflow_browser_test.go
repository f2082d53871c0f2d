package web

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"kinship"
	"kinship/demo"
	"kinship/store/storetest"
)

// contrastJS defines contrast(el, prop): the contrast ratio of el's colour
// prop (color, outline-color) against what lies behind it, both faded by
// any opacity on el or its ancestors, as the eye sees them on the page.
const contrastJS = `
function rgba(s) { const m = s.match(/[\d.]+/g).map(Number); return {r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1}; }
function mix(c, under, a) { return {r: c.r * a + under.r * (1 - a), g: c.g * a + under.g * (1 - a), b: c.b * a + under.b * (1 - a)}; }
function lum(c) { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); }
function contrast(el, prop, behind) {
  const page = rgba(getComputedStyle(document.body).backgroundColor).a ? rgba(getComputedStyle(document.body).backgroundColor) : {r: 255, g: 255, b: 255};
  let bg = behind ? rgba(behind) : null, op = 1;
  for (let e = el; e && e !== document.documentElement; e = e.parentElement) {
    const cs = getComputedStyle(e);
    op *= Number(cs.opacity);
    if (!bg && rgba(cs.backgroundColor).a > 0) bg = rgba(cs.backgroundColor);
  }
  bg = bg || page;
  const fg = mix(mix(rgba(getComputedStyle(el)[prop]), bg, rgba(getComputedStyle(el)[prop]).a), page, op);
  const l1 = lum(fg), l2 = lum(mix(bg, page, op));
  return (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
}
`

// TestBrowserContrastAndReflow checks what a phone user with low vision
// meets: faded items still readable, a focus ring that shows, tables that
// fit or scroll in a named box, and chart text big enough to read.
func TestBrowserContrastAndReflow(t *testing.T) {
	ctx := newBrowser(t)
	db := storetest.Open(t, "sqlite")
	accounts := seedDemo(t, db)
	base := newApp(t, db).http.URL
	signInAs(t, ctx, base, accounts, kinship.RoleAdmin)

	t.Run("CancelledSession", func(t *testing.T) {
		err := chromedp.Do(ctx, chromedp.Navigate(base+"/sessions/1"), chromedp.Click(chromedp.CSS(`form[action$="/cancel"] button`)),
			chromedp.WaitVisible(chromedp.CSS("h1 + p .badge.off")))
		if err != nil {
			t.Fatal(err)
		}
		day, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("main a[href^='/schedule?day=']").getAttribute("href")`))
		if err != nil {
			t.Fatal(err)
		}
		checkPage(t, ctx, base+day)
		low, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](contrastJS+`[...document.querySelectorAll(".session.cancelled *")].filter(e => e.childNodes.length && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
			.map(e => [e.textContent.trim(), contrast(e, "color")]).filter(([, c]) => c < 4.5).map(([text, c]) => text + " at " + c.toFixed(2) + ":1")`))
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range low {
			t.Errorf("cancelled session text %s, want at least 4.5:1", l)
		}
		n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(".session.cancelled").length`))
		if n == 0 {
			t.Errorf("%s shows no cancelled session", day)
		}
	})

	t.Run("Tables", func(t *testing.T) {
		// A reminder with a long address, which must wrap, not widen the page.
		if err := db.QueueMessage(kinship.SystemContext(context.Background()), 1, "reminder", kinship.Message{Channel: "email",
			To: "river.a.very.long.address.for.testing@kinship-clinic.example.org", Subject: "Your appointment tomorrow",
			Body: "You have an appointment tomorrow at 09:00. Reply STOP to stop these messages."}); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(320, 740)); err != nil {
			t.Fatal(err)
		}
		defer chromedp.Run(ctx, chromedp.EmulateViewport(360, 740))
		for _, path := range []string{"/admin/outbox", "/admin/measures"} {
			checkPage(t, ctx, base+path+"?320")
			wide, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll(".table-wrap")].filter(w => w.scrollWidth > w.clientWidth + 1)
				.map(w => w.getAttribute("aria-label") + " scrolls " + w.scrollWidth + "px in " + w.clientWidth + "px")`))
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range wide {
				t.Errorf("%s at 320 px: %s", path, w)
			}
		}
	})

	// The chart's score trends, and the small trend beside each plan
	// objective that follows an instrument.
	t.Run("ChartText", func(t *testing.T) {
		for _, path := range []string{"/clients/1", "/clients/1/treatment-plan"} {
			checkPage(t, ctx, base+path)
			sizes, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`[...document.querySelectorAll("svg.trend text")].filter(e => e.checkVisibility())
				.map(e => parseFloat(getComputedStyle(e).fontSize) * e.ownerSVGElement.getScreenCTM().a)`))
			if err != nil || len(sizes) == 0 {
				t.Fatalf("no chart text on %s (%v)", path, err)
			}
			for _, s := range sizes {
				if s < 12 {
					t.Errorf("%s: chart text is %.1f px at 360 px, want at least 12", path, s)
					break
				}
			}
		}
	})

	t.Run("ChipFocus", func(t *testing.T) {
		signOut(t, ctx)
		err := chromedp.Do(ctx, chromedp.Navigate(base+"/portal/signin"),
			chromedp.SendKeys(chromedp.CSS("#f-email"), demo.ClientEmail), chromedp.SendKeys(chromedp.CSS("#f-password"), demo.ClientPassword),
			chromedp.Submit(chromedp.CSS("#f-password")), chromedp.WaitVisible(chromedp.CSS("#support-now")),
			chromedp.Navigate(base+"/me/checkin"), chromedp.Focus(chromedp.CSS("#f-craving-0")), chromedp.KeyEvent("\t"))
		if err != nil {
			t.Fatal(err)
		}
		ring, err := chromedp.Run(ctx, chromedp.Evaluate[float64](contrastJS+`(() => { const i = document.activeElement;
			if (!i.closest(".chip") || !i.matches(":focus-visible")) return -1;
			const label = i.nextElementSibling, cs = getComputedStyle(label);
			return cs.outlineStyle === "none" ? 0 : contrast(label, "outlineColor", "rgb(255, 255, 255)"); })()`))
		if err != nil || ring < 0 {
			t.Fatalf("Tab did not reach a chip (%v)", err)
		}
		if ring < 3 {
			t.Errorf("a focused chip's ring is %.2f:1 against white, want at least 3:1", ring)
		}
	})
}

// TestBrowserChartOnThisPage moves through River's long chart on a phone:
// the menu near the top lists every section, and a tap on one brings its
// heading to the top of the screen.
func TestBrowserChartOnThisPage(t *testing.T) {
	ctx := newBrowser(t)
	db := storetest.Open(t, "sqlite")
	accounts := seedDemo(t, db)
	base := newApp(t, db).http.URL
	signInAs(t, ctx, base, accounts, kinship.RoleAdmin)
	checkPage(t, ctx, base+"/clients/1")
	got, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]any](`(() => {
		const menu = document.querySelector("nav[aria-label='On this page']");
		const linked = menu ? [...menu.querySelectorAll("a")].map(a => a.getAttribute("href").slice(1)) : [];
		const headings = [...document.querySelectorAll("main section > h2[id]")].map(h => h.id);
		return {linked: linked.join(), headings: headings.join(), top: menu ? menu.getBoundingClientRect().top : -1, height: document.documentElement.scrollHeight};
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("River's chart is %v px tall at 360 px", got["height"])
	if got["linked"] != got["headings"] {
		t.Fatalf("On this page links %q, want every section's heading %q", got["linked"], got["headings"])
	}
	if top, _ := got["top"].(float64); top > 740 {
		t.Errorf("On this page starts %.0f px down, want it on the first screen", top)
	}
	err = chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`nav[aria-label='On this page'] a[href="#screens-h"]`)),
		chromedp.Poll[chromedp.Void](`Math.abs(document.getElementById("screens-h").getBoundingClientRect().top) < 40`, chromedp.WithPollingTimeout(5*time.Second)))
	if err != nil {
		t.Errorf("a tap on Drug screens does not bring its heading to the top: %v", err)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1366, 900)); err != nil {
		t.Fatal(err)
	}
	checkPage(t, ctx, base+"/clients/1?desktop")
}
