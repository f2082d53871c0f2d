package instrument

import (
	"fmt"
	"slices"
	"strings"

	"kinship"
)

// Result is a scored response.
type Result struct {
	Code     string `json:"code"`
	Version  string `json:"version"`
	Total    int    `json:"total"`
	Severity string `json:"severity"` // band code; "" when the instrument has no bands
	// Threshold names the band set used when bands depend on the sex
	// parameter for clinical use (AUDIT-C); "" otherwise.
	Threshold string         `json:"threshold"`
	Flags     []string       `json:"flags"`     // never nil; in definition order
	Subscales map[string]int `json:"subscales"` // never nil
}

// Score scores answers: for each item asked, in order, the index of the
// chosen option, 0 for the first. Items not asked (see Condition) are left
// out. sexForClinicalUse is one of kinship.SexForClinicalUseValues, or ""
// when not recorded, which is treated like "unknown".
//
// It returns an EINVALID *kinship.Error whose Fields say what is wrong:
// "answers" for the wrong number of answers, "answers[i]" for an index
// outside the item's options, "sex_for_clinical_use" for an unknown value.
func (d *Definition) Score(answers []int, sexForClinicalUse string) (Result, error) {
	errs := kinship.FieldErrors{}
	if sexForClinicalUse != "" && !slices.Contains(kinship.SexForClinicalUseValues, sexForClinicalUse) {
		errs.Add("sex_for_clinical_use", "Sex for clinical use must be one of "+strings.Join(kinship.SexForClinicalUseValues, ", ")+".")
	}
	scores := d.walk(answers, errs)
	if err := errs.Err(); err != nil {
		return Result{}, err
	}

	r := Result{Code: d.Code, Version: d.Version, Flags: []string{}, Subscales: map[string]int{}}
	for _, id := range d.TotalItems {
		if d.Scoring == ScoringMax {
			r.Total = max(r.Total, scores[id])
		} else {
			r.Total += scores[id]
		}
	}
	bands, threshold := d.bandsFor(sexForClinicalUse)
	r.Threshold = threshold
	for _, b := range bands {
		if b.Min <= r.Total && r.Total <= b.Max {
			r.Severity = b.Code
		}
	}
	for _, s := range d.Subscales {
		for _, id := range s.Items {
			r.Subscales[s.Code] += scores[id]
		}
	}
	for _, f := range d.Flags {
		if f.raised(scores, r) {
			r.Flags = append(r.Flags, f.Code)
		}
	}
	return r, nil
}

// raised reports whether f's condition holds. An item that was not asked
// raises no item flag.
func (f Flag) raised(scores map[string]int, r Result) bool {
	var v int
	switch {
	case f.Item != "":
		s, asked := scores[f.Item]
		if !asked {
			return false
		}
		v = s
	case f.Subscale != "":
		v = r.Subscales[f.Subscale]
	default:
		return slices.Contains(f.Bands, r.Severity)
	}
	return (f.Min == nil || v >= *f.Min) && (f.Max == nil || v <= *f.Max)
}

// asked reports whether it is asked, given the scores of the items before.
func (it *Item) asked(scores map[string]int) bool {
	if it.ShownWhen == nil {
		return true
	}
	s, ok := scores[it.ShownWhen.Item]
	return ok && s >= it.ShownWhen.Min
}

// walk matches answers to the items asked and returns each asked item's
// score, adding to errs what does not fit.
func (d *Definition) walk(answers []int, errs kinship.FieldErrors) map[string]int {
	scores := map[string]int{}
	for _, it := range d.Items {
		if !it.asked(scores) {
			continue
		}
		k := len(scores)
		if k >= len(answers) {
			errs.Add("answers", d.countMessage(answers))
			return scores
		}
		if a := answers[k]; a < 0 || a >= len(it.Options) {
			errs.Add(fmt.Sprintf("answers[%d]", k), fmt.Sprintf("Item %s has options 0–%d; got %d.", it.ID, len(it.Options)-1, a))
			return scores
		}
		scores[it.ID] = it.Options[answers[k]].Score
	}
	if len(scores) < len(answers) {
		errs.Add("answers", d.countMessage(answers))
	}
	return scores
}

// countMessage explains how many answers were expected. Where items depend
// on earlier answers it lists the items those answers lead to, and says "at
// least" when an item depends on an answer that is missing.
func (d *Definition) countMessage(answers []int) string {
	conditional := slices.ContainsFunc(d.Items, func(it Item) bool { return it.ShownWhen != nil })
	if !conditional {
		return fmt.Sprintf("%s has %d items; got %s.", d.ShortName, len(d.Items), plural(len(answers), "answer"))
	}
	scores := map[string]int{}
	missing := map[string]bool{} // asked items with no usable answer
	var ids []string
	atLeast := false
	for _, it := range d.Items {
		if c := it.ShownWhen; c != nil && missing[c.Item] {
			atLeast = true // whether it is asked depends on a missing answer
			continue
		}
		if !it.asked(scores) {
			continue
		}
		if k := len(ids); k < len(answers) && answers[k] >= 0 && answers[k] < len(it.Options) {
			scores[it.ID] = it.Options[answers[k]].Score
		} else {
			missing[it.ID] = true
		}
		ids = append(ids, it.ID)
	}
	prefix := ""
	if atLeast {
		prefix = "at least "
	}
	return fmt.Sprintf("With these answers %s asks %s%s (%s); got %s.",
		d.ShortName, prefix, plural(len(ids), "item"), strings.Join(ids, ", "), plural(len(answers), "answer"))
}

// Collect turns a form's answers, keyed by item ID, into the list Score
// takes. It follows the items in order and keeps the answer of each item that
// is asked, given the answers before it; answers to items that are not asked
// are ignored, so a form may show every item. It returns an EINVALID
// *kinship.Error with a field "item-ID" for each asked item with no answer
// or an index outside its options.
func (d *Definition) Collect(byID map[string]int) ([]int, error) {
	errs := kinship.FieldErrors{}
	scores := map[string]int{}
	answers := []int{}
	for _, it := range d.Items {
		if !it.asked(scores) {
			continue
		}
		a, ok := byID[it.ID]
		switch {
		case !ok:
			errs.Add("item-"+it.ID, fmt.Sprintf("Please answer item %s.", it.ID))
		case a < 0 || a >= len(it.Options):
			errs.Add("item-"+it.ID, fmt.Sprintf("Item %s has options 0–%d; got %d.", it.ID, len(it.Options)-1, a))
		default:
			scores[it.ID] = it.Options[a].Score
			answers = append(answers, a)
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return answers, nil
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}
