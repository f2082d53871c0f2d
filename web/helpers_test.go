package web

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"kinship"
	"kinship/auth"
	"kinship/demo"
	"kinship/store/storetest"
)

// testApp is a real server over a real store.
type testApp struct {
	*storetest.DB
	srv  *Server
	http *httptest.Server
	logs *bytes.Buffer
}

func newApp(t *testing.T, db *storetest.DB) *testApp {
	t.Helper()
	return newAppIdle(t, db, 15*time.Minute)
}

// newAppIdle is newApp with staff signed out after idle without a request.
func newAppIdle(t *testing.T, db *storetest.DB, idle time.Duration) *testApp {
	t.Helper()
	logs := &bytes.Buffer{}
	srv, err := New(AllServices(db.Store), Config{
		IdleTimeout: idle, Version: "test", Clock: db.Clock,
		Logger: slog.New(slog.NewTextHandler(logs, nil)),
	})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("server log:\n%s", logs)
		}
	})
	return &testApp{DB: db, srv: srv, http: hs, logs: logs}
}

// browser is a cookie-keeping client that does not follow redirects, so
// tests see each answer.
type browser struct {
	t    *testing.T
	app  *testApp
	c    *http.Client
	base *url.URL
}

func (a *testApp) browser(t *testing.T) *browser {
	jar, _ := cookiejar.New(nil)
	u, _ := url.Parse(a.http.URL)
	return &browser{t: t, app: a, base: u, c: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// response is a finished response with its body read.
type response struct {
	*http.Response
	body string
}

func (b *browser) do(req *http.Request) *response {
	b.t.Helper()
	res, err := b.c.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return &response{res, string(body)}
}

func (b *browser) get(path string) *response {
	b.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, b.app.http.URL+path, nil)
	return b.do(req)
}

// csrf returns the browser's CSRF cookie, fetching a page to get one.
func (b *browser) csrf() string {
	for _, c := range b.c.Jar.Cookies(b.base) {
		if c.Name == csrfCookie {
			return c.Value
		}
	}
	b.get("/signin")
	for _, c := range b.c.Jar.Cookies(b.base) {
		if c.Name == csrfCookie {
			return c.Value
		}
	}
	b.t.Fatal("no CSRF cookie")
	return ""
}

// post submits a form with the browser's CSRF token.
func (b *browser) post(path string, form url.Values) *response {
	b.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	if form.Get(csrfField) == "" {
		form.Set(csrfField, b.csrf())
	}
	req, _ := http.NewRequest(http.MethodPost, b.app.http.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(req)
}

// multipart submits a form with a file (when fileField is not empty) and the
// browser's CSRF token.
func (b *browser) multipart(path string, fields map[string]string, fileField, fileName string, data []byte) *response {
	b.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField(csrfField, b.csrf())
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	if fileField != "" {
		fw, _ := mw.CreateFormFile(fileField, fileName)
		fw.Write(data)
	}
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, b.app.http.URL+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return b.do(req)
}

// signIn signs in through the form and checks it worked.
func (b *browser) signIn(email, password string) *response {
	b.t.Helper()
	res := b.post("/signin", url.Values{"email": {email}, "password": {password}})
	if res.StatusCode != http.StatusSeeOther {
		b.t.Fatalf("sign in as %s: status %d, want 303\n%s", email, res.StatusCode, res.body)
	}
	return res
}

// api calls the JSON API with a bearer token.
func (a *testApp) api(t *testing.T, method, path, token string, body any) (*response, map[string]any) {
	t.Helper()
	var r io.Reader
	if s, ok := body.(string); ok {
		r = strings.NewReader(s)
	} else if body != nil {
		b, _ := json.Marshal(body)
		r = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, a.http.URL+path, r)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	res := (&browser{t: t, app: a, c: http.DefaultClient}).do(req)
	var out map[string]any
	if strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
		if err := json.Unmarshal([]byte(res.body), &out); err != nil {
			t.Fatalf("%s %s: bad JSON %q: %v", method, path, res.body, err)
		}
	}
	return res, out
}

// token makes a personal access token for m.
func (a *testApp) token(t *testing.T, m *kinship.Staff) string {
	t.Helper()
	tok, _, err := a.CreateToken(kinship.SystemContext(context.Background()), m.ID, "test")
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// find returns the first submatch of pattern in s, or fails.
func find(t *testing.T, s, pattern string) string {
	t.Helper()
	m := regexp.MustCompile(pattern).FindStringSubmatch(s)
	if m == nil {
		t.Fatalf("no match for %s in:\n%s", pattern, s)
	}
	return m[1]
}

// errorField digs error.fields[name] out of an API error body.
func errorField(body map[string]any, name string) string {
	e, _ := body["error"].(map[string]any)
	f, _ := e["fields"].(map[string]any)
	s, _ := f[name].(string)
	return s
}

func errorCode(body map[string]any) string {
	e, _ := body["error"].(map[string]any)
	s, _ := e["code"].(string)
	return s
}

// totp is the code an authenticator app would show at now.
func totp(t *testing.T, secret string, now time.Time) string {
	t.Helper()
	code, err := auth.TOTPCode(secret, now)
	if err != nil {
		t.Fatal(err)
	}
	return code
}

// seedDemo fills db with the demo program and returns its sign-ins.
func seedDemo(t *testing.T, db *storetest.DB) []demo.Account {
	t.Helper()
	accounts, err := demo.Seed(context.Background(), demo.AllServices(db.Store), db.Clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	return accounts
}
