package auth

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/subtle"
	"encoding/base32"
	"encoding/binary"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode"
)

// TOTP settings. They are the defaults every authenticator app assumes, and
// TOTPURI states them explicitly as well.
const (
	totpPeriod    = 30 // seconds per step
	totpDigits    = 6
	totpModulus   = 1_000_000 // 10^totpDigits
	totpSecretLen = 20        // bytes; RFC 4226 recommends 160 bits
	// RFC 4226 §4 requires at least 128 bits of shared secret.
	totpMinSecretLen = 16
)

var totpBase32 = base32.StdEncoding.WithPadding(base32.NoPadding)

// NewTOTPSecret returns a fresh TOTP shared secret: 20 random bytes as upper
// case RFC 4648 base32 without padding.
func NewTOTPSecret() (string, error) {
	b, err := randomBytes(totpSecretLen)
	if err != nil {
		return "", err
	}
	return totpBase32.EncodeToString(b), nil
}

// TOTPCode returns the 6-digit RFC 6238 code (HMAC-SHA1, 30-second steps)
// for secret at time t. It fails if secret is not base32 of at least 16
// bytes or t is before the Unix epoch.
func TOTPCode(secret string, t time.Time) (string, error) {
	key, err := decodeTOTPSecret(secret)
	if err != nil {
		return "", err
	}
	if t.Unix() < 0 {
		return "", errors.New("auth: TOTP time before the Unix epoch")
	}
	return hotp(key, uint64(t.Unix()/totpPeriod)), nil
}

// VerifyTOTP accepts the code for the step of t or one step either side
// (clock drift). It rejects any step <= lastStep so a code cannot be
// replayed. It returns the matched step to be stored as the new lastStep;
// when ok is false it returns lastStep unchanged, so storing step is always
// safe. Codes may contain spaces (users type "123 456"); they are stripped.
// A malformed secret or code is simply not ok.
func VerifyTOTP(secret, code string, t time.Time, lastStep int64) (step int64, ok bool) {
	code = stripSpace(code)
	key, err := decodeTOTPSecret(secret)
	if err != nil || !isDigits(code, totpDigits) {
		return lastStep, false
	}
	now := t.Unix() / totpPeriod
	// Newest step first: should one code happen to be valid for two steps,
	// recording the later one leaves neither open to replay.
	for s := now + 1; s >= now-1; s-- {
		if s <= lastStep || s < 0 {
			continue
		}
		if subtle.ConstantTimeCompare([]byte(hotp(key, uint64(s))), []byte(code)) == 1 {
			return s, true
		}
	}
	return lastStep, false
}

// TOTPURI returns the otpauth:// key URI an authenticator app enrols from,
// as a QR code or a link. issuer names the service in the app and account
// the user. Every component is percent-encoded, spaces as %20.
func TOTPURI(issuer, account, secret string) string {
	return fmt.Sprintf("otpauth://totp/%s:%s?secret=%s&issuer=%s&algorithm=SHA1&digits=%d&period=%d",
		uriEscape(issuer), uriEscape(account), uriEscape(secret), uriEscape(issuer), totpDigits, totpPeriod)
}

// uriEscape percent-encodes s for any part of an otpauth URI. Spaces become
// %20 rather than "+", which some authenticator apps show literally; the
// label's ":" separator must not appear unescaped in issuer or account.
func uriEscape(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}

// decodeTOTPSecret decodes a base32 secret. It tolerates the lower case,
// spaces and padding people and other tools add when copying secrets.
func decodeTOTPSecret(secret string) ([]byte, error) {
	s := strings.TrimRight(stripSpace(strings.ToUpper(secret)), "=")
	key, err := totpBase32.DecodeString(s)
	if err != nil {
		return nil, errors.New("auth: TOTP secret is not base32")
	}
	if len(key) < totpMinSecretLen {
		return nil, fmt.Errorf("auth: TOTP secret shorter than %d bytes", totpMinSecretLen)
	}
	return key, nil
}

// hotp is RFC 4226 HOTP with HMAC-SHA1, truncated to totpDigits digits.
func hotp(key []byte, counter uint64) string {
	mac := hmac.New(sha1.New, key)
	mac.Write(binary.BigEndian.AppendUint64(nil, counter))
	sum := mac.Sum(nil)
	// Dynamic truncation (RFC 4226 §5.3): the low nibble of the last byte
	// picks four bytes, whose top bit is dropped to dodge sign ambiguity.
	off := sum[len(sum)-1] & 0x0f
	v := binary.BigEndian.Uint32(sum[off:]) & 0x7fffffff
	return fmt.Sprintf("%0*d", totpDigits, v%totpModulus)
}

// isDigits reports whether s is exactly n ASCII digits.
func isDigits(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// stripSpace removes all white space from s.
func stripSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}
