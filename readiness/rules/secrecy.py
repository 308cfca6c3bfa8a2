"""Whether a series of publications together single anyone out.

Within one publication every figure is a sum over *cells* (see
:func:`readiness.rules.disclosure.cells`), and every cell can be had from the figures, so a
publication says exactly its cell sums. Across publications a person whose part did not change
is the same unknown in all of them; one whose part changed is one unknown per value it had.
Unknowns that lie in exactly the same cells form an *atom*: no sum or difference of figures can
tell them apart. :func:`singled_out` looks, with exact linear algebra, for a combination of the
cell sums of all publications that is not zero and involves fewer than the minimum number of
people (one that is zero on every atom of that many or more), and answers those people.

This is done for the two kinds of figure apart: about members (the value is whether they
acknowledged and whether they answered) and about respondents (the value is their knowledge).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from readiness.rules.score import PersonState

Value = Callable[[PersonState], Hashable | None]
"""What a person adds to one kind of figure; None: they are in no figure of that kind."""

Row = tuple[int, str]
"""A cell of one publication: its number among the publications, and the cell."""

PRIME: Final = (1 << 61) - 1
"""Arithmetic modulo a large prime: exact, and a rank there is never above the rational one,
so the search can only find more, never miss one."""


@dataclass(frozen=True)
class Cut:
    """One publication as the secrecy check sees it.

    Attributes:
        states: Everyone's state as used for the figures.
        cells: Everyone's cell in them.
        shown: Whether the publication shows any figure at all.
    """

    states: Mapping[str, PersonState]
    cells: Mapping[str, str]
    shown: bool


def singled_out(cuts: Sequence[Cut], minimum: int) -> frozenset[str]:
    """People that the publications together say something about in groups of 1 to
    ``minimum - 1``: one such group (at most) from every part of the organisation that has one,
    for both kinds of figure; empty when there are none.

    Args:
        cuts: Every publication anyone can still see, and the one about to be made.
        minimum: The fewest people a combination of figures may be about.
    """
    return _singled_out(cuts, _member_value, minimum) | _singled_out(
        cuts, _knowledge_value, minimum
    )


def _member_value(state: PersonState) -> Hashable | None:
    return state.acknowledged, state.respondent


def _knowledge_value(state: PersonState) -> Hashable | None:
    return state.knowledge  # None: not a respondent, so in no knowledge figure


def _singled_out(cuts: Sequence[Cut], value: Value, minimum: int) -> frozenset[str]:
    # Each person's unknowns: one per value they had, in the cells of every cut with that value.
    atoms: dict[frozenset[Row], set[str]] = {}
    for key in set().union(*(cut.states.keys() for cut in cuts)):
        rows_of: dict[Hashable, set[Row]] = {}
        for number, cut in enumerate(cuts):
            part = _part(cut, key, value)
            if part is not None:
                rows_of.setdefault(part[1], set()).add((number, part[0]))
        for rows in rows_of.values():
            atoms.setdefault(frozenset(rows), set()).add(key)
    # Cells that share no atom (directly or through others) cannot be combined to cancel
    # anything, so each connected part is searched alone: small problems, even for a large
    # organisation over many weeks.
    found: frozenset[str] = frozenset()
    for linked in _connected(atoms):
        found |= _search({rows: atoms[rows] for rows in linked}, minimum)
    return found


def _connected(atoms: Mapping[frozenset[Row], set[str]]) -> list[list[frozenset[Row]]]:
    """The atoms, in groups whose cells are linked through atoms."""
    parent: dict[Row, Row] = {}

    def root(row: Row) -> Row:
        while parent.setdefault(row, row) != row:
            parent[row] = parent[parent[row]]
            row = parent[row]
        return row

    for rows in atoms:
        first, *others = sorted(rows)
        for other in others:
            parent[root(other)] = root(first)
    parts: dict[Row, list[frozenset[Row]]] = {}
    for rows in atoms:
        parts.setdefault(root(min(rows)), []).append(rows)
    return list(parts.values())


def _search(atoms: Mapping[frozenset[Row], set[str]], minimum: int) -> frozenset[str]:
    every_row = sorted(set().union(*atoms))
    small = [(rows, frozenset(who)) for rows, who in atoms.items() if len(who) < minimum]
    large = [rows for rows, who in atoms.items() if len(who) >= minimum]
    if not small:
        return frozenset()

    def column(rows: frozenset[Row]) -> list[int]:
        return [int(row in rows) for row in every_row]

    # The combinations of cell sums that are zero on every large atom ...
    combinations = _left_null_space([column(rows) for rows in large], len(every_row))
    # ... and what each of them is on the small ones.
    values = [[_dot(c, column(rows)) for rows, _who in small] for c in combinations]
    basis = _echelon(values)[1] if values else []
    if not basis:
        return frozenset()
    people = [who for _rows, who in small]
    touched = [n for n in range(len(small)) if any(row[n] for row in basis)]
    circuits = math.comb(len(touched), len(basis) - 1)
    subsets = sum(math.comb(len(touched), size) for size in range(1, minimum))
    if circuits <= subsets:
        for found in _circuits(basis, touched):
            who = frozenset().union(*(people[n] for n in found))
            if len(who) < minimum:
                return who
        return frozenset()
    # Few people per set: try every set of small atoms with fewer than ``minimum`` people.
    for size in range(1, minimum):
        for chosen in itertools.combinations(touched, size):
            who = frozenset().union(*(people[n] for n in chosen))
            if len(who) >= minimum:
                continue
            rest = [[row[n] for n in range(len(small)) if n not in chosen] for row in basis]
            if _rank(rest) < len(basis):
                return who
    return frozenset()


def _circuits(basis: list[list[int]], touched: list[int]) -> Iterator[list[int]]:
    """The supports of the space's vectors of smallest support (its circuits), and more.

    Every vector's support holds a circuit's, so looking at these is enough. A circuit is zero
    on ``k - 1`` coordinates whose conditions are independent (``k`` the dimension), so each
    set of ``k - 1`` coordinates that leaves one vector gives one.
    """
    k = len(basis)
    for zeros in itertools.combinations(touched, k - 1):
        kernel = _left_null_space([[row[z] for row in basis] for z in zeros], k)
        if len(kernel) == 1:
            vector = [_dot(kernel[0], [row[n] for row in basis]) for n in range(len(basis[0]))]
            yield [n for n in touched if vector[n]]


def _part(cut: Cut, key: str, value: Value) -> tuple[str, Hashable] | None:
    """The cell and value a person adds to a publication's figures of one kind, or None."""
    state = cut.states.get(key)
    if not cut.shown or state is None:
        return None
    found = value(state)
    return None if found is None else (cut.cells[key], found)


