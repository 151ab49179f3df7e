"""communique's speed and quality benchmarks (run with `python -m benchmarks` or `communique bench`)."""
