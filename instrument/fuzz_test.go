package instrument_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"kinship"
	"kinship/instrument"
)

// FuzzParse checks that any input either parses into a definition that can
// score or fails with EINVALID, never a panic or an internal error.
func FuzzParse(f *testing.F) {
	for _, d := range instrument.Builtin() {
		data, _ := json.Marshal(d)
		f.Add(data)
	}
	f.Add([]byte(`{"code": "x",`))
	f.Add([]byte(`{"bands": [{"min": 3, "max": 1}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := instrument.Parse(bytes.NewReader(data))
		if err != nil {
			if code := kinship.ErrorCode(err); code != kinship.EINVALID {
				t.Fatalf("ErrorCode = %q, want %q: %v", code, kinship.EINVALID, err)
			}
			return
		}
		form := map[string]int{}
		for _, it := range d.Items {
			form[it.ID] = len(it.Options) - 1
		}
		answers, err := d.Collect(form)
		if err != nil {
			t.Fatalf("Collect(last options) = %v", err)
		}
		r, err := d.Score(answers, "")
		if err != nil {
			t.Fatalf("Score = %v", err)
		}
		if len(d.Bands) > 0 && r.Severity == "" {
			t.Fatalf("total %d is in no band", r.Total)
		}
	})
}
