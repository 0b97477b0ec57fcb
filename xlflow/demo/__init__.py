"""The demo's data: realistic, messy unit returns and register forms (`xlflow demo`, the benchmarks)."""
