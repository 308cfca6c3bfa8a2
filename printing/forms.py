"""The blank paper forms the team profiles refer to: a numbered report form, an attendance
list, a logbook and a petty-cash sheet. Each is one A4 page, filled in by hand."""

from __future__ import annotations

from collections.abc import Sequence

from content.language import Language
from printing.page import document, esc

_TEXT: dict[Language, dict[str, str]] = {
    "nl": {
        "kicker": "Papieren formulier",
        "number": "Nr.",
        "date": "Datum",
        "place": "Plek",
        "team": "Team",
        "sheet": "Blad nr.",
        # report form
        "report": "Meldingsformulier",
        "report_intro": "Eén melding per formulier. Geef elk formulier een eigen nummer, op "
        "volgorde. Zet dat nummer ook in het logboek.",
        "report_when": "Datum en tijd",
        "report_by": "Aangenomen door",
        "report_who": "Naam van wie het meldt",
        "report_where": "Adres of plek",
        "report_reach": "Hoe is deze persoon te bereiken?",
        "report_what": "Wat is er aan de hand?",
        "report_urgent": "Hoe dringend?",
        "urgent_now": "Nu gevaar voor mensen",
        "urgent_today": "Vandaag",
        "urgent_later": "Kan wachten",
        "report_done": "Wat is er gedaan?",
        "report_passed": "Doorgegeven aan (wie, hoe laat)",
        "report_closed": "Afgehandeld (datum, tijd, paraaf)",
        # attendance
        "attendance": "Aanwezigheidslijst",
        "attendance_intro": "Schrijf je naam op als je komt en als je weggaat. Zo weet de "
        "leiding wie er is.",
        "name": "Naam",
        "arrive": "Aankomst (tijd)",
        "leave": "Vertrek (tijd)",
        "later": "Waar ben je later te bereiken?",
        "initials": "Paraaf",
        # logbook
        "log": "Logboek",
        "log_intro": "Schrijf alles op wat er gebeurt en wat er besloten wordt, met de tijd. "
        "Streep een fout door met één lijn. Maak niets onleesbaar.",
        "kept_by": "Bijgehouden door",
        "time": "Tijd",
        "log_what": "Wat gebeurde er, of wat is besloten?",
        "who": "Wie",
        "report_no": "Nr. melding",
        # petty cash
        "cash": "Kasblad",
        "cash_intro": "Schrijf elke betaling op, ook kleine. Bewaar de bonnen bij dit blad. "
        "Tel de kas met z'n tweeën: aan het begin en aan het eind.",
        "cash_of": "Kas van",
        "cash_start": "Beginbedrag €",
        "what_for": "Waarvoor?",
        "cash_in": "Erin €",
        "cash_out": "Eruit €",
        "receipt": "Bon? ja/nee",
        "cash_end": "Eindbedrag geteld: € ________   Geteld door: ______________ en ______________",
    },
    "en": {
        "kicker": "Paper form",
        "number": "No.",
        "date": "Date",
        "place": "Place",
        "team": "Team",
        "sheet": "Sheet no.",
        "report": "Report form",
        "report_intro": "One report per form. Give each form its own number, in order. Write "
        "that number in the logbook too.",
        "report_when": "Date and time",
        "report_by": "Taken by",
        "report_who": "Name of the person reporting",
        "report_where": "Address or place",
        "report_reach": "How can this person be reached?",
        "report_what": "What is going on?",
        "report_urgent": "How urgent?",
        "urgent_now": "Danger to people now",
        "urgent_today": "Today",
        "urgent_later": "Can wait",
        "report_done": "What has been done?",
        "report_passed": "Passed on to (who, what time)",
        "report_closed": "Closed (date, time, initials)",
        "attendance": "Attendance list",
        "attendance_intro": "Write your name when you arrive and when you leave. That way the "
        "people in charge know who is there.",
        "name": "Name",
        "arrive": "Arrived (time)",
        "leave": "Left (time)",
        "later": "Where can you be reached later?",
        "initials": "Initials",
        "log": "Logbook",
        "log_intro": "Write down everything that happens and everything decided, with the "
        "time. Strike out a mistake with one line. Make nothing unreadable.",
        "kept_by": "Kept by",
        "time": "Time",
        "log_what": "What happened, or what was decided?",
        "who": "Who",
        "report_no": "Report no.",
        "cash": "Petty-cash sheet",
        "cash_intro": "Write down every payment, small ones too. Keep the receipts with this "
        "sheet. Count the cash with two people: at the start and at the end.",
        "cash_of": "Cash of",
        "cash_start": "Starting amount €",
        "what_for": "What for?",
        "cash_in": "In €",
        "cash_out": "Out €",
        "receipt": "Receipt? yes/no",
        "cash_end": "Final amount counted: € ________   Counted by: ______________ and "
        "______________",
    },
}


