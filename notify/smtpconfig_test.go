package notify_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"kinship"
	"kinship/notify"
)

func TestSMTPConfig_Validate(t *testing.T) {
	valid := notify.SMTPConfig{Host: "mail.example.org", Port: 587, From: "Kinship <no-reply@example.org>"}
	if err := valid.Validate(); err != nil {
		t.Fatalf("valid config: got %v", err)
	}
	for _, tt := range []struct {
		name  string
		edit  func(*notify.SMTPConfig)
		field string
	}{
		{"NoHost", func(c *notify.SMTPConfig) { c.Host = "" }, "host"},
		{"HostWithScheme", func(c *notify.SMTPConfig) { c.Host = "smtp://mail.example.org" }, "host"},
		{"PortZero", func(c *notify.SMTPConfig) { c.Port = 0 }, "port"},
		{"PortTooBig", func(c *notify.SMTPConfig) { c.Port = 65536 }, "port"},
		{"NoFrom", func(c *notify.SMTPConfig) { c.From = "" }, "from"},
		{"BadFrom", func(c *notify.SMTPConfig) { c.From = "Kinship no-reply" }, "from"},
		{"ClinicalFromName", func(c *notify.SMTPConfig) { c.From = "Sunrise Recovery <no-reply@example.org>" }, "from"},
		{"BadTLS", func(c *notify.SMTPConfig) { c.TLS = "ssl" }, "tls"},
		{"NoTLSToRemote", func(c *notify.SMTPConfig) { c.TLS = "none" }, "tls"},
		{"PasswordWithoutUser", func(c *notify.SMTPConfig) { c.Password = "pw" }, "username"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := valid
			tt.edit(&c)
			err := c.Validate()
			if code := kinship.ErrorCode(err); code != kinship.EINVALID {
				t.Fatalf("got %v, want %q", err, kinship.EINVALID)
			}
			if fields := kinship.ErrorFields(err); fields[tt.field] == "" || len(fields) != 1 {
				t.Errorf("got fields %v, want only %q", fields, tt.field)
			}
			if _, err := notify.NewSMTP(c); kinship.ErrorCode(err) != kinship.EINVALID {
				t.Errorf("NewSMTP: got %v, want %q", err, kinship.EINVALID)
			}
		})
	}
	for _, host := range []string{"localhost", "127.0.0.1", "::1"} {
		c := valid
		c.Host, c.TLS = host, "none"
		if err := c.Validate(); err != nil {
			t.Errorf("TLS none to %s: got %v, want nil", host, err)
		}
	}
}

func TestParseSMTPURL(t *testing.T) {
	for _, tt := range []struct {
		url  string
		want notify.SMTPConfig
	}{
		{"smtp://user:pass@mail.example.org:587?from=Kinship%20<no-reply@example.org>&tls=starttls",
			notify.SMTPConfig{Host: "mail.example.org", Port: 587, Username: "user", Password: "pass", From: "Kinship <no-reply@example.org>", TLS: "starttls"}},
		{"smtps://user:p%40ss%3Aword@mail.example.org?from=no-reply@example.org",
			notify.SMTPConfig{Host: "mail.example.org", Port: 465, Username: "user", Password: "p@ss:word", From: "no-reply@example.org", TLS: "tls"}},
		{"smtp://mail.example.org?from=no-reply@example.org",
			notify.SMTPConfig{Host: "mail.example.org", Port: 587, From: "no-reply@example.org", TLS: "starttls"}},
		{"smtp://mail.example.org?from=no-reply@example.org&tls=tls",
			notify.SMTPConfig{Host: "mail.example.org", Port: 465, From: "no-reply@example.org", TLS: "tls"}},
		{"smtp://localhost?tls=none&from=Calendar+<a@example.org>",
			notify.SMTPConfig{Host: "localhost", Port: 25, From: "Calendar <a@example.org>", TLS: "none"}},
		{"smtp://[::1]:2525/?tls=none&from=a@example.org",
			notify.SMTPConfig{Host: "::1", Port: 2525, From: "a@example.org", TLS: "none"}},
	} {
		t.Run(tt.url, func(t *testing.T) {
			got, err := notify.ParseSMTPURL(tt.url)
			if err != nil {
				t.Fatalf("got %v", err)
			}
			if got != tt.want {
				t.Fatalf("got %#v, want %#v", got, tt.want)
			}
			// String redacts the password and otherwise round trips.
			s := got.String()
			if tt.want.Password != "" && strings.Contains(s, tt.want.Password) {
				t.Errorf("String %q shows the password", s)
			}
			again, err := notify.ParseSMTPURL(s)
			if err != nil {
				t.Fatalf("parse String %q: %v", s, err)
			}
			again.Password = got.Password
			if again != got {
				t.Errorf("round trip through %q: got %#v, want %#v", s, again, got)
			}
		})
	}
}

func TestParseSMTPURL_Errors(t *testing.T) {
	const pw = "s3cretPW"
	for _, tt := range []struct{ url, field string }{
		{"http://u:" + pw + "@mail.example.org?from=a@example.org", ""},
		{"smtp://u:" + pw + "@mail.example.org:abc?from=a@example.org", ""},
		{"smtp://u:" + pw + "@mail.example.org:99999?from=a@example.org", "port"},
		{"smtp://u:" + pw + "@mail.example.org", "from"},
		{"smtp://u:" + pw + "@mail.example.org?from=nobody", "from"},
		{"smtp://u:" + pw + "@mail.example.org?from=a@example.org&tls=ssl", "tls"},
		{"smtp://u:" + pw + "@mail.example.org?from=a@example.org&tls=none", "tls"},
		{"smtp://u:" + pw + "@?from=a@example.org", "host"},
		{"smtps://u:" + pw + "@mail.example.org?from=a@example.org&tls=starttls", ""},
		{"smtp://u:" + pw + "@mail.example.org?from=a@example.org&form=x", ""},
		{"smtp://u:" + pw + "@mail.example.org/path?from=a@example.org", ""},
		{"smtp://u:" + pw + "@mail.example.org\n?from=a@example.org", ""},
		{"smtp://u:" + pw + "@mail.example.org?from=a@example.org&tls=%zz", ""},
	} {
		t.Run(tt.url, func(t *testing.T) {
			_, err := notify.ParseSMTPURL(tt.url)
			if code := kinship.ErrorCode(err); code != kinship.EINVALID {
				t.Fatalf("got %v, want %q", err, kinship.EINVALID)
			}
			if tt.field != "" && kinship.ErrorFields(err)[tt.field] == "" {
				t.Errorf("got fields %v, want %q", kinship.ErrorFields(err), tt.field)
			}
			if strings.Contains(err.Error(), pw) {
				t.Errorf("error %q shows the password", err)
			}
		})
	}
}

func TestSMTPConfig_PrintingHidesPassword(t *testing.T) {
	c := notify.SMTPConfig{Host: "mail.example.org", Port: 587, Username: "u", Password: "s3cretPW", From: "a@example.org"}
	for _, format := range []string{"%v", "%+v", "%#v", "%s"} {
		if s := fmt.Sprintf(format, c); strings.Contains(s, "s3cretPW") {
			t.Errorf("%s shows the password: %s", format, s)
		}
	}
	if b, _ := json.Marshal(c); strings.Contains(string(b), "s3cretPW") {
		t.Errorf("JSON shows the password: %s", b)
	}
}
