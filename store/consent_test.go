package store_test

import (
	"context"
	"strings"
	"testing"

	"kinship"
	"kinship/store/storetest"
)

// familyConsent lets the program tell the client's sister about attendance.
func familyConsent() kinship.ConsentFields {
	return kinship.ConsentFields{
		Discloser: "Rainbow Recovery", Information: []kinship.InfoKind{kinship.InfoAttendance},
		InformationDetail: "Whether I attended each group", Recipients: []string{"Maya Lopez (sister)"},
		Purposes: []kinship.Purpose{kinship.PurposeFamilySupport}, Expiry: kinship.ExpiryDate,
		ExpiresOn: kinship.Date{Year: 2027, Month: 1, Day: 31}, RevocationNoted: true, SignedName: "River", Confirmed: true,
	}
}

func TestConsentsAndDisclosures(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		admin, _ := db.MustSetUp(t)
		c, _ := db.CreateClient(admin, river)
		sister := kinship.DisclosureRequest{Recipient: "maya lopez (sister)", Purpose: kinship.PurposeFamilySupport, Information: []kinship.InfoKind{kinship.InfoAttendance}}
		refused := func(t *testing.T, r kinship.DisclosureRequest, why string) {
			t.Helper()
			before := db.Count(t, "disclosures")
			_, err := db.Disclose(admin, c.ID, r)
			if kinship.ErrorCode(err) != kinship.EFORBIDDEN || !strings.Contains(kinship.ErrorMessage(err), why) {
				t.Fatalf("Disclose = %v, want refusal because %s", err, why)
			}
			if after := db.Count(t, "disclosures"); after != before {
				t.Errorf("a refused disclosure was accounted")
			}
		}
		t.Run("NoConsent", func(t *testing.T) { refused(t, sister, "no consent is on file") })

		t.Run("MissingElements", func(t *testing.T) {
			_, err := db.CreateConsent(admin, c.ID, kinship.ConsentFields{Expiry: "sometime"})
			fields := kinship.ErrorFields(err)
			for _, f := range []string{"discloser", "information", "information_detail", "recipients", "purposes", "expiry", "revocation_noted", "signed_name", "confirmed"} {
				if fields[f] == "" {
					t.Errorf("no message for missing %s", f)
				}
			}
		})
		consent, err := db.CreateConsent(admin, c.ID, familyConsent())
		if err != nil {
			t.Fatal(err)
		}
		t.Run("Covered", func(t *testing.T) {
			rec, err := db.Disclose(admin, c.ID, sister)
			if err != nil {
				t.Fatal(err)
			}
			if rec.Notice != kinship.Part2Notice || rec.Disclosure.ConsentID != consent.ID {
				t.Errorf("record %+v", rec.Disclosure)
			}
			if rec.Client.LegalName != (kinship.LegalName{}) || !rec.Client.BirthDate.IsZero() {
				t.Errorf("released more than attendance: %+v", rec.Client)
			}
		})
		t.Run("OtherRecipientPurposeOrInformation", func(t *testing.T) {
			refused(t, kinship.DisclosureRequest{Recipient: "Employer Inc", Purpose: kinship.PurposeFamilySupport, Information: sister.Information}, "does not name this recipient")
			refused(t, kinship.DisclosureRequest{Recipient: sister.Recipient, Purpose: kinship.PurposeLegal, Information: sister.Information}, "does not cover this purpose")
			refused(t, kinship.DisclosureRequest{Recipient: sister.Recipient, Purpose: kinship.PurposeFamilySupport, Information: []kinship.InfoKind{kinship.InfoDiagnoses}}, "does not release diagnoses")
		})
		t.Run("Expired", func(t *testing.T) {
			db.Clock.Advance(70 * 24 * 60 * 60e9) // past 31 January 2027
			defer db.Clock.Advance(-70 * 24 * 60 * 60e9)
			refused(t, sister, "the consent has expired")
		})
		t.Run("Revoked", func(t *testing.T) {
			if _, err := db.RevokeConsent(admin, consent.ID, "Client asked in group"); err != nil {
				t.Fatal(err)
			}
			refused(t, sister, "the consent was revoked")
			if _, err := db.RevokeConsent(admin, consent.ID, "again"); kinship.ErrorCode(err) != kinship.ECONFLICT {
				t.Errorf("second revocation: %v", err)
			}
		})
		t.Run("RefusalsAudited", func(t *testing.T) {
			events, _, _ := db.ListAudit(kinship.SystemContext(context.Background()), kinship.AuditFilter{Action: kinship.ActionDisclosureRefused})
			if len(events) != 6 {
				t.Errorf("audited refusals = %d, want 6", len(events))
			}
		})
		t.Run("TPOForPayment", func(t *testing.T) {
			tpo := familyConsent()
			tpo.Recipients, tpo.TPO = nil, true
			tpo.Purposes = []kinship.Purpose{kinship.PurposePayment, kinship.PurposeTreatment, kinship.PurposeOperations}
			tpo.Information = []kinship.InfoKind{kinship.InfoFullRecord}
			tpo.Expiry = kinship.ExpiryEndOfTreatment
			if _, err := db.CreateConsent(admin, c.ID, tpo); err != nil {
				t.Fatal(err)
			}
			claim := kinship.DisclosureRequest{Recipient: "Blue Shield", Purpose: kinship.PurposePayment, Information: []kinship.InfoKind{kinship.InfoDiagnoses}}
			rec, err := db.Disclose(admin, c.ID, claim)
			if err != nil {
				t.Fatal(err)
			}
			if rec.Client.LegalName.Given != "Deadname" {
				t.Error("a claim to a payer lacks the legal name")
			}
			refused(t, kinship.DisclosureRequest{Recipient: "Blue Shield", Purpose: kinship.PurposeFamilySupport, Information: claim.Information}, "does not")
		})
		t.Run("Accounting", func(t *testing.T) {
			got, err := db.Disclosures(admin, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 2 || got[1].Recipient != "maya lopez (sister)" || got[1].Purpose != kinship.PurposeFamilySupport ||
				got[1].ConsentID != consent.ID || got[0].Recipient != "Blue Shield" {
				t.Errorf("accounting = %+v, want exactly the two disclosures, newest first", got)
			}
		})
	})
}

