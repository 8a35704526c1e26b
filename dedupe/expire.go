package dedupe

import "time"

// WindowStart is the first-seen time from which an index of window keeps
// articles at now: the index counts time in whole minutes, so the window
// starts at the beginning of a minute. Expire keeps these articles, and an
// index rebuilt from the store must load exactly them, so that it decides
// as the one a daemon keeps (review 14).
func WindowStart(now time.Time, window time.Duration) time.Time {
	return time.Unix(epochUnix+60*windowCut(now, windowMinutes(window)), 0).UTC()
}

// windowMinutes is window in the index's whole minutes.
func windowMinutes(window time.Duration) uint32 {
	return uint32(min(window/time.Minute, maxMinute))
}

// windowCut is the first minute an index of window minutes keeps at now
// (zero: all of them).
func windowCut(now time.Time, window uint32) int64 {
	return max(0, int64(minuteOf(now))-int64(window))
}

// Expire drops the articles first seen before WindowStart(now, Window). A
// dropped article that still names the story of a kept one stays behind as a
// ghost: never matched again, only there to give later copies the story ID.
func (ix *Index) Expire(now time.Time) {
	cut := windowCut(now, ix.window)
	if cut <= 0 {
		return
	}
	old := func(e *entry) bool { return int64(e.minute()) < cut }
	// keep[slot] is set for live entries in the window and for the story
	// leads they point to.
	keep := make([]bool, ix.n)
	dropped := false
	for slot := range ix.n {
		e := ix.at(slot)
		if e.flags()&flagGhost != 0 {
			continue
		}
		if old(e) {
			dropped = true
			ix.evForget(e)
			continue
		}
		keep[slot] = true
		keep[e.storySlot()] = true
	}
	if !dropped {
		return
	}
	remap := make([]uint32, ix.n)
	var chunks [][]entry
	var interned []string
	var n uint32
	live := 0
	for b := range ix.heads {
		clear(ix.heads[b])
	}
	clear(ix.evHeads)
	clear(ix.joined)
	for slot := range ix.n {
		if !keep[slot] {
			continue
		}
		e := *ix.at(slot)
		if int(n>>chunkBits) == len(chunks) {
			chunks = append(chunks, make([]entry, chunkSize))
		}
		remap[slot] = n
		id := ix.idOf(&e)
		if e.flags()&flagInterned != 0 {
			m := uint32(len(interned))
			interned = append(interned, id)
			e.id[0], e.id[1], e.id[2], e.id[3] = byte(m), byte(m>>8), byte(m>>16), byte(m>>24)
		}
		if old(&e) || e.flags()&flagGhost != 0 {
			e.setMeta(e.metaV() | flagGhost)
		} else {
			live++
		}
		// Story leads come first in slot order, so remap[e.story] is set.
		put24(&e.story, remap[e.storySlot()])
		chunks[n>>chunkBits][n&(chunkSize-1)] = e
		n++
	}
	ix.chunks, ix.interned, ix.n, ix.live = chunks, interned, n, live
	ix.leads.reset()
	for slot := range n {
		e := ix.at(slot)
		if e.storySlot() == slot {
			ix.leads.put(ix.idOf(e), slot, ix.slotID)
		}
		if e.flags()&flagGhost != 0 {
			continue
		}
		// A corrected lead's new version (Correct) names its own story.
		if lead := e.storySlot(); lead != slot && !ix.sameID(ix.at(lead), e) {
			ix.joined[lead]++
		}
		if e.size() > 0 {
			ix.link(slot, e)
		}
		ix.evLink(slot, e)
	}
}
