package trend

import (
	"cmp"
	"fmt"
	"hash/fnv"
	"html/template"
	"math"
	"strconv"
	"strings"
	"time"

	"kinship"
)

// describe summarises the chart in words for screen readers, e.g.
// "PHQ-9 scores: 18 (moderately severe) on 2 Oct 2026, latest 9 (mild) on
// 20 Nov 2026, down 9. Admitted 1 Oct 2026. Scale 0 to 27."
func (c Chart) describe(f frame) string {
	var b strings.Builder
	b.WriteString(cmp.Or(c.Title, "Trend") + ": ")
	switch n := len(f.points); n {
	case 0:
		b.WriteString(c.empty())
	case 1:
		b.WriteString(c.pointText(f.points[0]))
	default:
		first, last := f.points[0], f.points[n-1]
		fmt.Fprintf(&b, "%s, latest %s, %s", c.pointText(first), c.pointText(last), change(first.Value, last.Value))
	}
	b.WriteString(".")
	for _, m := range f.markers {
		b.WriteString(" " + markerText(m) + ".")
	}
	fmt.Fprintf(&b, " Scale %s to %s.", num(f.min), num(f.max))
	return b.String()
}

// pointText is a point as words: "9 (mild) on 20 Nov 2026". It gives the
// value as recorded, even when the line clamps it to the axis.
func (c Chart) pointText(p Point) string {
	s := num(p.Value)
	if c.Unit != "" {
		s += " " + c.Unit
	}
	if band := c.bandOf(p.Value); band != "" {
		s += " (" + band + ")"
	}
	return s + " on " + p.Day.Label()
}

// bandOf names the band holding v. Bands share their edges, so an edge
// value belongs to the band it starts, as with clinical cut-offs
// ("10 or more is moderate"); the top of the scale belongs to the band it
// ends.
func (c Chart) bandOf(v float64) string {
	for _, b := range c.Bands {
		if min(b.Min, b.Max) <= v && v < max(b.Min, b.Max) {
			return b.Label
		}
	}
	for _, b := range c.Bands {
		if v == max(b.Min, b.Max) {
			return b.Label
		}
	}
	return ""
}

// change says how far the latest value moved from the first, without
// calling it better or worse: on some scales up is good, on others bad.
func change(first, last float64) string {
	d := num(math.Abs(last - first))
	switch {
	case d == "0":
		return "no change"
	case last > first:
		return "up " + d
	default:
		return "down " + d
	}
}

func markerText(m Marker) string {
	return strings.TrimSpace(m.Label + " " + m.Day.Label())
}

func (c Chart) empty() string { return cmp.Or(c.Empty, "No scores yet") }

// shortDate labels the day axis: "2 Oct", with the year only when the
// chart crosses one, because the description carries full dates.
func shortDate(d kinship.Date, f frame) string {
	if f.from.Year != f.to.Year {
		return d.Label()
	}
	return d.In(time.UTC).Format("2 Jan")
}

// id is the prefix for the chart's element ids: the caller's ID reduced to
// characters safe in an id, or else a hash of the chart's content, so
// different charts on one page do not share ids.
func (c Chart) id() string {
	clean := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			return r
		}
		return -1
	}, c.ID)
	if clean != "" {
		return "trend-" + clean
	}
	h := fnv.New64a()
	fmt.Fprintf(h, "%q %q %v %v %v %v %v %v %v", c.Title, c.Unit, c.Min, c.Max, c.From, c.To, c.Bands, c.Markers, c.Points)
	return fmt.Sprintf("trend-%016x", h.Sum64())
}

// num writes v with at most one decimal, which is all a chart this size
// can show, and keeps the output short and stable.
func num(v float64) string {
	r := round(v)
	if r == 0 {
		return "0" // never "-0"
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
}

func round(v float64) float64 { return math.Round(v*10) / 10 }

// text escapes s for element content and attribute values, first dropping
// characters XML cannot carry, so the SVG stays well-formed.
func text(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF {
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
	return template.HTMLEscapeString(s)
}
