// Package trend draws small line charts of a client's values over days as
// inline SVG: standardized-measure scores against their severity bands, or
// daily check-ins. Charts are drawn on the server because pages run under a
// strict Content-Security-Policy: the SVG has no script, no <style> and no
// style attributes. Its parts carry classes (see trend.css) and, so that it
// still reads without that sheet, the same colours as presentation
// attributes, which any stylesheet rule overrides.
package trend

import (
	"cmp"
	"fmt"
	"html/template"
	"math"
	"slices"
	"strings"
	"time"

	"kinship"
)

// Point is one value on one day.
type Point struct {
	Day   kinship.Date
	Value float64
}

// Band shades the values from Min to Max, such as "moderate" from 10 to 15.
// Bands are continuous ranges: for integer scores banded 10–14 and 15–19,
// give {10, 15} and {15, 20} so the shading has no gaps. List bands from
// least to most severe; the shading darkens in that order.
type Band struct {
	Min, Max float64
	Label    string
}

// Marker is a dated event drawn as a vertical line, such as "Admitted".
type Marker struct {
	Day   kinship.Date
	Label string
}

// Chart is a line chart of values over days.
type Chart struct {
	// ID makes the chart's element ids unique on a page. When empty, it is
	// derived from the chart's content, so give one when a page could show
	// two identical charts.
	ID    string
	Title string // names the chart, e.g. "PHQ-9 scores"
	Unit  string // optional, written after values in text: "18 points"
	Empty string // shown when there are no points; "No scores yet" if empty

	// Min and Max bound the value axis; values beyond are drawn at the edge
	// but described as they are.
	Min, Max float64
	// From and To bound the day axis. A zero bound is taken from the points
	// and markers; points and markers outside a given bound are left out.
	From, To kinship.Date

	Bands   []Band
	Markers []Marker
	Points  []Point
}

// The chart is drawn in a 320×160 viewBox and scaled to its container's
// width. On a 360 px phone that is about 290 px, a unit about 0.9 px, so
// 14-unit text draws at 12 px or more.
const (
	width, height = 320, 160
	left, right   = 28, 312 // the plot frame
	top, bottom   = 16, 140
	inset         = 6 // keeps the first and last days' dots off the frame's sides
	fontSize      = 14
	charWidth     = 8.5 // a generous guess at one character's width, to avoid overlaps
)

// Fallback colours, taken from the site's palette in kinship.css.
const (
	inkColour    = "#1d2433"
	mutedColour  = "#4f5869"
	lineColour   = "#d9dce3"
	brandColour  = "#2f4b8f"
	accentColour = "#7a3e9d"
)

// frame is a chart resolved for drawing: a valid value range, a day range,
// and the points and markers that fall in it, in day order.
type frame struct {
	min, max float64
	from, to kinship.Date
	span     int // days from 'from' to 'to'
	points   []Point
	markers  []Marker
}

func (c Chart) resolve() frame {
	f := frame{min: c.Min, max: c.Max}
	if math.IsNaN(f.min) || math.IsInf(f.min, 0) {
		f.min = 0
	}
	if !(f.max > f.min) || math.IsInf(f.max-f.min, 0) {
		f.max = f.min + 1 // a usable axis beats a division by zero
	}

	var pts []Point
	for _, p := range c.Points {
		if !p.Day.IsZero() && !math.IsNaN(p.Value) && !math.IsInf(p.Value, 0) {
			pts = append(pts, p)
		}
	}
	var marks []Marker
	for _, m := range c.Markers {
		if !m.Day.IsZero() {
			marks = append(marks, m)
		}
	}
	// Stable, so points on the same day keep the caller's order and the
	// output stays the same for the same input.
	slices.SortStableFunc(pts, func(a, b Point) int { return compareDates(a.Day, b.Day) })
	slices.SortStableFunc(marks, func(a, b Marker) int { return compareDates(a.Day, b.Day) })

	f.from, f.to = c.From, c.To
	var days []kinship.Date
	for _, p := range pts {
		days = append(days, p.Day)
	}
	for _, m := range marks {
		days = append(days, m.Day)
	}
	if len(days) > 0 {
		if f.from.IsZero() {
			f.from = slices.MinFunc(days, compareDates)
		}
		if f.to.IsZero() {
			f.to = slices.MaxFunc(days, compareDates)
		}
	}
	if f.from.IsZero() != f.to.IsZero() { // one bound and nothing to derive the other from
		f.from, f.to = cmp.Or(f.from, f.to), cmp.Or(f.to, f.from)
	}
	if f.to.Before(f.from) {
		f.from, f.to = f.to, f.from
	}
	f.span = daysBetween(f.from, f.to)

	inRange := func(d kinship.Date) bool { return !d.Before(f.from) && !f.to.Before(d) }
	for _, p := range pts {
		if inRange(p.Day) {
			f.points = append(f.points, p)
		}
	}
	for _, m := range marks {
		if inRange(m.Day) {
			f.markers = append(f.markers, m)
		}
	}
	return f
}

