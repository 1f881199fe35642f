import storage  # noqa: F401 - the SQLite driver (SQLCipher) is chosen before sqlite-utils loads
