package instrument

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"kinship"
)

var (
	codePattern    = regexp.MustCompile(`^[a-z0-9]{1,40}$`)         // instrument codes and item IDs
	namePattern    = regexp.MustCompile(`^[a-z0-9]+(_[a-z0-9]+)*$`) // bands, flags, subscales, thresholds
	versionPattern = regexp.MustCompile(`^[A-Za-z0-9.-]{1,20}$`)
	loincPattern   = regexp.MustCompile(`^[0-9]{1,7}-[0-9]$`)
)

// problems collects validation messages in the order they are found, so the
// error's message is the same on every run.
type problems struct {
	fields kinship.FieldErrors
	first  string
}

// add records a problem at field; the message starts with the field, so a
// list of messages reads on its own.
func (p *problems) add(field, format string, args ...any) {
	if _, dup := p.fields[field]; dup {
		return
	}
	msg := field + ": " + fmt.Sprintf(format, args...)
	if len(p.fields) == 0 {
		p.first = msg
	}
	p.fields.Add(field, msg)
}

func (p *problems) err() error {
	switch len(p.fields) {
	case 0:
		return nil
	case 1:
		return &kinship.Error{Code: kinship.EINVALID, Message: p.first, Fields: p.fields}
	}
	msg := fmt.Sprintf("%s (and %d more problems)", p.first, len(p.fields)-1)
	return &kinship.Error{Code: kinship.EINVALID, Message: msg, Fields: p.fields}
}

// Validate checks that d's bands, if it has any, name every possible total
// exactly once, and that it refers only to things it defines. It returns an EINVALID
// *kinship.Error with one message per place at fault, keyed by its path
// ("bands", "items[3].options", "flags[0].item"); the message is the first
// problem found.
func (d *Definition) Validate() error {
	p := &problems{fields: kinship.FieldErrors{}}
	checkCode(p, "code", d.Code)
	checkLabel(p, "name", d.Name)
	checkLabel(p, "short_name", d.ShortName)
	if !versionPattern.MatchString(d.Version) {
		p.add("version", "must be 1–20 letters, digits, dots or hyphens, such as \"1\" or \"2.1\"")
	}
	if d.LOINC != "" && !validLOINC(d.LOINC) {
		p.add("loinc", "%q is not a LOINC code (digits, a hyphen and a check digit, such as 44261-6)", d.LOINC)
	}
	if d.Scoring != ScoringSum && d.Scoring != ScoringMax {
		p.add("scoring", "must be %q or %q", ScoringSum, ScoringMax)
	}

	itemsOK := d.checkItems(p)
	refsOK := checkRefs(p, "total_items", d.TotalItems, d.Item)
	for i, s := range d.Subscales {
		path := fmt.Sprintf("subscales[%d]", i)
		checkName(p, path+".code", s.Code)
		checkLabel(p, path+".label", s.Label)
		if len(s.Items) == 0 {
			p.add(path+".items", "lists no items")
		}
		checkRefs(p, path+".items", s.Items, d.Item)
	}
	checkUnique(p, "subscales", len(d.Subscales), func(i int) string { return d.Subscales[i].Code })

	d.checkAllBands(p, itemsOK && refsOK)
	d.checkFlags(p)
	return p.err()
}

func (d *Definition) checkItems(p *problems) bool {
	before := len(p.fields)
	if len(d.Items) == 0 {
		p.add("items", "the definition has no items")
	}
	for i, it := range d.Items {
		path := fmt.Sprintf("items[%d]", i)
		checkCode(p, path+".id", it.ID)
		if strings.TrimSpace(it.Text) == "" {
			p.add(path+".text", "item %s has no text", it.ID)
		}
		switch len(it.Options) {
		case 0:
			p.add(path+".options", "item %s has no options", it.ID)
		case 1:
			p.add(path+".options", "item %s has only one option; it needs at least two", it.ID)
		}
		for j, o := range it.Options {
			checkLabel(p, fmt.Sprintf("%s.options[%d].label", path, j), o.Label)
			if o.Score < 0 {
				p.add(fmt.Sprintf("%s.options[%d].score", path, j), "scores cannot be negative; got %d", o.Score)
			}
		}
		if c := it.ShownWhen; c != nil {
			// Answers come in item order, so a condition can only look back.
			k := slices.IndexFunc(d.Items[:i], func(e Item) bool { return e.ID == c.Item })
			switch {
			case k < 0 && slices.ContainsFunc(d.Items, func(e Item) bool { return e.ID == c.Item }):
				p.add(path+".shown_when.item", "item %s depends on item %s, which comes after it", it.ID, c.Item)
			case k < 0:
				p.add(path+".shown_when.item", "item %s depends on item %q, which does not exist", it.ID, c.Item)
			case c.Min > d.Items[k].maxScore():
				p.add(path+".shown_when.min", "item %s can never be asked: item %s scores at most %d", it.ID, c.Item, d.Items[k].maxScore())
			}
		}
	}
	checkUnique(p, "items", len(d.Items), func(i int) string { return d.Items[i].ID })
	return len(p.fields) == before
}

