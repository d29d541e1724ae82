package deploy

// ListRange is listRange, for tests that cut small sites into many
// listing ranges.
var ListRange = &listRange
