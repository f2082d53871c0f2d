package auth

import (
	"encoding/base64"
	"regexp"
	"strings"
	"testing"
)

func TestNewToken(t *testing.T) {
	seen := make(map[string]bool)
	for range 100 {
		token, hash, err := NewToken("kin_")
		if err != nil {
			t.Fatal(err)
		}
		body, ok := strings.CutPrefix(token, "kin_")
		if !ok {
			t.Fatalf("token %q lacks prefix kin_", token)
		}
		b, err := base64.RawURLEncoding.DecodeString(body)
		if err != nil {
			t.Fatalf("token body %q: %v", body, err)
		}
		if got, want := len(b), 32; got != want {
			t.Errorf("token body is %d bytes, want %d", got, want)
		}
		if got, want := hash, HashToken(token); got != want {
			t.Errorf("hash = %q, want HashToken(token) = %q", got, want)
		}
		if seen[token] {
			t.Fatalf("token %q repeated", token)
		}
		seen[token] = true
	}
}

func TestHashToken(t *testing.T) {
	// FIPS 180-2 SHA-256 test vector.
	got, want := HashToken("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
	if got != want {
		t.Errorf("HashToken(abc) = %q, want %q", got, want)
	}
}

func TestNewRecoveryCodes(t *testing.T) {
	format := regexp.MustCompile(`^[` + recoveryAlphabet + `]{4}-[` + recoveryAlphabet + `]{4}-[` + recoveryAlphabet + `]{4}$`)
	codes, hashes, err := NewRecoveryCodes(10)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(codes), 10; got != want {
		t.Fatalf("got %d codes, want %d", got, want)
	}
	if got, want := len(hashes), 10; got != want {
		t.Fatalf("got %d hashes, want %d", got, want)
	}
	seen := make(map[string]bool)
	for i, c := range codes {
		if !format.MatchString(c) {
			t.Errorf("code %q does not match %s", c, format)
		}
		if strings.ContainsAny(c, "ilou") {
			t.Errorf("code %q has an ambiguous letter", c)
		}
		if seen[c] {
			t.Errorf("code %q repeated", c)
		}
		seen[c] = true
		// The user may type it back in any case, spaced or run together.
		for _, typed := range []string{c, strings.ToUpper(strings.ReplaceAll(c, "-", " ")), strings.ReplaceAll(c, "-", "")} {
			if got, want := HashToken(NormalizeRecoveryCode(typed)), hashes[i]; got != want {
				t.Errorf("hash of typed %q = %q, want %q", typed, got, want)
			}
		}
	}
}

func TestNewRecoveryCodesCount(t *testing.T) {
	codes, hashes, err := NewRecoveryCodes(0)
	if err != nil || len(codes) != 0 || len(hashes) != 0 {
		t.Errorf("NewRecoveryCodes(0) = %d codes, %d hashes, %v; want none, nil", len(codes), len(hashes), err)
	}
	if _, _, err := NewRecoveryCodes(-1); err == nil {
		t.Error("NewRecoveryCodes(-1) succeeded, want error")
	}
}

func TestNormalizeRecoveryCode(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"k7mq-2xpr-9dfw", "k7mq2xpr9dfw"},
		{"K7MQ 2XPR 9DFW", "k7mq2xpr9dfw"},
		{" k7mq--2xpr\t9dfw\n", "k7mq2xpr9dfw"},
		{"O0-Il-1", "00111"},
		{"", ""},
	} {
		t.Run(tt.in, func(t *testing.T) {
			if got := NormalizeRecoveryCode(tt.in); got != tt.want {
				t.Errorf("NormalizeRecoveryCode(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
