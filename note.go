package kinship

// NoteService: progress notes, group notes written once, signatures,
// co-signing, addenda and SUD counseling notes. (Being built.)
type NoteService interface{}