// checkAllBands checks the default bands and each sex's. Coverage is
// checked only when the items are sound, since the range depends on them.
func (d *Definition) checkAllBands(p *problems, rangeKnown bool) {
	if len(d.TotalItems) == 0 {
		if len(d.Bands) > 0 || len(d.SexBands) > 0 {
			p.add("bands", "the definition has no total (total_items is empty), so it cannot have bands")
		}
		return
	}
	top := -1
	if rangeKnown {
		top = d.MaxTotal()
	}
	checkBands(p, "bands", d.Bands, top)
	if len(d.SexBands) == 0 {
		if d.Threshold != "" {
			p.add("threshold", "names the default bands, which only makes sense with sex_bands")
		}
		return
	}
	if len(d.Bands) == 0 {
		p.add("bands", "default bands are required with sex_bands, for every other sex parameter for clinical use and when it is not recorded")
	}
	checkName(p, "threshold", d.Threshold)
	names := []string{d.Threshold}
	for i, s := range d.SexBands {
		path := fmt.Sprintf("sex_bands[%d]", i)
		if !slices.Contains(kinship.SexForClinicalUseValues, s.Sex) {
			p.add(path+".sex", "%q is not one of %s", s.Sex, strings.Join(kinship.SexForClinicalUseValues, ", "))
		}
		checkName(p, path+".threshold", s.Threshold)
		names = append(names, s.Threshold)
		if len(s.Bands) == 0 {
			p.add(path+".bands", "no bands for %q", s.Sex)
		}
		checkBands(p, path+".bands", s.Bands, top)
	}
	checkUnique(p, "sex_bands", len(d.SexBands), func(i int) string { return d.SexBands[i].Sex })
	checkUnique(p, "threshold", len(names), func(i int) string { return names[i] })
}

// checkBands checks that bands, lowest first, cover 0..top once each. top
// is -1 when the range is unknown.
func checkBands(p *problems, path string, bands []Band, top int) {
	if len(bands) == 0 {
		return
	}
	sound := true
	for i, b := range bands {
		at := fmt.Sprintf("%s[%d]", path, i)
		checkName(p, at+".code", b.Code)
		checkLabel(p, at+".label", b.Label)
		if b.Min > b.Max {
			p.add(at, "%q starts at %d, above its max %d", b.Code, b.Min, b.Max)
			sound = false
		}
	}
	checkUnique(p, path, len(bands), func(i int) string { return bands[i].Code })
	if !sound {
		return
	}
	for i := 1; i < len(bands); i++ {
		if a, b := bands[i-1], bands[i]; b.Min < a.Min {
			p.add(path, "%q (%s) is listed after %q (%s); list bands from lowest to highest", b.Code, b.Range(), a.Code, a.Range())
			return
		}
	}
	first, last := bands[0], bands[len(bands)-1]
	switch {
	case first.Min < 0:
		p.add(path, "%q starts at %d, but totals start at 0", first.Code, first.Min)
	case first.Min > 0:
		p.add(path, "nothing covers %s below %q", totals(0, first.Min-1), first.Code)
	}
	for i := 1; i < len(bands); i++ {
		a, b := bands[i-1], bands[i]
		switch {
		case b.Min <= a.Max:
			p.add(path, "%q (%s) and %q (%s) overlap at %s", a.Code, a.Range(), b.Code, b.Range(), totals(b.Min, min(a.Max, b.Max)))
		case b.Min > a.Max+1:
			p.add(path, "nothing covers %s between %q and %q", totals(a.Max+1, b.Min-1), a.Code, b.Code)
		}
	}
	switch {
	case top < 0:
	case last.Max < top:
		p.add(path, "nothing covers %s above %q (the highest possible total is %d)", totals(last.Max+1, top), last.Code, top)
	case last.Max > top:
		p.add(path, "%q reaches %d, but the highest possible total is %d", last.Code, last.Max, top)
	}
}

