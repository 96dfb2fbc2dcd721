"""Adapters: the only modules that talk to third-party engines (Frog, DuckDB, Ray, web)."""
