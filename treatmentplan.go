package kinship

import "context"

// Objective is one measurable objective of a client's treatment plan, as
// notes refer to it. (The treatment plan itself is being built.)
type Objective struct {
	ID       int64
	PlanID   int64
	GoalText string // the goal it serves, in the client's words
	Text     string
	TargetOn Date
}

// TreatmentPlanService: episode treatment plans, their versions,
// signatures and reviews. (Being built.)
type TreatmentPlanService interface {
	// CurrentObjectives lists the objectives of the client's current plan
	// version (signed or draft), for notes to link to. Clinical staff.
	CurrentObjectives(ctx context.Context, clientID int64) ([]Objective, error)
}
