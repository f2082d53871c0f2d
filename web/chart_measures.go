package web

import (
	"html/template"
	"net/http"
	"slices"

	"kinship"
	"kinship/instrument"
	"kinship/trend"
)

// measuresSection is the chart's scores, screens and what is due.
type measuresSection struct {
	Trends      []*trendView
	Due         []*kinship.DueMeasure
	Screens     []*kinship.DrugScreen
	Instruments []*instrument.Definition // for the enter and assign forms
	CanRecord   bool
}

// trendView is one instrument's scores: a chart and a table.
type trendView struct {
	Definition *instrument.Definition
	Responses  []*kinship.Response // newest first
	SVG        template.HTML
}

// measuresFor loads a chart's measures section, with each instrument's
// scores drawn over its bands and the admission date marked.
func (s *Server) measuresFor(r *http.Request, c *kinship.Client, current *kinship.Episode) (*measuresSection, error) {
	ctx := r.Context()
	ms := &measuresSection{Instruments: s.Instruments.List(), CanRecord: visitOf(r).me.Role.Can(kinship.PermMeasures)}
	responses, err := s.Measures.Responses(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	if ms.Due, err = s.Measures.DueMeasures(ctx, c.ID); err != nil {
		return nil, err
	}
	if ms.Screens, err = s.Screens.Screens(ctx, c.ID); err != nil {
		return nil, err
	}
	byCode := map[string][]*kinship.Response{}
	for _, resp := range responses {
		byCode[resp.Code] = append(byCode[resp.Code], resp)
	}
	for _, def := range ms.Instruments {
		rs := byCode[def.Code]
		if len(rs) == 0 {
			continue
		}
		tv := &trendView{Definition: def, Responses: slices.Clone(rs)}
		slices.Reverse(tv.Responses)
		// An instrument without a total (BAM) is read by its subscales,
		// in the table; a line of zeros would mislead.
		if len(def.TotalItems) > 0 {
			tv.SVG = trendChart(def, rs, current).SVG()
		}
		ms.Trends = append(ms.Trends, tv)
	}
	// The most measured first: PHQ-9 and GAD-7 before admission-only ones.
	slices.SortStableFunc(ms.Trends, func(a, b *trendView) int { return len(b.Responses) - len(a.Responses) })
	return ms, nil
}

// trendChart draws responses (oldest first) over the definition's bands.
func trendChart(def *instrument.Definition, rs []*kinship.Response, current *kinship.Episode) trend.Chart {
	ch := trend.Chart{ID: "trend-" + def.Code, Title: def.ShortName + " scores", Max: float64(def.MaxTotal())}
	for _, b := range def.Bands {
		// Bands hold whole scores, so a band's area reaches the next one's
		// start: "moderate" 10–14 covers [10, 15).
		ch.Bands = append(ch.Bands, trend.Band{Min: float64(b.Min), Max: float64(min(b.Max+1, def.MaxTotal())), Label: b.Label})
	}
	for _, resp := range rs {
		ch.Points = append(ch.Points, trend.Point{Day: resp.TakenOn, Value: float64(resp.Total)})
	}
	if current != nil {
		ch.Markers = []trend.Marker{{Day: current.AdmittedOn, Label: "Admitted"}}
	}
	return ch
}
