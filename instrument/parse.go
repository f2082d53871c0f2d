package instrument

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"kinship"
)

// maxDefinitionSize bounds what Parse reads. The largest built-in
// definition is about 20 KiB.
const maxDefinitionSize = 1 << 20

// Parse reads one JSON definition and validates it (see Validate). Unknown
// fields are rejected, because a misspelt "min" would otherwise silently
// become 0. Malformed JSON is an EINVALID *kinship.Error whose message names
// the problem and where it is, never a Go error text.
func Parse(r io.Reader) (*Definition, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxDefinitionSize+1))
	if err != nil {
		return nil, fmt.Errorf("instrument: read definition: %w", err)
	}
	if len(data) > maxDefinitionSize {
		return nil, invalid("definition", "The definition is larger than 1 MiB.")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var d Definition
	if err := dec.Decode(&d); err != nil {
		return nil, invalid("definition", jsonProblem(data, err))
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, invalid("definition", "The definition has more after its closing brace; a file holds one definition.")
	}
	if err := d.Validate(); err != nil {
		return nil, err
	}
	return &d, nil
}

// jsonProblem words a decoding error for the admin who wrote the file.
func jsonProblem(data []byte, err error) string {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.EOF):
		return "The definition is empty."
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "The definition is not valid JSON: it ends too early (a missing } or ]?)."
	case errors.As(err, &syntax):
		line, col := position(data, syntax.Offset)
		msg := strings.TrimPrefix(syntax.Error(), "invalid character ")
		return fmt.Sprintf("The definition is not valid JSON: at line %d, column %d: unexpected %s.", line, col, msg)
	case errors.As(err, &typ):
		// The offset is past the value, so only the line is reliable.
		line, _ := position(data, typ.Offset)
		return fmt.Sprintf("The definition is not valid: at line %d: %s must be %s, not %s.", line, fieldName(typ.Field), kind(typ.Type.Kind().String()), found(typ.Value))
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return "The definition has an unknown field " + strings.TrimPrefix(err.Error(), "json: unknown field ") + "."
	}
	return "The definition is not valid JSON."
}

// position turns the offset encoding/json reports, just past the byte at
// fault, into that byte's 1-based line and column.
func position(data []byte, offset int64) (line, col int) {
	before := data[:min(max(offset-1, 0), int64(len(data)))]
	line = bytes.Count(before, []byte("\n")) + 1
	col = len(before) - bytes.LastIndexByte(before, '\n')
	return line, col
}

func fieldName(f string) string {
	if f == "" {
		return "the definition"
	}
	return fmt.Sprintf("%q", f)
}

func kind(k string) string {
	switch k {
	case "int", "int64":
		return "a whole number"
	case "string":
		return "text"
	case "slice":
		return "a list"
	case "struct", "ptr":
		return "an object"
	}
	return k
}

// found words the JSON value encoding/json found: "string", "number 1.5".
func found(v string) string {
	switch {
	case v == "string":
		return "text"
	case v == "array":
		return "a list"
	case v == "object":
		return "an object"
	case v == "bool":
		return "true or false"
	case v == "number":
		return "a number"
	case strings.HasPrefix(v, "number "):
		return strings.TrimPrefix(v, "number ")
	}
	return v
}

func invalid(field, msg string) error {
	return &kinship.Error{Code: kinship.EINVALID, Message: msg, Fields: map[string]string{field: msg}}
}
