package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"kinship"
)

func runAdminCreate(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer) error {
	fs := flagSet("admin create")
	dsn := dbFlag(fs)
	email := fs.String("email", "", "the admin's email (required)")
	name := fs.String("name", "", "the admin's name (required)")
	pwStdin := fs.Bool("password-stdin", false, "read the password from standard input (required)")
	org := fs.String("org", "My program", "organization name, when this is the first admin")
	site := fs.String("site", "Main site", "first site's name, when this is the first admin")
	tz := fs.String("timezone", "America/Los_Angeles", "first site's IANA timezone, when this is the first admin")
	if err := parse(fs, args); err != nil {
		return err
	}
	c, err := staffFromFlags(*email, *name, kinship.RoleAdmin, *pwStdin, stdin)
	if err != nil {
		return err
	}
	s, err := openDB(ctx, *dsn, true)
	if err != nil {
		return err
	}
	defer s.Close()
	ctx = kinship.SystemContext(ctx)
	_, err = s.Organization(ctx)
	switch {
	case kinship.ErrorCode(err) == kinship.ENOTFOUND:
		if _, _, err := s.SetUp(ctx, kinship.Setup{OrgName: *org, SiteName: *site, Timezone: *tz, Admin: c}); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Set up %q and created admin %s.\n", *org, c.Email)
		return nil
	case err != nil:
		return err
	}
	if _, err := s.CreateStaff(ctx, c); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Created admin %s.\n", c.Email)
	given := false
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == "org" || f.Name == "site" || f.Name == "timezone" })
	if given {
		fmt.Fprintln(stdout, "Kinship was already set up, so --org, --site and --timezone were not used.")
	}
	return nil
}

func runStaffAdd(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer) error {
	fs := flagSet("staff add")
	dsn := dbFlag(fs)
	role := fs.String("role", "", "admin, clinician, supervisor, front_desk, billing or peer_support (required)")
	email := fs.String("email", "", "the member's email (required)")
	name := fs.String("name", "", "the member's name (required)")
	pwStdin := fs.Bool("password-stdin", false, "read the password from standard input (required)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := required(map[string]string{"role": *role}); err != nil {
		return err
	}
	if !kinship.Role(*role).Valid() {
		return usageError{fmt.Sprintf("--role %q is not a role: use admin, clinician, supervisor, front_desk, billing or peer_support", *role)}
	}
	c, err := staffFromFlags(*email, *name, kinship.Role(*role), *pwStdin, stdin)
	if err != nil {
		return err
	}
	s, err := openDB(ctx, *dsn, false)
	if err != nil {
		return err
	}
	defer s.Close()
	m, err := s.CreateStaff(kinship.SystemContext(ctx), c)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Created %s %s.\n", m.Role.Label(), m.Email)
	return nil
}

// staffFromFlags checks the flags every staff-creating command shares and
// reads the password.
func staffFromFlags(email, name string, role kinship.Role, pwStdin bool, stdin io.Reader) (kinship.StaffCreate, error) {
	if err := required(map[string]string{"email": email, "name": name}); err != nil {
		return kinship.StaffCreate{}, err
	}
	if !pwStdin {
		return kinship.StaffCreate{}, usageError{"--password-stdin is required: pipe the password in, for example: printf '%s\\n' \"$PASSWORD\" | kinship ..."}
	}
	pw, err := readPassword(stdin)
	if err != nil {
		return kinship.StaffCreate{}, err
	}
	c := kinship.StaffCreate{Email: email, Name: name, Role: role, Password: pw}
	c.Normalize()
	return c, c.Validate(true)
}

func runTokenCreate(ctx context.Context, args []string, _ io.Reader, stdout io.Writer) error {
	fs := flagSet("token create")
	dsn := dbFlag(fs)
	email := fs.String("email", "", "the staff member the token acts as (required)")
	name := fs.String("name", "command line", "a name to tell this token apart")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := required(map[string]string{"email": *email}); err != nil {
		return err
	}
	s, err := openDB(ctx, *dsn, false)
	if err != nil {
		return err
	}
	defer s.Close()
	ctx = kinship.SystemContext(ctx)
	m, err := s.FindStaffByEmail(ctx, *email)
	if err != nil {
		return err
	}
	token, _, err := s.CreateToken(ctx, m.ID, *name)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, token)
	return nil
}
