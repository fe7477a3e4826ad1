"""Every view, read one way: a module per resource, each running its named SQL (store/sql) on a
snapshot read for one person (store.reading.Reads) and mapping rows to views. Standard library
only, so the CLI's fast path reads through the very same functions."""
