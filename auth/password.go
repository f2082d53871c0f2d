package auth

import (
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/crypto/argon2"
)

// PasswordParams are argon2id cost parameters. They are encoded into each
// hash, so verification always uses the params the hash was made with.
type PasswordParams struct {
	MemoryKiB  uint32
	Iterations uint32
	Threads    uint8
}

// DefaultPasswordParams follow OWASP's argon2id minimum: m=19 MiB, t=2, p=1.
var DefaultPasswordParams = PasswordParams{MemoryKiB: 19456, Iterations: 2, Threads: 1}

const (
	saltLen = 16
	keyLen  = 32

	// Upper bounds on what a hash may ask for. They sit far above any sane
	// setting, and exist so that a corrupted or tampered hash row cannot
	// make CheckPassword allocate gigabytes or spin for minutes.
	maxMemoryKiB  = 1 << 20 // 1 GiB
	maxIterations = 32

	// Bounds on decoded salt and key lengths in hashes we accept. RFC 9106
	// recommends a 16-byte salt; the PHC format allows 8 at the least.
	minSaltLen = 8
	maxSaltLen = 64
	minKeyLen  = 16
	maxKeyLen  = 64
)

var errMalformedHash = errors.New("auth: malformed password hash")

// HashPassword hashes password with argon2id under p, using a fresh 16-byte
// random salt and a 32-byte key, and returns it in PHC string format:
// $argon2id$v=19$m=19456,t=2,p=1$<salt>$<key>, with salt and key in
// unpadded standard base64. It fails only if p is out of range or the random
// source fails.
func HashPassword(password string, p PasswordParams) (string, error) {
	if err := p.validate(); err != nil {
		return "", fmt.Errorf("auth: invalid password params: %w", err)
	}
	salt, err := randomBytes(saltLen)
	if err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(password), salt, p.Iterations, p.MemoryKiB, p.Threads, keyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.MemoryKiB, p.Iterations, p.Threads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// CheckPassword reports whether password matches the PHC-encoded argon2id
// hash, comparing in constant time. It returns an error only when encoded is
// malformed or asks for out-of-range costs; a wrong password is (false, nil).
// Errors never contain the password or the hash.
func CheckPassword(encoded, password string) (bool, error) {
	p, salt, key, err := decodeHash(encoded)
	if err != nil {
		return false, err
	}
	got := argon2.IDKey([]byte(password), salt, p.Iterations, p.MemoryKiB, p.Threads, uint32(len(key)))
	return subtle.ConstantTimeCompare(got, key) == 1, nil
}

// validate rejects params argon2 would panic on or silently adjust, and
// those beyond the cost bounds.
func (p PasswordParams) validate() error {
	switch {
	case p.Iterations < 1 || p.Iterations > maxIterations:
		return fmt.Errorf("iterations %d out of range 1..%d", p.Iterations, maxIterations)
	case p.Threads < 1:
		return errors.New("threads must be at least 1")
	case p.MemoryKiB < 8*uint32(p.Threads) || p.MemoryKiB > maxMemoryKiB:
		// RFC 9106 requires 8 KiB per lane. Below that x/crypto rounds m
		// up, and the encoded m would no longer be the one used.
		return fmt.Errorf("memory %d KiB out of range %d..%d", p.MemoryKiB, 8*uint32(p.Threads), maxMemoryKiB)
	}
	return nil
}

// decodeHash parses a PHC argon2id string into its params, salt and key.
// Its errors name the faulty part but never quote the input, which holds
// the salt and key.
func decodeHash(encoded string) (p PasswordParams, salt, key []byte, err error) {
	malformed := func(what string) error { return fmt.Errorf("%w: %s", errMalformedHash, what) }

	// "$argon2id$v=19$m=..,t=..,p=..$salt$key" splits into six fields, the
	// first empty.
	f := strings.Split(encoded, "$")
	if len(f) != 6 || f[0] != "" {
		return p, nil, nil, malformed("wrong number of fields")
	}
	if f[1] != "argon2id" {
		return p, nil, nil, malformed("algorithm is not argon2id")
	}
	if f[2] != "v="+strconv.Itoa(argon2.Version) {
		return p, nil, nil, malformed("unsupported version")
	}
	if p, err = parseParams(f[3]); err != nil {
		return p, nil, nil, malformed(err.Error())
	}
	if err = p.validate(); err != nil {
		return p, nil, nil, malformed(err.Error())
	}
	b64 := base64.RawStdEncoding.Strict()
	if salt, err = b64.DecodeString(f[4]); err != nil || len(salt) < minSaltLen || len(salt) > maxSaltLen {
		return p, nil, nil, malformed("bad salt")
	}
	if key, err = b64.DecodeString(f[5]); err != nil || len(key) < minKeyLen || len(key) > maxKeyLen {
		return p, nil, nil, malformed("bad key")
	}
	return p, salt, key, nil
}

// parseParams parses "m=<KiB>,t=<iterations>,p=<threads>". The PHC format
// fixes the order, so other orders are rejected rather than guessed at.
func parseParams(s string) (PasswordParams, error) {
	kv := strings.Split(s, ",")
	if len(kv) != 3 {
		return PasswordParams{}, errors.New("want params m, t and p")
	}
	m, err := paramValue(kv[0], "m", 32)
	if err != nil {
		return PasswordParams{}, err
	}
	t, err := paramValue(kv[1], "t", 32)
	if err != nil {
		return PasswordParams{}, err
	}
	p, err := paramValue(kv[2], "p", 8)
	if err != nil {
		return PasswordParams{}, err
	}
	return PasswordParams{MemoryKiB: uint32(m), Iterations: uint32(t), Threads: uint8(p)}, nil
}

// paramValue parses "<name>=<decimal>" into an unsigned value of bits bits.
func paramValue(kv, name string, bits int) (uint64, error) {
	v, ok := strings.CutPrefix(kv, name+"=")
	if !ok {
		return 0, fmt.Errorf("want param %s", name)
	}
	n, err := strconv.ParseUint(v, 10, bits)
	if err != nil {
		return 0, fmt.Errorf("param %s is not a number in range", name)
	}
	return n, nil
}
