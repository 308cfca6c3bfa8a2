"""The paper kit, printed by Chromium and read back: each form one A4 page, with what a person
needs on it, in Dutch and in English."""

from __future__ import annotations

from pathlib import Path

import pytest

from content.language import Language
from content.loader import Library
from printing.chromium import html_to_pdf
from printing.printouts import KIT, kit_printouts
from tests.printing.reader import (
    ink_at_edges,
    need_tools,
    page_count,
    page_images,
    reads,
    smallest_type_pt,
    text_of,
)

EXPECTED: dict[Language, dict[str, tuple[str, ...]]] = {
    "nl": {
        "meldingsformulier": ("Meldingsformulier", "Nr.", "Wat is er aan de hand?",
                              "Hoe dringend?"),
        "aanwezigheidslijst": ("Aanwezigheidslijst", "Naam", "Aankomst", "Vertrek"),
        "logboek": ("Logboek", "Tijd", "Wat gebeurde er, of wat is besloten?"),
        "kasblad": ("Kasblad", "Beginbedrag", "Eindbedrag geteld", "Bon?"),
        "balie-vragen": ("Vragen en vaste antwoorden", "RTV Oost", "97,9 FM", "NL-Alert",
                         "Bibliotheek Voorbeeld, Marktplein 1"),
        "checklist-72-uur": ("Je persoonlijke checklist voor 72 uur",),
    },
    "en": {
        "meldingsformulier": ("Report form", "No.", "What is going on?", "How urgent?"),
        "aanwezigheidslijst": ("Attendance list", "Name", "Arrived", "Left"),
        "logboek": ("Logbook", "Time", "What happened, or what was decided?"),
        "kasblad": ("Petty-cash sheet", "Starting amount", "Final amount counted", "Receipt?"),
        "balie-vragen": ("Questions and fixed answers", "RTV Oost", "97.9 FM", "NL-Alert"),
        "checklist-72-uur": ("Your personal 72-hour checklist",),
    },
}  # fmt: skip


@pytest.mark.parametrize("language", ["nl", "en"])
def test_each_page_of_the_kit_is_one_a4_page_with_its_words(
    bundled: Library, tmp_path: Path, language: Language
) -> None:
    need_tools()
    printouts = kit_printouts(bundled, language)
    assert [p.name.split(".")[0] for p in printouts] == list(KIT)
    for printout in printouts:
        pdf = tmp_path / f"{printout.name}.pdf"
        pdf.write_bytes(html_to_pdf(printout.html))
        stem = printout.name.split(".")[0]
        assert page_count(pdf) == 1, printout.name
        assert ink_at_edges(pdf, edge_mm=6) == 0, printout.name
        assert smallest_type_pt(pdf) >= 10.9, printout.name
        text = text_of(pdf)
        for words in EXPECTED[language][stem]:
            assert words in text, (printout.name, words)
        if stem == "checklist-72-uur":
            checklist = bundled.for_language(language).checklist
            assert checklist is not None
            for group in checklist.groups:
                for item in group.items:
                    assert reads(item.text, text), (printout.name, item.text)
        page_images(pdf, printout.name)
