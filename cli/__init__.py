"""The ``paraat`` command line (typer, rich) and its developer tools; the aiohttp app stays in
``bot/``."""
