package web

import (
	"cmp"
	"encoding/xml"
	"maps"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"kinship"
	"kinship/demo"
	"kinship/screening"
	"kinship/store/storetest"
)

// Crawl limits keep the walk to a few seconds: every route is reached, but
// only a few URLs of each shape (a chart per client is the same page many
// times; /clients/abc is a different shape from /clients/1).
const (
	crawlPagesPerVisitor = 400
	crawlURLsPerShape    = 3
)

var digits = regexp.MustCompile(`[0-9]+`)

// crawlSkip are routes a crawl must not follow: the quick exit lands on a
// blank page on purpose.
var crawlSkip = map[string]bool{"GET /bye": true}

// TestCrawl signs in as every demo role and as River, follows every
// same-site link and GET form it can reach, and fails on what a person
// would trip over: a blanked link (#ZgotmplZ), a server error, a link to
// nowhere, a refusal that is not a friendly page, or crisis lines shown
// without a working tel:988 link. It covers pages added later with no
// change here. It runs on SQLite only, like every test that seeds the
// demo: page queries are checked on both engines by the pages' own tests.
func TestCrawl(t *testing.T) {
	db := storetest.Open(t, "sqlite")
	accounts := seedDemo(t, db)
	app := newApp(t, db)
	visitors := crawlDemo(t, app, accounts)
	// Pages no link reaches are worth knowing about, but not a failure:
	// some are reached only from an email or after a POST.
	reached := map[string]bool{}
	for _, v := range visitors {
		maps.Copy(reached, v.routes)
	}
	var unreached []string
	for _, r := range app.srv.routes {
		if strings.HasPrefix(r.pattern, "GET /") && !strings.HasPrefix(r.pattern, "GET /api/") && !reached[r.pattern] {
			unreached = append(unreached, r.pattern)
		}
	}
	t.Logf("routes reached: %d; GET pages no link reached: %s", len(reached), strings.Join(unreached, ", "))
}

// crawlDemo is the one owner of "the pages of the demo": it crawls as a
// visitor who is not signed in, as one account of every demo role and as
// River, each in a subtest, and returns what each visitor reached.
func crawlDemo(t *testing.T, app *testApp, accounts []demo.Account) []*crawler {
	var visitors []*crawler
	t.Run("public", func(t *testing.T) {
		c := newCrawler(t, "public", app, app.browser(t))
		c.run("/", "/screen", "/signin", "/portal/signin")
		visitors = append(visitors, c)
	})
	roles := map[kinship.Role]bool{}
	for _, a := range accounts {
		if roles[a.Role] {
			continue // one account per role covers the role's pages
		}
		roles[a.Role] = true
		t.Run(string(a.Role), func(t *testing.T) {
			b := app.browser(t)
			start := "/dashboard"
			if a.Role == kinship.RoleClient {
				b.portalSignIn(a.Email, a.Password)
				start = "/me /me/support"
			} else {
				b.signIn(a.Email, a.Password)
			}
			c := newCrawler(t, string(a.Role), app, b)
			c.run(strings.Fields(start)...)
			t.Logf("%s: %d pages over %d routes", a.Role, c.pages, len(c.routes))
			visitors = append(visitors, c)
		})
	}
	for _, r := range append(kinship.StaffRoles, kinship.RoleClient) {
		if !roles[r] {
			t.Errorf("the demo has no %s account to crawl as", r)
		}
	}
	return visitors
}

// crawler walks one visitor's pages breadth first.
type crawler struct {
	t        *testing.T
	name     string // who visits: "public", or the role
	app      *testApp
	b        *browser
	seen     map[string]bool
	perShape map[string]int
	routes   map[string]bool // the routes reached, for the log
	queue    []crawlLink
	pages    int
	shown    []shownPage // the HTML pages served, one per route
}

// shownPage is a page the crawl was served: its URL, route and HTML.
type shownPage struct{ url, route, body string }

// crawlLink is a URL to visit and the page that led to it.
type crawlLink struct{ url, from string }

