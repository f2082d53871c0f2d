package diagnosis

import "strings"

// Code is one ICD-10-CM code with its official title. Group names the
// heading it sits under in the admission picker; it is Kinship's own
// grouping, not part of ICD-10-CM.
type Code struct {
	Code  string `json:"code"`
	Title string `json:"title"`
	Group string `json:"group"`
}

// Picker group names, in the order the picker shows them.
const (
	groupAlcohol      = "Alcohol"
	groupOpioids      = "Opioids"
	groupCannabis     = "Cannabis"
	groupSedatives    = "Sedatives, hypnotics or anxiolytics"
	groupCocaine      = "Cocaine"
	groupStimulants   = "Other stimulants"
	groupHallucinogen = "Hallucinogens"
	groupInhalants    = "Inhalants"
	groupOther        = "Other psychoactive substances"
	groupNicotine     = "Nicotine"
	groupDepressive   = "Depressive disorders"
	groupAnxiety      = "Anxiety disorders"
	groupTrauma       = "Trauma and stress"
	groupBipolar      = "Bipolar disorders"
	groupADHD         = "ADHD"
	groupEating       = "Eating disorders"
	groupSleep        = "Sleep disorders"
	groupPersonality  = "Personality disorders"
)

// catalogue is every code Kinship offers, in picker order.
//
// Titles are the official ICD-10-CM long titles of the FY2024 release
// (effective 1 October 2023). Each was checked against two public copies of
// the CMS code-description files, which agree on every title here:
// icd10cm-codes-2024.txt (github.com/ImagineDogs/TranstornosMentais) and
// icd10cm_codes_2023.txt (github.com/arijitdasgupta543-dev/Medisathi). The
// codes were also checked against an FY2025 code list: none was retired
// there. FY2025 split F50.01, F50.02, F50.2 and F50.81 by severity, which is
// why those codes are absent and F50.00, still valid, is kept.
//
// Oddities in the official wording are deliberate and must not be
// "corrected": the extra comma in F13.90 ("Sedative, hypnotic, or anxiolytic
// use"), the missing comma in F33.2 ("recurrent severe"), and the bracketed
// gloss in F41.0.
var catalogue = []Code{
	// Alcohol (F10): DSM-5-TR alcohol use disorder, plus withdrawal, which
	// an IOP sees at intake and must code as dependence with withdrawal.
	{"F10.10", "Alcohol abuse, uncomplicated", groupAlcohol},
	{"F10.11", "Alcohol abuse, in remission", groupAlcohol},
	{"F10.20", "Alcohol dependence, uncomplicated", groupAlcohol},
	{"F10.21", "Alcohol dependence, in remission", groupAlcohol},
	{"F10.230", "Alcohol dependence with withdrawal, uncomplicated", groupAlcohol},
	{"F10.231", "Alcohol dependence with withdrawal delirium", groupAlcohol},
	{"F10.232", "Alcohol dependence with withdrawal with perceptual disturbance", groupAlcohol},
	{"F10.239", "Alcohol dependence with withdrawal, unspecified", groupAlcohol},
	{"F10.90", "Alcohol use, unspecified, uncomplicated", groupAlcohol},
	{"F10.91", "Alcohol use, unspecified, in remission", groupAlcohol},

	// Opioids (F11).
	{"F11.10", "Opioid abuse, uncomplicated", groupOpioids},
	{"F11.11", "Opioid abuse, in remission", groupOpioids},
	{"F11.20", "Opioid dependence, uncomplicated", groupOpioids},
	{"F11.21", "Opioid dependence, in remission", groupOpioids},
	{"F11.23", "Opioid dependence with withdrawal", groupOpioids},
	{"F11.90", "Opioid use, unspecified, uncomplicated", groupOpioids},
	{"F11.91", "Opioid use, unspecified, in remission", groupOpioids},

	// Cannabis (F12).
	{"F12.10", "Cannabis abuse, uncomplicated", groupCannabis},
	{"F12.11", "Cannabis abuse, in remission", groupCannabis},
	{"F12.20", "Cannabis dependence, uncomplicated", groupCannabis},
	{"F12.21", "Cannabis dependence, in remission", groupCannabis},
	{"F12.23", "Cannabis dependence with withdrawal", groupCannabis},
	{"F12.90", "Cannabis use, unspecified, uncomplicated", groupCannabis},
	{"F12.91", "Cannabis use, unspecified, in remission", groupCannabis},

	// Sedatives, hypnotics or anxiolytics (F13).
	{"F13.10", "Sedative, hypnotic or anxiolytic abuse, uncomplicated", groupSedatives},
	{"F13.11", "Sedative, hypnotic or anxiolytic abuse, in remission", groupSedatives},
	{"F13.20", "Sedative, hypnotic or anxiolytic dependence, uncomplicated", groupSedatives},
	{"F13.21", "Sedative, hypnotic or anxiolytic dependence, in remission", groupSedatives},
	{"F13.230", "Sedative, hypnotic or anxiolytic dependence with withdrawal, uncomplicated", groupSedatives},
	{"F13.231", "Sedative, hypnotic or anxiolytic dependence with withdrawal delirium", groupSedatives},
	{"F13.232", "Sedative, hypnotic or anxiolytic dependence with withdrawal with perceptual disturbance", groupSedatives},
	{"F13.239", "Sedative, hypnotic or anxiolytic dependence with withdrawal, unspecified", groupSedatives},
	{"F13.90", "Sedative, hypnotic, or anxiolytic use, unspecified, uncomplicated", groupSedatives},
	{"F13.91", "Sedative, hypnotic or anxiolytic use, unspecified, in remission", groupSedatives},

	// Cocaine (F14).
	{"F14.10", "Cocaine abuse, uncomplicated", groupCocaine},
	{"F14.11", "Cocaine abuse, in remission", groupCocaine},
	{"F14.20", "Cocaine dependence, uncomplicated", groupCocaine},
	{"F14.21", "Cocaine dependence, in remission", groupCocaine},
	{"F14.23", "Cocaine dependence with withdrawal", groupCocaine},
	{"F14.90", "Cocaine use, unspecified, uncomplicated", groupCocaine},
	{"F14.91", "Cocaine use, unspecified, in remission", groupCocaine},

	// Other stimulants (F15): amphetamine-type substances and caffeine.
	{"F15.10", "Other stimulant abuse, uncomplicated", groupStimulants},
	{"F15.11", "Other stimulant abuse, in remission", groupStimulants},
	{"F15.20", "Other stimulant dependence, uncomplicated", groupStimulants},
	{"F15.21", "Other stimulant dependence, in remission", groupStimulants},
	{"F15.23", "Other stimulant dependence with withdrawal", groupStimulants},
	{"F15.90", "Other stimulant use, unspecified, uncomplicated", groupStimulants},
	{"F15.91", "Other stimulant use, unspecified, in remission", groupStimulants},

	// Hallucinogens (F16): ICD-10-CM has no hallucinogen withdrawal code.
	{"F16.10", "Hallucinogen abuse, uncomplicated", groupHallucinogen},
	{"F16.11", "Hallucinogen abuse, in remission", groupHallucinogen},
	{"F16.20", "Hallucinogen dependence, uncomplicated", groupHallucinogen},
	{"F16.21", "Hallucinogen dependence, in remission", groupHallucinogen},
	{"F16.90", "Hallucinogen use, unspecified, uncomplicated", groupHallucinogen},
	{"F16.91", "Hallucinogen use, unspecified, in remission", groupHallucinogen},

	// Inhalants (F18): no withdrawal code either. F17 is nicotine, below.
	{"F18.10", "Inhalant abuse, uncomplicated", groupInhalants},
	{"F18.11", "Inhalant abuse, in remission", groupInhalants},
	{"F18.20", "Inhalant dependence, uncomplicated", groupInhalants},
	{"F18.21", "Inhalant dependence, in remission", groupInhalants},
	{"F18.90", "Inhalant use, unspecified, uncomplicated", groupInhalants},
	{"F18.91", "Inhalant use, unspecified, in remission", groupInhalants},

	// Other psychoactive substances (F19): also DSM-5-TR "unknown substance".
	{"F19.10", "Other psychoactive substance abuse, uncomplicated", groupOther},
	{"F19.11", "Other psychoactive substance abuse, in remission", groupOther},
	{"F19.20", "Other psychoactive substance dependence, uncomplicated", groupOther},
	{"F19.21", "Other psychoactive substance dependence, in remission", groupOther},
	{"F19.230", "Other psychoactive substance dependence with withdrawal, uncomplicated", groupOther},
	{"F19.239", "Other psychoactive substance dependence with withdrawal, unspecified", groupOther},
	{"F19.90", "Other psychoactive substance use, unspecified, uncomplicated", groupOther},
	{"F19.91", "Other psychoactive substance use, unspecified, in remission", groupOther},

	// Nicotine (F17): coded as dependence by product, not by DSM severity,
	// so ForUseDisorder does not map to it.
	{"F17.200", "Nicotine dependence, unspecified, uncomplicated", groupNicotine},
	{"F17.210", "Nicotine dependence, cigarettes, uncomplicated", groupNicotine},
	{"F17.211", "Nicotine dependence, cigarettes, in remission", groupNicotine},
	{"F17.290", "Nicotine dependence, other tobacco product, uncomplicated", groupNicotine},

	// Depressive disorders (F32–F34).
	{"F32.0", "Major depressive disorder, single episode, mild", groupDepressive},
	{"F32.1", "Major depressive disorder, single episode, moderate", groupDepressive},
	{"F32.2", "Major depressive disorder, single episode, severe without psychotic features", groupDepressive},
	{"F32.3", "Major depressive disorder, single episode, severe with psychotic features", groupDepressive},
	{"F32.4", "Major depressive disorder, single episode, in partial remission", groupDepressive},
	{"F32.5", "Major depressive disorder, single episode, in full remission", groupDepressive},
	{"F32.9", "Major depressive disorder, single episode, unspecified", groupDepressive},
	{"F32.A", "Depression, unspecified", groupDepressive},
	{"F33.0", "Major depressive disorder, recurrent, mild", groupDepressive},
	{"F33.1", "Major depressive disorder, recurrent, moderate", groupDepressive},
	{"F33.2", "Major depressive disorder, recurrent severe without psychotic features", groupDepressive},
	{"F33.3", "Major depressive disorder, recurrent, severe with psychotic symptoms", groupDepressive},
	{"F33.41", "Major depressive disorder, recurrent, in partial remission", groupDepressive},
	{"F33.42", "Major depressive disorder, recurrent, in full remission", groupDepressive},
	{"F33.9", "Major depressive disorder, recurrent, unspecified", groupDepressive},
	{"F34.1", "Dysthymic disorder", groupDepressive},

	// Anxiety disorders (F40–F41).
	{"F40.10", "Social phobia, unspecified", groupAnxiety},
	{"F41.0", "Panic disorder [episodic paroxysmal anxiety]", groupAnxiety},
	{"F41.1", "Generalized anxiety disorder", groupAnxiety},
	{"F41.9", "Anxiety disorder, unspecified", groupAnxiety},

	// Trauma and stress (F43).
	{"F43.10", "Post-traumatic stress disorder, unspecified", groupTrauma},
	{"F43.11", "Post-traumatic stress disorder, acute", groupTrauma},
	{"F43.12", "Post-traumatic stress disorder, chronic", groupTrauma},
	{"F43.20", "Adjustment disorder, unspecified", groupTrauma},
	{"F43.21", "Adjustment disorder with depressed mood", groupTrauma},
	{"F43.22", "Adjustment disorder with anxiety", groupTrauma},
	{"F43.23", "Adjustment disorder with mixed anxiety and depressed mood", groupTrauma},

	// Bipolar disorders (F31).
	{"F31.81", "Bipolar II disorder", groupBipolar},
	{"F31.9", "Bipolar disorder, unspecified", groupBipolar},

	// ADHD (F90).
	{"F90.0", "Attention-deficit hyperactivity disorder, predominantly inattentive type", groupADHD},
	{"F90.1", "Attention-deficit hyperactivity disorder, predominantly hyperactive type", groupADHD},
	{"F90.2", "Attention-deficit hyperactivity disorder, combined type", groupADHD},
	{"F90.9", "Attention-deficit hyperactivity disorder, unspecified type", groupADHD},

	// Eating, sleep and personality disorders.
	{"F50.00", "Anorexia nervosa, unspecified", groupEating},
	{"F51.01", "Primary insomnia", groupSleep},
	{"F60.3", "Borderline personality disorder", groupPersonality},
}

