package kinship

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
	"strings"
	"testing"
)

// TestActionLabels reads this package's source for every audit action
// constant, so an action added without words fails here rather than
// showing its code on the audit trail.
func TestActionLabels(t *testing.T) {
	pkgs, err := parser.ParseDir(token.NewFileSet(), ".", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range pkgs["kinship"].Files {
		ast.Inspect(f, func(node ast.Node) bool {
			spec, ok := node.(*ast.ValueSpec)
			if !ok || len(spec.Values) != 1 || !strings.HasPrefix(spec.Names[0].Name, "Action") {
				return true
			}
			lit, ok := spec.Values[0].(*ast.BasicLit)
			if !ok {
				return true
			}
			action, _ := strconv.Unquote(lit.Value)
			n++
			if actionLabels[action] == "" {
				t.Errorf("%s (%q) has no label", spec.Names[0].Name, action)
			}
			if subject, _, _ := strings.Cut(action, "."); auditSubjects[subject] == "" {
				t.Errorf("%q: the subject %q has no label", action, subject)
			}
			return true
		})
	}
	if n < 100 {
		t.Errorf("found %d actions; is the parse right?", n)
	}
	for _, s := range AuditSubjects() {
		if auditSubjects[s] == "" {
			t.Errorf("filter subject %q has no label", s)
		}
	}
}

func TestAuditLabels(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{ActionLabel(ActionClientRead), "Opened a client record"},
		{ActionLabel("widget.spin_up"), "Widget spin up"},
		{AuditSubjectLabel("session_series"), "Weekly session"},
		{OutcomeLabel(OutcomeDenied), "Refused"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}
