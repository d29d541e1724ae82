package site

// Total is the sum of one metric over a scope's stories.
type Total struct {
	Name    string
	Display string // e.g. 1.2亿元, 300余亿元
	Count   int    // stories' figures added
}

func totals(stories []*Story) []Total { return nil }
