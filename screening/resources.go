package screening

// Resource is a crisis line a person can reach right away.
type Resource struct {
	// Name is who answers, such as "988 Suicide & Crisis Lifeline".
	Name string
	// Contact says how to reach them, such as "Call or text 988".
	Contact string
	// Detail says who the line is for and what to expect, in plain words.
	Detail string
	// Href opens the call or message in one tap: a tel:, sms: or https: link.
	Href string
}

// CrisisResources are shown at once, above everything else, whenever a
// Result is an Emergency. General lines come first because they always
// answer; LGBTQ+ lines sit alongside them because being met by people who
// understand you can be what makes reaching out feel possible.
//
// Numbers checked in 2025 against public listings for each service; re-check
// them at least yearly (988lifeline.org, crisistextline.org,
// thetrevorproject.org, translifeline.org). 988's LGBTQ+ "Press 3" option
// ended in July 2025, so it is deliberately not offered here.
var CrisisResources = []Resource{
	{
		Name:    "988 Suicide & Crisis Lifeline",
		Contact: "Call or text 988",
		Detail:  "Free and confidential, 24/7, anywhere in the US. Counselors can help with thoughts of suicide, substance use and any emotional distress.",
		Href:    "tel:988",
	},
	{
		Name:    "Emergency services",
		Contact: "Call 911",
		Detail:  "If your life or someone else's is in danger right now, or you need urgent medical help.",
		Href:    "tel:911",
	},
	{
		Name:    "Crisis Text Line",
		Contact: "Text HOME to 741741",
		Detail:  "Free, 24/7 support by text from a trained crisis counselor, if talking out loud feels like too much.",
		Href:    "sms:741741?&body=HOME",
	},
	{
		Name:    "The Trevor Project",
		Contact: "Call 1-866-488-7386 or text START to 678678",
		Detail:  "For LGBTQ+ young people under 25. Free, confidential, 24/7, with counselors who understand.",
		Href:    "tel:+18664887386",
	},
	{
		Name:    "Trans Lifeline",
		Contact: "Call 1-877-565-8860",
		Detail:  "Peer support by and for trans people. They will not call emergency services on you without your consent. Hours are limited, so if no one answers, call or text 988.",
		Href:    "tel:+18775658860",
	},
}
