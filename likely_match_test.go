package kinship

import "testing"

func TestMatchOf(t *testing.T) {
	born := Date{1994, 6, 1}
	quinn := &Client{NameToUse: "Quinn", LegalName: LegalName{Given: "Rebecca", Family: "Alvarez"}, BirthDate: born,
		Phone: "(510) 555-0142", Email: "quinn@example.org"}
	for _, tc := range []struct {
		name      string
		f         ClientFields
		want      MatchReason
		legalOnly bool
	}{
		{"same phone, written another way", ClientFields{NameToUse: "Sam", Phone: "+1 510.555.0142"}, MatchPhone, false},
		{"same email, other case", ClientFields{NameToUse: "Sam", Email: "Quinn@Example.ORG"}, MatchEmail, false},
		{"same birth date and name to use", ClientFields{NameToUse: "quinn", BirthDate: born}, MatchNameAndBirth, false},
		{"same birth date, name with a slip", ClientFields{NameToUse: "Quin", BirthDate: born}, MatchNameAndBirth, false},
		{"same birth date, same first word", ClientFields{NameToUse: "Quinn R.", BirthDate: born}, MatchNameAndBirth, false},
		{"same birth date, legal name typed as name to use", ClientFields{NameToUse: "Rebecca Alvarez", BirthDate: born}, MatchNameAndBirth, true},
		{"same birth date, same legal name", ClientFields{NameToUse: "Bex", LegalName: LegalName{Given: "Rebeca", Family: "Alvarez"}, BirthDate: born}, MatchNameAndBirth, true},
		{"same birth date, another name", ClientFields{NameToUse: "Jordan", BirthDate: born}, "", false},
		{"similar name, another birth date", ClientFields{NameToUse: "Quinn", BirthDate: Date{1994, 6, 2}}, "", false},
		{"similar name, no birth date", ClientFields{NameToUse: "Quinn"}, "", false},
		{"another phone", ClientFields{NameToUse: "Sam", Phone: "(510) 555-0143"}, "", false},
		{"short names a slip apart are not alike", ClientFields{NameToUse: "Al", BirthDate: born}, "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, legalOnly := MatchOf(tc.f, quinn)
			if got != tc.want || legalOnly != tc.legalOnly {
				t.Errorf("MatchOf = %q, legal only %v; want %q, %v", got, legalOnly, tc.want, tc.legalOnly)
			}
		})
	}
}

func TestPhoneDigits(t *testing.T) {
	for in, want := range map[string]string{"(510) 555-0142": "5105550142", "+1 510 555 0142": "5105550142",
		"+44 20 7946 0958": "442079460958", "": ""} {
		if got := PhoneDigits(in); got != want {
			t.Errorf("PhoneDigits(%q) = %q, want %q", in, got, want)
		}
	}
}