func newCrawler(t *testing.T, name string, app *testApp, b *browser) *crawler {
	return &crawler{t: t, name: name, app: app, b: b, seen: map[string]bool{}, perShape: map[string]int{}, routes: map[string]bool{}}
}

func (c *crawler) run(start ...string) {
	for _, s := range start {
		c.add(s, "(start)")
	}
	for len(c.queue) > 0 && c.pages < crawlPagesPerVisitor {
		l := c.queue[0]
		c.queue = c.queue[1:]
		c.visit(l)
	}
	if len(c.queue) > 0 {
		c.t.Logf("stopped after %d pages with %d still to visit", c.pages, len(c.queue))
	}
}

// add queues a same-site URL unless it was seen, its route is skipped, or
// its shape already has its share of URLs.
func (c *crawler) add(raw, from string) {
	base, _ := url.Parse(c.app.http.URL + from)
	if from == "(start)" {
		base, _ = url.Parse(c.app.http.URL + "/")
	}
	u, err := base.Parse(raw)
	if err != nil {
		c.t.Errorf("%s links to %q, which is not a URL", from, raw)
		return
	}
	if u.Host != c.b.base.Host || (u.Scheme != "http" && u.Scheme != "https") {
		return // another site, or tel:, sms:, mailto:
	}
	u.Fragment = ""
	path := u.RequestURI()
	if c.seen[path] {
		return
	}
	c.seen[path] = true
	route := c.route(path)
	shape := c.shape(path)
	if crawlSkip[route] || strings.HasPrefix(path, "/static/") || c.perShape[shape] >= crawlURLsPerShape {
		return
	}
	c.perShape[shape]++
	c.routes[route] = true
	c.queue = append(c.queue, crawlLink{path, from})
}

// route is the pattern the server would serve path with.
func (c *crawler) route(path string) string {
	req, _ := http.NewRequest(http.MethodGet, path, nil)
	_, pattern := c.app.srv.mux.Handler(req)
	return pattern
}

func (c *crawler) visit(l crawlLink) {
	c.pages++
	res := c.b.get(l.url)
	where := l.url + " (linked from " + l.from + ")"
	if strings.Contains(res.body, "ZgotmplZ") {
		c.t.Errorf("%s: a link or value was blanked by the template (ZgotmplZ): %s", where, zgotmplzContext(res.body))
	}
	route := c.route(l.url)
	switch st := res.StatusCode; {
	case st >= 500:
		c.t.Errorf("%s: status %d", where, st)
	case st == http.StatusSeeOther || st == http.StatusFound || st == http.StatusMovedPermanently:
		c.add(res.Header.Get("Location"), l.url)
		return
	case st == http.StatusNotFound && (route == "/" || strings.Contains(res.body, noPageMessage)):
		c.t.Errorf("%s: a link to a page that does not exist", where)
	case st == http.StatusNotFound || st == http.StatusForbidden:
		// A record this visitor may not see (not on their caseload, a
		// counseling note) is refused with a page that says so.
		if !friendly(res) {
			c.t.Errorf("%s: status %d without a page that explains it", where, st)
		}
	case st != http.StatusOK:
		c.t.Errorf("%s: status %d", where, st)
	}
	if !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
		return
	}
	if !c.shownRoute(route) {
		c.shown = append(c.shown, shownPage{l.url, route, res.body})
	}
	page := parsePage(res.body)
	// A page that names a crisis line links to it, and to 988.
	var missing []string
	for _, r := range screening.CrisisResources {
		if strings.Contains(page.text, r.Name) {
			for _, want := range []string{"tel:988", r.Href} {
				if !page.hrefs[want] && !slices.Contains(missing, want) {
					missing = append(missing, want)
				}
			}
		}
	}
	if missing != nil {
		c.t.Errorf("%s: shows crisis lines without these links: %s", where, strings.Join(missing, ", "))
	}
	for _, h := range page.links {
		c.add(h, l.url)
	}
	for _, f := range page.getForms {
		c.add(cmp.Or(f.action, strings.SplitN(l.url, "?", 2)[0])+"?"+f.values.Encode(), l.url)
	}
}

