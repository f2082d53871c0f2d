package trend

import (
	"encoding/xml"
	"errors"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"kinship"
)

func day(m time.Month, d int) kinship.Date { return kinship.Date{Year: 2026, Month: m, Day: d} }

// phq9 is a typical measure chart: five bands, an admission marker and
// five scores falling from 18 to 9.
func phq9() Chart {
	return Chart{
		Title: "PHQ-9 scores",
		Min:   0, Max: 27,
		Bands: []Band{
			{0, 5, "minimal"}, {5, 10, "mild"}, {10, 15, "moderate"},
			{15, 20, "moderately severe"}, {20, 27, "severe"},
		},
		Markers: []Marker{{day(time.October, 1), "Admitted"}},
		Points: []Point{
			{day(time.October, 2), 18}, {day(time.October, 16), 15}, {day(time.October, 30), 12},
			{day(time.November, 6), 13}, {day(time.November, 20), 9},
		},
	}
}

// elem is one element of the drawn SVG.
type elem struct {
	name  string
	attrs map[string]string
	text  string // character data directly inside it
}

// parse walks the SVG with a strict XML decoder, failing the test on any
// error, and checks what the Content-Security-Policy forbids is absent.
func parse(t *testing.T, svg string) []elem {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(svg))
	var all []elem
	var open []int // indexes into all
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v\n%s", err, svg)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			e := elem{name: tok.Name.Local, attrs: map[string]string{}}
			for _, a := range tok.Attr {
				e.attrs[a.Name.Local] = a.Value
			}
			if e.name == "style" || e.name == "script" {
				t.Errorf("got a <%s> element, which the CSP blocks", e.name)
			}
			if _, ok := e.attrs["style"]; ok {
				t.Errorf("got a style attribute on <%s>, which the CSP blocks", e.name)
			}
			all = append(all, e)
			open = append(open, len(all)-1)
		case xml.EndElement:
			open = open[:len(open)-1]
		case xml.CharData:
			if len(open) > 0 {
				all[open[len(open)-1]].text += string(tok)
			}
		}
	}
	if len(all) == 0 || all[0].name != "svg" {
		t.Fatalf("got no root <svg>:\n%s", svg)
	}
	return all
}

// find returns the elements named name whose class list includes class.
func find(all []elem, name, class string) []elem {
	var out []elem
	for _, e := range all {
		if e.name == name && (class == "" || strings.Contains(" "+e.attrs["class"]+" ", " "+class+" ")) {
			out = append(out, e)
		}
	}
	return out
}

func float(t *testing.T, e elem, attr string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(e.attrs[attr], 64)
	if err != nil {
		t.Fatalf("<%s %s=%q>: %v", e.name, attr, e.attrs[attr], err)
	}
	return v
}

func near(a, b float64) bool { return math.Abs(a-b) <= 0.1 }

func TestSVG_WellFormedAndAccessible(t *testing.T) {
	one := phq9()
	one.Points = one.Points[:1]
	empty := phq9()
	empty.Points = nil
	sameDay := Chart{Title: "Mood", Min: 1, Max: 5, Points: []Point{{day(time.May, 3), 2}, {day(time.May, 3), 4}}}
	for name, c := range map[string]Chart{"phq9": phq9(), "one": one, "empty": empty, "same day": sameDay, "zero": {}} {
		t.Run(name, func(t *testing.T) {
			svg := string(c.SVG())
			all := parse(t, svg)
			root := all[0].attrs
			for attr, want := range map[string]string{"viewBox": "0 0 320 160", "width": "100%", "role": "img"} {
				if root[attr] != want {
					t.Errorf("svg %s: got %q, want %q", attr, root[attr], want)
				}
			}
			if _, ok := root["height"]; ok {
				t.Error("svg has a fixed height; it should scale with its width")
			}
			ids := map[string]string{}
			for _, e := range all {
				if id := e.attrs["id"]; id != "" {
					ids[id] = e.name
				}
			}
			labels := strings.Fields(root["aria-labelledby"])
			if len(labels) != 2 || ids[labels[0]] != "title" || ids[labels[1]] != "desc" {
				t.Errorf("aria-labelledby %q: want the ids of <title> and <desc>, have %v", root["aria-labelledby"], ids)
			}
			if strings.Contains(svg, "NaN") || strings.Contains(svg, "Inf") {
				t.Errorf("got a non-number in the SVG:\n%s", svg)
			}
		})
	}
}

