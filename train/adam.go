package train

import "math"

// adam is the Adam optimiser (Kingma and Ba, 2015) over one parameter
// vector, with L2 decay added to the gradient. Both learners of this
// package, the scorer's network and the compressor's logistic model, step
// with it, so a retrained model reproduces the shipped one byte for byte
// only while this arithmetic stays as it is.
type adam struct {
	rate, l2 float64
	m1, m2   []float64 // first and second moment estimates
	step     int
}

func newAdam(n int, rate, l2 float64) *adam {
	return &adam{rate: rate, l2: l2, m1: make([]float64, n), m2: make([]float64, n)}
}

// update moves p one step against g, the gradient summed over a batch of
// total weight n.
func (a *adam) update(p, g []float64, n float64) {
	const b1, b2, eps = 0.9, 0.999, 1e-8
	a.step++
	c1 := 1 - math.Pow(b1, float64(a.step))
	c2 := 1 - math.Pow(b2, float64(a.step))
	for i := range p {
		gi := g[i]/n + a.l2*p[i]
		a.m1[i] = b1*a.m1[i] + (1-b1)*gi
		a.m2[i] = b2*a.m2[i] + (1-b2)*gi*gi
		p[i] -= a.rate * (a.m1[i] / c1) / (math.Sqrt(a.m2[i]/c2) + eps)
	}
}
