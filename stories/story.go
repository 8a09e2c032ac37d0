package stories

import "time"

// Story is one event as several outlets covered it: its key points, what
// each outlet adds or leaves out, and who covers which point.
type Story struct {
	ID string `json:"id"`
	// Title is the headline of the article whose title best matches the
	// others', a name for the story; empty when no article has a title.
	Title string `json:"title,omitempty"`
	// Articles are the IDs of the story's articles, in input order.
	Articles []string `json:"articles"`
	// First and Last span the articles' known publication times.
	First time.Time `json:"first,omitzero"`
	Last  time.Time `json:"last,omitzero"`
	// KeyPoints are the facts of the event as a whole, those reported by
	// the most independent outlets first, each fact once.
	KeyPoints []KeyPoint `json:"keypoints"`
	// Summary is the key points' texts joined by "\n".
	Summary string `json:"summary"`
	// Outlets is one view per article, in the order of Articles.
	Outlets []OutletView `json:"outlets"`
	// Coverage[p][o] tells whether Outlets[o] reports KeyPoints[p].
	Coverage [][]bool `json:"coverage"`
	// Stances lists the stances present among the outlets, in the order
	// left, center, right; empty when no article carries one.
	Stances []string `json:"stances,omitempty"`
}

// KeyPoint is one fact of a story.
type KeyPoint struct {
	// Text is the sentence that states the fact, from the first source,
	// with the phrases an editor would drop left out when the engine
	// compresses.
	Text string `json:"text"`
	// Source is the whole sentence when Text leaves some of it out.
	Source string `json:"source,omitempty"`
	// Outlets are the labels (outlet, or article ID) of the articles that
	// report the fact, in the order of Story.Outlets.
	Outlets []string `json:"outlets"`
	// Sources are the sentences that state it: the one shown first, then
	// the best match in each other article that reports it.
	Sources []Source `json:"sources"`
	// SaidBy is who the fact is attributed to ("Kremlin", "White House
	// readout"), empty when the text states it as fact. Points with
	// different SaidBy are never merged.
	SaidBy string `json:"said_by,omitempty"`
	// Independent is the number of independent outlets reporting it: the
	// copies of one wire text count once.
	Independent int `json:"independent"`
	// ByStance counts the reporting outlets of each stance, when stances
	// are known.
	ByStance *StanceCount `json:"by_stance,omitempty"`
	// Blindspot names the only stance whose outlets report the point
	// when the story has outlets of other stances too ("left": only
	// left-leaning outlets carry it); empty otherwise.
	Blindspot string `json:"blindspot,omitempty"`
}

// Source points to a sentence of an article.
type Source struct {
	Article string `json:"article"`
	// Sentence is the index of the sentence in the article's body (its
	// text without a leading copy of its title) as Engine.Document
	// segments it.
	Sentence int `json:"sentence"`
}

// StanceCount counts outlets by stance.
type StanceCount struct {
	Left   int `json:"left"`
	Center int `json:"center"`
	Right  int `json:"right"`
}

// OutletView is what one article of a story reports.
type OutletView struct {
	Article string `json:"article"`
	Outlet  string `json:"outlet,omitempty"`
	Stance  string `json:"stance,omitempty"`
	Title   string `json:"title,omitempty"`
	URL     string `json:"url,omitempty"`
	// DuplicateOf is the ID of an earlier article whose wire text this
	// one copies: it then adds no independent confirmation.
	DuplicateOf string `json:"duplicate_of,omitempty"`
	// Unique are the facts that only this outlet reports (no other
	// article, a copy of the same wire text included, has a matching
	// sentence), most salient first.
	Unique []Point `json:"unique"`
	// Omitted are the indexes of the key points this outlet does not
	// report.
	Omitted []int `json:"omitted"`
}

// Point is a sentence of one article.
type Point struct {
	Text     string `json:"text"`
	Sentence int    `json:"sentence"`
	SaidBy   string `json:"said_by,omitempty"`
}
