package auth

import (
	"encoding/base64"
	"errors"
	"strings"
	"testing"
)

// testParams keep argon2 fast in tests; only TestHashPasswordDefaultParams
// pays for the production cost.
var testParams = PasswordParams{MemoryKiB: 64, Iterations: 1, Threads: 1}

// wellFormedHash parses but matches no password: a 16-byte salt and an
// all-zero 32-byte key.
const wellFormedHash = "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"

func TestHashPasswordRoundTrip(t *testing.T) {
	for _, tt := range []struct{ name, pw string }{
		{"empty", ""},
		{"ascii", "correct horse battery staple"},
		{"unicode", "pässwörd 🔑"},
		{"long", strings.Repeat("x", 1000)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			pw := tt.pw
			encoded, err := HashPassword(pw, testParams)
			if err != nil {
				t.Fatal(err)
			}
			if got, err := CheckPassword(encoded, pw); err != nil || !got {
				t.Errorf("CheckPassword(right) = %v, %v; want true, nil", got, err)
			}
			if got, err := CheckPassword(encoded, pw+"x"); err != nil || got {
				t.Errorf("CheckPassword(wrong) = %v, %v; want false, nil", got, err)
			}
		})
	}
}

func TestHashPasswordDefaultParams(t *testing.T) {
	encoded, err := HashPassword("correct horse", DefaultPasswordParams)
	if err != nil {
		t.Fatal(err)
	}
	if want := "$argon2id$v=19$m=19456,t=2,p=1$"; !strings.HasPrefix(encoded, want) {
		t.Errorf("hash = %q, want prefix %q", encoded, want)
	}
	if got, err := CheckPassword(encoded, "correct horse"); err != nil || !got {
		t.Errorf("CheckPassword = %v, %v; want true, nil", got, err)
	}
}

func TestHashPasswordEncoding(t *testing.T) {
	encoded, err := HashPassword("pw", PasswordParams{MemoryKiB: 72, Iterations: 3, Threads: 2})
	if err != nil {
		t.Fatal(err)
	}
	f := strings.Split(encoded, "$")
	if len(f) != 6 {
		t.Fatalf("hash %q has %d $-fields, want 6", encoded, len(f))
	}
	if got, want := strings.Join(f[:4], "$"), "$argon2id$v=19$m=72,t=3,p=2"; got != want {
		t.Errorf("hash prefix = %q, want %q", got, want)
	}
	for _, c := range []struct {
		name string
		b64  string
		want int
	}{{"salt", f[4], saltLen}, {"key", f[5], keyLen}} {
		b, err := base64.RawStdEncoding.DecodeString(c.b64)
		if err != nil {
			t.Errorf("%s %q: %v", c.name, c.b64, err)
		}
		if got := len(b); got != c.want {
			t.Errorf("%s is %d bytes, want %d", c.name, got, c.want)
		}
	}

	again, err := HashPassword("pw", PasswordParams{MemoryKiB: 72, Iterations: 3, Threads: 2})
	if err != nil {
		t.Fatal(err)
	}
	if again == encoded {
		t.Error("two hashes of the same password are equal; salt is not random")
	}
}

func TestHashPasswordBadParams(t *testing.T) {
	for _, tt := range []struct {
		name string
		p    PasswordParams
	}{
		{"zero", PasswordParams{}},
		{"no iterations", PasswordParams{MemoryKiB: 64, Threads: 1}},
		{"no threads", PasswordParams{MemoryKiB: 64, Iterations: 1}},
		{"memory under 8 KiB per thread", PasswordParams{MemoryKiB: 31, Iterations: 1, Threads: 4}},
		{"memory over bound", PasswordParams{MemoryKiB: maxMemoryKiB + 1, Iterations: 1, Threads: 1}},
		{"iterations over bound", PasswordParams{MemoryKiB: 64, Iterations: maxIterations + 1, Threads: 1}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := HashPassword("pw", tt.p); err == nil {
				t.Errorf("HashPassword(%+v) succeeded, want error", tt.p)
			}
		})
	}
}

