"""Benchmark scripts (see bench/README.md); a package so `bench.peers` is importable from tests."""
