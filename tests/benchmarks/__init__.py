"""Benchmarks (`make bench`): figures on a realistic and a stress sample practice, never in `make test`."""
