package score

// termTable maps term hashes to dense ids for one document: open
// addressing with linear probing and a generation stamp per slot, so
// reset costs nothing and a lookup is a probe or two, with none of a Go
// map's overhead. Key, value and stamp share a 16-byte slot, so a probe
// touches one cache line; the table is sized for the document at hand and
// grows when it fills, so a typical article's table stays in the L1
// cache.
type termTable struct {
	slots []slot
	gen   uint32
	mask  uint64
	n     int // keys added since reset
}

type slot struct {
	key uint64
	val int32
	gen uint32 // the slot is in use when gen == termTable.gen
}

// minSlots is the smallest table; 1,024 slots are 16 KB.
const minSlots = 1024

// reset empties the table and makes room for about n distinct terms. A
// table left large by a long document is replaced by a small one when the
// next document is much smaller.
func (t *termTable) reset(n int) {
	size := minSlots
	for size < 2*n {
		size *= 2
	}
	if len(t.slots) < size || len(t.slots) > 8*size || t.gen == ^uint32(0) {
		t.slots = make([]slot, size)
		t.gen = 0
	}
	t.gen++
	t.mask = uint64(len(t.slots) - 1)
	t.n = 0
}

// size returns the number of slots.
func (t *termTable) size() int { return len(t.slots) }

func (t *termTable) get(h uint64) (int32, bool) {
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		s := &t.slots[i]
		if s.gen != t.gen {
			return 0, false
		}
		if s.key == h {
			return s.val, true
		}
	}
}

// put adds h, which must not be present.
func (t *termTable) put(h uint64, v int32) {
	t.grow()
	i := h & t.mask
	for t.slots[i].gen == t.gen {
		i = (i + 1) & t.mask
	}
	t.slots[i] = slot{key: h, val: v, gen: t.gen}
	t.n++
}

// intern returns h's value, adding h with value next when it is absent
// (added reports that), in one probe sequence.
func (t *termTable) intern(h uint64, next int32) (v int32, added bool) {
	t.grow()
	i := h & t.mask
	for t.slots[i].gen == t.gen {
		if t.slots[i].key == h {
			return t.slots[i].val, false
		}
		i = (i + 1) & t.mask
	}
	t.slots[i] = slot{key: h, val: next, gen: t.gen}
	t.n++
	return next, true
}

// grow doubles the table before it is three quarters full, so probes stay
// short and a free slot always exists.
func (t *termTable) grow() {
	if 4*(t.n+1) <= 3*len(t.slots) {
		return
	}
	old, gen := t.slots, t.gen
	t.slots = make([]slot, 2*len(old))
	t.gen = 1
	t.mask = uint64(len(t.slots) - 1)
	for _, s := range old {
		if s.gen != gen {
			continue
		}
		i := s.key & t.mask
		for t.slots[i].gen == t.gen {
			i = (i + 1) & t.mask
		}
		t.slots[i] = slot{key: s.key, val: s.val, gen: t.gen}
	}
}
