package diagnosis

import (
	"regexp"
	"strings"
	"testing"
)

// icd10cm matches an ICD-10-CM F-chapter code as Kinship writes it: category,
// then optionally a dot and up to four characters.
var icd10cm = regexp.MustCompile(`^F\d\d(\.[0-9A-Z]{1,4})?$`)

func TestCatalogueWellFormed(t *testing.T) {
	seen := make(map[string]bool)
	for _, c := range Catalogue() {
		t.Run(c.Code, func(t *testing.T) {
			if seen[c.Code] {
				t.Errorf("duplicate code %q", c.Code)
			}
			seen[c.Code] = true
			if !icd10cm.MatchString(c.Code) {
				t.Errorf("code %q does not match %s", c.Code, icd10cm)
			}
			if c.Title == "" {
				t.Error("empty title")
			}
			if got, want := c.Title, strings.TrimSpace(c.Title); got != want {
				t.Errorf("title %q has surrounding spaces", got)
			}
			if c.Group == "" {
				t.Error("empty group")
			}
		})
	}
}

// TestCatalogueGroupsContiguous checks that each group's codes sit together,
// because the picker draws one heading per run of a group.
func TestCatalogueGroupsContiguous(t *testing.T) {
	closed := make(map[string]bool)
	prev := ""
	for _, c := range Catalogue() {
		if c.Group != prev {
			if closed[c.Group] {
				t.Errorf("group %q appears again at %s", c.Group, c.Code)
			}
			closed[prev] = true
			prev = c.Group
		}
	}
}

func TestCatalogueReturnsCopy(t *testing.T) {
	got := Catalogue()
	want := got[0]
	got[0].Title = "changed"
	if again := Catalogue()[0]; again != want {
		t.Errorf("Catalogue()[0] = %+v after caller edit, want %+v", again, want)
	}
}

func TestCatalogueCoversBrief(t *testing.T) {
	// Codes the admission form was specified to offer, with their official
	// titles; a slip in the table for any of these is a visible error.
	tests := []struct{ code, title string }{
		{"F10.20", "Alcohol dependence, uncomplicated"},
		{"F10.230", "Alcohol dependence with withdrawal, uncomplicated"},
		{"F11.23", "Opioid dependence with withdrawal"},
		{"F13.239", "Sedative, hypnotic or anxiolytic dependence with withdrawal, unspecified"},
		{"F14.23", "Cocaine dependence with withdrawal"},
		{"F15.23", "Other stimulant dependence with withdrawal"},
		{"F16.21", "Hallucinogen dependence, in remission"},
		{"F18.11", "Inhalant abuse, in remission"},
		{"F19.91", "Other psychoactive substance use, unspecified, in remission"},
		{"F17.210", "Nicotine dependence, cigarettes, uncomplicated"},
		{"F32.A", "Depression, unspecified"},
		{"F33.2", "Major depressive disorder, recurrent severe without psychotic features"},
		{"F41.0", "Panic disorder [episodic paroxysmal anxiety]"},
		{"F43.12", "Post-traumatic stress disorder, chronic"},
		{"F90.2", "Attention-deficit hyperactivity disorder, combined type"},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			got, ok := Lookup(tt.code)
			if !ok {
				t.Fatalf("Lookup(%q) not found", tt.code)
			}
			if got.Title != tt.title {
				t.Errorf("Lookup(%q).Title = %q, want %q", tt.code, got.Title, tt.title)
			}
		})
	}
}

func TestLookup(t *testing.T) {
	tests := []struct {
		in     string
		want   string // expected Code; "" when not found
		wantOK bool
	}{
		{"F10.20", "F10.20", true},
		{"f10.20", "F10.20", true},
		{"  f10.20\t", "F10.20", true},
		{" F32.a ", "F32.A", true},
		{"f43.12\n", "F43.12", true},
		{"F99.99", "", false},
		{"", "", false},
		{"   ", "", false},
		{"F1020", "", false},
		{"F10", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := Lookup(tt.in)
			if ok != tt.wantOK {
				t.Fatalf("Lookup(%q) ok = %v, want %v", tt.in, ok, tt.wantOK)
			}
			if got.Code != tt.want {
				t.Errorf("Lookup(%q).Code = %q, want %q", tt.in, got.Code, tt.want)
			}
			if !ok && got != (Code{}) {
				t.Errorf("Lookup(%q) = %+v, want zero Code when not found", tt.in, got)
			}
		})
	}
}

func TestPick(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want string // "" when nothing or several codes fit
	}{
		{"F10.20", "F10.20"},
		{"f11.20 ", "F11.20"},
		{"F10.20 Alcohol dependence, uncomplicated", "F10.20"},
		{"borderline personality", "F60.3"},
		{"Opioid dependence, in remission", "F11.21"},
		{"opioid", ""},
		{"F99.99 Not offered", ""},
		{"", ""},
	} {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := Pick(tt.in)
			if got.Code != tt.want || ok != (tt.want != "") {
				t.Errorf("Pick(%q) = %q, %v; want %q", tt.in, got.Code, ok, tt.want)
			}
		})
	}
}

func TestSearch(t *testing.T) {
	got := Search("opioid remission")
	var codes []string
	for _, c := range got {
		codes = append(codes, c.Code)
	}
	if strings.Join(codes, " ") != "F11.11 F11.21 F11.91" {
		t.Errorf("Search(opioid remission) = %v, want F11.11 F11.21 F11.91", codes)
	}
}