func TestCounselingNotesNeedTheirOwnConsent(t *testing.T) {
	full := &kinship.Consent{Information: []kinship.InfoKind{kinship.InfoFullRecord}, Recipients: []string{"Dr Ames"},
		Purposes: []kinship.Purpose{kinship.PurposeTreatment}, Expiry: kinship.ExpiryNone}
	today := kinship.Date{Year: 2026, Month: 11, Day: 23}
	if ok, _ := full.Covers("Dr Ames", kinship.PurposeTreatment, []kinship.InfoKind{kinship.InfoProgressNotes}, today); !ok {
		t.Error("a full-record consent does not cover progress notes")
	}
	if ok, _ := full.Covers("Dr Ames", kinship.PurposeTreatment, []kinship.InfoKind{kinship.InfoCounselingNotes}, today); ok {
		t.Error("a full-record consent covers SUD counseling notes")
	}
}

func TestConsentLapsesForGood(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		admin, _ := db.MustSetUp(t)
		sites, _ := db.ListSites(admin)
		prog, _ := db.CreateProgram(admin, kinship.ProgramCreate{SiteID: sites[0].ID, Name: "Mornings IOP"})
		_, counselor := db.AddStaff(t, kinship.RoleClinician, "c@example.org")
		c, _ := db.CreateClient(admin, river)
		admit := func(on string) *kinship.Episode {
			e, err := db.Admit(admin, c.ID, kinship.Admission{ProgramID: prog.ID, AdmittedOn: d(on), PrimaryCounselorID: counselor.ID})
			if err != nil {
				t.Fatal(err)
			}
			return e
		}
		e := admit("2026-11-01")
		doctor := familyConsent()
		doctor.Recipients, doctor.Purposes, doctor.Expiry = []string{"Dr. Revive"}, []kinship.Purpose{kinship.PurposeTreatment}, kinship.ExpiryEndOfTreatment
		doctor.SignedOn = d("2026-11-02")
		if _, err := db.CreateConsent(admin, c.ID, doctor); err != nil {
			t.Fatal(err)
		}
		ask := kinship.DisclosureRequest{Recipient: "Dr. Revive", Purpose: kinship.PurposeTreatment, Information: []kinship.InfoKind{kinship.InfoAttendance}}
		if _, err := db.Disclose(admin, c.ID, ask); err != nil {
			t.Fatalf("during treatment: %v", err)
		}
		if _, err := db.DischargeEpisode(admin, e.ID, kinship.Discharge{On: d("2026-11-20"), Reason: kinship.DischargeCompleted, Summary: "Done."}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Admit(admin, c.ID, kinship.Admission{ProgramID: prog.ID, AdmittedOn: d("2026-11-10"), PrimaryCounselorID: counselor.ID}); kinship.ErrorFields(err)["admitted_on"] == "" {
			t.Errorf("an episode overlapping the last: %v", err)
		}
		admit("2026-11-22")
		if _, err := db.Disclose(admin, c.ID, ask); !strings.Contains(kinship.ErrorMessage(err), "ended with treatment") {
			t.Errorf("after readmission, the consent that ended with the first treatment: %v", err)
		}
	})
}

