package rouge_test

import (
	"fmt"

	"github.com/keypoints-dev/keypoints/rouge"
)

// Tokens of three bytes or fewer stay as they are; WordNet's irregular
// forms come first; everything else goes through ROUGE-1.5.5's Porter copy.
func ExampleStem() {
	for _, w := range []string{"was", "said", "children", "agreement", "governmental"} {
		fmt.Println(w, rouge.Stem(w))
	}
	// Output:
	// was was
	// said say
	// children child
	// agreement agreem
	// governmental govern
}
