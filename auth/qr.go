package auth

import (
	"encoding/xml"
	"fmt"
	"strings"

	"rsc.io/qr"
)

// quietZone is the blank margin, in modules, that QR readers need around
// the symbol.
const quietZone = 4

// QRSVG returns an SVG document fragment (<svg ...>...</svg>) drawing text as
// a QR code with a 4-module quiet zone, black on white, with role="img" and
// an aria-label of label (XML-escaped). One SVG unit is one module and the
// SVG has no width or height, so CSS sizes it. It fails only if text is too
// long for a QR code; the error does not quote text.
func QRSVG(text, label string) (string, error) {
	code, err := qr.Encode(text, qr.M)
	if err != nil {
		return "", fmt.Errorf("auth: QR code: %w", err)
	}
	n := code.Size + 2*quietZone
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" role="img" aria-label="`, n, n)
	// EscapeText also escapes quotes, so the result is safe in an attribute.
	// Writes to a strings.Builder cannot fail.
	xml.EscapeText(&b, []byte(label))
	// crispEdges keeps adjacent rows from showing hairline seams when scaled.
	fmt.Fprintf(&b, `" shape-rendering="crispEdges"><rect width="%d" height="%d" fill="#fff"/><path fill="#000" d="`, n, n)
	// One subpath per horizontal run of dark modules keeps the SVG small.
	for y := range code.Size {
		for x := 0; x < code.Size; {
			if !code.Black(x, y) {
				x++
				continue
			}
			start := x
			for x < code.Size && code.Black(x, y) {
				x++
			}
			fmt.Fprintf(&b, "M%d %dh%dv1h-%dz", start+quietZone, y+quietZone, x-start, x-start)
		}
	}
	b.WriteString(`"/></svg>`)
	return b.String(), nil
}
