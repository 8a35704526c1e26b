package dedupe

import "hash/maphash"

// leadTable finds a story's lead entry (live or ghost) by the story's ID,
// so that a copy added from the store (add: a rebuild, a catch-up with
// another process's writes) joins the entry its lead already has, as in
// the live index, rather than a ghost of the same ID beside it. Open
// addressing of slot+1 (0: empty), at most half full: a few bytes a story,
// where a map of IDs would cost tens.
type leadTable struct {
	seed  maphash.Seed
	slots []uint32
	n     int
}

func newLeadTable() leadTable { return leadTable{seed: maphash.MakeSeed()} }

// put records the lead entry slot of story id; idOf gives a slot's ID.
func (t *leadTable) put(id string, slot uint32, idOf func(uint32) string) {
	if 2*(t.n+1) > len(t.slots) {
		old := t.slots
		t.slots, t.n = make([]uint32, max(1024, 2*len(old))), 0
		for _, s := range old {
			if s != 0 {
				t.place(idOf(s-1), s)
			}
		}
	}
	t.place(id, slot+1)
}

func (t *leadTable) place(id string, v uint32) {
	mask := uint64(len(t.slots) - 1)
	for i := maphash.String(t.seed, id) & mask; ; i = (i + 1) & mask {
		if t.slots[i] == 0 {
			t.slots[i] = v
			t.n++
			return
		}
	}
}

// get returns the lead entry slot of story id, if recorded.
func (t *leadTable) get(id string, idOf func(uint32) string) (uint32, bool) {
	if len(t.slots) == 0 {
		return 0, false
	}
	mask := uint64(len(t.slots) - 1)
	for i := maphash.String(t.seed, id) & mask; t.slots[i] != 0; i = (i + 1) & mask {
		if s := t.slots[i] - 1; idOf(s) == id {
			return s, true
		}
	}
	return 0, false
}

// reset empties the table, keeping its size.
func (t *leadTable) reset() {
	clear(t.slots)
	t.n = 0
}
