package stories_test

import (
	"context"
	"fmt"

	keypoints "github.com/keypoints-dev/keypoints"
	"github.com/keypoints-dev/keypoints/stories"
)

// Two outlets on one invented event: the shared fact comes first and
// lists both; each outlet's own detail is its unique point.
func ExampleSummarize() {
	eng, _ := keypoints.New(keypoints.Options{Scorer: keypoints.ScorerLead})
	st, err := stories.Summarize(context.Background(), eng, []stories.Article{
		{ID: "a", Outlet: "Harbor Daily", Stance: "left",
			Text: "Lawmakers in Nordland approved the budget by 88 votes to 79 on Thursday. Teachers' unions called the spending cuts reckless and promised strikes in the spring."},
		{ID: "b", Outlet: "Liberty Post", Stance: "right",
			Text: "Nordland's parliament approved the budget by 88 votes to 79 on Thursday. Business groups welcomed the lower corporate tax rate."},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, kp := range st.KeyPoints {
		fmt.Println(kp.Outlets, kp.Text)
	}
	for _, o := range st.Outlets {
		fmt.Println(o.Outlet, "only:", o.Unique[0].Text)
	}
	// Output:
	// [Harbor Daily Liberty Post] Lawmakers in Nordland approved the budget by 88 votes to 79 on Thursday.
	// [Harbor Daily] Teachers' unions called the spending cuts reckless and promised strikes in the spring.
	// [Liberty Post] Business groups welcomed the lower corporate tax rate.
	// Harbor Daily only: Teachers' unions called the spending cuts reckless and promised strikes in the spring.
	// Liberty Post only: Business groups welcomed the lower corporate tax rate.
}

// A feed: articles arrive one at a time and join stories as they come.
func ExampleGrouper() {
	eng, _ := keypoints.New(keypoints.Options{Scorer: keypoints.ScorerLead})
	g, _ := stories.NewGrouper(eng, stories.GroupOptions{}, nil)
	for _, a := range []stories.Article{
		{ID: "1", Title: "Hurricane Delia floods Marbury", Text: "Hurricane Delia made landfall near the port city of Marbury on Tuesday with 140 mph winds."},
		{ID: "2", Title: "Nordland passes budget", Text: "Nordland's parliament approved the budget by 88 votes to 79 on Thursday."},
		{ID: "3", Title: "Delia slams into Marbury", Text: "Hurricane Delia slammed into Marbury on Tuesday with winds of 140 miles per hour."},
	} {
		p, _ := g.Add(context.Background(), a)
		fmt.Println(a.ID, "->", p.Story, p.New)
	}
	// Output:
	// 1 -> s1 true
	// 2 -> s2 true
	// 3 -> s1 false
}
