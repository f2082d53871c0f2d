package notify_test

import (
	"context"
	"crypto/tls"
	"errors"
	"io"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"testing"
	"time"

	"kinship"
	"kinship/notify"
	"kinship/notify/smtptest"
)

const testBody = "Café at 9:00.\n.A line that starts with a dot\nand a line with trailing space \nlast line, longer than seventy-six characters so that quoted-printable has to fold it"

func mustSender(t *testing.T, cfg notify.SMTPConfig) *notify.SMTPSender {
	t.Helper()
	s, err := notify.NewSMTP(cfg)
	if err != nil {
		t.Fatalf("NewSMTP: %v", err)
	}
	return s
}

func email(to, subject string) notify.Message {
	return notify.Message{Channel: notify.ChannelEmail, To: to, Subject: subject, Body: testBody}
}

// checkDelivery asserts the envelope and the decoded message. The body
// arrives with CRLF line ends and a final line break, as SMTP requires.
func checkDelivery(t *testing.T, d smtptest.Delivery, subject string) {
	t.Helper()
	if got, want := d.From, "no-reply@example.org"; got != want {
		t.Errorf("MAIL FROM: got %q, want %q", got, want)
	}
	if got, want := strings.Join(d.To, ","), "sam@example.net"; got != want {
		t.Errorf("RCPT TO: got %q, want %q", got, want)
	}
	for i, line := range strings.Split(d.Data, "\r\n") {
		if len(line) > 78 {
			t.Errorf("line %d is %d bytes long", i, len(line))
		}
		for _, r := range line {
			if r > 127 {
				t.Errorf("line %d is not 7-bit: %q", i, line)
				break
			}
		}
	}

	msg, err := mail.ReadMessage(strings.NewReader(d.Data))
	if err != nil {
		t.Fatalf("ReadMessage: %v", err)
	}
	h := msg.Header
	dec := new(mime.WordDecoder)
	if got, err := dec.DecodeHeader(h.Get("Subject")); err != nil || got != subject {
		t.Errorf("Subject: got %q (%v), want %q", got, err, subject)
	}
	if from, err := h.AddressList("From"); err != nil || len(from) != 1 || from[0].Name != "Kinship Café" || from[0].Address != "no-reply@example.org" {
		t.Errorf("From: got %v (%v)", from, err)
	}
	if to, err := h.AddressList("To"); err != nil || len(to) != 1 || to[0].Address != "sam@example.net" {
		t.Errorf("To: got %v (%v)", to, err)
	}
	if date, err := h.Date(); err != nil || time.Since(date).Abs() > time.Minute {
		t.Errorf("Date: got %v (%v), want about now", date, err)
	}
	if id := h.Get("Message-Id"); !strings.HasPrefix(id, "<") || !strings.HasSuffix(id, "@example.org>") || len(id) < 20 {
		t.Errorf("Message-ID: got %q", id)
	}
	for k, want := range map[string]string{
		"MIME-Version":              "1.0",
		"Content-Type":              "text/plain; charset=utf-8",
		"Content-Transfer-Encoding": "quoted-printable",
	} {
		if got := h.Get(k); got != want {
			t.Errorf("%s: got %q, want %q", k, got, want)
		}
	}
	body, err := io.ReadAll(quotedprintable.NewReader(msg.Body))
	if err != nil {
		t.Fatalf("decode body: %v", err)
	}
	if got, want := string(body), strings.ReplaceAll(testBody, "\n", "\r\n")+"\r\n"; got != want {
		t.Errorf("body:\n got %q\nwant %q", got, want)
	}
}

func TestSMTP_NoTLSToLocalhost(t *testing.T) {
	srv := smtptest.Start(t, &smtptest.Server{})
	s := mustSender(t, notify.SMTPConfig{Host: "127.0.0.1", Port: srv.Addr.Port, From: "Kinship Café <no-reply@example.org>", TLS: "none"})
	subject := "Your appointment at Café Olé"
	if err := s.Send(context.Background(), email("Sam <sam@example.net>", subject)); err != nil {
		t.Fatalf("Send: %v", err)
	}
	got := srv.Delivered()
	if len(got) != 1 {
		t.Fatalf("got %d deliveries, want 1", len(got))
	}
	if got[0].TLS {
		t.Error("got a TLS session, want plain")
	}
	checkDelivery(t, got[0], subject)
}

// A reminder's List-Unsubscribe header lets a mail app offer its own
// "unsubscribe", pointing at the portal's Settings.
func TestSMTP_ListUnsubscribe(t *testing.T) {
	srv := smtptest.Start(t, &smtptest.Server{})
	s := mustSender(t, notify.SMTPConfig{Host: "127.0.0.1", Port: srv.Addr.Port, From: "no-reply@example.org", TLS: "none"})
	m := email("sam@example.net", "Reminder")
	m.Unsubscribe = "https://kinship.example.org/me/settings"
	if err := s.Send(context.Background(), m); err != nil {
		t.Fatalf("Send: %v", err)
	}
	got := srv.Delivered()
	if len(got) != 1 {
		t.Fatalf("got %d deliveries, want 1", len(got))
	}
	msg, err := mail.ReadMessage(strings.NewReader(got[0].Data))
	if err != nil {
		t.Fatal(err)
	}
	if h, want := msg.Header.Get("List-Unsubscribe"), "<https://kinship.example.org/me/settings>"; h != want {
		t.Errorf("List-Unsubscribe: got %q, want %q", h, want)
	}
}

