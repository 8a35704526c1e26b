package store

// Health is what a check of a database found (warta doctor).
type Health struct {
	// Location names the database: a file, or a PostgreSQL server and
	// database (without a password).
	Location string
	// SchemaVersion is the newest migration the database records (0 when
	// it could not be read); BuildVersion the newest this build knows.
	SchemaVersion, BuildVersion int
	// Problems are what the check found wrong, in the database's words;
	// none when the database is healthy.
	Problems []string
	// Tables counts the rows of warta's tables, in schema order.
	Tables []TableRows
}

// TableRows is the row count of one table; Rows is -1 when counting failed
// (the failure is among the Problems).
type TableRows struct {
	Table string
	Rows  int64
}

// Healthy reports whether the check found nothing wrong.
func (h *Health) Healthy() bool { return len(h.Problems) == 0 }
