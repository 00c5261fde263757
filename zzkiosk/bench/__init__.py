"""zzkiosk bench: frame cost, frames delivered, startup, memory over a day, idle CPU, load time.

A benchmark, not a test: it reports figures against the targets of docs/performance.md and never
fails because one is missed. `runner.run_bench` runs every measurement (those needing a
fresh process or an X server in subprocesses), prints a table and writes the JSON.

Nothing is imported here: the player imports `bench.probe` when the benchmark measures
it, and what the package imported would count against the start-up it measures.
"""
