"""An attacker who holds every published figure and tries to single out fewer than 5 people.

A published figure is a sum over a set of *unknowns*: one per person and value (a person whose
value changes between two weeks is two unknowns; one whose value stays the same is the same
unknown in both weeks). The attacker knows exactly which unknowns every figure adds up (the
organisation chart, who is in which team, even who answered: more than a real reader knows)
and may combine the figures in any way: sums, differences, multiples, across groups, parts and
weeks. A combination *discloses* a set of people when it is not zero and involves only them.

Two attackers:

- :func:`nested_differences`, the one of the issue: it keeps subtracting a figure's set from a
  larger one that contains it, and adding disjoint sets, and looks at every set it gets;
- :func:`disclosed`, the strongest: linear algebra over all figures at once. Every combination
  is constant on *atoms* (unknowns in exactly the same figures), so it looks for a non-zero
  combination that is zero on every atom of 5 or more people and involves 1 to 4 people.
  Everything the first one finds, this one finds too.
"""

from __future__ import annotations

import itertools
from collections.abc import Hashable, Sequence

Unknown = tuple[str, Hashable]
"""A person (their key) and the value they add to a figure."""

PRIME = (1 << 61) - 1
"""Ranks are taken modulo this prime: exact integers, fast enough for hundreds of cases. A
rank modulo a prime is never higher than over the rationals, so this can only find more."""


def people(unknowns: frozenset[Unknown]) -> frozenset[str]:
    """The people a set of unknowns is about."""
    return frozenset(person for person, _value in unknowns)


def nested_differences(
    figures: Sequence[frozenset[Unknown]], rounds: int = 3, cap: int = 4000
) -> set[frozenset[Unknown]]:
    """Every set of unknowns whose sum follows from ``figures`` by subtracting nested sets and
    adding disjoint ones, in up to ``rounds`` rounds (at most ``cap`` sets)."""
    known = {figure for figure in figures if figure}
    for _ in range(rounds):
        found: set[frozenset[Unknown]] = set()
        for one, other in itertools.permutations(known, 2):
            if other < one:
                found.add(one - other)
            elif not one & other:
                found.add(one | other)
            if len(known) + len(found) > cap:
                break
        if found <= known:
            break
        known |= found
    return known


def disclosed(figures: Sequence[frozenset[Unknown]], minimum: int = 5) -> frozenset[str] | None:
    """A set of 1 to ``minimum - 1`` people that some combination of ``figures`` is about
    alone, or None when there is none."""
    rows = [figure for figure in figures if figure]
    if not rows:
        return None
    pattern: dict[Unknown, frozenset[int]] = {}
    for index, row in enumerate(rows):
        for unknown in row:
            pattern[unknown] = pattern.get(unknown, frozenset()) | {index}
    atoms: dict[frozenset[int], set[Unknown]] = {}
    for unknown, where in pattern.items():
        atoms.setdefault(where, set()).add(unknown)
    small = [
        (where, people(frozenset(u)))
        for where, u in atoms.items()
        if len(people(frozenset(u))) < minimum
    ]
    large = [where for where, u in atoms.items() if len(people(frozenset(u))) >= minimum]
    if not small:
        return None
    # Combinations of the figures that are zero on every large atom ...
    combinations = _left_null_space(
        [[int(i in where) for where in large] for i in range(len(rows))]
    )
    # ... and what they are on the small ones.
    values = [[sum(c[i] for i in where) % PRIME for where, _people in small] for c in combinations]
    if not any(any(row) for row in values):
        return None
    full = _rank(values)
    touched = [n for n in range(len(small)) if any(row[n] for row in values)]
    for size in range(1, len(touched) + 1):
        for chosen in itertools.combinations(touched, size):
            who = frozenset().union(*(small[n][1] for n in chosen))
            if len(who) >= minimum:
                continue
            rest = [[row[n] for n in range(len(small)) if n not in chosen] for row in values]
            if _rank(rest) < full:
                return who
    return None


def _rank(matrix: list[list[int]]) -> int:
    return len(_echelon([row[:] for row in matrix])[0])


def _echelon(matrix: list[list[int]]) -> tuple[list[int], list[list[int]]]:
    """Reduced row echelon form modulo :data:`PRIME`: the pivot columns and the rows."""
    pivots: list[int] = []
    rows = [[value % PRIME for value in row] for row in matrix]
    width = len(rows[0]) if rows else 0
    top = 0
    for column in range(width):
        found = next((r for r in range(top, len(rows)) if rows[r][column]), None)
        if found is None:
            continue
        rows[top], rows[found] = rows[found], rows[top]
        inverse = pow(rows[top][column], PRIME - 2, PRIME)
        rows[top] = [value * inverse % PRIME for value in rows[top]]
        for r in range(len(rows)):
            if r != top and rows[r][column]:
                factor = rows[r][column]
                rows[r] = [
                    (a - factor * b) % PRIME for a, b in zip(rows[r], rows[top], strict=True)
                ]
        pivots.append(column)
        top += 1
    return pivots, rows[:top]


def _left_null_space(matrix: list[list[int]]) -> list[list[int]]:
    """A basis of the vectors ``c`` with ``c · matrix = 0`` (all of them when it has no
    columns)."""
    height = len(matrix)
    if not matrix or not matrix[0]:
        return [[int(i == j) for i in range(height)] for j in range(height)]
    transposed = [list(column) for column in zip(*matrix, strict=True)]
    pivots, rows = _echelon(transposed)
    free = [column for column in range(height) if column not in pivots]
    basis: list[list[int]] = []
    for f in free:
        vector = [0] * height
        vector[f] = 1
        for pivot, row in zip(pivots, rows, strict=True):
            vector[pivot] = -row[f] % PRIME
        basis.append(vector)
    return basis
