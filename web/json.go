package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"kinship"
)

// maxBody bounds request bodies; Kinship's JSON is small.
const maxBody = 1 << 20

// writeJSON writes v with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

// writeList writes {key: [...]}, each item converted to its wire form.
func writeList[T, J any](w http.ResponseWriter, key string, items []T, conv func(T) J) {
	out := make([]J, len(items))
	for i, v := range items {
		out[i] = conv(v)
	}
	writeJSON(w, http.StatusOK, map[string]any{key: out})
}

// readJSON decodes one JSON object into v, refusing unknown fields, and
// turns every decoding failure into an EINVALID error that names the field.
func readJSON(w http.ResponseWriter, r *http.Request, v any) error {
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "application/json") {
		return kinship.Errorf(kinship.EINVALID, "Send the request body as JSON with Content-Type: application/json.")
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var tooBig *http.MaxBytesError
	switch {
	case err == nil:
		if dec.More() {
			return kinship.Errorf(kinship.EINVALID, "The request body must hold a single JSON object.")
		}
		return nil
	case errors.Is(err, io.EOF):
		return kinship.Errorf(kinship.EINVALID, "The request body is empty; send a JSON object.")
	case errors.As(err, &syntax), errors.Is(err, io.ErrUnexpectedEOF):
		return kinship.Errorf(kinship.EINVALID, "The request body is not valid JSON.")
	case errors.As(err, &typ) && typ.Field == "":
		return kinship.Errorf(kinship.EINVALID, "The request body must be a JSON object.")
	case errors.As(err, &typ):
		msg := fmt.Sprintf("%s must be a %s.", typ.Field, jsonKind(typ.Type.Kind().String()))
		return &kinship.Error{Code: kinship.EINVALID, Message: msg, Fields: map[string]string{typ.Field: msg}}
	case errors.As(err, &tooBig):
		return kinship.Errorf(kinship.EINVALID, "The request body is larger than 1 MiB.")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		msg := fmt.Sprintf("%s is not a field this endpoint accepts.", field)
		return &kinship.Error{Code: kinship.EINVALID, Message: msg, Fields: map[string]string{field: msg}}
	}
	return kinship.Errorf(kinship.EINVALID, "The request body could not be read as JSON.")
}

// jsonKind names a Go kind as JSON calls it.
func jsonKind(kind string) string {
	switch {
	case strings.HasPrefix(kind, "int"), strings.HasPrefix(kind, "uint"), strings.HasPrefix(kind, "float"):
		return "number"
	case kind == "bool":
		return "boolean (true or false)"
	case kind == "slice":
		return "list"
	case kind == "map", kind == "struct", kind == "ptr":
		return "JSON object"
	}
	return kind
}
