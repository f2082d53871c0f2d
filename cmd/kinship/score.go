package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"kinship"
	"kinship/instrument"
)

// runScore scores answers with a built-in instrument and prints the result
// as the API gives it: kinship score phq9 1 2 0 … (or 1,2,0,…).
func runScore(_ context.Context, args []string, _ io.Reader, stdout io.Writer) error {
	fs := flagSet("score")
	sex := fs.String("sex", "", "sex for clinical use, for instruments whose cut-off depends on it (AUDIT-C): "+
		strings.Join(kinship.SexForClinicalUseValues, ", "))
	reg := instrument.NewRegistry()
	var codes []string
	for _, d := range reg.List() {
		codes = append(codes, d.Code+" ("+d.ShortName+")")
	}
	// Flags may come anywhere: `score auditc --sex male-typical 1 1 1`.
	var flags, rest []string
	for i := 0; i < len(args); i++ {
		switch a := args[i]; {
		case (a == "--sex" || a == "-sex") && i+1 < len(args):
			flags, i = append(flags, a, args[i+1]), i+1
		case strings.HasPrefix(a, "--sex=") || strings.HasPrefix(a, "-sex=") || a == "-h" || a == "--help" || a == "-help":
			flags = append(flags, a)
		default:
			rest = append(rest, a)
		}
	}
	if err := parseWith(fs, flags, false); err != nil {
		var help helpRequested
		if errors.As(err, &help) {
			help.text = "kinship score CODE ANSWER…\n\nScores answers (option numbers from 0, in item order) and prints the result as JSON.\n" +
				"Codes: " + strings.Join(codes, ", ") + ".\n\n" + help.text
			return help
		}
		return err
	}
	fs.Parse(rest)
	if fs.NArg() == 0 {
		return usageError{"give an instrument code (" + strings.Join(codes, ", ") + ") and its answers"}
	}
	def, err := reg.Lookup(fs.Arg(0))
	if err != nil {
		return usageError{kinship.ErrorMessage(err)}
	}
	var answers []int
	for _, a := range fs.Args()[1:] {
		for _, part := range strings.Split(a, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(part))
			if err != nil {
				return usageError{fmt.Sprintf("answer %d is %q; each answer is the number of the chosen option, from 0", len(answers)+1, part)}
			}
			answers = append(answers, n)
		}
	}
	res, err := def.Score(answers, *sex)
	if err != nil {
		return usageError{describe(err)}
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(res)
}