func TestLapsedConsentDoesNotHideAValidOne(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		admin, _ := db.MustSetUp(t)
		c, _ := db.CreateClient(admin, river)
		f := familyConsent()
		f.Expiry = kinship.ExpiryNone
		older, _ := db.CreateConsent(admin, c.ID, f)
		newer, _ := db.CreateConsent(admin, c.ID, f)
		db.RevokeConsent(admin, newer.ID, "")
		rec, err := db.Disclose(admin, c.ID, kinship.DisclosureRequest{Recipient: "Maya Lopez (sister)", Purpose: kinship.PurposeFamilySupport, Information: []kinship.InfoKind{kinship.InfoAttendance}})
		if err != nil || rec.Disclosure.ConsentID != older.ID {
			t.Fatalf("Disclose = %v; want it to go out under the older consent in force", err)
		}
		if rec.Client.Pronouns != "" {
			t.Errorf("an attendance note carried pronouns")
		}
	})
}

func TestPaymentReleaseCarriesTheLegalNameOnlyForBilling(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		admin, _ := db.MustSetUp(t)
		c, _ := db.CreateClient(admin, river)
		f := familyConsent()
		f.Recipients, f.TPO, f.Expiry = nil, true, kinship.ExpiryNone
		f.Purposes, f.Information = []kinship.Purpose{kinship.PurposePayment}, []kinship.InfoKind{kinship.InfoDiagnoses}
		if _, err := db.CreateConsent(admin, c.ID, f); err != nil {
			t.Fatal(err)
		}
		claim := kinship.DisclosureRequest{Recipient: "Blue Shield", Purpose: kinship.PurposePayment, Information: []kinship.InfoKind{kinship.InfoDiagnoses}}
		billing, _ := db.AddStaff(t, kinship.RoleBilling, "b@example.org")
		clinician, _ := db.AddStaff(t, kinship.RoleSupervisor, "s@example.org")
		if rec, err := db.Disclose(billing, c.ID, claim); err != nil || rec.Client.LegalName.Family != "Legalson" {
			t.Errorf("billing's claim: %v, legal name %q", err, rec.Client.LegalName)
		}
		if rec, err := db.Disclose(clinician, c.ID, claim); err != nil || rec.Client.LegalName != (kinship.LegalName{}) {
			t.Errorf("a supervisor's release shows the legal name %q (%v)", rec.Client.LegalName, err)
		}
		if list, _ := db.Consents(clinician, c.ID); list[0].SignedName != "" {
			t.Errorf("a supervisor sees the typed signature")
		}
	})
}
