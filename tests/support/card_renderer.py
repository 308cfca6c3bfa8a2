"""Microsoft's official Adaptive Cards renderer, run from tests.

Two Node scripts in ``tools/cards/`` do the work (npm ``adaptivecards@3.0.6``, installed in
``tools/node_modules`` from ``tools/package.json``):

``validate.cjs``
    Parses each card with the library (schema 1.5, Teams' host config) and returns its parse and
    validation events, plus a few checks of its own (phase ``"Harness"``). Needs only Node.
``render.mjs``
    Renders each card in Debian's Chromium (``/usr/bin/chromium``, driven by playwright-core)
    with Teams' light host config and CSS at 450 px (or a request's width), fills inputs,
    screenshots it, clicks one action or several in turn (a container's selectAction too), and
    returns what the host's ``onExecuteAction`` received and which elements are hidden after.

Use::

    reason = renderer_unavailable_reason()
    if reason:
        missing_tool(reason)  # tests.support.ci: fails in CI, skips locally
    events = validate_cards([NamedCard("welcome", card)])["welcome"]
    result = render_cards([RenderRequest("form", card, inputs={"q": "a"})], out_dir)["form"]

The types are frozen dataclasses; their fields mirror the scripts' JSON (see the scripts' headers).
"""

from __future__ import annotations

import enum
import json
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
TOOLS = REPO / "tools"
VALIDATE_SCRIPT = TOOLS / "cards" / "validate.cjs"
RENDER_SCRIPT = TOOLS / "cards" / "render.mjs"
CHROMIUM = Path("/usr/bin/chromium")
_NEEDED_MODULES = (
    "adaptivecards/dist/adaptivecards.min.js",
    "adaptivecards-designer/lib/hostConfigs/microsoft-teams-light.json",
)
_NEEDED_FOR_RENDERING = ("playwright-core/package.json",)
_STDERR_TAIL = 4000


class CardToolError(RuntimeError):
    """A Node script failed, timed out or printed something that is not its JSON."""


class _FirstAction(enum.Enum):
    FIRST = "first"


FIRST_ACTION = _FirstAction.FIRST
"""``RenderRequest.click`` default: the card's first action (top-level, else the first
ActionSet's)."""


@dataclass(frozen=True)
class NamedCard:
    """A card to validate; ``name`` keys the result."""

    name: str
    card: dict[str, Any]


@dataclass(frozen=True)
class CardEvent:
    """One event about a card.

    ``phase``: ``"Parse"`` or ``"Validation"`` (the library's), ``"Harness"`` (validate.cjs's own
    checks: UnknownProperty, UnsupportedCardVersion, MissingCardVersion, MissingCardType,
    Exception). ``code``: the library's ``ValidationEvent`` name, e.g. ``"DuplicateId"``.
    ``source``: the JSON type of the object concerned (``None`` for unknown types);
    ``id``: its id, if any.
    """

    phase: str
    code: str
    message: str
    source: str | None
    id: str | None


@dataclass(frozen=True)
class RenderRequest:
    """A card to render.

    ``inputs``: values to enter, by input id (text, ``"2024-05-01"``, ``"14:30"``, a choice value,
    a list of values for a multi-select choice set, ``True``/``False`` for a toggle).
    ``click``: the title of the action to click, or a tuple of titles clicked in order (a
    container's selectAction is clicked on the container); :data:`FIRST_ACTION` (default) clicks
    the card's first action; ``None`` clicks nothing. A name may contain ``/`` (subfolders).
    ``after``: also screenshot the card after the clicks (``<name>-after.png``).
    ``width``: the card's width in px; ``None`` is the harness's 450 (a phone shows about 360).
    """

    name: str
    card: dict[str, Any]
    inputs: dict[str, Any] = field(default_factory=dict)
    click: str | tuple[str, ...] | None | _FirstAction = FIRST_ACTION
    after: bool = False
    width: int | None = None


@dataclass(frozen=True)
class ClickedAction:
    """What the host's ``onExecuteAction`` received for the clicked action.

    ``data`` (Execute and Submit): the action's data with the input values merged in by the
    renderer, values as strings (a toggle's ``"true"``, a multi-select's ``"a,b"``).
    ``url``: for Action.OpenUrl.
    """

    type: str
    title: str | None
    verb: str | None = None
    data: Any = None
    url: str | None = None


@dataclass(frozen=True)
class RenderResult:
    """One rendered card.

    ``clicked`` is ``None`` when nothing reached the host: no click, an inline Action.ShowCard,
    or referenced inputs failing validation (then listed in ``invalid_inputs``).
    ``blocked``: network requests the page was refused (images show broken).
    ``errors``: rendering, filling and clicking problems and console errors/warnings.
    ``hidden``: ids of the card's elements that are not visible after the clicks.
    ``png_after``: the screenshot after the clicks, when asked for.
    """

    name: str
    png: Path | None
    width: int
    height: int
    actions: list[str]
    clicked: ClickedAction | None
    invalid_inputs: list[str]
    blocked: list[str]
    errors: list[str]
    hidden: list[str] = field(default_factory=list)
    png_after: Path | None = None


def validator_unavailable_reason() -> str | None:
    """Why ``validate_cards`` cannot run here, or ``None`` when it can."""
    if shutil.which("node") is None:
        return "node (Node.js) is not on PATH"
    for module in _NEEDED_MODULES:
        if not (TOOLS / "node_modules" / module).is_file():
            return (
                f"tools/node_modules/{module} is missing: run `npm ci` in {TOOLS} "
                "(or `make setup-test`)"
            )
    return None


