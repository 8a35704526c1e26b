package postgres

import "github.com/jackc/pgx/v5/pgxpool"

// CheckDSN parses dsn as Open does and returns what is wrong with it,
// without the DSN itself where it can: a DSN may carry a password.
func CheckDSN(dsn string) error {
	if _, err := pgxpool.ParseConfig(dsn); err != nil {
		return dsnError(err)
	}
	return nil
}
