"""``python -m bench``: run the benchmark once, print the table, write JSON and the docs page."""

from bench.run import main

raise SystemExit(main())
