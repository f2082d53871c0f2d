package instrument

import (
	"fmt"
	"slices"
)

// Scoring kinds.
const (
	ScoringSum = "sum" // the total is the sum of its items' scores
	ScoringMax = "max" // the total is the highest of its items' scores
)

// Definition is one version of an instrument. Its json tags are the file
// format Parse reads; the exported fields are what a form needs to render it.
type Definition struct {
	Code         string `json:"code"`       // stable, lowercase letters and digits: "phq9"
	Name         string `json:"name"`       // "Patient Health Questionnaire-9"
	ShortName    string `json:"short_name"` // "PHQ-9", used in messages
	Version      string `json:"version"`    // responses record the version that scored them
	LOINC        string `json:"loinc"`      // LOINC code of the total score; may be empty
	Source       string `json:"source"`     // who publishes it, and the citation
	Terms        string `json:"terms"`      // what its terms of use allow
	Instructions string `json:"instructions"`
	Scoring      string `json:"scoring"` // ScoringSum or ScoringMax

	Items      []Item   `json:"items"`
	TotalItems []string `json:"total_items"` // IDs of the items that make the total; empty when it has none

	// Bands name ranges of the total, lowest first. Where SexBands has a set
	// for a client's sex parameter for clinical use, that set is used
	// instead; Threshold names the default set in results.
	Bands     []Band     `json:"bands"`
	Threshold string     `json:"threshold,omitempty"`
	SexBands  []SexBands `json:"sex_bands,omitempty"`

	Flags     []Flag     `json:"flags"`
	Subscales []Subscale `json:"subscales"`
}

// Item is one question.
type Item struct {
	ID        string     `json:"id"`   // as printed on the form: "1", "6b", "7a"
	Text      string     `json:"text"` // the published wording
	Note      string     `json:"note,omitempty"`
	Options   []Option   `json:"options"`
	ShownWhen *Condition `json:"shown_when,omitempty"` // nil: always asked
}

// Option is one answer to an item, with the score the published scoring
// gives it (not always its position: AUDIT items 9–10 score 0, 2 and 4).
type Option struct {
	Label string `json:"label"`
	Score int    `json:"score"`
}

// Condition asks an item only when an earlier item was asked and scored at
// least Min.
type Condition struct {
	Item string `json:"item"`
	Min  int    `json:"min"`
}

// Band names the totals from Min to Max, both included.
type Band struct {
	Code  string `json:"code"`
	Label string `json:"label"`
	Min   int    `json:"min"`
	Max   int    `json:"max"`
}

// SexBands are the bands used for one sex parameter for clinical use.
type SexBands struct {
	Sex       string `json:"sex"`       // one of kinship.SexForClinicalUseValues
	Threshold string `json:"threshold"` // names this set in results
	Bands     []Band `json:"bands"`
}

// Flag is raised when an item's or subscale's score lies between Min and
// Max (either may be absent), or when the severity is one of Bands. Exactly
// one of Item, Subscale and Bands is set.
type Flag struct {
	Code     string   `json:"code"`
	Label    string   `json:"label"`
	Item     string   `json:"item,omitempty"`
	Subscale string   `json:"subscale,omitempty"`
	Min      *int     `json:"min,omitempty"`
	Max      *int     `json:"max,omitempty"`
	Bands    []string `json:"bands,omitempty"`
}

// Subscale is the sum of some items' scores.
type Subscale struct {
	Code  string   `json:"code"`
	Label string   `json:"label"`
	Items []string `json:"items"`
}

// Range describes the totals a band covers: "10–14", or "5" for one total.
func (b Band) Range() string {
	if b.Min == b.Max {
		return fmt.Sprint(b.Min)
	}
	return fmt.Sprintf("%d–%d", b.Min, b.Max)
}

// Item returns the item with the given ID.
func (d *Definition) Item(id string) (*Item, bool) {
	for i := range d.Items {
		if d.Items[i].ID == id {
			return &d.Items[i], true
		}
	}
	return nil, false
}

// MaxTotal is the highest total the instrument can give; 0 when it has no
// total. The lowest is always 0, because scores are never negative and an
// item that is not asked scores 0.
func (d *Definition) MaxTotal() int {
	total := 0
	for _, id := range d.TotalItems {
		it, ok := d.Item(id)
		if !ok {
			continue
		}
		best := it.maxScore()
		if d.Scoring == ScoringMax {
			total = max(total, best)
		} else {
			total += best
		}
	}
	return total
}

// Band returns the band with the given code from the set a result names in
// its Threshold ("" for the default set), so a stored result can be shown
// with its label and range.
func (d *Definition) Band(code, threshold string) (Band, bool) {
	for _, b := range d.bandSet(threshold) {
		if b.Code == code {
			return b, true
		}
	}
	return Band{}, false
}

// bandSet returns the bands a threshold names; "" or the default's name
// gives the default bands.
func (d *Definition) bandSet(threshold string) []Band {
	for _, s := range d.SexBands {
		if s.Threshold == threshold {
			return s.Bands
		}
	}
	return d.Bands
}

// bandsFor returns the bands to use for a sex parameter for clinical use and
// the threshold that names them ("" when bands do not depend on sex).
func (d *Definition) bandsFor(sex string) ([]Band, string) {
	i := slices.IndexFunc(d.SexBands, func(s SexBands) bool { return s.Sex == sex })
	if i >= 0 {
		return d.SexBands[i].Bands, d.SexBands[i].Threshold
	}
	return d.Bands, d.Threshold
}

func (it *Item) maxScore() int {
	best := 0
	for _, o := range it.Options {
		best = max(best, o.Score)
	}
	return best
}
