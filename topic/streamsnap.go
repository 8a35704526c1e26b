package topic

import (
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// ErrOtherModel is returned by Stream.UnmarshalBinary for a snapshot taken
// with other rules, other sources' hints, another stemmer or other stream
// constants: its counts would not mean what this stream's do.
var ErrOtherModel = errors.New("topic: stream model snapshot from other rules")

// snapshotFormat names the encoding of a Stream snapshot and what the
// counts depend on beyond the stream's fingerprint (its rules and hints);
// changing how features are read or labelled must change it.
const snapshotFormat = "warta stream model 2"

// snapshotKey is what a snapshot must have been taken with to be loaded
// into st.
func (st *Stream) snapshotKey() string {
	return fmt.Sprintf("%s|words=%d|confidence=%g|ir=%g|max=%d|leaders=%d/%d|rules=%s", snapshotFormat,
		StreamWords, StreamConfidence, StreamIRConfidence, StreamMaxFeatures, LeaderDominance, StreamMaxLeaders, st.fingerprint)
}

// MarshalBinary encodes what st has learned, canonically (equal models,
// equal bytes): the key of its rules, then per language the documents and
// features counted per rule and each feature's counts, by feature; then
// the leaders (see leaderBook): the clock and, by name, each name's last
// anchor and its anchors per state, by state.
func (st *Stream) MarshalBinary() ([]byte, error) {
	st.mu.RLock()
	defer st.mu.RUnlock()
	key := st.snapshotKey()
	b := binary.AppendUvarint(nil, uint64(len(key)))
	b = append(b, key...)
	nr := len(st.t.rules)
	for l := range st.m {
		m := &st.m[l]
		for i := range nr {
			for y := range 2 {
				b = binary.AppendUvarint(b, uint64(m.docs[i][y]))
				b = binary.AppendUvarint(b, uint64(m.total[i][y]))
			}
		}
		feats := make([]uint64, 0, len(m.slot))
		for f := range m.slot {
			feats = append(feats, f)
		}
		slices.Sort(feats)
		b = binary.AppendUvarint(b, uint64(len(feats)))
		for _, f := range feats {
			b = binary.LittleEndian.AppendUint64(b, f)
			k := int(m.slot[f])
			for _, n := range m.count[k*nr : (k+1)*nr] {
				b = binary.AppendUvarint(b, uint64(n[0]))
				b = binary.AppendUvarint(b, uint64(n[1]))
			}
		}
	}
	lb := &st.leaders
	b = binary.AppendUvarint(b, lb.clock)
	b = binary.AppendUvarint(b, uint64(len(lb.seen)))
	for _, name := range slices.Sorted(maps.Keys(lb.seen)) {
		c := lb.seen[name]
		b = appendString(b, name)
		b = binary.AppendUvarint(b, c.last)
		states := slices.SortedFunc(slices.Values(c.states), func(x, y stateCount) int { return strings.Compare(x.state, y.state) })
		b = binary.AppendUvarint(b, uint64(len(states)))
		for _, sc := range states {
			b = appendString(b, sc.state)
			b = binary.AppendUvarint(b, uint64(sc.n))
		}
	}
	return b, nil
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// UnmarshalBinary replaces what st has learned with the snapshot data
// (MarshalBinary's). A snapshot of other rules fails with ErrOtherModel,
// a damaged one with another error; either way st is left as it was.
func (st *Stream) UnmarshalBinary(data []byte) error {
	d := snapshotReader{b: data}
	n := d.uvarint()
	if d.err != nil || n > uint64(len(d.b)) {
		return damaged("header", d.err)
	}
	if key := string(d.bytes(int(n))); key != st.snapshotKey() {
		return ErrOtherModel
	}
	nr := len(st.t.rules)
	var ms [numLangs]nbModel
	for l := range ms {
		m := nbModel{docs: make([][2]int, nr), total: make([][2]int, nr)}
		for i := range nr {
			for y := range 2 {
				m.docs[i][y] = int(d.uvarint())
				m.total[i][y] = int(d.uvarint())
			}
		}
		nf := d.uvarint()
		// Each feature takes at least 8 bytes and a byte per count.
		if d.err != nil || nf > StreamMaxFeatures || nf > uint64(len(d.b))/uint64(8+2*nr) {
			return damaged("model", d.err)
		}
		m.slot = make(map[uint64]int32, nf)
		m.count = make([][2]uint32, int(nf)*nr)
		for k := range int(nf) {
			f := binary.LittleEndian.Uint64(d.bytes(8))
			m.slot[f] = int32(k)
			for i := range nr {
				m.count[k*nr+i] = [2]uint32{d.uint32(), d.uint32()}
			}
		}
		if d.err != nil || len(m.slot) != int(nf) {
			return damaged("model", d.err)
		}
		ms[l] = m
	}
	lb := leaderBook{clock: d.uvarint()}
	nn := d.uvarint()
	// Each name takes at least four bytes.
	if d.err != nil || nn > StreamMaxLeaders || nn > uint64(len(d.b))/4 {
		return damaged("leaders", d.err)
	}
	lb.seen = make(map[string]*leaderCount, nn)
	for range nn {
		name := d.string()
		c := &leaderCount{last: d.uvarint()}
		ns := d.uvarint()
		if d.err != nil || ns > uint64(len(d.b))/2 {
			return damaged("leaders", d.err)
		}
		for range ns {
			c.states = append(c.states, stateCount{state: d.string(), n: d.uint32()})
		}
		lb.seen[name] = c
	}
	if d.err != nil || len(d.b) != 0 || len(lb.seen) != int(nn) {
		return damaged("leaders", d.err)
	}
	lb.rebuild()
	st.mu.Lock()
	st.m = ms
	st.leaders = lb
	st.mu.Unlock()
	return nil
}

// damaged is the error of a damaged snapshot: in its part what, the
// reader's fault err when it had one.
func damaged(what string, err error) error {
	if err != nil {
		return fmt.Errorf("topic: stream model snapshot: damaged %s: %w", what, err)
	}
	return fmt.Errorf("topic: stream model snapshot: damaged %s", what)
}

// snapshotReader reads a snapshot; the first fault sticks in err, and
// every later read returns zeros.
type snapshotReader struct {
	b   []byte
	err error
}

func (d *snapshotReader) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err = errors.New("bad varint")
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *snapshotReader) uint32() uint32 {
	v := d.uvarint()
	if v > 1<<32-1 {
		d.err = errors.New("count out of range")
		return 0
	}
	return uint32(v)
}

func (d *snapshotReader) string() string {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.err = errors.New("short")
		return ""
	}
	return string(d.bytes(int(n)))
}

func (d *snapshotReader) bytes(n int) []byte {
	if d.err != nil || n > len(d.b) {
		d.err = errors.New("short")
		return make([]byte, n)
	}
	v := d.b[:n]
	d.b = d.b[n:]
	return v
}