def _dot(left: list[int], right: list[int]) -> int:
    return sum(a * b for a, b in zip(left, right, strict=True)) % PRIME


def _rank(matrix: list[list[int]]) -> int:
    return len(_echelon(matrix)[0])


def _echelon(matrix: list[list[int]]) -> tuple[list[int], list[list[int]]]:
    """The reduced row echelon form modulo :data:`PRIME`: pivot columns and non-zero rows."""
    rows = [[value % PRIME for value in row] for row in matrix]
    width = len(rows[0]) if rows else 0
    pivots: list[int] = []
    top = 0
    for col in range(width):
        found = next((r for r in range(top, len(rows)) if rows[r][col]), None)
        if found is None:
            continue
        rows[top], rows[found] = rows[found], rows[top]
        inverse = pow(rows[top][col], PRIME - 2, PRIME)
        rows[top] = [v * inverse % PRIME for v in rows[top]]
        for r in range(len(rows)):
            if r != top and rows[r][col]:
                factor = rows[r][col]
                rows[r] = [
                    (a - factor * b) % PRIME for a, b in zip(rows[r], rows[top], strict=True)
                ]
        pivots.append(col)
        top += 1
    return pivots, rows[:top]


def _left_null_space(columns: list[list[int]], height: int) -> list[list[int]]:
    """A basis of the row combinations ``c`` (of ``height`` rows) that are zero on every one of
    ``columns``."""
    if not columns:
        return [[int(i == j) for i in range(height)] for j in range(height)]
    pivots, rows = _echelon(columns)  # the columns as rows: c must be orthogonal to each
    free = [i for i in range(height) if i not in pivots]
    basis: list[list[int]] = []
    for f in free:
        vector = [0] * height
        vector[f] = 1
        for pivot, row in zip(pivots, rows, strict=True):
            vector[pivot] = -row[f] % PRIME
        basis.append(vector)
    return basis