func TestSMTP_StartTLSWithAuth(t *testing.T) {
	serverTLS, roots := smtptest.SelfSigned(t)
	srv := smtptest.Start(t, &smtptest.Server{TLS: serverTLS, User: "kinship", Pass: "s3cret"})
	cfg := notify.SMTPConfig{
		Host: "127.0.0.1", Port: srv.Addr.Port, From: "Kinship Café <no-reply@example.org>",
		Username: "kinship", Password: "s3cret", TLSConfig: &tls.Config{RootCAs: roots},
	}
	if err := mustSender(t, cfg).Send(context.Background(), email("sam@example.net", "Reminder")); err != nil {
		t.Fatalf("Send: %v", err)
	}
	got := srv.Delivered()
	if len(got) != 1 {
		t.Fatalf("got %d deliveries, want 1", len(got))
	}
	if !got[0].TLS || got[0].AuthUser != "kinship" {
		t.Errorf("got TLS %v, user %q; want TLS as kinship", got[0].TLS, got[0].AuthUser)
	}
	checkDelivery(t, got[0], "Reminder")

	t.Run("WrongPassword", func(t *testing.T) {
		cfg := cfg
		cfg.Password = "wrong-pw"
		err := mustSender(t, cfg).Send(context.Background(), email("sam@example.net", "Reminder"))
		var se *notify.SMTPError
		if !errors.As(err, &se) || se.Command != "AUTH" || se.Code != 535 || !se.Permanent() {
			t.Fatalf("got %v, want a permanent AUTH SMTPError 535", err)
		}
		if strings.Contains(err.Error(), "wrong-pw") {
			t.Errorf("error %q repeats the password", err)
		}
	})
	t.Run("UntrustedCertificate", func(t *testing.T) {
		cfg := cfg
		cfg.TLSConfig = nil
		if err := mustSender(t, cfg).Send(context.Background(), email("sam@example.net", "x")); err == nil {
			t.Fatal("got nil error, want a certificate error")
		}
	})
	if n := len(srv.Delivered()); n != 1 {
		t.Errorf("got %d deliveries after failures, want still 1", n)
	}
}

func TestSMTP_ImplicitTLS(t *testing.T) {
	serverTLS, roots := smtptest.SelfSigned(t)
	srv := smtptest.Start(t, &smtptest.Server{TLS: serverTLS, Implicit: true, User: "kinship", Pass: "pw"})
	cfg := notify.SMTPConfig{
		Host: "127.0.0.1", Port: srv.Addr.Port, From: "Kinship Café <no-reply@example.org>", TLS: "tls",
		Username: "kinship", Password: "pw", TLSConfig: &tls.Config{RootCAs: roots},
	}
	if err := mustSender(t, cfg).Send(context.Background(), email("sam@example.net", "Hi")); err != nil {
		t.Fatalf("Send: %v", err)
	}
	if got := srv.Delivered(); len(got) != 1 || !got[0].TLS || got[0].AuthUser != "kinship" {
		t.Fatalf("got %+v, want one delivery over TLS as kinship", got)
	}
}

func TestSMTP_StartTLSNotOffered(t *testing.T) {
	srv := smtptest.Start(t, &smtptest.Server{}) // no TLS config: no STARTTLS
	s := mustSender(t, notify.SMTPConfig{Host: "127.0.0.1", Port: srv.Addr.Port, From: "no-reply@example.org", TLS: "starttls"})
	err := s.Send(context.Background(), email("sam@example.net", "Hi"))
	if err == nil || !strings.Contains(err.Error(), "STARTTLS") {
		t.Fatalf("got %v, want an error about STARTTLS", err)
	}
	if n := len(srv.Delivered()); n != 0 {
		t.Errorf("got %d deliveries, want none", n)
	}
}

func TestSMTP_ContextCancel(t *testing.T) {
	srv := smtptest.Start(t, &smtptest.Server{NoGreet: true})
	s := mustSender(t, notify.SMTPConfig{Host: "127.0.0.1", Port: srv.Addr.Port, From: "no-reply@example.org", TLS: "none"})
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := s.Send(ctx, email("sam@example.net", "Hi"))
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("got %v, want context.DeadlineExceeded", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("Send took %v after the deadline", d)
	}
}

func TestSMTP_InvalidMessages(t *testing.T) {
	// Nothing listens here: an invalid message must fail before dialing.
	s := mustSender(t, notify.SMTPConfig{Host: "127.0.0.1", Port: 1, From: "no-reply@example.org", TLS: "none"})
	for name, m := range map[string]notify.Message{
		"InjectionInTo":      email("sam@example.net\r\nBcc: eve@example.com", "Hi"),
		"LFInTo":             email("sam@example.net\nBcc: eve@example.com", "Hi"),
		"InjectionInSubject": email("sam@example.net", "Hi\r\nBcc: eve@example.com"),
		"LFInSubject":        email("sam@example.net", "Hi\nBcc: eve@example.com"),
		"LFInUnsubscribe":    {Channel: notify.ChannelEmail, To: "sam@example.net", Body: "Hi", Unsubscribe: "https://x.example/\nBcc: eve@example.com"},
		"BadAddress":         email("not an address", "Hi"),
		"SMS":                {Channel: notify.ChannelSMS, To: "+15555550100", Body: "Hi"},
		"NoChannel":          {To: "sam@example.net", Body: "Hi"},
	} {
		t.Run(name, func(t *testing.T) {
			err := s.Send(context.Background(), m)
			if code := kinship.ErrorCode(err); code != kinship.EINVALID {
				t.Fatalf("got %v (code %q), want %q", err, code, kinship.EINVALID)
			}
			if strings.Contains(err.Error(), "sam@") || strings.Contains(err.Error(), "+1555") {
				t.Errorf("error %q repeats the recipient", err)
			}
		})
	}
}
