"""Benchmarks: run through `./task bench-*` (never part of the unit tests)."""
