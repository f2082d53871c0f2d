package notify

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/smtp"
	"net/textproto"
	"slices"
	"strconv"
	"strings"
	"time"

	"kinship"
)

const (
	dialTimeout = 10 * time.Second
	// sendTimeout bounds a conversation when ctx has no deadline, so a stuck
	// server cannot hold a worker forever.
	sendTimeout = time.Minute
)

// SMTPSender sends email through one SMTP server.
type SMTPSender struct {
	cfg  SMTPConfig
	from *mail.Address
}

// NewSMTP returns a sender for cfg, or cfg's validation error.
func NewSMTP(cfg SMTPConfig) (*SMTPSender, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg.TLS = cfg.tlsMode()
	from, _ := mail.ParseAddress(cfg.From) // checked by Validate
	return &SMTPSender{cfg: cfg, from: from}, nil
}

// SMTPError is a refusal by the SMTP server. It keeps the reply code but
// not the server's text, which often repeats the recipient's address.
type SMTPError struct {
	Command string // "MAIL", "RCPT", "DATA", "AUTH", …
	Code    int
}

func (e *SMTPError) Error() string {
	return fmt.Sprintf("notify: SMTP server refused %s with %d", e.Command, e.Code)
}

// Permanent reports whether retrying the same message is pointless (5xx).
func (e *SMTPError) Permanent() bool { return e.Code >= 500 }

// Send delivers m, which must be on ChannelEmail. An invalid message is an
// EINVALID *kinship.Error; a refusal by the server is an *SMTPError.
func (s *SMTPSender) Send(ctx context.Context, m Message) error {
	if m.Channel != ChannelEmail {
		return kinship.Errorf(kinship.EINVALID, "The SMTP sender sends email only, not %q.", m.Channel)
	}
	e, err := composeEmail(s.from, m, time.Now())
	if err != nil {
		return err
	}
	return s.deliver(ctx, e)
}

func (s *SMTPSender) deliver(ctx context.Context, e email) error {
	conn, err := s.dial(ctx)
	if err != nil {
		return fmt.Errorf("notify: connect to SMTP server: %w", err)
	}
	defer conn.Close()
	if _, ok := ctx.Deadline(); !ok {
		conn.SetDeadline(time.Now().Add(sendTimeout))
	}
	// net/smtp knows no context: when ctx ends, a past deadline unblocks any
	// read or write, and fail then reports ctx's error.
	stop := context.AfterFunc(ctx, func() { conn.SetDeadline(time.Unix(1, 0)) })
	defer stop()

	c, err := smtp.NewClient(conn, s.cfg.Host)
	if err != nil {
		return s.fail(ctx, "greeting", err)
	}
	defer c.Close()
	if err := c.Hello("localhost"); err != nil {
		return s.fail(ctx, "EHLO", err)
	}
	if s.cfg.TLS == TLSStartTLS {
		if ok, _ := c.Extension("STARTTLS"); !ok {
			return errors.New("notify: SMTP server does not offer STARTTLS, which the config requires")
		}
		if err := c.StartTLS(s.tlsConfig()); err != nil {
			return s.fail(ctx, "STARTTLS", err)
		}
	}
	if s.cfg.Username != "" {
		if ok, mechs := c.Extension("AUTH"); !ok || !slices.Contains(strings.Fields(mechs), "PLAIN") {
			return errors.New("notify: SMTP server does not offer AUTH PLAIN")
		}
		// PlainAuth itself refuses to send the password unencrypted to
		// anything but localhost.
		if err := c.Auth(smtp.PlainAuth("", s.cfg.Username, s.cfg.Password, s.cfg.Host)); err != nil {
			return s.fail(ctx, "AUTH", err)
		}
	}
	if err := c.Mail(e.from); err != nil {
		return s.fail(ctx, "MAIL", err)
	}
	if err := c.Rcpt(e.to); err != nil {
		return s.fail(ctx, "RCPT", err)
	}
	w, err := c.Data()
	if err != nil {
		return s.fail(ctx, "DATA", err)
	}
	if _, err := w.Write(e.data); err != nil {
		return s.fail(ctx, "DATA", err)
	}
	if err := w.Close(); err != nil { // the server's verdict on the message
		return s.fail(ctx, "DATA", err)
	}
	// The message is accepted; a failed QUIT must not make a caller retry
	// and send the reminder twice.
	_ = c.Quit()
	return nil
}

func (s *SMTPSender) dial(ctx context.Context) (net.Conn, error) {
	addr := net.JoinHostPort(s.cfg.Host, strconv.Itoa(s.cfg.Port))
	d := &net.Dialer{Timeout: dialTimeout}
	if s.cfg.TLS == TLSImplicit {
		td := &tls.Dialer{NetDialer: d, Config: s.tlsConfig()}
		return td.DialContext(ctx, "tcp", addr)
	}
	return d.DialContext(ctx, "tcp", addr)
}

func (s *SMTPSender) tlsConfig() *tls.Config {
	t := &tls.Config{}
	if s.cfg.TLSConfig != nil {
		t = s.cfg.TLSConfig.Clone()
	}
	if t.ServerName == "" {
		t.ServerName = s.cfg.Host
	}
	if t.MinVersion == 0 {
		t.MinVersion = tls.VersionTLS12
	}
	return t
}

// fail turns a server reply into an *SMTPError without its text, and
// reports a cancelled ctx as such rather than as an I/O timeout.
func (s *SMTPSender) fail(ctx context.Context, step string, err error) error {
	var te *textproto.Error
	if errors.As(err, &te) {
		return &SMTPError{Command: step, Code: te.Code}
	}
	if ctx.Err() != nil {
		return fmt.Errorf("notify: SMTP %s: %w", step, ctx.Err())
	}
	return fmt.Errorf("notify: SMTP %s: %w", step, err)
}
