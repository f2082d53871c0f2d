// Package notify sends discreet reminders to clients by email, and later by
// SMS, through a pluggable Sender.
//
// Everything a message carries may show on a phone's lock screen, so the
// texts here carry no clinical words (see Reminder), and errors never carry
// a recipient's address or a message's content, because they reach logs.
package notify

import (
	"context"

	"kinship"
)

// Channels a Message can go out on.
const (
	ChannelEmail = "email"
	ChannelSMS   = "sms"
)

// Message is one notification to one recipient; the domain's type, so
// services can queue one without importing this package.
type Message = kinship.Message

// Sender delivers messages. An implementation returns an EINVALID
// *kinship.Error for a message it can never send (wrong channel, bad
// address), so a caller knows not to retry it.
type Sender interface {
	Send(ctx context.Context, m Message) error
}
