package instrument

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync"

	"kinship"
)

//go:embed defs/*.json
var defs embed.FS

// Builtin returns the definitions that ship with Kinship, sorted by code.
// Each call parses them afresh, so callers may keep or change what they get.
// An invalid built-in definition is a bug caught by the tests, so it panics.
func Builtin() []*Definition {
	names, err := fs.Glob(defs, "defs/*.json")
	if err != nil {
		panic(err)
	}
	var out []*Definition
	for _, name := range names {
		data, err := defs.ReadFile(name)
		if err != nil {
			panic(err)
		}
		d, err := Parse(bytes.NewReader(data))
		if err != nil {
			panic(fmt.Sprintf("instrument: built-in %s: %v", name, err))
		}
		out = append(out, d)
	}
	slices.SortFunc(out, func(a, b *Definition) int { return strings.Compare(a.Code, b.Code) })
	return out
}

// Registry holds the definitions in use: the built-in ones and those an
// admin loaded. It keeps every version, because a stored response is shown
// with the version that scored it; new responses use the current one. It is
// safe for concurrent use. Definitions in it must not be changed.
type Registry struct {
	mu       sync.RWMutex
	current  map[string]*Definition // by code
	versions map[string]*Definition // by code + " " + version
}

// NewRegistry returns a registry holding the built-in definitions.
func NewRegistry() *Registry {
	r := &Registry{current: map[string]*Definition{}, versions: map[string]*Definition{}}
	for _, d := range Builtin() {
		r.current[d.Code] = d
		r.versions[d.Code+" "+d.Version] = d
	}
	return r
}

// Add validates d and makes it the current definition of its code, so an
// admin's definition replaces a built-in one with the same code. It returns
// EINVALID if d is not valid and ECONFLICT if that code and version are
// already held: a version, once used to score, never changes.
func (r *Registry) Add(d *Definition) error {
	if err := d.Validate(); err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	key := d.Code + " " + d.Version
	if _, ok := r.versions[key]; ok {
		return kinship.Errorf(kinship.ECONFLICT, "%s version %s is already loaded; give the changed definition a new version.", d.ShortName, d.Version)
	}
	r.versions[key] = d
	r.current[d.Code] = d
	return nil
}

// Lookup returns the current definition of code, or ENOTFOUND.
func (r *Registry) Lookup(code string) (*Definition, error) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	d, ok := r.current[code]
	if !ok {
		return nil, kinship.Errorf(kinship.ENOTFOUND, "There is no instrument %q.", code)
	}
	return d, nil
}

// LookupVersion returns one version of code, or ENOTFOUND.
func (r *Registry) LookupVersion(code, version string) (*Definition, error) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	d, ok := r.versions[code+" "+version]
	if !ok {
		return nil, kinship.Errorf(kinship.ENOTFOUND, "There is no version %q of instrument %q.", version, code)
	}
	return d, nil
}

// List returns the current definitions, sorted by code.
func (r *Registry) List() []*Definition {
	r.mu.RLock()
	defer r.mu.RUnlock()
	out := make([]*Definition, 0, len(r.current))
	for _, d := range r.current {
		out = append(out, d)
	}
	slices.SortFunc(out, func(a, b *Definition) int { return strings.Compare(a.Code, b.Code) })
	return out
}
