package web

import (
	"encoding/csv"
	"net/http"
	"strings"
)

// csvDownload starts a CSV attachment as spreadsheets read it best: RFC 4180
// line ends (CRLF) and a UTF-8 byte-order mark, without which Excel shows
// accented names as mojibake. Rows go through defuse.
type csvDownload struct{ w *csv.Writer }

func newCSVDownload(w http.ResponseWriter, filename string) csvDownload {
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+filename+`"`)
	w.Write([]byte("\uFEFF"))
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	return csvDownload{cw}
}

// Row writes one row, defused.
func (d csvDownload) Row(cells ...string) { d.w.Write(defuse(cells)) }

// Close flushes what is buffered.
func (d csvDownload) Close() { d.w.Flush() }

// defuse prefixes cells a spreadsheet would run as a formula; exported
// cells can hold text people typed.
func defuse(row []string) []string {
	for i, c := range row {
		if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
			row[i] = "'" + c
		}
	}
	return row
}
