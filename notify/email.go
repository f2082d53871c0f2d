package notify

import (
	"bytes"
	"crypto/rand"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"time"

	"kinship"
)

// email is a message ready for the SMTP envelope and DATA.
type email struct {
	from, to string // envelope addresses
	data     []byte
}

// composeEmail builds an RFC 5322 message: UTF-8 text in quoted-printable,
// so every line stays 7-bit and short whatever the server supports.
func composeEmail(from *mail.Address, m Message, now time.Time) (email, error) {
	// A CR or LF would let a caller's text start new headers (Bcc: …).
	if strings.ContainsAny(m.To+m.Subject+m.Unsubscribe, "\r\n") {
		return email{}, kinship.Errorf(kinship.EINVALID, "A line break in an email's To, Subject or unsubscribe link is not allowed.")
	}
	to, err := mail.ParseAddress(m.To)
	if err != nil {
		return email{}, kinship.Errorf(kinship.EINVALID, "The recipient is not a valid email address.")
	}
	_, domain, _ := strings.Cut(from.Address, "@")

	var b bytes.Buffer
	header := func(k, v string) { b.WriteString(k + ": " + v + "\r\n") }
	header("Date", now.Format(time.RFC1123Z))
	header("From", from.String()) // String encodes a non-ASCII name
	header("To", to.String())
	header("Subject", mime.QEncoding.Encode("utf-8", m.Subject))
	header("Message-ID", "<"+rand.Text()+"@"+domain+">")
	// Keeps out-of-office replies from answering a reminder.
	header("Auto-Submitted", "auto-generated")
	if m.Unsubscribe != "" {
		// Mail apps show their own "unsubscribe" for it (RFC 2369).
		header("List-Unsubscribe", "<"+m.Unsubscribe+">")
	}
	header("MIME-Version", "1.0")
	header("Content-Type", "text/plain; charset=utf-8")
	header("Content-Transfer-Encoding", "quoted-printable")
	b.WriteString("\r\n")

	body := m.Body
	if !strings.HasSuffix(body, "\n") {
		body += "\n" // SMTP ends DATA with a line break anyway; say so here
	}
	qp := quotedprintable.NewWriter(&b) // also turns every line break into CRLF
	if _, err := qp.Write([]byte(body)); err != nil {
		return email{}, err
	}
	if err := qp.Close(); err != nil {
		return email{}, err
	}
	return email{from: from.Address, to: to.Address, data: b.Bytes()}, nil
}
