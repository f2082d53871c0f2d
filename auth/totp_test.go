package auth

import (
	"net/url"
	"strings"
	"testing"
	"time"
)

// rfcSecret is the RFC 6238 Appendix B SHA-1 seed, base32-encoded.
var rfcSecret = totpBase32.EncodeToString([]byte("12345678901234567890"))

func TestTOTPCodeRFC6238(t *testing.T) {
	// Appendix B publishes 8-digit values; a 6-digit code is their last six.
	for _, tt := range []struct {
		unix  int64
		eight string
	}{
		{59, "94287082"},
		{1111111109, "07081804"},
		{1111111111, "14050471"},
		{1234567890, "89005924"},
		{2000000000, "69279037"},
		{20000000000, "65353130"},
	} {
		t.Run(tt.eight, func(t *testing.T) {
			got, err := TOTPCode(rfcSecret, time.Unix(tt.unix, 0))
			if err != nil {
				t.Fatal(err)
			}
			if want := tt.eight[2:]; got != want {
				t.Errorf("TOTPCode(t=%d) = %q, want %q", tt.unix, got, want)
			}
		})
	}
}

func TestTOTPCodeSecretForms(t *testing.T) {
	// People paste secrets in lower case, in groups, or padded.
	for _, s := range []string{strings.ToLower(rfcSecret), "GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ", rfcSecret + "===="} {
		t.Run(s, func(t *testing.T) {
			got, err := TOTPCode(s, time.Unix(59, 0))
			if err != nil {
				t.Fatal(err)
			}
			if want := "287082"; got != want {
				t.Errorf("TOTPCode = %q, want %q", got, want)
			}
		})
	}
}

func TestTOTPMalformedSecret(t *testing.T) {
	now := time.Unix(1111111111, 0)
	for _, tt := range []struct{ name, secret string }{
		{"empty", ""},
		{"not base32", "not base32!"},
		{"digits 0 and 1", "01234567012345670123456701234567"},
		{"under 128 bits", totpBase32.EncodeToString(make([]byte, 15))},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if code, err := TOTPCode(tt.secret, now); err == nil {
				t.Errorf("TOTPCode = %q, nil; want error", code)
			}
			if _, ok := VerifyTOTP(tt.secret, "050471", now, 0); ok {
				t.Error("VerifyTOTP accepted a code for a malformed secret")
			}
		})
	}
}

func TestTOTPCodeBeforeEpoch(t *testing.T) {
	if code, err := TOTPCode(rfcSecret, time.Unix(-1, 0)); err == nil {
		t.Errorf("TOTPCode = %q, nil; want error", code)
	}
}

func TestNewTOTPSecret(t *testing.T) {
	s, err := NewTOTPSecret()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(s), 32; got != want {
		t.Errorf("len(%q) = %d, want %d", s, got, want)
	}
	if s != strings.ToUpper(s) || strings.Contains(s, "=") {
		t.Errorf("secret %q is not upper case unpadded base32", s)
	}
	key, err := totpBase32.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(key), 20; got != want {
		t.Errorf("secret decodes to %d bytes, want %d", got, want)
	}
	if again, _ := NewTOTPSecret(); again == s {
		t.Error("two secrets are equal")
	}
}

func TestVerifyTOTP(t *testing.T) {
	now := time.Unix(1111111111, 0) // step 37037037
	const step = 1111111111 / 30
	codeAt := func(t *testing.T, at time.Time) string {
		t.Helper()
		c, err := TOTPCode(rfcSecret, at)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}

	for _, tt := range []struct {
		name     string
		offset   time.Duration
		lastStep int64
		wantStep int64
		wantOK   bool
	}{
		{"current step", 0, 0, step, true},
		{"one step behind", -30 * time.Second, 0, step - 1, true},
		{"one step ahead", 30 * time.Second, 0, step + 1, true},
		{"two steps behind", -60 * time.Second, 0, 0, false},
		{"two steps ahead", 60 * time.Second, 0, 0, false},
		{"replay of last step", 0, step, step, false},
		{"step older than last", -30 * time.Second, step, step, false},
		{"after earlier step", 0, step - 1, step, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code := codeAt(t, now.Add(tt.offset))
			gotStep, gotOK := VerifyTOTP(rfcSecret, code, now, tt.lastStep)
			if gotStep != tt.wantStep || gotOK != tt.wantOK {
				t.Errorf("VerifyTOTP = %d, %v; want %d, %v", gotStep, gotOK, tt.wantStep, tt.wantOK)
			}
		})
	}

	t.Run("second use of a code", func(t *testing.T) {
		code := codeAt(t, now)
		last, ok := VerifyTOTP(rfcSecret, code, now, 0)
		if !ok {
			t.Fatal("first use rejected")
		}
		// A few seconds later the same code is still within the window.
		if _, ok := VerifyTOTP(rfcSecret, code, now.Add(5*time.Second), last); ok {
			t.Error("second use accepted")
		}
	})
}

func TestVerifyTOTPCodeForms(t *testing.T) {
	now := time.Unix(1111111111, 0) // code 050471
	for _, tt := range []struct {
		name, code string
		want       bool
	}{
		{"plain", "050471", true},
		{"grouped", "050 471", true},
		{"padded", " 05 04 71\t", true},
		{"empty", "", false},
		{"too short", "05047", false},
		{"too long", "0504710", false},
		{"eight-digit RFC value", "14050471", false},
		{"letters", "05o471", false},
		{"signed", "+50471", false},
		{"fullwidth digits", "０５０４７１", false},
		{"wrong", "050472", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, got := VerifyTOTP(rfcSecret, tt.code, now, 0); got != tt.want {
				t.Errorf("VerifyTOTP(%q) ok = %v, want %v", tt.code, got, tt.want)
			}
		})
	}
}

func TestTOTPURI(t *testing.T) {
	got := TOTPURI("Kinship IOP", "sam+1@example.org", "JBSWY3DPEHPK3PXP")
	want := "otpauth://totp/Kinship%20IOP:sam%2B1%40example.org?secret=JBSWY3DPEHPK3PXP&issuer=Kinship%20IOP&algorithm=SHA1&digits=6&period=30"
	if got != want {
		t.Errorf("TOTPURI =\n%s\nwant\n%s", got, want)
	}

	// Characters that would break the label or query must round-trip.
	issuer, account := "A&B: Clinic?", "x:y/z=1#"
	u, err := url.Parse(TOTPURI(issuer, account, "JBSWY3DPEHPK3PXP"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := u.Path, "/"+issuer+":"+account; got != want {
		t.Errorf("label = %q, want %q", got, want)
	}
	if got := strings.Count(u.EscapedPath(), ":"); got != 1 {
		t.Errorf("escaped label %q has %d colons, want 1", u.EscapedPath(), got)
	}
	q := u.Query()
	for k, want := range map[string]string{"secret": "JBSWY3DPEHPK3PXP", "issuer": issuer, "algorithm": "SHA1", "digits": "6", "period": "30"} {
		if got := q.Get(k); got != want {
			t.Errorf("query %s = %q, want %q", k, got, want)
		}
	}
}
