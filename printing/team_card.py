"""A team's outage card ("noodkaart") as one printable A4 page of HTML."""

from __future__ import annotations

from datetime import date

from cards.common import say_duration
from content.model import Process, duration
from printing.page import document, esc
from printing.qr import qr_svg
from printing.team_sheet import TeamSheet
from printing.words import TEAM_CARD, say_date


def team_card_html(sheet: TeamSheet, printed_on: date, page_url: str | None) -> str:
    """The card of ``sheet``, printed on ``printed_on``; ``page_url`` is the team's page on the
    SharePoint site for the QR code (None: no QR code, and the footer says why)."""
    text = TEAM_CARD[sheet.language]
    profile = sheet.profile
    title = f"{text['kicker']}: {sheet.team.name}"
    body = [
        _top(sheet, printed_on),
        '<div class="cols">',
        f"<section>{_stops(sheet)}</section>",
        f'<section class="wide">{_first_hour(sheet)}</section>',
        "</div>",
        _work(sheet, profile.processes),
        f"<section>{_where(sheet)}</section>",
        _news(sheet, page_url),
        _contacts(sheet),
        _foot(sheet, page_url is not None),
    ]
    return document(title, "\n".join(body), sheet.language)


def _top(sheet: TeamSheet, printed_on: date) -> str:
    text = TEAM_CARD[sheet.language]
    when = say_date(printed_on.year, printed_on.month, printed_on.day, sheet.language)
    version = text["version"].format(version=sheet.profile.version, mark=sheet.mark, date=when)
    return (
        f'<header class="top"><div class="kicker-line"><span class="kicker">{esc(text["kicker"])}'
        f'</span><span class="version">{esc(version)}</span></div>'
        f'<div class="title-line"><h1>{esc(sheet.team.name)}</h1>'
        f'<p class="keep">{esc(text["keep"])}</p></div></header>'
    )


def _stops(sheet: TeamSheet) -> str:
    text = TEAM_CARD[sheet.language]
    processes = sheet.profile.processes
    applications = list(dict.fromkeys(a for p in processes for a in p.applications))
    needs = {d for p in processes for d in p.depends_on}
    lines = [text["computers"]]
    if applications:
        lines.append(f"{text['apps']}: {', '.join(applications)}.")
    if "phone" in needs:
        lines.append(text["phone"])
    if "building-access" in needs:
        lines.append(text["building"])
    items = "".join(f"<li>{esc(line)}</li>" for line in lines)
    return f"<h2>{esc(text['stops'])}</h2><ul>{items}</ul>"


def _first_hour(sheet: TeamSheet) -> str:
    text = TEAM_CARD[sheet.language]
    first = min(sheet.profile.processes, key=lambda p: duration(p.mtpd))
    steps = [
        text["step_safe"],
        text["step_decide"].format(role=sheet.profile.contacts[0].role),
        text["step_first"].format(process=first.name),
    ]
    if sheet.radio:
        steps.append(text["step_radio"])
    items = "".join(f"<li>{esc(step)}</li>" for step in steps)
    return f"<h2>{esc(text['first_hour'])}</h2><ol>{items}</ol>"


def _work(sheet: TeamSheet, processes: tuple[Process, ...]) -> str:
    text = TEAM_CARD[sheet.language]
    rows = "".join(
        f"<tr><td><strong>{esc(p.name)}</strong><br>"
        f"{esc(text['max'].format(time=say_duration(p.mtpd, sheet.language)))}</td>"
        f"<td>{esc(p.fallback)}</td></tr>"
        for p in processes
    )
    return (
        f"<section><h2>{esc(text['work'])}</h2><table>"
        '<colgroup><col style="width:30%"><col></colgroup>'
        f"<thead><tr><th>{esc(text['process'])}</th><th>{esc(text['instead'])}</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></section>"
    )


def _where(sheet: TeamSheet) -> str:
    text = TEAM_CARD[sheet.language]
    profile = sheet.profile
    rows = [(text["location"], esc(profile.location))]
    if profile.fallback_location:
        rows.append((text["fallback"], esc(profile.fallback_location)))
    rows.append((text["assembly"], esc(profile.assembly_point)))
    if sheet.support_points:
        points = "; ".join(
            f"{esc(place.name)}, {esc(place.address)}" for place in sheet.support_points
        )
        rows.append((text["support_points"], points))
    if sheet.no_contact:
        rule = sheet.no_contact
        rows.append(
            (text["no_contact"], esc(text["meet"].format(times=_times(sheet), where=rule.where)))
        )
    cells = "".join(f"<tr><th>{esc(label)}</th><td>{value}</td></tr>" for label, value in rows)
    return (
        f"<h2>{esc(text['where'])}</h2><table>"
        f'<colgroup><col style="width:21%"><col></colgroup><tbody>{cells}</tbody></table>'
    )


def _news(sheet: TeamSheet, page_url: str | None) -> str:
    text = TEAM_CARD[sheet.language]
    boxes = []
    if sheet.radio:
        boxes.append(f"<strong>{esc(text['radio'])}</strong><br>{esc(sheet.radio)}")
    boxes.append(f"<strong>{esc(text['nl_alert'])}</strong><br>{esc(text['nl_alert_text'])}")
    inside = "".join(f'<div class="box">{box}</div>' for box in boxes)
    if page_url is not None:
        inside += (
            f'<div class="qr"><span>{esc(text["qr"])}</span>{qr_svg(page_url, text["qr"])}</div>'
        )
    return f'<section><h2>{esc(text["news"])}</h2><div class="cols">{inside}</div></section>'


def _contacts(sheet: TeamSheet) -> str:
    text = TEAM_CARD[sheet.language]
    rows = "".join(
        f'<tr><td><strong>{esc(c.role)}</strong>: {esc(c.why)}</td><td class="write"></td></tr>'
        for c in sheet.profile.contacts
    )
    return (
        f"<section><h2>{esc(text['contacts'])}</h2><table>"
        '<colgroup><col style="width:62%"><col></colgroup>'
        f"<thead><tr><th>{esc(text['role'])}</th><th>{esc(text['number'])}</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></section>"
    )


def _foot(sheet: TeamSheet, has_qr: bool) -> str:
    text = TEAM_CARD[sheet.language]
    lines = [] if has_qr else [text["no_qr"]]
    if sheet.fictional:
        lines.append(text["fictional"].format(organisation=sheet.organisation))
    if not lines:
        return ""
    said = "<br>".join(esc(line) for line in lines)
    return f'<footer class="foot">{said}</footer>'


def _times(sheet: TeamSheet) -> str:
    assert sheet.no_contact is not None
    return TEAM_CARD[sheet.language]["times_joiner"].join(sheet.no_contact.times)