func TestSVG_Description(t *testing.T) {
	all := parse(t, string(phq9().SVG()))
	if got := find(all, "title", "")[0].text; got != "PHQ-9 scores" {
		t.Errorf("title: got %q", got)
	}
	want := "PHQ-9 scores: 18 (moderately severe) on 2 Oct 2026, latest 9 (mild) on 20 Nov 2026, down 9. Admitted 1 Oct 2026. Scale 0 to 27."
	if got := find(all, "desc", "")[0].text; got != want {
		t.Errorf("desc:\ngot  %q\nwant %q", got, want)
	}
	points := find(all, "circle", "trend-point")
	if len(points) != 5 {
		t.Fatalf("got %d points, want 5", len(points))
	}
	if got := find(all, "title", "")[len(find(all, "title", ""))-1].text; got != "9 (mild) on 20 Nov 2026" {
		t.Errorf("latest point's title: got %q", got)
	}

	for _, tc := range []struct {
		first, last float64
		want        string
	}{{18, 9, "down 9"}, {3, 7.5, "up 4.5"}, {4, 4.02, "no change"}} {
		if got := change(tc.first, tc.last); got != tc.want {
			t.Errorf("change(%v, %v): got %q, want %q", tc.first, tc.last, got, tc.want)
		}
	}
}

func TestSVG_Escapes(t *testing.T) {
	title := `<script>alert("x")</script> & 'q'`
	c := phq9()
	c.Title = title
	c.Bands[0].Label = "a\x00b<i>"
	c.Markers[0].Label = `"Admitted"`
	svg := string(c.SVG())
	if strings.Contains(svg, "<script") || strings.Contains(svg, "<i>") {
		t.Fatalf("markup in text was not escaped:\n%s", svg)
	}
	all := parse(t, svg)
	if got := find(all, "title", "")[0].text; got != title {
		t.Errorf("title: got %q, want %q", got, title)
	}
	if got := find(all, "desc", "")[0].text; !strings.HasPrefix(got, title+": ") {
		t.Errorf("desc does not start with the title: %q", got)
	}
	if got := find(all, "text", "trend-band-label")[0].text; got != "ab<i>" {
		t.Errorf("band label: got %q, want %q", got, "ab<i>")
	}
}

