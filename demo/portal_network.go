package demo

import (
	"context"
	"fmt"

	"kinship"
)

// seedNetwork gives the demo client account its people, each with what
// they may receive (signed for in the portal), and a recovery date 40 days
// ago, past the 30-day milestone.
func seedNetwork(ctx context.Context, svc Services, client int64, today kinship.Date) error {
	ctx = kinship.WithActor(ctx, kinship.Actor{ClientID: client, Role: kinship.RoleClient})
	people := []kinship.ContactFields{
		{Name: "Maya Brooks", Relationship: kinship.RelChosenFamily, Phone: "510-555-0182", Email: "maya.brooks@example.org",
			Sharing: kinship.ShareFamilyInvites},
		{Name: "Jordan Lee", Relationship: kinship.RelPartner, Phone: "510-555-0160", Sharing: kinship.ShareAttendance},
		{Name: "Sam Whitaker", Relationship: kinship.RelSponsor, Phone: "510-555-0190", Sharing: kinship.ShareNothing},
		{Name: "Tess Moreno", Relationship: kinship.RelFriend, Email: "tess@example.org", Sharing: kinship.ShareNothing},
	}
	for _, f := range people {
		if f.Sharing != kinship.ShareNothing {
			f.Expiry, f.SignedName, f.Agreed = kinship.ExpiryDate, "River", true
		}
		if _, err := svc.Network.AddContact(ctx, f); err != nil {
			return fmt.Errorf("demo contact: %w", err)
		}
	}
	_, err := svc.Network.SetRecoveryStart(ctx, today.AddDays(-40), false)
	return err
}
