// Package smtptest runs a minimal SMTP server in the test's process, so
// mail can be sent over a real conversation and read back.
package smtptest

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"math/big"
	"net"
	"net/textproto"
	"strings"
	"sync"
	"testing"
	"time"
)

// Server is a minimal SMTP server for real conversations in tests.
type Server struct {
	Addr      *net.TCPAddr
	TLS       *tls.Config // non-nil: offer STARTTLS (or speak TLS at once if Implicit)
	Implicit  bool
	User      string // non-empty: offer AUTH PLAIN, after STARTTLS only
	Pass      string
	NoGreet   bool // accept connections but never answer
	mu        sync.Mutex
	delivered []Delivery
}

// Delivery is one message the server accepted.
type Delivery struct {
	From     string
	To       []string
	Data     string // as on the wire, CRLF line ends, dots unstuffed
	TLS      bool
	AuthUser string
}

// Start listens on 127.0.0.1 and serves until the test ends.
func Start(t *testing.T, s *Server) *Server {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if s.Implicit {
		ln = tls.NewListener(ln, s.TLS)
	}
	s.Addr = ln.Addr().(*net.TCPAddr)
	var wg sync.WaitGroup
	t.Cleanup(func() { ln.Close(); wg.Wait() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Add(1)
			go func() { defer wg.Done(); s.serve(c) }()
		}
	}()
	return s
}

// Delivered returns the messages accepted so far.
func (s *Server) Delivered() []Delivery {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Delivery(nil), s.delivered...)
}

func (s *Server) serve(c net.Conn) {
	defer func() { c.Close() }()
	c.SetDeadline(time.Now().Add(5 * time.Second))
	if s.NoGreet {
		c.Read(make([]byte, 1)) // until the client gives up
		return
	}
	_, isTLS := c.(*tls.Conn)
	tp := textproto.NewConn(c)
	tp.PrintfLine("220 test ESMTP")
	d := Delivery{TLS: isTLS}
	for {
		line, err := tp.ReadLine()
		if err != nil {
			return
		}
		verb, arg, _ := strings.Cut(line, " ")
		switch strings.ToUpper(verb) {
		case "EHLO":
			ext := []string{"test", "8BITMIME"}
			if s.TLS != nil && !d.TLS {
				ext = append(ext, "STARTTLS")
			}
			if s.User != "" && d.TLS {
				ext = append(ext, "AUTH PLAIN")
			}
			for i, e := range ext {
				sep := "-"
				if i == len(ext)-1 {
					sep = " "
				}
				tp.PrintfLine("250%s%s", sep, e)
			}
		case "STARTTLS":
			if s.TLS == nil || d.TLS {
				tp.PrintfLine("502 no")
				continue
			}
			tp.PrintfLine("220 go ahead")
			tc := tls.Server(c, s.TLS)
			if tc.Handshake() != nil {
				return
			}
			c, tp = tc, textproto.NewConn(tc)
			d = Delivery{TLS: true} // RFC 3207: forget everything said before
		case "AUTH":
			mech, resp, _ := strings.Cut(arg, " ")
			b, _ := base64.StdEncoding.DecodeString(resp)
			parts := bytes.Split(b, []byte{0})
			switch {
			case !d.TLS:
				tp.PrintfLine("538 encryption required")
			case mech == "PLAIN" && len(parts) == 3 && string(parts[1]) == s.User && string(parts[2]) == s.Pass:
				d.AuthUser = s.User
				tp.PrintfLine("235 ok")
			default:
				tp.PrintfLine("535 bad credentials")
			}
		case "MAIL":
			if s.User != "" && d.AuthUser == "" {
				tp.PrintfLine("530 authentication required")
				continue
			}
			d.From = angle(arg)
			tp.PrintfLine("250 ok")
		case "RCPT":
			d.To = append(d.To, angle(arg))
			tp.PrintfLine("250 ok")
		case "DATA":
			tp.PrintfLine("354 go on")
			var b strings.Builder
			for {
				l, err := tp.ReadLine()
				if err != nil {
					return
				}
				if l == "." {
					break
				}
				b.WriteString(strings.TrimPrefix(l, ".") + "\r\n") // unstuff
			}
			d.Data = b.String()
			s.mu.Lock()
			s.delivered = append(s.delivered, d)
			s.mu.Unlock()
			tp.PrintfLine("250 queued")
		case "RSET", "NOOP":
			tp.PrintfLine("250 ok")
		case "QUIT":
			tp.PrintfLine("221 bye")
			return
		default:
			tp.PrintfLine("502 unknown command")
		}
	}
}

// angle returns the address inside "FROM:<a@b> BODY=8BITMIME".
func angle(arg string) string {
	_, a, _ := strings.Cut(arg, "<")
	a, _, _ = strings.Cut(a, ">")
	return a
}

// SelfSigned makes a server certificate for 127.0.0.1 and localhost, and a
// pool that trusts it.
func SelfSigned(t *testing.T) (*tls.Config, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "test smtp"},
		DNSNames:              []string{"localhost"},
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}}, pool
}
