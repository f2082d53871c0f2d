package kinship

import (
	"context"
	"time"
)

// ClientAccount is a client's sign-in to their portal.
type ClientAccount struct {
	ClientID  int64
	Email     string
	NameToUse string
	Pronouns  string
	// AppName is what the portal calls itself on the home screen and in
	// messages: "Kinship" or a neutral "Calendar", so a phone does not
	// reveal treatment.
	AppName      string
	HasPassword  bool
	CreatedAt    time.Time
	LastSignInAt time.Time
}

// AppNames are the names a client may give the portal on their phone.
var AppNames = []string{"Kinship", "Calendar"}

// ClientInvite is a link a client follows to set their password.
type ClientInvite struct {
	ClientID int64
	Token    string // shown once, in the link
	Expires  time.Time
}

// ClientInviteDays is how long an invitation link works.
const ClientInviteDays = 7

// SignInLinkMinutes is how long an emailed sign-in link works.
const SignInLinkMinutes = 15

// PortalAuthService gives clients accounts and signs them in. Sessions are
// kept apart from staff sessions: a client session opens only the portal.
type PortalAuthService interface {
	// InviteClient makes a one-time link for the client to set a password,
	// replacing any earlier unused one. Staff with PermInviteClient.
	InviteClient(ctx context.Context, clientID int64) (*ClientInvite, error)
	// ClientInviteFor returns the account an invitation token is for.
	// ENOTFOUND for an unknown, used or expired token.
	ClientInviteFor(ctx context.Context, token string) (*ClientAccount, error)
	// AcceptClientInvite sets the email and password and uses the token.
	AcceptClientInvite(ctx context.Context, token, email, password string) (*ClientAccount, error)
	// ClientSignIn checks an email and password, throttled as staff
	// sign-ins are.
	ClientSignIn(ctx context.Context, email, password string) (*ClientAccount, error)
	// SignInLink makes a one-time sign-in link token for the account with
	// that email, or returns "" (and no error) when there is none, so the
	// caller answers the same either way.
	SignInLink(ctx context.Context, email string) (token string, account *ClientAccount, err error)
	// UseSignInLink signs in with a link token. EUNAUTHORIZED if unknown,
	// used or expired.
	UseSignInLink(ctx context.Context, token string) (*ClientAccount, error)
	// StartClientSession returns a new session's cookie token.
	StartClientSession(ctx context.Context, clientID int64) (string, error)
	// ClientSession resolves a session cookie. EUNAUTHORIZED if unknown or
	// idle longer than idle.
	ClientSession(ctx context.Context, token string, idle time.Duration) (*ClientAccount, error)
	EndClientSession(ctx context.Context, token string) error
	// SetAppName changes the portal's name on the actor's phone.
	SetAppName(ctx context.Context, name string) error
	// ClientAccount returns a client's account, for staff; ENOTFOUND if the
	// client has none.
	ClientAccount(ctx context.Context, clientID int64) (*ClientAccount, error)
	// QueueMessage puts a discreet message about a client (an invitation,
	// a sign-in link) in the outbox to go out now.
	QueueMessage(ctx context.Context, clientID int64, kind string, m Message) error
}

// Message is one email or text to one recipient.
type Message struct {
	Channel string // "email" or "sms"
	To      string // an email address or a phone number
	Subject string // email only
	Body    string // plain text
	// Unsubscribe is where the recipient turns these messages off, sent
	// as the email's List-Unsubscribe header; empty for none.
	Unsubscribe string
}

// SupportRequest is a client's "I need support now": a callback request
// that alerts their primary counselor and the person on call.
type SupportRequest struct {
	ID             int64
	Callback       string // the number to call back, as the client gave it
	CreatedAt      time.Time
	AcknowledgedAt time.Time // zero until someone has it
	AcknowledgedBy string    // staff name
	CancelledAt    time.Time // zero unless the client cancelled it
}

// SupportRepeatMinutes: a second tap within this time shows the open
// request rather than raising another alert.
const SupportRepeatMinutes = 30

// SupportCancelMinutes is how long a client may cancel a request tapped
// by mistake. It is shorter than the least escalation time (5 minutes),
// so no escalation email can have gone out about a cancelled request.
const SupportCancelMinutes = 2

// Cancellable reports whether the client may still cancel the request.
func (r *SupportRequest) Cancellable(now time.Time) bool {
	return r.AcknowledgedAt.IsZero() && r.CancelledAt.IsZero() && now.Before(r.CreatedAt.Add(SupportCancelMinutes*time.Minute))
}

// SupportService is the portal's "I need support now".
type SupportService interface {
	// RequestSupport raises the alert at once, with the number on record
	// as the callback, or returns the request still open from the last
	// SupportRepeatMinutes.
	RequestSupport(ctx context.Context) (*SupportRequest, error)
	// SetCallback changes the number of the client's open request.
	SetCallback(ctx context.Context, id int64, number string) error
	// CancelSupport withdraws a request tapped by mistake: the alert stays
	// on the staff's dashboards, marked cancelled by the client. ECONFLICT
	// once it is not Cancellable; ENOTFOUND if it is not the client's.
	CancelSupport(ctx context.Context, id int64) error
	// SupportRequests lists the client's requests of the last day, newest
	// first, with who acknowledged them.
	SupportRequests(ctx context.Context) ([]*SupportRequest, error)
}
