package instrument_test

import (
	"fmt"
	"sync"
	"testing"

	"kinship"
	"kinship/instrument"
)

func TestBuiltin(t *testing.T) {
	tests := []struct {
		code, loinc string
		items, max  int
	}{
		{"audit", "75624-7", 10, 40},
		{"auditc", "75626-2", 3, 12},
		{"bam", "", 23, 0}, // 17 items, item 7 asked as 7a–7g; no total
		{"cssrs", "", 7, 3},
		{"gad7", "70274-6", 7, 21},
		{"pcl5", "101698-9", 20, 80},
		{"phq9", "44261-6", 9, 27},
	}
	defs := instrument.Builtin()
	if len(defs) != len(tests) {
		t.Fatalf("Builtin() has %d definitions, want %d", len(defs), len(tests))
	}
	for i, tt := range tests {
		d := defs[i]
		if d.Code != tt.code || d.LOINC != tt.loinc || len(d.Items) != tt.items || d.MaxTotal() != tt.max {
			t.Errorf("Builtin()[%d] = %s, LOINC %q, %d items, max %d; want %s, %q, %d, %d",
				i, d.Code, d.LOINC, len(d.Items), d.MaxTotal(), tt.code, tt.loinc, tt.items, tt.max)
		}
		if d.Source == "" || d.Terms == "" {
			t.Errorf("%s: source and terms of use are required", d.Code)
		}
	}
}

func TestBandLookup(t *testing.T) {
	phq9 := builtin(t, "phq9")
	b, ok := phq9.Band("moderately_severe", "")
	if !ok || b.Label != "Moderately severe" || b.Range() != "15–19" {
		t.Errorf("Band(moderately_severe) = %+v, %v; want Moderately severe 15–19", b, ok)
	}
	if _, ok := phq9.Band("nope", ""); ok {
		t.Error("Band(nope) found a band")
	}
	auditc := builtin(t, "auditc")
	for threshold, want := range map[string]string{"at_least_4": "4–12", "at_least_3": "3–12", "": "3–12"} {
		if b, _ := auditc.Band("positive", threshold); b.Range() != want {
			t.Errorf("AUDIT-C Band(positive, %q).Range() = %q, want %q", threshold, b.Range(), want)
		}
	}
	cssrs := builtin(t, "cssrs")
	if b, _ := cssrs.Band("high", ""); b.Range() != "3" {
		t.Errorf("C-SSRS Band(high).Range() = %q, want %q", b.Range(), "3")
	}
}

func TestRegistry(t *testing.T) {
	r := instrument.NewRegistry()
	var codes []string
	for _, d := range r.List() {
		codes = append(codes, d.Code)
	}
	if got, want := fmt.Sprint(codes), "[audit auditc bam cssrs gad7 pcl5 phq9]"; got != want {
		t.Errorf("List() = %s, want %s", got, want)
	}
	if _, err := r.Lookup("phq10"); kinship.ErrorCode(err) != kinship.ENOTFOUND {
		t.Errorf("Lookup(phq10) error = %v, want ENOTFOUND", err)
	}

	t.Run("AddVersion", func(t *testing.T) {
		d := builtin(t, "phq9")
		v2 := *d
		v2.Version = "2"
		if err := r.Add(&v2); err != nil {
			t.Fatal(err)
		}
		if got, _ := r.Lookup("phq9"); got.Version != "2" {
			t.Errorf("Lookup(phq9).Version = %q, want 2", got.Version)
		}
		if got, err := r.LookupVersion("phq9", "1"); err != nil || got.Version != "1" {
			t.Errorf("LookupVersion(phq9, 1) = %v, %v", got, err)
		}
		if _, err := r.LookupVersion("phq9", "3"); kinship.ErrorCode(err) != kinship.ENOTFOUND {
			t.Errorf("LookupVersion(phq9, 3) error = %v, want ENOTFOUND", err)
		}
	})
	t.Run("ErrVersionTaken", func(t *testing.T) {
		d := *builtin(t, "gad7")
		if err := r.Add(&d); kinship.ErrorCode(err) != kinship.ECONFLICT {
			t.Errorf("Add(gad7 version 1 again) error = %v, want ECONFLICT", err)
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		d := sample()
		d.Bands[1].Min = 5
		if err := r.Add(&d); kinship.ErrorCode(err) != kinship.EINVALID {
			t.Errorf("Add(invalid) error = %v, want EINVALID", err)
		}
		if _, err := r.Lookup("sample"); kinship.ErrorCode(err) != kinship.ENOTFOUND {
			t.Errorf("an invalid definition was added")
		}
	})
}

func TestRegistryConcurrent(t *testing.T) {
	r := instrument.NewRegistry()
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Go(func() {
			d := sample()
			d.Version = fmt.Sprint(i)
			if err := r.Add(&d); err != nil {
				t.Error(err)
			}
		})
		wg.Go(func() {
			if _, err := r.Lookup("phq9"); err != nil {
				t.Error(err)
			}
			r.List()
		})
	}
	wg.Wait()
	for i := range 20 {
		if _, err := r.LookupVersion("sample", fmt.Sprint(i)); err != nil {
			t.Error(err)
		}
	}
}