// x is the horizontal position of day d; a chart of one day draws it in
// the middle.
func (f frame) x(d kinship.Date) float64 {
	if f.span == 0 {
		return (left + right) / 2
	}
	return left + inset + float64(daysBetween(f.from, d))/float64(f.span)*(right-left-2*inset)
}

// y is the vertical position of value v, clamped to the frame.
func (f frame) y(v float64) float64 {
	v = min(max(v, f.min), f.max)
	return bottom - (v-f.min)/(f.max-f.min)*(bottom-top)
}

// SVG draws the chart as an inline <svg> element. Every piece of text is
// escaped, so titles and labels may hold anything.
func (c Chart) SVG() template.HTML {
	f := c.resolve()
	id := c.id()
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="trend" viewBox="0 0 %d %d" width="100%%" `+
		`role="img" aria-labelledby="%s-title %s-desc" font-family="system-ui, sans-serif" font-size="%d">`+"\n",
		width, height, id, id, fontSize)
	fmt.Fprintf(&b, "<title id=\"%s-title\">%s</title>\n<desc id=\"%s-desc\">%s</desc>\n",
		id, text(cmp.Or(c.Title, "Trend")), id, text(c.describe(f)))
	c.drawBands(&b, f)
	c.drawValueAxis(&b, f)
	fmt.Fprintf(&b, "<rect class=\"trend-frame\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"%s\"/>\n",
		left, top, right-left, bottom-top, lineColour)
	drawDayAxis(&b, f)
	drawMarkers(&b, f)
	c.drawPoints(&b, f)
	b.WriteString("</svg>")
	return template.HTML(b.String())
}

// drawBands shades each band, lightest first, with its label inside so
// severity never rests on colour alone. Labels sit at the right edge unless
// a dot (usually the latest) would cover one there; then at the left.
func (c Chart) drawBands(b *strings.Builder, f frame) {
	for i, band := range c.Bands {
		lo, hi := min(band.Min, band.Max), max(band.Min, band.Max)
		y0, y1 := round(f.y(hi)), round(f.y(lo))
		if y1 <= y0 {
			continue // outside the axis
		}
		fmt.Fprintf(b, "<rect class=\"trend-band trend-band-%d\" x=\"%d\" y=\"%s\" width=\"%d\" height=\"%s\" fill=\"%s\"/>\n",
			i, left, num(y0), right-left, num(y1-y0), bandFill(i, len(c.Bands)))
		if band.Label == "" || y1-y0 < fontSize+2 {
			continue
		}
		x, anchor, base := float64(right-3), "end", round((y0+y1)/2+fontSize*0.35)
		if w := textWidth(band.Label); f.covers(x-w, x, base) && !f.covers(left+inset+5, left+inset+5+w, base) {
			x, anchor = left+inset+5, "start"
		}
		fmt.Fprintf(b, "<text class=\"trend-band-label\" x=\"%s\" y=\"%s\" text-anchor=\"%s\" fill=\"%s\">%s</text>\n",
			num(x), num(base), anchor, inkColour, text(band.Label))
	}
}

// bandFill mixes the site's alert red into white, more for each band, so
// the shading darkens with severity while band labels keep their contrast.
func bandFill(i, n int) string {
	t := 0.12
	if n > 1 {
		t = 0.06 + 0.2*float64(i)/float64(n-1)
	}
	mix := func(c float64) int { return int(math.Round(255 - t*(255-c))) }
	return fmt.Sprintf("#%02x%02x%02x", mix(0x9b), mix(0x1c), mix(0x1c))
}

// drawValueAxis labels the ends of the value axis and, between them, the
// band edges (or round steps, with no bands) that have room, with a faint
// rule across the plot at each.
func (c Chart) drawValueAxis(b *strings.Builder, f frame) {
	var between []float64
	for _, band := range c.Bands {
		between = append(between, band.Min, band.Max)
	}
	if len(c.Bands) == 0 {
		between = steps(f.min, f.max)
	}
	ticks := []float64{f.min, f.max}
	for _, v := range between {
		if v <= f.min || v >= f.max {
			continue
		}
		if !slices.ContainsFunc(ticks, func(t float64) bool { return math.Abs(f.y(t)-f.y(v)) < fontSize+1 }) {
			ticks = append(ticks, v)
		}
	}
	for i, v := range ticks {
		y := round(f.y(v))
		if i >= 2 { // the ends are the frame itself
			fmt.Fprintf(b, "<line class=\"trend-grid\" x1=\"%d\" y1=\"%s\" x2=\"%d\" y2=\"%s\" stroke=\"%s\"/>\n",
				left, num(y), right, num(y), lineColour)
		}
		fmt.Fprintf(b, "<text class=\"trend-axis\" x=\"%d\" y=\"%s\" text-anchor=\"end\" fill=\"%s\">%s</text>\n",
			left-4, num(y+fontSize*0.35), mutedColour, num(v))
	}
}

// steps are the multiples of 1, 2 or 5 (times a power of ten) between lo
// and hi, at most five intervals apart, e.g. 2, 4, 6, 8 for 0 to 10.
func steps(lo, hi float64) []float64 {
	step := 1.0
	for i := 0; (hi-lo)/step > 5; i++ {
		step *= []float64{2, 2.5, 2}[i%3]
	}
	var vs []float64
	for v := math.Ceil(lo/step) * step; v < hi; v += step {
		vs = append(vs, v)
	}
	return vs
}

// drawDayAxis labels the first and last days under the frame.
func drawDayAxis(b *strings.Builder, f frame) {
	if f.from.IsZero() {
		return
	}
	label := func(x float64, anchor string, d kinship.Date) {
		fmt.Fprintf(b, "<text class=\"trend-axis\" x=\"%s\" y=\"%d\" text-anchor=\"%s\" fill=\"%s\">%s</text>\n",
			num(x), bottom+fontSize+3, anchor, mutedColour, text(shortDate(d, f)))
	}
	if f.span == 0 {
		label(f.x(f.from), "middle", f.from)
		return
	}
	label(f.x(f.from), "start", f.from)
	label(f.x(f.to), "end", f.to)
}

// drawMarkers draws each marker as a dashed line with its label above the
// frame. A label that would overlap an earlier one is left to the line's
// tooltip and the description.
func drawMarkers(b *strings.Builder, f frame) {
	type span struct{ from, to float64 }
	var taken []span
	for _, m := range f.markers {
		x := round(f.x(m.Day))
		fmt.Fprintf(b, "<line class=\"trend-marker\" x1=\"%s\" y1=\"%d\" x2=\"%s\" y2=\"%d\" stroke=\"%s\" stroke-dasharray=\"3 2\"><title>%s</title></line>\n",
			num(x), top, num(x), bottom, accentColour, text(markerText(m)))
		if m.Label == "" {
			continue
		}
		// Labels run away from the nearer edge so they stay in the viewBox.
		w := textWidth(m.Label)
		s, anchor := span{x, x + w}, "start"
		if x > (left+right)/2 {
			s, anchor = span{x - w, x}, "end"
		}
		if slices.ContainsFunc(taken, func(t span) bool { return s.from < t.to+charWidth && t.from < s.to+charWidth }) {
			continue
		}
		taken = append(taken, s)
		fmt.Fprintf(b, "<text class=\"trend-marker-label\" x=\"%s\" y=\"%d\" text-anchor=\"%s\" fill=\"%s\">%s</text>\n",
			num(x), top-5, anchor, accentColour, text(m.Label))
	}
}

// drawPoints draws the line and a dot for each point, each dot titled with
// its value and day; with no points it says so inside the frame.
func (c Chart) drawPoints(b *strings.Builder, f frame) {
	if len(f.points) == 0 {
		fmt.Fprintf(b, "<text class=\"trend-empty\" x=\"%d\" y=\"%s\" text-anchor=\"middle\" fill=\"%s\">%s</text>\n",
			(left+right)/2, num((top+bottom)/2+fontSize*0.35), mutedColour, text(c.empty()))
		return
	}
	if len(f.points) > 1 {
		coords := make([]string, len(f.points))
		for i, p := range f.points {
			coords[i] = num(f.x(p.Day)) + "," + num(f.y(p.Value))
		}
		fmt.Fprintf(b, "<polyline class=\"trend-line\" points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\" stroke-linejoin=\"round\" stroke-linecap=\"round\"/>\n",
			strings.Join(coords, " "), brandColour)
	}
	r := "3"
	if len(f.points) > 40 { // dense series: smaller dots keep the line visible
		r = "2"
	}
	for _, p := range f.points {
		fmt.Fprintf(b, "<circle class=\"trend-point\" cx=\"%s\" cy=\"%s\" r=\"%s\" fill=\"%s\" stroke=\"#ffffff\"><title>%s</title></circle>\n",
			num(f.x(p.Day)), num(f.y(p.Value)), r, brandColour, text(c.pointText(p)))
	}
}

// covers reports whether a dot lies over text on baseline y from x0 to x1.
func (f frame) covers(x0, x1, y float64) bool {
	const pad = 4 // a dot's radius and a little air
	return slices.ContainsFunc(f.points, func(p Point) bool {
		px, py := f.x(p.Day), f.y(p.Value)
		return px > x0-pad && px < x1+pad && py > y-fontSize*0.75-pad && py < y+pad
	})
}

func textWidth(s string) float64 { return float64(len([]rune(s))) * charWidth }

func compareDates(a, b kinship.Date) int {
	return cmp.Or(cmp.Compare(a.Year, b.Year), cmp.Compare(a.Month, b.Month), cmp.Compare(a.Day, b.Day))
}

// daysBetween counts whole days from a to b; UTC has no daylight saving, so
// every day is 24 hours.
func daysBetween(a, b kinship.Date) int {
	return int(b.In(time.UTC).Sub(a.In(time.UTC)).Hours() / 24)
}
