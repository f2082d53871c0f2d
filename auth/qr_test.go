package auth

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"rsc.io/qr"
)

func TestQRSVG(t *testing.T) {
	text := TOTPURI("Kinship", "sam@example.org", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
	label := `Scan with your "authenticator" <app> & 'enrol'`
	svg, err := QRSVG(text, label)
	if err != nil {
		t.Fatal(err)
	}
	code, err := qr.Encode(text, qr.M)
	if err != nil {
		t.Fatal(err)
	}

	// Decoding every token proves the fragment is well-formed XML.
	var root xml.StartElement
	var d string
	dec := xml.NewDecoder(strings.NewReader(svg))
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed: %v\n%s", err, svg)
		}
		if se, ok := tok.(xml.StartElement); ok {
			switch se.Name.Local {
			case "svg":
				root = se.Copy()
			case "path":
				d = attr(se, "d")
			}
		}
	}

	n := code.Size + 2*quietZone
	for name, want := range map[string]string{
		"role":       "img",
		"aria-label": label,
		"viewBox":    fmt.Sprintf("0 0 %d %d", n, n),
	} {
		if got := attr(root, name); got != want {
			t.Errorf("svg %s = %q, want %q", name, got, want)
		}
	}

	// Redraw the path's runs and compare module by module, quiet zone
	// included: the drawing must be exactly code.Black shifted by it.
	dark := make(map[[2]int]bool)
	for run := range strings.SplitSeq(strings.TrimSuffix(d, "z"), "z") {
		var x, y, w, back int
		if _, err := fmt.Sscanf(run, "M%d %dh%dv1h-%d", &x, &y, &w, &back); err != nil || w != back || w < 1 {
			t.Fatalf("bad run %q in path: %v", run, err)
		}
		for i := range w {
			if dark[[2]int{x + i, y}] {
				t.Errorf("module (%d,%d) drawn twice", x+i, y)
			}
			dark[[2]int{x + i, y}] = true
		}
	}
	black := 0
	for y := range n {
		for x := range n {
			want := code.Black(x-quietZone, y-quietZone)
			if want {
				black++
			}
			if got := dark[[2]int{x, y}]; got != want {
				t.Errorf("module (%d,%d) dark = %v, want %v", x, y, got, want)
			}
		}
	}
	if got := len(dark); got != black {
		t.Errorf("drawn %d dark modules, want %d", got, black)
	}
}

func TestQRSVGTooLong(t *testing.T) {
	if _, err := QRSVG(strings.Repeat("x", 3000), "too long"); err == nil {
		t.Error("QRSVG succeeded for text beyond QR capacity, want error")
	}
}

// attr returns the value of the attribute named local in se, or "".
func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}
