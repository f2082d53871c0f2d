// Package instrument holds the standardized measures Kinship uses for
// measurement-based care (PHQ-9, GAD-7, AUDIT, AUDIT-C, PCL-5, BAM and the
// C-SSRS screener) and scores them exactly.
//
// Each instrument is data, not code: a JSON definition (see defs/) lists its
// items and their options with scores, which items make the total, the bands
// that name a total (the severity), flags that call for attention, and
// subscales. Clinicians can review a definition line by line against the
// published form, and an admin can load a new one with Parse, which rejects
// anything that could score wrongly: bands with gaps or overlaps, bands that
// miss part of the possible range, references to items that do not exist.
//
// Answers are option indexes, 0 for the first option, in item order. Some
// items are asked only after a given answer to an earlier one (an item's
// shown_when), as in the C-SSRS screener: an item that is not asked is left
// out of the answers entirely, so the number of answers depends on the
// answers before. Collect turns a form's answers, keyed by item ID, into that
// list. An item that is not asked scores 0 in totals and subscales.
//
// Two scoring kinds exist. "sum" adds the scores of the total's items, as
// nearly every instrument does. "max" takes the highest score among them:
// the C-SSRS screener gives each "yes" a risk level (1 low, 2 moderate,
// 3 high) and its result is the highest level reached, so its total is that
// level and its severity is the band that names it (none, low, moderate,
// high).
//
// Bands may depend on the sex parameter for clinical use (AUDIT-C's cut-off
// is 4 for male-typical, else the more sensitive 3). That too is data:
// sex_bands in the definition, and the result's Threshold says which set was
// used.
//
// Definitions returned by this package are shared and must be treated as
// read-only. The package holds reference data only; no client data is kept.
package instrument
