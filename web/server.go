// Package web is Kinship's HTTP face: server-rendered pages for staff, the
// JSON API under /api/v1, and the middleware that authenticates, authorizes,
// audits denials and protects every response.
package web

import (
	"log/slog"
	"net"
	"net/http"
	"time"

	"kinship"
	"kinship/instrument"
)

// Services are the domain services the web layer calls.
type Services struct {
	Staff       kinship.StaffService
	Orgs        kinship.OrganizationService
	Audit       kinship.AuditService
	Auth        kinship.AuthService
	Clients     kinship.ClientService
	Admissions  kinship.AdmissionsService
	Episodes    kinship.EpisodeService
	Consents    kinship.ConsentService
	Disclosures kinship.DisclosureService
	Alerts      kinship.AlertService
	BreakGlass  kinship.BreakGlassService
	Schedule    kinship.ScheduleService
	Care        kinship.CareService
	Feeds       kinship.FeedService
	Measures    kinship.MeasureService
	Screens     kinship.DrugScreenService
	Timeline    kinship.TimelineService
	Portal      kinship.PortalAuthService
	Support     kinship.SupportService
	Outbox      kinship.OutboxService
	CheckIns    kinship.CheckInService
	Recovery    kinship.RecoveryService
	Network     kinship.NetworkService
	Plans       kinship.TreatmentPlanService
	Notes       kinship.NoteService
	Days        kinship.DayService
	// Instruments are the definitions forms are drawn from and the
	// scoring API uses; the same registry the measure service scores with.
	Instruments *instrument.Registry
}

// AllServices is every service backed by one implementation, such as the
// SQL store.
func AllServices(s interface {
	kinship.StaffService
	kinship.OrganizationService
	kinship.AuditService
	kinship.AuthService
	kinship.ClientService
	kinship.AdmissionsService
	kinship.EpisodeService
	kinship.ConsentService
	kinship.DisclosureService
	kinship.AlertService
	kinship.BreakGlassService
	kinship.ScheduleService
	kinship.CareService
	kinship.FeedService
	kinship.MeasureService
	kinship.DrugScreenService
	kinship.TimelineService
	kinship.PortalAuthService
	kinship.SupportService
	kinship.OutboxService
	kinship.CheckInService
	kinship.RecoveryService
	kinship.NetworkService
	kinship.TreatmentPlanService
	kinship.NoteService
	kinship.DayService
	Instruments() *instrument.Registry
}) Services {
	return Services{Staff: s, Orgs: s, Audit: s, Auth: s, Clients: s, Admissions: s, Episodes: s, Consents: s, Disclosures: s,
		Alerts: s, BreakGlass: s, Schedule: s, Care: s, Feeds: s, Measures: s, Screens: s, Timeline: s, Portal: s, Support: s, Outbox: s, CheckIns: s, Recovery: s, Network: s, Plans: s, Notes: s, Days: s, Instruments: s.Instruments()}
}

// Config holds the web layer's settings.
type Config struct {
	// IdleTimeout signs a browser out after this long without a request.
	IdleTimeout time.Duration
	// SetupToken, when set, opens /setup/{token} to create the first admin.
	SetupToken string
	// BaseURL, when set, is how people reach Kinship (https://kinship.example.org);
	// links Kinship shows, such as invitations, start with it rather than
	// with whatever Host a request named.
	BaseURL string
	// TrustedProxies are the networks of reverse proxies whose
	// X-Forwarded-For Kinship believes, for throttling and the audit trail.
	TrustedProxies []*net.IPNet
	// SecureCookies marks cookies Secure even when this server does not
	// terminate TLS itself (behind an HTTPS proxy).
	SecureCookies bool
	// Version is shown in the footer and /healthz.
	Version string
	Logger  *slog.Logger
	Clock   kinship.Clock
}

// Server serves Kinship over HTTP.
type Server struct {
	Services
	cfg     Config
	log     *slog.Logger
	pages   *pages
	mux     *http.ServeMux
	routes  []route
	handler http.Handler
}

// New builds a server and checks that every page template parses.
func New(svc Services, cfg Config) (*Server, error) {
	if cfg.IdleTimeout <= 0 {
		cfg.IdleTimeout = 15 * time.Minute
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Clock == nil {
		cfg.Clock = kinship.SystemClock{}
	}
	pg, err := loadPages(svc.Instruments)
	if err != nil {
		return nil, err
	}
	s := &Server{Services: svc, cfg: cfg, log: cfg.Logger, pages: pg, mux: http.NewServeMux()}
	s.registerRoutes()
	s.handler = s.recoverPanics(s.secureHeaders(s.logRequests(http.NewCrossOriginProtection().Handler(s.mux))))
	return s, nil
}

// ServeHTTP serves a request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// SetSetupToken opens or (with "") closes the first-run setup page.
func (s *Server) SetSetupToken(token string) { s.cfg.SetupToken = token }