def _header(
    title: str, intro: str, fields: Sequence[str], language: Language, right: str = ""
) -> str:
    text = _TEXT[language]
    blanks = "".join(
        f'<span class="field">{esc(field)}: <span class="line"></span></span>' for field in fields
    )
    return (
        f'<header class="top"><div class="kicker-line"><span class="kicker">{esc(text["kicker"])}'
        f"</span>{right}</div><h1>{esc(title)}</h1></header><p>{esc(intro)}</p>"
        f'<p class="fields">{blanks}</p>'
    )


def _grid(columns: Sequence[tuple[str, int]], rows: int) -> str:
    """A table with ``columns`` (heading, width in %) and ``rows`` empty rows to write in."""
    cols = "".join(f'<col style="width:{width}%">' for _, width in columns)
    heads = "".join(f"<th>{esc(name)}</th>" for name, _ in columns)
    empty = "".join(
        "<tr>" + '<td class="write"></td>' * len(columns) + "</tr>" for _ in range(rows)
    )
    return (
        f'<table class="grid"><colgroup>{cols}</colgroup><thead><tr>{heads}</tr></thead>'
        f"<tbody>{empty}</tbody></table>"
    )


def report_form(language: Language) -> str:
    """The numbered report form (meldingsformulier)."""
    text = _TEXT[language]
    number = f'<span class="numberbox">{esc(text["number"])}</span>'
    urgent = " &nbsp; ".join(
        f'<span class="check"></span>{esc(text[key])}'
        for key in ("urgent_now", "urgent_today", "urgent_later")
    )
    rows = [
        (text["report_when"], 1),
        (text["report_by"], 1),
        (text["report_who"], 1),
        (text["report_where"], 2),
        (text["report_reach"], 1),
        (text["report_what"], 10),
        (text["report_done"], 8),
        (text["report_passed"], 2),
        (text["report_closed"], 1),
    ]
    cells = "".join(
        f'<tr><th>{esc(label)}</th><td style="height:{2.0 + 1.5 * (lines - 1):.1f}em"></td></tr>'
        for label, lines in rows[:5]
    )
    cells += f"<tr><th>{esc(text['report_urgent'])}</th><td>{urgent}</td></tr>"
    cells += "".join(
        f'<tr><th>{esc(label)}</th><td style="height:{2.0 + 1.5 * (lines - 1):.1f}em"></td></tr>'
        for label, lines in rows[5:]
    )
    body = (
        _header(text["report"], text["report_intro"], (), language, right=number)
        + f'<table class="form"><colgroup><col style="width:30%"><col></colgroup>'
        f"<tbody>{cells}</tbody></table>"
    )
    return document(text["report"], body, language)


def attendance_list(language: Language) -> str:
    """The attendance list (aanwezigheidslijst)."""
    text = _TEXT[language]
    columns = [
        (text["name"], 26), (text["team"], 15), (text["arrive"], 12), (text["leave"], 12),
        (text["later"], 25), (text["initials"], 10),
    ]  # fmt: skip
    body = _header(
        text["attendance"], text["attendance_intro"],
        (text["date"], text["place"], text["sheet"]), language,
    ) + _grid(columns, 25)  # fmt: skip
    return document(text["attendance"], body, language)


def logbook(language: Language) -> str:
    """The logbook page (logboek)."""
    text = _TEXT[language]
    columns = [
        (text["time"], 10),
        (text["log_what"], 62),
        (text["who"], 16),
        (text["report_no"], 12),
    ]
    body = _header(
        text["log"], text["log_intro"],
        (text["date"], text["place"], text["kept_by"], text["sheet"]), language,
    ) + _grid(columns, 25)  # fmt: skip
    return document(text["log"], body, language)


def petty_cash(language: Language) -> str:
    """The petty-cash sheet (kasblad)."""
    text = _TEXT[language]
    columns = [
        (text["number"], 7), (text["time"], 9), (text["what_for"], 38), (text["cash_in"], 12),
        (text["cash_out"], 12), (text["receipt"], 11), (text["initials"], 11),
    ]  # fmt: skip
    body = (
        _header(
            text["cash"],
            text["cash_intro"],
            (text["date"], text["cash_of"], text["cash_start"]),
            language,
        )  # fmt: skip
        + _grid(columns, 23)
        + f'<p class="total">{esc(text["cash_end"])}</p>'
    )
    return document(text["cash"], body, language)
