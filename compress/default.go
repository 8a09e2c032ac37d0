package compress

import (
	_ "embed"
	"sync"
)

//go:embed data/model.json
var defaultModelJSON []byte

var defaultModel = sync.OnceValues(func() (*Model, error) { return LoadModel(defaultModelJSON) })

// DefaultModel returns the compressor embedded in the binary, trained by
// keypoints train beside the scorer, parsed once. The returned model is
// shared: do not modify it.
func DefaultModel() (*Model, error) { return defaultModel() }