func (d *Definition) checkFlags(p *problems) {
	for i, f := range d.Flags {
		path := fmt.Sprintf("flags[%d]", i)
		checkName(p, path+".code", f.Code)
		checkLabel(p, path+".label", f.Label)
		set := 0
		for _, on := range []bool{f.Item != "", f.Subscale != "", len(f.Bands) > 0} {
			if on {
				set++
			}
		}
		if set != 1 {
			p.add(path, "flag %q needs exactly one of item, subscale or bands", f.Code)
			continue
		}
		if len(f.Bands) > 0 {
			if f.Min != nil || f.Max != nil {
				p.add(path, "flag %q is raised by bands, so min and max do not apply", f.Code)
			}
			for j, code := range f.Bands {
				if !d.hasBand(code) {
					p.add(fmt.Sprintf("%s.bands[%d]", path, j), "flag %q refers to band %q, which does not exist", f.Code, code)
				}
			}
			continue
		}
		if f.Item != "" {
			if _, ok := d.Item(f.Item); !ok {
				p.add(path+".item", "flag %q refers to item %q, which does not exist", f.Code, f.Item)
			}
		} else if !slices.ContainsFunc(d.Subscales, func(s Subscale) bool { return s.Code == f.Subscale }) {
			p.add(path+".subscale", "flag %q refers to subscale %q, which does not exist", f.Code, f.Subscale)
		}
		switch {
		case f.Min == nil && f.Max == nil:
			p.add(path, "flag %q needs a min, a max or both", f.Code)
		case f.Min != nil && f.Max != nil && *f.Min > *f.Max:
			p.add(path, "flag %q has min %d above max %d", f.Code, *f.Min, *f.Max)
		}
	}
	checkUnique(p, "flags", len(d.Flags), func(i int) string { return d.Flags[i].Code })
}

func (d *Definition) hasBand(code string) bool {
	has := func(bs []Band) bool { return slices.ContainsFunc(bs, func(b Band) bool { return b.Code == code }) }
	return has(d.Bands) || slices.ContainsFunc(d.SexBands, func(s SexBands) bool { return has(s.Bands) })
}

func checkCode(p *problems, field, code string) {
	if !codePattern.MatchString(code) {
		p.add(field, "%q must be 1–40 lowercase letters or digits", code)
	}
}

// checkName checks the code of a band, flag, subscale or threshold, which
// may join words with underscores ("moderately_severe").
func checkName(p *problems, field, name string) {
	if len(name) > 40 || !namePattern.MatchString(name) {
		p.add(field, "%q must be 1–40 lowercase letters or digits, words joined by _", name)
	}
}

func checkLabel(p *problems, field, label string) {
	if strings.TrimSpace(label) == "" {
		p.add(field, "is required")
	}
}

// checkRefs checks that ids name items, once each.
func checkRefs(p *problems, field string, ids []string, item func(string) (*Item, bool)) bool {
	before := len(p.fields)
	for i, id := range ids {
		if _, ok := item(id); !ok {
			p.add(fmt.Sprintf("%s[%d]", field, i), "item %q does not exist", id)
		}
	}
	checkUnique(p, field, len(ids), func(i int) string { return ids[i] })
	return len(p.fields) == before
}

// checkUnique reports the first value that appears twice among n.
func checkUnique(p *problems, field string, n int, at func(int) string) {
	seen := map[string]bool{}
	for i := range n {
		v := at(i)
		if seen[v] {
			p.add(field, "%q appears twice", v)
			return
		}
		seen[v] = true
	}
}

func totals(lo, hi int) string {
	if lo == hi {
		return "total " + strconv.Itoa(lo)
	}
	return fmt.Sprintf("totals %d–%d", lo, hi)
}

// validLOINC checks a LOINC code's mod-10 check digit, which catches most
// mistyped codes.
func validLOINC(code string) bool {
	if !loincPattern.MatchString(code) {
		return false
	}
	num, check, _ := strings.Cut(code, "-")
	sum := 0
	for i := range len(num) {
		digit := int(num[len(num)-1-i] - '0')
		if i%2 == 0 {
			digit *= 2
			if digit > 9 {
				digit -= 9
			}
		}
		sum += digit
	}
	return int(check[0]-'0') == (10-sum%10)%10
}
