package score

// termTable maps term hashes to dense ids for one document: open
// addressing with linear probing and a generation stamp per slot, so
// reset costs nothing and a lookup is a probe or two, with none of a Go
// map's overhead.
type termTable struct {
	keys []uint64
	vals []int32
	gens []uint32
	gen  uint32
	mask uint64
}

// reset empties the table and makes room for about n distinct terms.
func (t *termTable) reset(n int) {
	size := 1024
	for size < 2*n {
		size *= 2
	}
	if len(t.keys) < size || t.gen == ^uint32(0) {
		t.keys = make([]uint64, size)
		t.vals = make([]int32, size)
		t.gens = make([]uint32, size)
		t.gen = 0
	}
	t.gen++
	t.mask = uint64(len(t.keys) - 1)
}

func (t *termTable) get(h uint64) (int32, bool) {
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		if t.gens[i] != t.gen {
			return 0, false
		}
		if t.keys[i] == h {
			return t.vals[i], true
		}
	}
}

// put adds h, which must not be present. The table never fills: reset
// sized it for twice the document's possible terms.
func (t *termTable) put(h uint64, v int32) {
	i := h & t.mask
	for t.gens[i] == t.gen {
		i = (i + 1) & t.mask
	}
	t.keys[i], t.vals[i], t.gens[i] = h, v, t.gen
}

// intern returns h's value, adding h with value next when it is absent
// (added reports that), in one probe sequence.
func (t *termTable) intern(h uint64, next int32) (v int32, added bool) {
	i := h & t.mask
	for t.gens[i] == t.gen {
		if t.keys[i] == h {
			return t.vals[i], false
		}
		i = (i + 1) & t.mask
	}
	t.keys[i], t.vals[i], t.gens[i] = h, next, t.gen
	return next, true
}
