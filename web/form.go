package web

import (
	"errors"
	"net/url"
	"slices"
	"sort"
	"strconv"

	"kinship"
)

// A refused form is drawn again with everything that was typed (layout.Form)
// and its errors: a summary at the top that takes focus and links to each
// field, and the message again beside the field. The functions here are the
// templates' side of that.

// errorSummary is what the "errors" template draws: a message about the
// whole form, if any, and one linked message per field.
type errorSummary struct {
	Message string
	Fields  []fieldMessage
}

// fieldMessage is one field's message and the id of the field it links to.
type fieldMessage struct{ ID, Message string }

// formErrorsIn is a form's errors whose field ids are "f-form-name" (see inForm).
type formErrorsIn struct {
	form string
	errs map[string]string
}

// summaryIn names the form whose field ids the summary links to.
func summaryIn(form string, errs map[string]string) formErrorsIn { return formErrorsIn{form, errs} }

// summary builds the summary of errs: a map of messages by field name (""
// for the whole form), a summaryIn, or a summary a page built itself. It
// is nil when there is no error.
func summary(errs any) *errorSummary {
	switch e := errs.(type) {
	case map[string]string:
		return summaryOf(e, nil)
	case formErrorsIn:
		if e.form != "" {
			return summaryOf(e.errs, func(name string) string { return "f-" + e.form + "-" + name })
		}
		return summaryOf(e.errs, nil)
	case *errorSummary:
		return e
	}
	return nil
}

// summaryOf summarises m, linking each field to the element id(name), or
// to "f-name" when id is nil.
func summaryOf(m map[string]string, id func(name string) string) *errorSummary {
	if len(m) == 0 {
		return nil
	}
	if id == nil {
		id = func(name string) string { return "f-" + name }
	}
	s := &errorSummary{Message: m[""]}
	names := make([]string, 0, len(m))
	for name := range m {
		if name != "" {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	for _, name := range names {
		s.Fields = append(s.Fields, fieldMessage{id(name), m[name]})
	}
	return s
}

// SentTo is what the request that drew this page sent to action: a form
// refills from it only if it is the form that was sent, so a page with
// several forms refills just that one.
func (l *layout) SentTo(action string) url.Values {
	if l.Path != action {
		return nil
	}
	return l.Form
}

// sentErrors are errs if the form was the one sent (see SentTo), for pages
// that repeat a form.
func sentErrors(sent url.Values, errs map[string]string) map[string]string {
	if sent == nil {
		return nil
	}
	return errs
}

// kept is what was typed into field name, or def when the form was not sent.
func kept(sent url.Values, name, def string) string {
	if sent == nil {
		return def
	}
	return sent.Get(name)
}

// keptChecked is whether checkbox name was ticked when the form was sent,
// or def when it was not.
func keptChecked(sent url.Values, name string, def bool) bool {
	if sent == nil {
		return def
	}
	return sent.Has(name)
}

// chosen reports whether value was among those sent for field name.
func chosen(sent url.Values, name, value string) bool { return slices.Contains(sent[name], value) }

// idOptions makes select options of records by id, after an option "0"
// labelled none unless none is empty.
func idOptions[T any](list []T, none string, idLabel func(T) (int64, string)) []option {
	var out []option
	if none != "" {
		out = append(out, option{"0", none})
	}
	for _, x := range list {
		id, label := idLabel(x)
		out = append(out, option{strconv.FormatInt(id, 10), label})
	}
	return out
}

// staffOptions are staff members to choose from, after none (see idOptions).
func staffOptions(staff []*kinship.Staff, none string) []option {
	return idOptions(staff, none, func(x *kinship.Staff) (int64, string) { return x.ID, x.Name })
}

// onForm keeps err's messages for the fields a form has; a message about
// any other field (a room clash, for a form without a room) becomes the
// form's own message, so the summary shows it rather than linking nowhere.
func onForm(err error, fields ...string) error {
	var e *kinship.Error
	if !errors.As(err, &e) || len(e.Fields) == 0 {
		return err
	}
	kept := map[string]string{}
	for name, msg := range e.Fields {
		if slices.Contains(fields, name) {
			kept[name] = msg
		} else if kept[""] == "" {
			kept[""] = msg
		}
	}
	return &kinship.Error{Code: e.Code, Message: e.Message, Fields: kept}
}
