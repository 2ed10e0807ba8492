"""Benchmarks (not part of `make test`): data generator and timing scripts; see each module."""