// shownRoute reports whether a page of route was already kept: one page
// per route keeps the judges' work bounded.
func (c *crawler) shownRoute(route string) bool {
	return slices.ContainsFunc(c.shown, func(p shownPage) bool { return p.route == route })
}

// shape names a URL's route and the URL with its numbers blanked: the
// pages of one shape are the same page for different records.
func (c *crawler) shape(path string) string {
	return c.route(path) + " " + digits.ReplaceAllString(path, "N")
}

// friendly reports whether a refusal is a whole page with a heading.
func friendly(res *response) bool {
	return strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") && strings.Contains(res.body, "<main") && strings.Contains(res.body, "<h1")
}

func zgotmplzContext(body string) string {
	i := strings.Index(body, "ZgotmplZ")
	return body[max(0, i-120):min(len(body), i+20)]
}

// crawledPage is what the crawler reads from a page.
type crawledPage struct {
	links    []string
	getForms []*getForm // each GET form, to submit with its defaults
	hrefs    map[string]bool
	text     string // the page's text, entities decoded
}

// parsePage reads links, GET forms and text with the XML tokenizer in its
// forgiving HTML mode; Kinship's templates write well-formed markup.
func parsePage(body string) crawledPage {
	p := crawledPage{hrefs: map[string]bool{}}
	var text strings.Builder
	d := xml.NewDecoder(strings.NewReader(body))
	d.Strict, d.AutoClose, d.Entity = false, xml.HTMLAutoClose, xml.HTMLEntity
	var form *getForm
	var inSelect, inTextarea string
	var firstOption, optionText bool
	for {
		tok, err := d.Token()
		if err != nil { // io.EOF, or markup the tokenizer gives up on
			p.text = text.String()
			return p
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			a := attrs(tk)
			switch strings.ToLower(tk.Name.Local) {
			case "a":
				if h, ok := a["href"]; ok {
					p.hrefs[h] = true
					p.links = append(p.links, h)
				}
			case "form":
				if m := strings.ToLower(a["method"]); m == "" || m == "get" {
					form = &getForm{action: a["action"], values: url.Values{}}
				}
			case "input":
				if form != nil && a["name"] != "" && !a.has("disabled") {
					switch strings.ToLower(a["type"]) {
					case "submit", "button", "reset", "image", "file":
					case "checkbox", "radio":
						if a.has("checked") {
							form.values.Add(a["name"], cmp.Or(a["value"], "on"))
						}
					default:
						form.values.Add(a["name"], a["value"])
					}
				}
			case "select":
				if form != nil {
					inSelect, firstOption = a["name"], true
				}
			case "option":
				// The selected option, or the first; its value, or its text.
				if form != nil && inSelect != "" && (a.has("selected") || firstOption) {
					v, hasValue := a["value"]
					form.values.Set(inSelect, v)
					optionText = !hasValue
				}
				firstOption = false
			case "textarea":
				if form != nil {
					inTextarea = a["name"]
					form.values.Set(inTextarea, "")
				}
			}
		case xml.EndElement:
			switch strings.ToLower(tk.Name.Local) {
			case "form":
				if form != nil {
					p.getForms = append(p.getForms, form)
				}
				form = nil
			case "select":
				inSelect = ""
			case "option":
				optionText = false
			case "textarea":
				inTextarea = ""
			}
		case xml.CharData:
			text.Write(tk)
			switch {
			case form == nil:
			case inTextarea != "":
				form.values.Set(inTextarea, form.values.Get(inTextarea)+string(tk))
			case optionText:
				form.values.Set(inSelect, strings.TrimSpace(string(tk)))
			}
		}
	}
}

// getForm is a GET form being read: where it goes and its default values.
type getForm struct {
	action string
	values url.Values
}

// attrMap is an element's attributes by lower-case name.
type attrMap map[string]string

func (a attrMap) has(name string) bool { _, ok := a[name]; return ok }

func attrs(e xml.StartElement) attrMap {
	m := attrMap{}
	for _, a := range e.Attr {
		m[strings.ToLower(a.Name.Local)] = a.Value
	}
	return m
}
