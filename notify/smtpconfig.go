package notify

import (
	"crypto/tls"
	"net"
	"net/mail"
	"net/url"
	"strconv"
	"strings"

	"kinship"
)

// TLS modes of an SMTP connection.
const (
	TLSStartTLS = "starttls" // plain connect, then STARTTLS; the default
	TLSImplicit = "tls"      // TLS from the first byte, usually port 465
	TLSNone     = "none"     // no encryption: only for a relay on localhost
)

// SMTPConfig says how to reach an SMTP server.
type SMTPConfig struct {
	Host     string
	Port     int
	Username string // empty: no AUTH
	Password string `json:"-"`
	From     string // "Kinship <no-reply@example.org>"
	TLS      string // TLSStartTLS (also when empty), TLSImplicit or TLSNone

	// TLSConfig, if set, is used instead of the defaults, e.g. to trust a
	// test certificate via RootCAs. ServerName defaults to Host.
	TLSConfig *tls.Config `json:"-"`
}

// Validate returns an EINVALID *kinship.Error naming each field at fault:
// host, port, from, tls, username.
func (c SMTPConfig) Validate() error {
	f := kinship.FieldErrors{}
	if c.Host == "" || strings.ContainsAny(c.Host, " \t\r\n/@") {
		f.Add("host", "SMTP host is required, like mail.example.org.")
	}
	if c.Port < 1 || c.Port > 65535 {
		f.Add("port", "SMTP port must be between 1 and 65535.")
	}
	if a, err := mail.ParseAddress(c.From); err != nil {
		f.Add("from", "From must be an email address, like Kinship <no-reply@example.org>.")
	} else if HasClinicalWord(a.Name) {
		// The sender's name shows on lock screens next to every reminder.
		f.Add("from", "The From name shows on lock screens: choose one without clinical words.")
	}
	switch c.tlsMode() {
	case TLSStartTLS, TLSImplicit:
	case TLSNone:
		// Without TLS, anyone on the path could read who the clients are.
		if c.Host != "" && !isLoopback(c.Host) {
			f.Add("tls", "TLS none is only allowed for a relay on localhost.")
		}
	default:
		f.Add("tls", "TLS must be starttls, tls or none.")
	}
	if c.Password != "" && c.Username == "" {
		f.Add("username", "A username is required with a password.")
	}
	return f.Err()
}

func (c SMTPConfig) tlsMode() string {
	if c.TLS == "" {
		return TLSStartTLS
	}
	return c.TLS
}

func isLoopback(host string) bool {
	ip := net.ParseIP(host)
	return host == "localhost" || ip != nil && ip.IsLoopback()
}

// ParseSMTPURL reads one setting such as
//
//	smtp://user:pass@mail.example.org:587?from=Kinship%20<no-reply@example.org>&tls=starttls
//
// smtps:// means implicit TLS. The port defaults to 587 for starttls, 465
// for tls and 25 for none. Errors are EINVALID and never repeat the input,
// which holds the password.
func ParseSMTPURL(s string) (SMTPConfig, error) {
	// url.Parse's errors quote the whole URL, password included: drop them.
	u, err := url.Parse(s)
	if err != nil {
		return SMTPConfig{}, kinship.Errorf(kinship.EINVALID, "The SMTP URL is malformed: expected smtp://user:pass@host:port?from=…")
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return SMTPConfig{}, kinship.Errorf(kinship.EINVALID, "The SMTP URL's query is malformed.")
	}
	for k := range q {
		if k != "from" && k != "tls" {
			return SMTPConfig{}, kinship.Errorf(kinship.EINVALID, "The SMTP URL has an unknown parameter %q: use from and tls.", k)
		}
	}
	c := SMTPConfig{Host: u.Hostname(), From: q.Get("from"), TLS: q.Get("tls")}
	switch u.Scheme {
	case "smtp":
	case "smtps":
		if c.TLS != "" && c.TLS != TLSImplicit {
			return SMTPConfig{}, kinship.Errorf(kinship.EINVALID, "smtps:// always uses tls; drop tls=%s or use smtp://.", c.TLS)
		}
		c.TLS = TLSImplicit
	default:
		return SMTPConfig{}, kinship.Errorf(kinship.EINVALID, "The SMTP URL must start with smtp:// or smtps://.")
	}
	if u.Opaque != "" || (u.Path != "" && u.Path != "/") || u.Fragment != "" {
		return SMTPConfig{}, kinship.Errorf(kinship.EINVALID, "The SMTP URL must have no path.")
	}
	if u.User != nil {
		c.Username = u.User.Username()
		c.Password, _ = u.User.Password()
	}
	c.TLS = c.tlsMode()
	c.Port = 587
	switch c.TLS {
	case TLSImplicit:
		c.Port = 465
	case TLSNone:
		c.Port = 25
	}
	if p := u.Port(); p != "" {
		if c.Port, err = strconv.Atoi(p); err != nil {
			c.Port = 0 // Validate names the field
		}
	}
	return c, c.Validate()
}

// String is the configuration as an SMTP URL with the password redacted,
// so that logging a config never leaks it.
func (c SMTPConfig) String() string {
	u := url.URL{Scheme: "smtp", Host: net.JoinHostPort(c.Host, strconv.Itoa(c.Port))}
	q := url.Values{"from": {c.From}, "tls": {c.tlsMode()}}
	if c.Username != "" {
		u.User = url.User(c.Username)
		if c.Password != "" {
			u.User = url.UserPassword(c.Username, "xxxxx")
		}
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// GoString keeps %#v from printing the password too.
func (c SMTPConfig) GoString() string { return "notify.SMTPConfig(" + c.String() + ")" }
