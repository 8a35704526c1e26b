// Package sqlitefault damages SQLite files the way failing disks do, for
// tests of detection and salvage.
package sqlitefault

import (
	"database/sql"
	"encoding/binary"
	"os"
	"testing"

	// The driver that reads the schema.
	_ "modernc.org/sqlite"
)

// CorruptLeaf overwrites with 0xFF the leaf page that the root page of
// table points to in its cell-th cell, and returns how many rows that leaf
// held: a damaged page in the middle of the table, as a bad disk sector
// leaves it.
func CorruptLeaf(t *testing.T, path, table string, cell int) int {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	var root int64
	err = db.QueryRow(`SELECT rootpage FROM sqlite_schema WHERE name = ?`, table).Scan(&root)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var hdr [100]byte
	if _, err := f.ReadAt(hdr[:], 0); err != nil {
		t.Fatal(err)
	}
	pageSize := int64(binary.BigEndian.Uint16(hdr[16:18]))
	if pageSize == 1 {
		pageSize = 65536
	}
	page := func(n int64) []byte {
		b := make([]byte, pageSize)
		if _, err := f.ReadAt(b, (n-1)*pageSize); err != nil {
			t.Fatal(err)
		}
		if n == 1 {
			return b[100:]
		}
		return b
	}
	rp := page(root)
	if rp[0] != 0x05 {
		t.Fatalf("%s: root page %d has type %#x, want an interior table page (0x05)", table, root, rp[0])
	}
	if cells := int(binary.BigEndian.Uint16(rp[3:5])); cells <= cell {
		t.Fatalf("%s: root has %d cells, want more than %d", table, cells, cell)
	}
	ptr := binary.BigEndian.Uint16(rp[12+2*cell:])
	child := int64(binary.BigEndian.Uint32(rp[ptr:]))
	leaf := page(child)
	if leaf[0] != 0x0d {
		t.Fatalf("%s: page %d has type %#x, want a leaf table page (0x0d)", table, child, leaf[0])
	}
	rows := int(binary.BigEndian.Uint16(leaf[3:5]))
	junk := make([]byte, pageSize)
	for i := range junk {
		junk[i] = 0xff
	}
	if _, err := f.WriteAt(junk, (child-1)*pageSize); err != nil {
		t.Fatal(err)
	}
	return rows
}
