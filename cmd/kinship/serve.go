package main

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"kinship"
	"kinship/auth"
	"kinship/demo"
	"kinship/notify"
	"kinship/store"
	"kinship/web"
)

func runServe(ctx context.Context, args []string, _ io.Reader, stdout io.Writer) error {
	fs := flagSet("serve")
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	dsn := dbFlag(fs)
	withDemo := fs.Bool("demo", false, "on an empty database, create the demo program and print its sign-ins")
	idle := fs.Duration("idle-timeout", 15*time.Minute, "sign staff out after this long without activity")
	tlsCert := fs.String("tls-cert", "", "TLS certificate file; serve HTTPS when set with --tls-key")
	tlsKey := fs.String("tls-key", "", "TLS private key file")
	secureCookies := fs.Bool("secure-cookies", false, "mark cookies Secure behind an HTTPS proxy")
	logLevel := fs.String("log-level", "info", "debug, info, warn or error")
	baseURL := fs.String("base-url", "", "how people reach Kinship, e.g. https://kinship.example.org; used in links it shows")
	proxies := fs.String("trusted-proxies", "", "comma-separated CIDRs of reverse proxies whose X-Forwarded-For to believe")
	smtpURL := fs.String("smtp-url", "", "send email through this server, e.g. smtp://user:pass@mail.example.org:587?from=no-reply@example.org;\n"+
		"add tls=starttls (the default: plain connect, then STARTTLS, port 587), tls=tls or smtps:// (TLS from the first byte, port 465),\n"+
		"or tls=none (no encryption, only to a relay on localhost, port 25: a local relay without STARTTLS needs it);\n"+
		"without it messages wait in the outbox")
	if err := parse(fs, args); err != nil {
		return err
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		return usageError{fmt.Sprintf("--log-level %q must be debug, info, warn or error", *logLevel)}
	}
	if *idle < time.Minute {
		return usageError{"--idle-timeout must be at least 1m"}
	}
	if (*tlsCert == "") != (*tlsKey == "") {
		return usageError{"--tls-cert and --tls-key go together"}
	}
	var tlsConfig *tls.Config
	if *tlsCert != "" {
		cert, err := tls.LoadX509KeyPair(*tlsCert, *tlsKey)
		if err != nil {
			return usageError{fmt.Sprintf("--tls-cert/--tls-key: %v", err)}
		}
		tlsConfig = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	}
	if *baseURL != "" {
		if u, err := url.Parse(*baseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return usageError{fmt.Sprintf("--base-url %q must be a URL like https://kinship.example.org", *baseURL)}
		}
	}
	var trusted []*net.IPNet
	for _, c := range strings.Split(*proxies, ",") {
		if c = strings.TrimSpace(c); c == "" {
			continue
		}
		_, n, err := net.ParseCIDR(c)
		if err != nil {
			return usageError{fmt.Sprintf("--trusted-proxies: %q is not a CIDR like 10.0.0.0/8", c)}
		}
		trusted = append(trusted, n)
	}
	var email notify.Sender
	if *smtpURL != "" {
		cfg, err := notify.ParseSMTPURL(*smtpURL)
		if err == nil {
			email, err = notify.NewSMTP(cfg)
		}
		if err != nil {
			return usageError{"--smtp-url: " + describe(err)}
		}
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	s, err := openDB(ctx, *dsn, true)
	if err != nil {
		return err
	}
	defer s.Close()
	srv, err := web.New(web.AllServices(s), web.Config{
		IdleTimeout: *idle, SecureCookies: *secureCookies || tlsConfig != nil, Version: version(), Logger: logger,
		BaseURL: *baseURL, TrustedProxies: trusted,
	})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %w", *addr, err)
	}
	scheme := "http"
	if tlsConfig != nil {
		scheme = "https"
	}
	base := scheme + "://" + displayAddr(ln.Addr())
	if *baseURL != "" {
		base = strings.TrimSuffix(*baseURL, "/")
	}
	if err := firstRun(ctx, s, srv, *withDemo, base, stdout); err != nil {
		ln.Close()
		return err
	}
	fmt.Fprintf(stdout, "Kinship is running at %s (database: %s). Press Ctrl+C to stop.\n", base, s.Engine())
	// The postman stops with ctx; the database closes only after it has.
	postCtx, stopPost := context.WithCancel(ctx)
	posted := make(chan struct{})
	go func() {
		(&postman{store: s, email: email, settings: base + "/me/settings", dashboard: base + "/dashboard", log: logger}).run(postCtx, time.Minute)
		close(posted)
	}()
	defer func() { stopPost(); <-posted }()

	hs := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
		TLSConfig:         tlsConfig,
	}
	done := make(chan error, 1)
	go func() {
		if tlsConfig != nil {
			done <- hs.ServeTLS(ln, "", "")
		} else {
			done <- hs.Serve(ln)
		}
	}()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	// Let requests in flight finish before the database closes.
	fmt.Fprintln(stdout, "Shutting down: finishing requests in flight…")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-done; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	fmt.Fprintln(stdout, "Stopped.")
	return nil
}

// firstRun seeds the demo, or opens the one-time setup page, when the
// database has no organization yet.
func firstRun(ctx context.Context, s *store.Store, srv *web.Server, withDemo bool, base string, stdout io.Writer) error {
	_, err := s.Organization(ctx)
	if kinship.ErrorCode(err) != kinship.ENOTFOUND {
		if err == nil && withDemo {
			fmt.Fprintln(stdout, "The database is already set up, so no demo data was added.")
		}
		return err
	}
	if withDemo {
		accounts, err := demo.Seed(ctx, demo.AllServices(s), time.Now())
		if err != nil {
			return err
		}
		printAccounts(stdout, accounts, base)
		return nil
	}
	token, _, err := auth.NewToken("")
	if err != nil {
		return err
	}
	srv.SetSetupToken(token)
	fmt.Fprintf(stdout, "Kinship is not set up yet. Open this one-time link to create the first admin:\n\n  %s/setup/%s\n\n", base, token)
	return nil
}

func printAccounts(w io.Writer, accounts []demo.Account, base string) {
	fmt.Fprintf(w, "Demo program created. Staff sign in at %s/signin with any of these (demo only):\n\n", base)
	for _, a := range accounts {
		if a.Role != kinship.RoleClient {
			fmt.Fprintf(w, "  %-13s %-17s %-30s %s\n", a.Role.Label(), a.Name, a.Email, a.Password)
		}
	}
	for _, a := range accounts {
		if a.Role == kinship.RoleClient {
			fmt.Fprintf(w, "\nA client, %s, signs in to their portal at %s/portal/signin (use a phone-sized window):\n\n  %-13s %-17s %-30s %s\n",
				a.Name, base, a.Role.Label(), a.Name, a.Email, a.Password)
		}
	}
	fmt.Fprintln(w)
}

// displayAddr makes a listening address into one a browser can open.
func displayAddr(a net.Addr) string {
	host, port, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}
