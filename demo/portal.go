package demo

import (
	"context"

	"kinship"
)

// ClientEmail and ClientPassword sign in to River's portal (demo only).
const (
	ClientEmail    = "river@kinship.example"
	ClientPassword = "kinship-demo-client"
)

// seedPortal gives River a portal account with a month of records, and
// returns its sign-in. Without the portal services it does nothing.
func seedPortal(ctx context.Context, svc Services, members []*member, today kinship.Date) (*Account, error) {
	if svc.Portal == nil || svc.CheckIns == nil || svc.Recovery == nil || svc.Network == nil {
		return nil, nil
	}
	var river int64
	for _, m := range members {
		if m.name == "River" {
			river = m.id
		}
	}
	inv, err := svc.Portal.InviteClient(ctx, river)
	if err != nil {
		return nil, err
	}
	if _, err := svc.Portal.AcceptClientInvite(ctx, inv.Token, ClientEmail, ClientPassword); err != nil {
		return nil, err
	}
	for _, seed := range []func(context.Context, Services, int64, kinship.Date) error{seedCheckIns, seedRecovery, seedNetwork} {
		if err := seed(ctx, svc, river, today); err != nil {
			return nil, err
		}
	}
	return &Account{Role: kinship.RoleClient, Name: "River", Email: ClientEmail, Password: ClientPassword}, nil
}
