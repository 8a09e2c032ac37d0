package score

import (
	_ "embed"
	"sync"
)

//go:embed data/model.json
var defaultModelJSON []byte

var defaultModel = sync.OnceValues(func() (*Model, error) { return LoadModel(defaultModelJSON) })

// DefaultModel returns the model embedded in the binary, parsed once.
// The returned model is shared: do not modify it.
func DefaultModel() (*Model, error) { return defaultModel() }
