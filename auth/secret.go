package auth

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"strings"
	"unicode"
)

const (
	tokenBytes    = 32 // 256 bits of entropy per token
	recoveryChars = 12 // per recovery code, in groups of recoveryGroup
	recoveryGroup = 4
)

// recoveryAlphabet is Crockford's base32 in lower case: digits and letters
// without i, l, o and u, so no two symbols are easily confused.
const recoveryAlphabet = "0123456789abcdefghjkmnpqrstvwxyz"

// NewToken returns a random token with the given prefix (e.g. "kin_")
// followed by 32 random bytes in unpadded base64url, and the hex SHA-256 of
// the whole token, which is what gets stored.
func NewToken(prefix string) (token, hash string, err error) {
	b, err := randomBytes(tokenBytes)
	if err != nil {
		return "", "", err
	}
	token = prefix + base64.RawURLEncoding.EncodeToString(b)
	return token, HashToken(token), nil
}

// HashToken returns the hex SHA-256 of token. A fast hash is enough because
// tokens carry 256 bits of entropy and cannot be guessed.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// NewRecoveryCodes returns n single-use recovery codes, formatted as three
// groups of four lowercase base32 characters without ambiguous letters, like
// "k7mq-2xpr-9dfw" (60 bits each), and their hashes: HashToken of
// NormalizeRecoveryCode of each code, in the same order. It fails if n is
// negative.
func NewRecoveryCodes(n int) (codes, hashes []string, err error) {
	if n < 0 {
		return nil, nil, errors.New("auth: negative recovery code count")
	}
	codes = make([]string, n)
	hashes = make([]string, n)
	for i := range n {
		b, err := randomBytes(recoveryChars)
		if err != nil {
			return nil, nil, err
		}
		var c strings.Builder
		for j, v := range b {
			if j > 0 && j%recoveryGroup == 0 {
				c.WriteByte('-')
			}
			// 256 is a multiple of 32, so the low five bits are uniform.
			c.WriteByte(recoveryAlphabet[v&31])
		}
		codes[i] = c.String()
		hashes[i] = HashToken(NormalizeRecoveryCode(codes[i]))
	}
	return codes, hashes, nil
}

// NormalizeRecoveryCode lower-cases s and strips spaces and dashes, so
// "K7MQ 2XPR 9DFW" matches "k7mq-2xpr-9dfw". Following Crockford, it also
// reads o as 0 and i and l as 1, the digits those letters are mistaken for.
func NormalizeRecoveryCode(s string) string {
	return strings.Map(func(r rune) rune {
		switch r = unicode.ToLower(r); {
		case r == '-' || unicode.IsSpace(r):
			return -1
		case r == 'o':
			return '0'
		case r == 'i' || r == 'l':
			return '1'
		}
		return r
	}, s)
}
