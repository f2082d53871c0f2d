// Package diagnosis is Kinship's catalogue of ICD-10-CM diagnosis codes: the
// F10–F19 substance-related codes and the co-occurring mental-health codes
// staff pick from when a client is admitted to the intensive outpatient
// program.
//
// Every code carries its official ICD-10-CM title, word for word. Titles are
// never paraphrased, because the code and its title travel together onto
// claims, letters and records, and a reviewer who sees a made-up title
// questions the code. catalogue.go says which release the titles follow and
// where they were checked; updating the table is the only change a new
// release needs.
//
// Clinicians diagnose with DSM-5-TR, which grades a substance use disorder
// mild, moderate or severe, while ICD-10-CM codes it as "abuse" or
// "dependence". ForUseDisorder applies the mapping the DSM-5-TR itself
// publishes:
//
//	mild                          → F1x.10  (… abuse, uncomplicated)
//	moderate or severe            → F1x.20  (… dependence, uncomplicated)
//	mild, in remission            → F1x.11  (… abuse, in remission)
//	moderate or severe, remission → F1x.21  (… dependence, in remission)
//
// where F1x is the substance's category (F10 alcohol … F19 other). Every code
// the mapping can return is in the catalogue, so the picker and the mapping
// always agree.
//
// The package holds reference data only: no client data passes through it,
// and it imports only the standard library.
package diagnosis
