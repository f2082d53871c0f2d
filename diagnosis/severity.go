package diagnosis

import (
	"errors"
	"fmt"
)

// Substance is a DSM-5-TR substance class. Each maps to one ICD-10-CM
// category: alcohol F10, opioid F11, cannabis F12, sedative F13, cocaine F14,
// stimulant F15, hallucinogen F16, inhalant F18, other F19. Tobacco (F17) is
// absent on purpose: ICD-10-CM codes nicotine dependence by product, not by
// DSM-5-TR severity.
type Substance string

// The substance classes ForUseDisorder accepts. The string values are stable
// and may be stored or sent over the wire.
const (
	Alcohol        Substance = "alcohol"
	Opioid         Substance = "opioid"
	Cannabis       Substance = "cannabis"
	Sedative       Substance = "sedative" // sedative, hypnotic or anxiolytic
	Cocaine        Substance = "cocaine"
	Stimulant      Substance = "stimulant" // other than cocaine: amphetamine-type, caffeine
	Hallucinogen   Substance = "hallucinogen"
	Inhalant       Substance = "inhalant"
	OtherSubstance Substance = "other" // other or unknown substance
)

// Severity is a DSM-5-TR substance use disorder severity, set by how many of
// the eleven criteria are met: mild 2–3, moderate 4–5, severe 6 or more.
type Severity string

// The severities ForUseDisorder accepts. The string values are stable and
// may be stored or sent over the wire.
const (
	Mild     Severity = "mild"
	Moderate Severity = "moderate"
	Severe   Severity = "severe"
)

// ErrUnknownSubstance and ErrUnknownSeverity are wrapped by the errors
// ForUseDisorder returns for input it does not know, so that callers can tell
// bad input (errors.Is) from a broken catalogue.
var (
	ErrUnknownSubstance = errors.New("diagnosis: unknown substance")
	ErrUnknownSeverity  = errors.New("diagnosis: unknown severity")
)

// categories maps each substance class to its ICD-10-CM category.
var categories = map[Substance]string{
	Alcohol:        "F10",
	Opioid:         "F11",
	Cannabis:       "F12",
	Sedative:       "F13",
	Cocaine:        "F14",
	Stimulant:      "F15",
	Hallucinogen:   "F16",
	Inhalant:       "F18",
	OtherSubstance: "F19",
}

// subcategories maps a severity to the ICD-10-CM subcategory digit: mild is
// coded as abuse (.1), moderate and severe as dependence (.2). This is the
// crosswalk DSM-5-TR prints beside each substance use disorder; ICD-10-CM has
// no separate code for severe.
var subcategories = map[Severity]string{
	Mild:     "1",
	Moderate: "2",
	Severe:   "2",
}

// ForUseDisorder maps a DSM-5-TR substance use disorder to its ICD-10-CM
// code, with title, from the catalogue:
//
//	mild → F1x.10, moderate or severe → F1x.20;
//	in remission: mild → F1x.11, moderate or severe → F1x.21.
//
// It returns an error wrapping ErrUnknownSubstance or ErrUnknownSeverity, and
// naming the value, for a substance or severity it does not know; substance
// is checked first. Values are matched exactly, as the constants spell them.
func ForUseDisorder(s Substance, sev Severity, inRemission bool) (Code, error) {
	category, ok := categories[s]
	if !ok {
		return Code{}, fmt.Errorf("%w %q", ErrUnknownSubstance, s)
	}
	sub, ok := subcategories[sev]
	if !ok {
		return Code{}, fmt.Errorf("%w %q", ErrUnknownSeverity, sev)
	}
	// The last digit is the course: 0 uncomplicated, 1 in remission.
	course := "0"
	if inRemission {
		course = "1"
	}
	code := category + "." + sub + course
	c, ok := byCode[code]
	if !ok {
		// Only a catalogue edit that drops a mapped code gets here; the
		// tests check that it cannot happen.
		return Code{}, fmt.Errorf("diagnosis: %s is missing from the catalogue", code)
	}
	return c, nil
}