func TestSVG_Bands(t *testing.T) {
	c := phq9()
	all := parse(t, string(c.SVG()))
	rects := find(all, "rect", "trend-band")
	if len(rects) != len(c.Bands) {
		t.Fatalf("got %d band rectangles, want %d", len(rects), len(c.Bands))
	}
	// The plot runs from y=bottom (value 0) up to y=top (value 27).
	scale := float64(bottom-top) / 27
	lastFill := 3 * 255
	for i, r := range rects {
		band := c.Bands[i]
		if want := "trend-band trend-band-" + strconv.Itoa(i); r.attrs["class"] != want {
			t.Errorf("rect %d class: got %q, want %q", i, r.attrs["class"], want)
		}
		y, h := float(t, r, "y"), float(t, r, "height")
		if want := bottom - band.Max*scale; !near(y, want) {
			t.Errorf("%s top: got y=%v, want %v", band.Label, y, want)
		}
		if want := (band.Max - band.Min) * scale; !near(h, want) {
			t.Errorf("%s height: got %v, want %v", band.Label, h, want)
		}
		if x, w := float(t, r, "x"), float(t, r, "width"); x != left || x+w != right {
			t.Errorf("%s spans x %v to %v, want the frame %v to %v", band.Label, x, x+w, left, right)
		}
		// Shading darkens with severity: each fill has less light.
		var rgb [3]int64
		for j := range rgb {
			rgb[j], _ = strconv.ParseInt(r.attrs["fill"][1+2*j:3+2*j], 16, 0)
		}
		if light := int(rgb[0] + rgb[1] + rgb[2]); light >= lastFill {
			t.Errorf("%s fill %s is not darker than the band before", band.Label, r.attrs["fill"])
		} else {
			lastFill = light
		}
	}
	var labels []string
	for _, e := range find(all, "text", "trend-band-label") {
		labels = append(labels, e.text)
	}
	if got, want := strings.Join(labels, ","), "minimal,mild,moderate,moderately severe,severe"; got != want {
		t.Errorf("band labels: got %s, want %s", got, want)
	}
	var ticks []string
	for _, e := range find(all, "text", "trend-axis") {
		ticks = append(ticks, e.text)
	}
	if got, want := strings.Join(ticks, ","), "0,27,5,10,15,20,1 Oct,20 Nov"; got != want {
		t.Errorf("axis labels: got %s, want %s", got, want)
	}
}

func TestSVG_Days(t *testing.T) {
	c := Chart{
		Title: "Craving", Min: 0, Max: 10,
		From: day(time.October, 1), To: day(time.October, 31),
		Points: []Point{
			{day(time.September, 20), 9}, // before From: left out
			{day(time.October, 16), 4},
			{day(time.November, 5), 8}, // after To: left out
		},
		Markers: []Marker{{day(time.October, 31), "Discharged"}, {day(time.December, 1), "Later"}},
	}
	all := parse(t, string(c.SVG()))
	points := find(all, "circle", "trend-point")
	if len(points) != 1 {
		t.Fatalf("got %d points, want only the one inside the days", len(points))
	}
	x := float(t, points[0], "cx")
	if x <= left || x >= right {
		t.Errorf("point x=%v is outside the frame %v..%v", x, left, right)
	}
	if want := left + inset + 15.0/30*(right-left-2*inset); !near(x, want) {
		t.Errorf("16 Oct of 1–31 Oct: got x=%v, want %v", x, want)
	}
	markers := find(all, "line", "trend-marker")
	if len(markers) != 1 || !near(float(t, markers[0], "x1"), right-inset) {
		t.Errorf("want one marker at the right end, got %v", markers)
	}
	desc := find(all, "desc", "")[0].text
	if want := "Craving: 4 on 16 Oct 2026. Discharged 31 Oct 2026. Scale 0 to 10."; desc != want {
		t.Errorf("desc:\ngot  %q\nwant %q", desc, want)
	}
}

func TestSVG_Empty(t *testing.T) {
	c := phq9()
	c.Points = nil
	all := parse(t, string(c.SVG()))
	if n := len(find(all, "circle", "")) + len(find(all, "polyline", "")); n != 0 {
		t.Errorf("got %d point or line elements, want none", n)
	}
	if len(find(all, "rect", "trend-frame")) != 1 {
		t.Error("the frame is missing")
	}
	if e := find(all, "text", "trend-empty"); len(e) != 1 || e[0].text != "No scores yet" {
		t.Errorf("empty text: got %v", e)
	}
	c.Empty = "No check-ins yet"
	all = parse(t, string(c.SVG()))
	if got := find(all, "desc", "")[0].text; !strings.HasPrefix(got, "PHQ-9 scores: No check-ins yet.") {
		t.Errorf("desc: got %q", got)
	}
}

