"""A modern page's canvas (``CanvasContent1``): text web parts, and image web parts.

The canvas is a JSON array of controls, one per web part, each placed in a one-column section.
Control ids are derived from the page and the position, so the same content gives the same
canvas, byte for byte, and therefore the same hash.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

TEXT_CONTROL = 4
"""``controlType`` of a text web part (SharePoint's client-side text)."""
WEB_PART_CONTROL = 3
"""``controlType`` of a client-side web part, such as the image web part."""
IMAGE_WEB_PART = "d1d91016-032f-456d-98a4-721247c305e8"
"""The id of SharePoint's own image web part."""
_NAMESPACE = uuid.UUID("5f1a0c9e-2b7d-4c55-9a63-7d7f3c2b8e41")


@dataclass(frozen=True)
class Text:
    """A text web part holding ``html``."""

    html: str


@dataclass(frozen=True)
class Image:
    """An image web part: a file on the site (server-relative URL) with its alternative text."""

    url: str
    alt: str


Block = Text | Image


def canvas(page: str, blocks: tuple[Block, ...]) -> str:
    """The ``CanvasContent1`` JSON of a page whose web parts are ``blocks``, top to bottom.

    Args:
        page: The page's file name; it seeds the control ids.
        blocks: The web parts in order.
    """
    controls = [_control(page, index, block) for index, block in enumerate(blocks, start=1)]
    return json.dumps(controls, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _control(page: str, index: int, block: Block) -> dict[str, Any]:
    control_id = str(uuid.uuid5(_NAMESPACE, f"{page}#{index}"))
    position = {
        "zoneIndex": 1,
        "sectionIndex": 1,
        "sectionFactor": 12,
        "layoutIndex": 1,
        "controlIndex": index,
    }
    if isinstance(block, Text):
        return {
            "controlType": TEXT_CONTROL,
            "id": control_id,
            "position": position,
            "displayMode": 2,
            "emphasis": {},
            "innerHTML": block.html,
        }
    return {
        "controlType": WEB_PART_CONTROL,
        "id": control_id,
        "webPartId": IMAGE_WEB_PART,
        "position": position,
        "displayMode": 2,
        "emphasis": {},
        "webPartData": {
            "id": IMAGE_WEB_PART,
            "instanceId": control_id,
            "title": "Image",
            "dataVersion": "1.9",
            "properties": {"imageSourceType": 2, "altText": block.alt, "overlayText": ""},
            "serverProcessedContent": {
                "htmlStrings": {},
                "searchablePlainTexts": {},
                "imageSources": {"imageSource": block.url},
                "links": {},
            },
        },
    }
