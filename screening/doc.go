// Package screening is the public "Is IOP right for me?" check. A person
// answers a few questions across the six dimensions clinicians use to choose
// a level of care (ASAM-style): intoxication and withdrawal, physical health,
// emotions and behaviour, readiness to change, relapse potential, and
// recovery environment. Recommend turns the answers into one suggested level
// of care, with reasons written for someone who may be in distress.
//
// A recommendation starts a conversation; it is not a diagnosis or an
// admission decision. Staff always confirm the level of care in a full
// assessment.
//
// The rules are data (Rules, then Defaults) rather than nested conditions so
// that clinicians can read, review and reorder them, and so that every
// recommendation traces back to the rules that produced it.
//
// Reasons and crisis resources are read by people who may be struggling, so
// they use plain, kind words and never stigmatising labels.
package screening
