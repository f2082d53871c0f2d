// Package planner books the weekly individual sessions of an intensive
// outpatient program: each client gets one session of a fixed length with
// their primary counselor, in a room, at a time that suits everyone.
//
// # Model
//
// Sessions start on one grid shared by every counselor and room: the points
// anchor + k·grid, where anchor is the earliest start of any counselor's
// Hours and grid is max(Step, Length). A Step below Length is raised to
// Length on purpose. With overlapping start times one counselor could take
// 9:00 or 9:30 but not both, and choosing among such overlapping intervals
// is job interval scheduling, which is NP-hard; with grid ≥ Length two slots
// either coincide or are disjoint, and the exact answer is a maximum flow:
//
//	source → client (1) → counselor slot (1) → grid point (free rooms) → sink
//
// A client edge goes to each slot of its counselor that lies inside the
// client's and the counselor's free time; the capacity of a grid point is
// the number of rooms free for the whole session there. Every integral flow
// is a set of bookings without double-booking and vice versa, so Solve
// books as many clients as any placement on the grid can. Rooms are then
// handed out per grid point in ID order. Keep Step a divisor of a day if
// sessions should start at the same clock times every day.
//
// Solve is deterministic: inputs are taken in ID order and each client's
// slots in start order, so among maximum plans earlier slots are favoured.
package planner
