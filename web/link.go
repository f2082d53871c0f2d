package web

import (
	"html/template"
	"net/url"
	"regexp"
	"strings"
)

// html/template blanks any href held in a plain string whose scheme is not
// http, https or mailto, so a crisis line's tel: or sms: link would render
// as "#ZgotmplZ" and dial nothing. Links that must work are made here, and
// only here, into a template.URL the templates trust.

// Shapes of the links Kinship writes: a number to call, or a number to
// text with an optional prefilled word (the "?&" form works on both
// iPhone and Android).
var (
	telLink = regexp.MustCompile(`^tel:\+?[0-9]{3,15}$`)
	smsLink = regexp.MustCompile(`^sms:\+?[0-9]{3,15}(\?&?body=[A-Za-z0-9%+]{1,40})?$`)
)

// trustedLink returns raw as a link templates may put in an href when it is
// a tel:, sms:, https:, webcal: or site-relative URL, and "" otherwise, so
// nothing else can slip through as trusted.
func trustedLink(raw string) template.URL {
	switch {
	case telLink.MatchString(raw), smsLink.MatchString(raw):
		return template.URL(raw)
	case strings.HasPrefix(raw, "https://"), strings.HasPrefix(raw, "webcal://"):
		if u, err := url.Parse(raw); err == nil && u.Host != "" && !strings.ContainsAny(raw, " \"'<>\\") {
			return template.URL(u.String())
		}
	case strings.HasPrefix(raw, "/") && !strings.HasPrefix(raw, "//") && !strings.ContainsAny(raw, " \"'<>\\"):
		return template.URL(raw)
	}
	return ""
}

// phoneLink is the tel: link that dials phone as written, such as
// "(510) 555-0142", or "" when phone holds no number to dial.
func phoneLink(phone string) template.URL {
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, phone)
	if strings.HasPrefix(strings.TrimSpace(phone), "+") {
		digits = "+" + digits
	}
	return trustedLink("tel:" + digits)
}

// webcalLink is a calendar feed's address as a webcal: link, which a phone
// opens in its calendar app as a subscription that stays up to date,
// rather than importing the file once.
func webcalLink(feed string) template.URL {
	for _, scheme := range []string{"https://", "http://"} {
		if rest, ok := strings.CutPrefix(feed, scheme); ok {
			return trustedLink("webcal://" + rest)
		}
	}
	return ""
}
