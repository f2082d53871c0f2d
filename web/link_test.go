package web

import (
	"bytes"
	"html"
	"html/template"
	"testing"

	"kinship/screening"
)

func TestTrustedLink(t *testing.T) {
	tests := []struct{ raw, want string }{
		{"tel:988", "tel:988"},
		{"tel:+18664887386", "tel:+18664887386"},
		{"sms:741741?&body=HOME", "sms:741741?&body=HOME"},
		{"https://988lifeline.org/chat/", "https://988lifeline.org/chat/"},
		{"/me/support", "/me/support"},
		{"webcal://kinship.example.org/calendar/cal_x.ics", "webcal://kinship.example.org/calendar/cal_x.ics"},
		{"/clients/1?done=saved#notes", "/clients/1?done=saved#notes"},
		// Refused: they become an empty href, never a trusted one.
		{"javascript:alert(1)", ""},
		{"data:text/html,hi", ""},
		{"http://example.org/", ""},
		{"//evil.example/", ""},
		{"tel:988;ext=<script>", ""},
		{"tel:", ""},
		{"sms:741741?body=<b>", ""},
		{"https://", ""},
		{"https://x.example/\"onmouseover", ""},
		{"webcal://", ""},
		{"me/support", ""},
		{"", ""},
	}
	for _, tc := range tests {
		t.Run(tc.raw, func(t *testing.T) {
			if got := string(trustedLink(tc.raw)); got != tc.want {
				t.Errorf("trustedLink(%q) = %q, want %q", tc.raw, got, tc.want)
			}
		})
	}
}

func TestPhoneLink(t *testing.T) {
	tests := []struct{ phone, want string }{
		{"(510) 555-0142", "tel:5105550142"},
		{"+1 510 555 0142", "tel:+15105550142"},
		{"510.555.0142", "tel:5105550142"},
		{"call me", ""},
		{"", ""},
	}
	for _, tc := range tests {
		t.Run(tc.phone, func(t *testing.T) {
			if got := string(phoneLink(tc.phone)); got != tc.want {
				t.Errorf("phoneLink(%q) = %q, want %q", tc.phone, got, tc.want)
			}
		})
	}
}

// TestCrisisLinksRender: every crisis line passes the trust check and comes
// out of html/template as the link itself, not "#ZgotmplZ".
func TestCrisisLinksRender(t *testing.T) {
	tmpl := template.Must(template.New("a").Funcs(template.FuncMap{"link": trustedLink}).Parse(`<a href="{{link .}}">`))
	for _, r := range screening.CrisisResources {
		t.Run(r.Name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tmpl.Execute(&b, r.Href); err != nil {
				t.Fatal(err)
			}
			if got, want := html.UnescapeString(b.String()), `<a href="`+r.Href+`">`; got != want {
				t.Errorf("rendered %s, want %s", got, want)
			}
		})
	}
}