func TestSVG_OnePoint(t *testing.T) {
	c := Chart{Title: "PHQ-9", Min: 0, Max: 27, Points: []Point{{day(time.October, 2), 18}}}
	all := parse(t, string(c.SVG()))
	if len(find(all, "polyline", "")) != 0 {
		t.Error("got a line for a single point")
	}
	points := find(all, "circle", "trend-point")
	if len(points) != 1 {
		t.Fatalf("got %d points, want 1", len(points))
	}
	if x := float(t, points[0], "cx"); x != (left+right)/2 {
		t.Errorf("a lone day: got x=%v, want the middle %v", x, (left+right)/2)
	}
	if got := find(all, "desc", "")[0].text; got != "PHQ-9: 18 on 2 Oct 2026. Scale 0 to 27." {
		t.Errorf("desc: got %q", got)
	}
}

func TestSVG_Clamps(t *testing.T) {
	c := Chart{Title: "PHQ-9", Min: 0, Max: 27, Points: []Point{{day(time.October, 2), 40}, {day(time.October, 9), -5}}}
	all := parse(t, string(c.SVG()))
	points := find(all, "circle", "trend-point")
	if len(points) != 2 {
		t.Fatalf("got %d points, want 2", len(points))
	}
	if y := float(t, points[0], "cy"); y != top {
		t.Errorf("40 on 0–27: got y=%v, want the top %v", y, top)
	}
	if y := float(t, points[1], "cy"); y != bottom {
		t.Errorf("-5 on 0–27: got y=%v, want the bottom %v", y, bottom)
	}
	// The words keep the value as recorded.
	if got := find(all, "desc", "")[0].text; !strings.Contains(got, "40 on 2 Oct 2026, latest -5 on 9 Oct 2026, down 45") {
		t.Errorf("desc: got %q", got)
	}
}

func TestSVG_ManyPoints(t *testing.T) {
	c := Chart{Title: "Craving", Min: 0, Max: 10, Unit: "out of 10"}
	start := day(time.March, 1)
	for i := range 200 {
		c.Points = append(c.Points, Point{start.AddDays(i), 5 + 4*math.Sin(float64(i)/9)})
	}
	svg := string(c.SVG())
	if again := string(c.SVG()); again != svg {
		t.Error("the same chart drew differently twice")
	}
	all := parse(t, svg)
	if n := len(find(all, "circle", "trend-point")); n != 200 {
		t.Errorf("got %d points, want 200", n)
	}
	long := regexp.MustCompile(`\d\.\d\d`)
	for _, e := range all {
		for k, v := range e.attrs {
			if long.MatchString(v) {
				t.Fatalf("<%s %s=%q> has more than one decimal", e.name, k, v)
			}
		}
	}
	var ticks []string
	for _, e := range find(all, "text", "trend-axis")[:6] {
		ticks = append(ticks, e.text)
	}
	if got, want := strings.Join(ticks, ","), "0,10,2,4,6,8"; got != want {
		t.Errorf("value labels without bands: got %s, want %s", got, want)
	}
	if got := find(all, "title", "")[1].text; !strings.HasPrefix(got, "5 out of 10 on 1 Mar 2026") {
		t.Errorf("first point's title: got %q", got)
	}
}

func TestChartID(t *testing.T) {
	a, b := phq9(), phq9()
	b.Points = b.Points[1:]
	if a.id() != phq9().id() {
		t.Error("the same chart got different ids")
	}
	if a.id() == b.id() {
		t.Error("different charts share an id")
	}
	a.ID = `client 7/"phq9"`
	if got, want := a.id(), "trend-client7phq9"; got != want {
		t.Errorf("id: got %q, want %q", got, want)
	}
}

func TestNum(t *testing.T) {
	for v, want := range map[float64]string{0: "0", -0.04: "0", 2: "2", 1.25: "1.3", 9.96: "10", -3.14: "-3.1", 140: "140"} {
		if got := num(v); got != want {
			t.Errorf("num(%v): got %q, want %q", v, got, want)
		}
	}
}
