package diagnosis

import (
	"errors"
	"strings"
	"testing"
)

func TestForUseDisorder(t *testing.T) {
	// Every substance × severity × remission, written out rather than
	// computed, so a mistake in the mapping cannot hide in the test.
	tests := []struct {
		s           Substance
		sev         Severity
		inRemission bool
		want        string
	}{
		{Alcohol, Mild, false, "F10.10"},
		{Alcohol, Moderate, false, "F10.20"},
		{Alcohol, Severe, false, "F10.20"},
		{Alcohol, Mild, true, "F10.11"},
		{Alcohol, Moderate, true, "F10.21"},
		{Alcohol, Severe, true, "F10.21"},

		{Opioid, Mild, false, "F11.10"},
		{Opioid, Moderate, false, "F11.20"},
		{Opioid, Severe, false, "F11.20"},
		{Opioid, Mild, true, "F11.11"},
		{Opioid, Moderate, true, "F11.21"},
		{Opioid, Severe, true, "F11.21"},

		{Cannabis, Mild, false, "F12.10"},
		{Cannabis, Moderate, false, "F12.20"},
		{Cannabis, Severe, false, "F12.20"},
		{Cannabis, Mild, true, "F12.11"},
		{Cannabis, Moderate, true, "F12.21"},
		{Cannabis, Severe, true, "F12.21"},

		{Sedative, Mild, false, "F13.10"},
		{Sedative, Moderate, false, "F13.20"},
		{Sedative, Severe, false, "F13.20"},
		{Sedative, Mild, true, "F13.11"},
		{Sedative, Moderate, true, "F13.21"},
		{Sedative, Severe, true, "F13.21"},

		{Cocaine, Mild, false, "F14.10"},
		{Cocaine, Moderate, false, "F14.20"},
		{Cocaine, Severe, false, "F14.20"},
		{Cocaine, Mild, true, "F14.11"},
		{Cocaine, Moderate, true, "F14.21"},
		{Cocaine, Severe, true, "F14.21"},

		{Stimulant, Mild, false, "F15.10"},
		{Stimulant, Moderate, false, "F15.20"},
		{Stimulant, Severe, false, "F15.20"},
		{Stimulant, Mild, true, "F15.11"},
		{Stimulant, Moderate, true, "F15.21"},
		{Stimulant, Severe, true, "F15.21"},

		{Hallucinogen, Mild, false, "F16.10"},
		{Hallucinogen, Moderate, false, "F16.20"},
		{Hallucinogen, Severe, false, "F16.20"},
		{Hallucinogen, Mild, true, "F16.11"},
		{Hallucinogen, Moderate, true, "F16.21"},
		{Hallucinogen, Severe, true, "F16.21"},

		{Inhalant, Mild, false, "F18.10"},
		{Inhalant, Moderate, false, "F18.20"},
		{Inhalant, Severe, false, "F18.20"},
		{Inhalant, Mild, true, "F18.11"},
		{Inhalant, Moderate, true, "F18.21"},
		{Inhalant, Severe, true, "F18.21"},

		{OtherSubstance, Mild, false, "F19.10"},
		{OtherSubstance, Moderate, false, "F19.20"},
		{OtherSubstance, Severe, false, "F19.20"},
		{OtherSubstance, Mild, true, "F19.11"},
		{OtherSubstance, Moderate, true, "F19.21"},
		{OtherSubstance, Severe, true, "F19.21"},
	}
	for _, tt := range tests {
		name := string(tt.s) + "/" + string(tt.sev)
		if tt.inRemission {
			name += "/remission"
		}
		t.Run(name, func(t *testing.T) {
			got, err := ForUseDisorder(tt.s, tt.sev, tt.inRemission)
			if err != nil {
				t.Fatalf("ForUseDisorder(%q, %q, %v): %v", tt.s, tt.sev, tt.inRemission, err)
			}
			if got.Code != tt.want {
				t.Errorf("ForUseDisorder(%q, %q, %v).Code = %q, want %q", tt.s, tt.sev, tt.inRemission, got.Code, tt.want)
			}
			// The title must say abuse for mild and dependence otherwise,
			// and in remission exactly when asked: a cheap cross-check of
			// the table against the mapping.
			wantWord := "dependence"
			if tt.sev == Mild {
				wantWord = "abuse"
			}
			if !strings.Contains(got.Title, wantWord) {
				t.Errorf("title %q does not contain %q", got.Title, wantWord)
			}
			if gotRem := strings.HasSuffix(got.Title, ", in remission"); gotRem != tt.inRemission {
				t.Errorf("title %q: in remission = %v, want %v", got.Title, gotRem, tt.inRemission)
			}
		})
	}
}

func TestForUseDisorderErrors(t *testing.T) {
	tests := []struct {
		name    string
		s       Substance
		sev     Severity
		wantErr error
		wantIn  string // the offending value, quoted, must appear in the message
	}{
		{"unknown substance", "tobacco", Mild, ErrUnknownSubstance, `"tobacco"`},
		{"empty substance", "", Severe, ErrUnknownSubstance, `""`},
		{"wrong case substance", "Alcohol", Mild, ErrUnknownSubstance, `"Alcohol"`},
		{"unknown severity", Alcohol, "extreme", ErrUnknownSeverity, `"extreme"`},
		{"empty severity", Opioid, "", ErrUnknownSeverity, `""`},
		{"both unknown reports substance", "tea", "extreme", ErrUnknownSubstance, `"tea"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ForUseDisorder(tt.s, tt.sev, false)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("ForUseDisorder(%q, %q) error = %v, want %v", tt.s, tt.sev, err, tt.wantErr)
			}
			if !strings.Contains(err.Error(), tt.wantIn) {
				t.Errorf("error %q does not name %s", err, tt.wantIn)
			}
			if got != (Code{}) {
				t.Errorf("ForUseDisorder(%q, %q) = %+v, want zero Code", tt.s, tt.sev, got)
			}
		})
	}
}

// TestForUseDisorderInCatalogue checks that every code the mapping can return
// is offered by the picker, with the same title and group, so that a code
// chosen by severity and one chosen by hand are indistinguishable.
func TestForUseDisorderInCatalogue(t *testing.T) {
	for s := range categories {
		for sev := range subcategories {
			for _, rem := range []bool{false, true} {
				got, err := ForUseDisorder(s, sev, rem)
				if err != nil {
					t.Errorf("ForUseDisorder(%q, %q, %v): %v", s, sev, rem, err)
					continue
				}
				want, ok := Lookup(got.Code)
				if !ok {
					t.Errorf("ForUseDisorder(%q, %q, %v) = %s, not in Catalogue", s, sev, rem, got.Code)
					continue
				}
				if got != want {
					t.Errorf("ForUseDisorder(%q, %q, %v) = %+v, Lookup gives %+v", s, sev, rem, got, want)
				}
			}
		}
	}
}
