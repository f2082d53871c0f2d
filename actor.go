package kinship

import "context"

// Actor is whoever is acting: a signed-in staff member, or the command line.
// Services read it from the context to authorize and audit.
type Actor struct {
	StaffID int64
	// ClientID is set, with Role RoleClient, for a client signed in to
	// their portal; they act only on their own record.
	ClientID int64
	Name     string
	Role     Role
	IP       string
	// System is true for the command line and start-up jobs, which act with
	// the operator's authority and are audited as "system".
	System bool
}

// Label is how the actor appears in the audit trail.
func (a Actor) Label() string {
	switch {
	case a.System:
		return "system"
	case a.ClientID != 0:
		return "client" // the audit trail never names a client
	case a.StaffID == 0:
		return "anonymous"
	}
	return a.Name
}

type actorKey struct{}

// WithActor returns a context carrying a.
func WithActor(ctx context.Context, a Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFrom returns the actor in ctx, or the anonymous actor.
func ActorFrom(ctx context.Context) Actor {
	a, _ := ctx.Value(actorKey{}).(Actor)
	return a
}

// SystemContext returns ctx acting as the system (command line, demo).
func SystemContext(ctx context.Context) context.Context {
	return WithActor(ctx, Actor{System: true, Name: "system"})
}

// Authorize returns EFORBIDDEN unless the actor in ctx holds p. The system
// actor holds every permission.
func Authorize(ctx context.Context, p Permission) error {
	a := ActorFrom(ctx)
	if a.System || a.Role.Can(p) {
		return nil
	}
	return Errorf(EFORBIDDEN, "You do not have permission to do that.")
}

// PortalClient returns the client acting in ctx, or EFORBIDDEN when the
// actor is not a client signed in to their portal. Portal services take
// the client from here, never from a request, so a client can reach no
// one else's record.
func PortalClient(ctx context.Context) (int64, error) {
	if a := ActorFrom(ctx); a.Role == RoleClient && a.ClientID != 0 {
		return a.ClientID, nil
	}
	return 0, Errorf(EFORBIDDEN, "Only a signed-in client can do this.")
}
