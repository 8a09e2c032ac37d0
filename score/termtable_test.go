package score

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestTermTable(t *testing.T) {
	var tab termTable
	tab.reset(10)
	if got, want := tab.size(), 1024; got != want {
		t.Fatalf("table size %d, want the minimum %d", got, want)
	}
	// Keys sharing their low bits probe past each other; keys at the
	// last slot wrap around to the first.
	keys := []uint64{7, 7 + 1024, 7 + 2048, 1<<40 | 7, 1023, 1023 + 1024, 2047 + 4096, 12345, 0}
	for i, k := range keys {
		tab.put(k, int32(i))
	}
	for _, tc := range []struct {
		name string
		key  uint64
		id   int32
		ok   bool
	}{
		{"first of a chain", 7, 0, true},
		{"second of a chain", 7 + 1024, 1, true},
		{"high bits differ", 1<<40 | 7, 3, true},
		{"last slot", 1023, 4, true},
		{"wrapped around", 2047 + 4096, 6, true},
		{"zero key", 0, 8, true},
		{"absent, chain start taken", 7 + 3*1024, 0, false},
		{"absent, empty slot", 500, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			id, ok := tab.get(tc.key)
			if ok != tc.ok || ok && id != tc.id {
				t.Errorf("get(%d) = %d, %v; want %d, %v", tc.key, id, ok, tc.id, tc.ok)
			}
		})
	}

	t.Run("reset forgets", func(t *testing.T) {
		tab.reset(10)
		for _, k := range keys {
			if id, ok := tab.get(k); ok {
				t.Errorf("after reset, get(%d) = %d, true; want absent", k, id)
			}
		}
		// Old keys can be put again with new ids.
		for i, k := range slices.Backward(keys) {
			tab.put(k, int32(100+i))
		}
		for i, k := range keys {
			if id, ok := tab.get(k); !ok || id != int32(100+i) {
				t.Errorf("get(%d) = %d, %v; want %d", k, id, ok, 100+i)
			}
		}
	})

	t.Run("grows when full, shrinks back on reset", func(t *testing.T) {
		tab.reset(5000)
		if got := tab.size(); got < 10000 {
			t.Fatalf("reset(5000): size %d, want at least 10000", got)
		}
		size := tab.size()
		rng := rand.New(rand.NewPCG(1, 2))
		ks := make([]uint64, 5000)
		for i := range ks {
			ks[i] = rng.Uint64()
			tab.put(ks[i], int32(i))
		}
		for i, k := range ks {
			if id, ok := tab.get(k); !ok || id != int32(i) {
				t.Fatalf("get(key %d) = %d, %v", i, id, ok)
			}
		}
		tab.reset(10)
		if got := tab.size(); got != minSlots || size < 8*minSlots {
			t.Errorf("reset(10) after reset(5000) (size %d): size %d, want %d, small enough for the cache", size, got, minSlots)
		}
		for _, k := range ks[:100] {
			if _, ok := tab.get(k); ok {
				t.Fatalf("key from the previous document still present")
			}
		}
		tab.put(ks[0], 1)
		if id, ok := tab.get(ks[0]); !ok || id != 1 {
			t.Errorf("get after reset = %d, %v; want 1, true", id, ok)
		}
	})

	t.Run("put past the sized capacity grows", func(t *testing.T) {
		var tab termTable
		tab.reset(10)
		rng := rand.New(rand.NewPCG(3, 4))
		ks := make([]uint64, 5000)
		for i := range ks {
			ks[i] = rng.Uint64()
			if i%2 == 0 {
				tab.put(ks[i], int32(i))
			} else if id, added := tab.intern(ks[i], int32(i)); !added || id != int32(i) {
				t.Fatalf("intern(new key %d) = %d, %v", i, id, added)
			}
		}
		if tab.size() < 5000*4/3 {
			t.Errorf("size %d after 5000 keys: the table did not grow", tab.size())
		}
		for i, k := range ks {
			if id, ok := tab.get(k); !ok || id != int32(i) {
				t.Fatalf("get(key %d) = %d, %v after growing", i, id, ok)
			}
			if id, added := tab.intern(k, -1); added || id != int32(i) {
				t.Fatalf("intern(old key %d) = %d, %v", i, id, added)
			}
		}
	})

	t.Run("generation wraps", func(t *testing.T) {
		var tab termTable
		tab.reset(10)
		// Stamp slots with every generation near the top, then wrap.
		tab.gen = math.MaxUint32 - 3
		for g := 0; g < 3; g++ {
			tab.reset(10)
			tab.put(uint64(g), int32(g))
		}
		if tab.gen != math.MaxUint32 {
			t.Fatalf("gen = %d, want %d", tab.gen, uint32(math.MaxUint32))
		}
		tab.reset(10)
		if tab.gen == 0 {
			t.Fatalf("gen wrapped to 0, the stamp of never-used slots")
		}
		for g := 0; g < 3; g++ {
			if _, ok := tab.get(uint64(g)); ok {
				t.Errorf("after the generation wrapped, key %d from an old generation is present", g)
			}
		}
		tab.put(2, 9)
		if id, ok := tab.get(2); !ok || id != 9 {
			t.Errorf("get(2) = %d, %v; want 9, true", id, ok)
		}
	})
}