// byCode indexes catalogue by code for Lookup and ForUseDisorder.
var byCode = func() map[string]Code {
	m := make(map[string]Code, len(catalogue))
	for _, c := range catalogue {
		m[c.Code] = c
	}
	return m
}()

// Catalogue returns every code Kinship offers, grouped for a picker: codes of
// one group are adjacent, and the order is the same on every call. The
// returned slice is a fresh copy, so callers may sort or filter it freely.
func Catalogue() []Code {
	return append([]Code(nil), catalogue...)
}

// Lookup returns the catalogue entry for code. It ignores surrounding spaces
// and letter case, because codes arrive typed by staff or pasted from
// referrals ("f10.20 "). The dot is required: "F1020" is not found. ok is
// false for any code not in the catalogue, including valid ICD-10-CM codes
// Kinship does not offer.
func Lookup(code string) (Code, bool) {
	c, ok := byCode[strings.ToUpper(strings.TrimSpace(code))]
	return c, ok
}

// Search returns the codes whose code, title or group hold every word of q,
// in catalogue order: "opioid remission" finds F11.11, F11.21 and F11.91.
func Search(q string) []Code {
	words := strings.Fields(strings.ToLower(q))
	if len(words) == 0 {
		return nil
	}
	var out []Code
	for _, c := range catalogue {
		text := strings.ToLower(c.Code + " " + c.Title + " " + c.Group)
		all := true
		for _, w := range words {
			all = all && strings.Contains(text, w)
		}
		if all {
			out = append(out, c)
		}
	}
	return out
}

// Pick finds the one code a person meant: a code ("f10.20"), a picker
// entry that starts with one ("F10.20 Alcohol dependence, uncomplicated"),
// or words that only one title holds. ok is false when nothing or several
// codes fit.
func Pick(text string) (Code, bool) {
	if first := strings.Fields(text); len(first) > 0 {
		if c, ok := Lookup(first[0]); ok {
			return c, true
		}
	}
	if found := Search(text); len(found) == 1 {
		return found[0], true
	}
	return Code{}, false
}