def renderer_unavailable_reason() -> str | None:
    """Why ``render_cards`` (or ``validate_cards``) cannot run here, or ``None`` when they can."""
    reason = validator_unavailable_reason()
    if reason:
        return reason
    for module in _NEEDED_FOR_RENDERING:
        if not (TOOLS / "node_modules" / module).is_file():
            return f"tools/node_modules/{module} is missing: run `npm ci` in {TOOLS}"
    if not CHROMIUM.is_file():
        return f"{CHROMIUM} is missing: install Debian's chromium package"
    return None


def validate_cards(
    cards: Sequence[NamedCard], *, timeout: float | None = None
) -> dict[str, list[CardEvent]]:
    """Every event the official library (and validate.cjs) reports, by card name.

    A clean card maps to an empty list. Raises :class:`CardToolError` when the script fails.
    """
    _check_unique([card.name for card in cards])
    if not cards:
        return {}
    payload = [{"name": card.name, "card": card.card} for card in cards]
    output = _run_script(
        VALIDATE_SCRIPT, payload, [], timeout if timeout is not None else 30 + 0.2 * len(cards)
    )
    results: dict[str, list[CardEvent]] = {}
    for item in _expect_list(output, VALIDATE_SCRIPT):
        results[item["name"]] = [
            CardEvent(
                phase=event["phase"],
                code=event["code"],
                message=event["message"],
                source=event.get("source"),
                id=event.get("id"),
            )
            for event in item["events"]
        ]
    return results


def render_cards(
    cards: Sequence[RenderRequest], out_dir: Path, *, timeout: float | None = None
) -> dict[str, RenderResult]:
    """Render, fill and click each card in Chromium; PNGs go to ``out_dir/<name>.png``.

    Per-card problems are in :attr:`RenderResult.errors`; raises :class:`CardToolError` when the
    script itself fails.
    """
    _check_unique([card.name for card in cards])
    if not cards:
        return {}
    payload: list[dict[str, Any]] = []
    for card in cards:
        request: dict[str, Any] = {"name": card.name, "card": card.card, "inputs": card.inputs}
        if isinstance(card.click, tuple):
            request["click"] = list(card.click)
        elif not isinstance(card.click, _FirstAction):
            request["click"] = card.click
        if card.after:
            request["after"] = True
        if card.width is not None:
            request["width"] = card.width
        payload.append(request)
    out_dir.mkdir(parents=True, exist_ok=True)
    output = _run_script(
        RENDER_SCRIPT,
        payload,
        ["--out", str(out_dir.resolve())],
        timeout if timeout is not None else 60 + 1.0 * len(cards),
        input_flag="--in",
    )
    results: dict[str, RenderResult] = {}
    for item in _expect_list(output, RENDER_SCRIPT):
        clicked = item.get("clicked")
        results[item["name"]] = RenderResult(
            name=item["name"],
            png=Path(item["png"]) if item.get("png") else None,
            width=int(item["width"]),
            height=int(item["height"]),
            actions=list(item["actions"]),
            clicked=None
            if clicked is None
            else ClickedAction(
                type=clicked["type"],
                title=clicked.get("title"),
                verb=clicked.get("verb"),
                data=clicked.get("data"),
                url=clicked.get("url"),
            ),
            invalid_inputs=list(item.get("invalidInputs", [])),
            blocked=list(item.get("blocked", [])),
            errors=list(item["errors"]),
            hidden=list(item.get("hidden", [])),
            png_after=Path(item["pngAfter"]) if item.get("pngAfter") else None,
        )
    return results


def _check_unique(names: list[str]) -> None:
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise ValueError(f"two cards are named {name!r}")
        seen.add(name)


def _run_script(
    script: Path,
    payload: list[dict[str, Any]],
    extra_args: list[str],
    timeout: float,
    *,
    input_flag: str | None = None,
) -> Any:
    node = shutil.which("node")
    if node is None:
        raise CardToolError("node (Node.js) is not on PATH")
    with tempfile.TemporaryDirectory(prefix="paraat-cards-") as work:
        request = Path(work) / "cards.json"
        request.write_text(json.dumps(payload), encoding="utf-8")
        file_args = [input_flag, str(request)] if input_flag else [str(request)]
        command = [node, str(script), *file_args, *extra_args]
        try:
            done = subprocess.run(
                command,
                cwd=TOOLS,
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired as error:
            raw = error.stderr or b""
            stderr = raw.decode(errors="replace") if isinstance(raw, bytes) else raw
            raise CardToolError(
                f"{script.name} timed out after {timeout:.0f} s; its stderr:\n"
                f"{stderr[-_STDERR_TAIL:]}"
            ) from error
    if done.returncode != 0:
        raise CardToolError(
            f"{script.name} failed (exit {done.returncode}); its stderr:\n"
            f"{done.stderr.strip()[-_STDERR_TAIL:]}"
        )
    try:
        return json.loads(done.stdout)
    except json.JSONDecodeError as error:
        raise CardToolError(
            f"{script.name} printed no JSON ({error}); stdout starts {done.stdout[:200]!r}; "
            f"stderr:\n{done.stderr.strip()[-_STDERR_TAIL:]}"
        ) from error


def _expect_list(output: Any, script: Path) -> list[dict[str, Any]]:
    if not isinstance(output, list):
        raise CardToolError(f"{script.name} printed {type(output).__name__}, not a list")
    return output
