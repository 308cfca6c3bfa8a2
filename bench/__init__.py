"""Benchmarks of Paraat's turns, reported as ratios against a bare Agents SDK echo bot.

Run with ``make bench`` (``python -m bench``). Nothing here is a timed test: the numbers are
only compared with a baseline measured in the same run, on the same machine.
"""
