package instrument_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"kinship"
	"kinship/instrument"
)

func ptr(n int) *int { return &n }

// sample is a small valid definition: two items scored 0, 1 or 3, so
// totals run 0–6.
func sample() instrument.Definition {
	opts := []instrument.Option{{Label: "No", Score: 0}, {Label: "Some", Score: 1}, {Label: "Lots", Score: 3}}
	return instrument.Definition{
		Code: "sample", Name: "Sample", ShortName: "Sample", Version: "1", Scoring: "sum",
		Items:      []instrument.Item{{ID: "1", Text: "One?", Options: opts}, {ID: "2", Text: "Two?", Options: opts}},
		TotalItems: []string{"1", "2"},
		Bands:      []instrument.Band{{Code: "low", Label: "Low", Min: 0, Max: 2}, {Code: "high", Label: "High", Min: 3, Max: 6}},
		Flags:      []instrument.Flag{{Code: "two", Label: "Two", Item: "2", Min: ptr(1)}},
		Subscales:  []instrument.Subscale{{Code: "both", Label: "Both", Items: []string{"1", "2"}}},
	}
}

func parse(t *testing.T, d instrument.Definition) (*instrument.Definition, error) {
	t.Helper()
	data, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	return instrument.Parse(bytes.NewReader(data))
}

func TestParseSample(t *testing.T) {
	if _, err := parse(t, sample()); err != nil {
		t.Fatalf("Parse(sample) = %v", err)
	}
}

// Each built-in definition survives encoding and parsing unchanged, so the
// exported fields and the file format agree.
func TestParseRoundTrip(t *testing.T) {
	for _, d := range instrument.Builtin() {
		got, err := parse(t, *d)
		if err != nil {
			t.Fatalf("%s: %v", d.Code, err)
		}
		if !reflect.DeepEqual(got, d) {
			t.Errorf("%s: round trip changed the definition", d.Code)
		}
	}
}

func TestParseRejects(t *testing.T) {
	tests := []struct {
		name    string
		change  func(d *instrument.Definition)
		field   string
		message string
	}{
		{"BandGap", func(d *instrument.Definition) { d.Bands[1].Min = 5 },
			"bands", `bands: nothing covers totals 3–4 between "low" and "high"`},
		{"BandGapOfOne", func(d *instrument.Definition) { d.Bands[1].Min = 4 },
			"bands", `bands: nothing covers total 3 between "low" and "high"`},
		{"BandOverlap", func(d *instrument.Definition) { d.Bands[1].Min = 2 },
			"bands", `bands: "low" (0–2) and "high" (2–6) overlap at total 2`},
		{"BandsMissTop", func(d *instrument.Definition) { d.Bands[1].Max = 5 },
			"bands", `bands: nothing covers total 6 above "high" (the highest possible total is 6)`},
		{"BandsMissBottom", func(d *instrument.Definition) { d.Bands[0].Min = 1 },
			"bands", `bands: nothing covers total 0 below "low"`},
		{"BandsPastTop", func(d *instrument.Definition) { d.Bands[1].Max = 9 },
			"bands", `bands: "high" reaches 9, but the highest possible total is 6`},
		{"BandsOutOfOrder", func(d *instrument.Definition) { d.Bands[0], d.Bands[1] = d.Bands[1], d.Bands[0] },
			"bands", `bands: "low" (0–2) is listed after "high" (3–6); list bands from lowest to highest`},
		{"BandUpsideDown", func(d *instrument.Definition) { d.Bands[1].Min, d.Bands[1].Max = 6, 3 },
			"bands[1]", `bands[1]: "high" starts at 6, above its max 3`},
		{"DuplicateBand", func(d *instrument.Definition) { d.Bands[1].Code = "low" },
			"bands", `bands: "low" appears twice`},
		{"FlagUnknownItem", func(d *instrument.Definition) { d.Flags[0].Item = "9" },
			"flags[0].item", `flags[0].item: flag "two" refers to item "9", which does not exist`},
		{"FlagUnknownBand", func(d *instrument.Definition) {
			d.Flags[0] = instrument.Flag{Code: "hi", Label: "Hi", Bands: []string{"severe"}}
		},
			"flags[0].bands[0]", `flags[0].bands[0]: flag "hi" refers to band "severe", which does not exist`},
		{"FlagWithoutCondition", func(d *instrument.Definition) { d.Flags[0].Min = nil },
			"flags[0]", `flags[0]: flag "two" needs a min, a max or both`},
		{"SubscaleMissingItem", func(d *instrument.Definition) { d.Subscales[0].Items[1] = "3" },
			"subscales[0].items[1]", `subscales[0].items[1]: item "3" does not exist`},
		{"ItemWithoutOptions", func(d *instrument.Definition) { d.Items[1].Options = nil },
			"items[1].options", `items[1].options: item 2 has no options`},
		{"DuplicateItem", func(d *instrument.Definition) { d.Items[1].ID = "1" },
			"items", `items: "1" appears twice`},
		{"NegativeScore", func(d *instrument.Definition) { d.Items[0].Options[0].Score = -1 },
			"items[0].options[0].score", `items[0].options[0].score: scores cannot be negative; got -1`},
		{"BadCode", func(d *instrument.Definition) { d.Code = "PHQ-9" },
			"code", `code: "PHQ-9" must be 1–40 lowercase letters or digits`},
		{"BadBandCode", func(d *instrument.Definition) { d.Bands[0].Code = "Low risk" },
			"bands[0].code", `bands[0].code: "Low risk" must be 1–40 lowercase letters or digits, words joined by _`},
		{"BadLOINCCheckDigit", func(d *instrument.Definition) { d.LOINC = "44261-5" },
			"loinc", `loinc: "44261-5" is not a LOINC code (digits, a hyphen and a check digit, such as 44261-6)`},
		{"BadScoring", func(d *instrument.Definition) { d.Scoring = "average" },
			"scoring", `scoring: must be "sum" or "max"`},
		{"TotalUnknownItem", func(d *instrument.Definition) { d.TotalItems = []string{"1", "x"} },
			"total_items[1]", `total_items[1]: item "x" does not exist`},
		{"ConditionOnLaterItem", func(d *instrument.Definition) { d.Items[0].ShownWhen = &instrument.Condition{Item: "2", Min: 1} },
			"items[0].shown_when.item", `items[0].shown_when.item: item 1 depends on item 2, which comes after it`},
		{"ConditionOnMissingItem", func(d *instrument.Definition) { d.Items[1].ShownWhen = &instrument.Condition{Item: "7", Min: 1} },
			"items[1].shown_when.item", `items[1].shown_when.item: item 2 depends on item "7", which does not exist`},
		{"ConditionNeverMet", func(d *instrument.Definition) { d.Items[1].ShownWhen = &instrument.Condition{Item: "1", Min: 4} },
			"items[1].shown_when.min", `items[1].shown_when.min: item 2 can never be asked: item 1 scores at most 3`},
		{"BadSex", func(d *instrument.Definition) {
			d.Threshold = "default"
			d.SexBands = []instrument.SexBands{{Sex: "male", Threshold: "men", Bands: d.Bands}}
		}, "sex_bands[0].sex", `sex_bands[0].sex: "male" is not one of unknown, female-typical, male-typical, specified`},
		{"SexBandGap", func(d *instrument.Definition) {
			d.Threshold = "default"
			d.SexBands = []instrument.SexBands{{Sex: "male-typical", Threshold: "at_least_4", Bands: []instrument.Band{
				{Code: "low", Label: "Low", Min: 0, Max: 2}, {Code: "high", Label: "High", Min: 4, Max: 6}}}}
		}, "sex_bands[0].bands", `sex_bands[0].bands: nothing covers total 3 between "low" and "high"`},
		{"BandsWithoutTotal", func(d *instrument.Definition) { d.TotalItems = nil },
			"bands", `bands: the definition has no total (total_items is empty), so it cannot have bands`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := sample()
			tt.change(&d)
			_, err := parse(t, d)
			if got := kinship.ErrorCode(err); got != kinship.EINVALID {
				t.Fatalf("ErrorCode = %q, want %q (%v)", got, kinship.EINVALID, err)
			}
			fields := kinship.ErrorFields(err)
			if got := fields[tt.field]; got != tt.message {
				t.Errorf("Fields[%q] = %q, want %q\nall: %v", tt.field, got, tt.message, fields)
			}
		})
	}
}