func TestCheckPasswordMalformed(t *testing.T) {
	const salt, key = "c2FsdHNhbHRzYWx0c2FsdA", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
	for _, tt := range []struct {
		name, encoded string
	}{
		{"empty", ""},
		{"plain text", "hunter2"},
		{"bcrypt", "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"},
		{"argon2i", "$argon2i$v=19$m=64,t=1,p=1$" + salt + "$" + key},
		{"old version", "$argon2id$v=16$m=64,t=1,p=1$" + salt + "$" + key},
		{"no version", "$argon2id$m=64,t=1,p=1$" + salt + "$" + key},
		{"extra field", wellFormedHash + "$"},
		{"no leading $", wellFormedHash[1:]},
		{"params out of order", "$argon2id$v=19$t=1,m=64,p=1$" + salt + "$" + key},
		{"missing param", "$argon2id$v=19$m=64,t=1$" + salt + "$" + key},
		{"extra param", "$argon2id$v=19$m=64,t=1,p=1,k=0$" + salt + "$" + key},
		{"non-numeric param", "$argon2id$v=19$m=abc,t=1,p=1$" + salt + "$" + key},
		{"empty param", "$argon2id$v=19$m=64,t=,p=1$" + salt + "$" + key},
		{"negative param", "$argon2id$v=19$m=-64,t=1,p=1$" + salt + "$" + key},
		{"threads overflow uint8", "$argon2id$v=19$m=4096,t=1,p=256$" + salt + "$" + key},
		{"memory overflows uint32", "$argon2id$v=19$m=4294967296,t=1,p=1$" + salt + "$" + key},
		{"zero iterations", "$argon2id$v=19$m=64,t=0,p=1$" + salt + "$" + key},
		{"zero threads", "$argon2id$v=19$m=64,t=1,p=0$" + salt + "$" + key},
		{"memory under 8 KiB per thread", "$argon2id$v=19$m=8,t=1,p=2$" + salt + "$" + key},
		{"memory over bound", "$argon2id$v=19$m=4294967295,t=1,p=1$" + salt + "$" + key},
		{"iterations over bound", "$argon2id$v=19$m=64,t=1000000,p=1$" + salt + "$" + key},
		{"salt not base64", "$argon2id$v=19$m=64,t=1,p=1$!!!!$" + key},
		{"salt padded", "$argon2id$v=19$m=64,t=1,p=1$" + salt + "==$" + key},
		{"salt too short", "$argon2id$v=19$m=64,t=1,p=1$c2FsdA$" + key},
		{"key empty", "$argon2id$v=19$m=64,t=1,p=1$" + salt + "$"},
		{"key too short", "$argon2id$v=19$m=64,t=1,p=1$" + salt + "$AAAA"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			const pw = "secret-password"
			ok, err := CheckPassword(tt.encoded, pw)
			if ok || !errors.Is(err, errMalformedHash) {
				t.Fatalf("CheckPassword = %v, %v; want false, errMalformedHash", ok, err)
			}
			if strings.Contains(err.Error(), pw) {
				t.Errorf("error %q contains the password", err)
			}
		})
	}
}

func TestCheckPasswordWellFormedMismatch(t *testing.T) {
	if got, err := CheckPassword(wellFormedHash, "anything"); err != nil || got {
		t.Errorf("CheckPassword = %v, %v; want false, nil", got, err)
	}
}

func FuzzCheckPassword(f *testing.F) {
	f.Add(wellFormedHash, "anything")
	f.Add("$argon2id$v=19$m=64,t=1,p=1$$", "")
	f.Add("$argon2id$v=19$m=,t=,p=$c2FsdA$AAAA", "pw")
	f.Add("$$$$$", "pw")
	f.Fuzz(func(t *testing.T, encoded, password string) {
		// Parsing is what is under test. Inputs that parse to costly params
		// would only make argon2 slow, so they stop here.
		if p, _, _, err := decodeHash(encoded); err == nil && uint64(p.MemoryKiB)*uint64(p.Iterations) > 4096 {
			t.Skip("costly params")
		}
		if ok, err := CheckPassword(encoded, password); ok && err != nil {
			t.Errorf("CheckPassword = true, %v; want no error with a match", err)
		}
	})
}
