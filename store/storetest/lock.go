package storetest

import (
	"bytes"
	"context"
	"testing"

	"github.com/warta-news/warta/store"
)

// testTryLockAcrossStores: two stores on one database stand for two
// processes. A named lock held by one is refused to the other (and to the
// holder itself) until released.
func testTryLockAcrossStores(t *testing.T, d Driver) {
	ctx := context.Background()
	dsn := d.NewDSN(t)
	a, b := d.Open(t, dsn), d.Open(t, dsn)
	release, ok, err := a.TryLock(ctx, "cycle")
	if err != nil || !ok {
		t.Fatalf("first TryLock: ok %v, err %v", ok, err)
	}
	for i, s := range []store.Store{b, a} {
		if _, ok, err := s.TryLock(ctx, "cycle"); err != nil || ok {
			t.Fatalf("TryLock %d while held: ok %v, err %v", i, ok, err)
		}
	}
	other, ok, err := b.TryLock(ctx, "another")
	if err != nil || !ok {
		t.Fatalf("a lock of another name: ok %v, err %v", ok, err)
	}
	other()
	release()
	again, ok, err := b.TryLock(ctx, "cycle")
	if err != nil || !ok {
		t.Fatalf("TryLock after release: ok %v, err %v", ok, err)
	}
	again()
}

// testReopenKeepsData closes a store and opens its database again: what
// was written is there, and opening again migrates nothing twice.
func testReopenKeepsData(t *testing.T, d Driver) {
	ctx := context.Background()
	dsn := d.NewDSN(t)
	s := d.Open(t, dsn)
	Save(t, s, Art(1, 1, "x"))
	if err := s.SetMeta(ctx, "k", "v"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetModel(ctx, "m", "v1", []byte{1, 2, 3}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = d.Open(t, dsn)
	a, err := s.Article(ctx, "id00001")
	if err != nil || !a.HasTopic("x") {
		t.Fatalf("after reopen: %+v, %v", a, err)
	}
	if v, ok, _ := s.Meta(ctx, "k"); !ok || v != "v" {
		t.Errorf("meta after reopen = %q %v", v, ok)
	}
	if v, data, ok, _ := s.Model(ctx, "m"); !ok || v != "v1" || !bytes.Equal(data, []byte{1, 2, 3}) {
		t.Errorf("model after reopen = %q %v %v", v, data, ok)
	}
}