// Malformed files get a plain message saying what is wrong and where.
func TestParseMalformed(t *testing.T) {
	tests := []struct {
		name, input, message string
	}{
		{"Empty", ``, "The definition is empty."},
		{"Truncated", `{"code": "phq9",`, "The definition is not valid JSON: it ends too early (a missing } or ]?)."},
		{"MissingColon", "{\n  \"code\" \"phq9\"\n}", `The definition is not valid JSON: at line 2, column 10: unexpected '"' after object key.`},
		{"WrongType", `{"items": [{"options": [{"label": "No", "score": "none"}]}]}`,
			`The definition is not valid: at line 1: "items.options.score" must be a whole number, not text.`},
		{"UnknownField", `{"code": "phq9", "bandz": []}`, `The definition has an unknown field "bandz".`},
		{"TwoObjects", `{} {}`, "The definition has more after its closing brace; a file holds one definition."},
		{"List", `[{"code": "phq9"}]`, "The definition is not valid: at line 1: the definition must be an object, not a list."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := instrument.Parse(strings.NewReader(tt.input))
			if got := kinship.ErrorCode(err); got != kinship.EINVALID {
				t.Fatalf("ErrorCode = %q, want %q (%v)", got, kinship.EINVALID, err)
			}
			if got := kinship.ErrorMessage(err); got != tt.message {
				t.Errorf("Message = %q, want %q", got, tt.message)
			}
		})
	}
}

// Several problems: the message names the first, the same on every run.
func TestParseManyProblems(t *testing.T) {
	d := sample()
	d.Code = ""
	d.Bands[1].Min = 5
	d.Flags[0].Item = "9"
	want := `code: "" must be 1–40 lowercase letters or digits (and 2 more problems)`
	for range 20 {
		_, err := parse(t, d)
		if got := kinship.ErrorMessage(err); got != want {
			t.Fatalf("Message = %q, want %q", got, want)
		}
		if got := len(kinship.ErrorFields(err)); got != 3 {
			t.Fatalf("len(Fields) = %d, want 3: %v", got, kinship.ErrorFields(err))
		}
	}
}
