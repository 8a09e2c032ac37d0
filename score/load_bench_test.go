package score

import "testing"

// BenchmarkLoadModel parses and indexes the embedded model, as the first
// keypoints.New of a process does (the target is well under 50 ms).
func BenchmarkLoadModel(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := LoadModel(defaultModelJSON); err != nil {
			b.Fatal(err)
		}
	}
}
