"""``paraat cards list`` and ``paraat cards preview``: what the communications team looks at."""

from __future__ import annotations

import argparse
import json
import sys

from bot.card_catalogue import KINDS, card_kind, example, examples
from bot.card_screenshot import ScreenshotError, screenshot
from content.loader import LIBRARY, load_library
from content.problems import ContentError


def run_cards(args: argparse.Namespace) -> int:
    """Run a ``cards`` task; the exit code says how it went."""
    try:
        library = load_library(getattr(args, "library", None) or LIBRARY)
    except ContentError as error:
        print(error, file=sys.stderr)
        return 1
    if args.cards_command == "list":
        width = max(len(kind.name) for kind in KINDS)
        for kind in KINDS:
            count = len(examples(kind, library, "nl"))
            print(f"{kind.name:<{width}}  {kind.description} [{count}]")
        return 0
    try:
        card = example(card_kind(args.kind), library, args.lang, args.item)
    except KeyError as error:
        print(error.args[0], file=sys.stderr)
        return 2
    if args.png is None:
        print(json.dumps(card, indent=2, ensure_ascii=False))
        return 0
    try:
        screenshot(card, args.png)
    except ScreenshotError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"Saved {args.png}")
    return 0
