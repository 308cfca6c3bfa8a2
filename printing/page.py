"""One printable A4 page as a self-contained HTML document: the shared look of every printout.

The page prints the same from Chromium's ``--print-to-pdf`` and from any browser's print
dialog: A4, no browser header or footer, black on white, large type. A small script makes the
type smaller, in steps and never below 11 pt, until the page fits on one sheet; without
scripts the page still prints, at the largest size.
"""

from __future__ import annotations

from html import escape

from content.language import Language

MARGIN_MM = 10
"""White edge on every side: office printers cannot print the outer 4-6 mm."""

ROOM_MM = 5
"""Height kept free below the fitted text: print layout sets text a little taller than the
screen layout the fitting measures."""

LARGEST_PT = 13.0
"""Body text size the fitting starts from."""
SMALLEST_PT = 11.0
"""Body text is never smaller than this; what still does not fit flows onto a second sheet
(never cut off), and the tests refuse a second sheet."""

_CSS = """
@page { size: A4; margin: 0; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; background: #fff; color: #000; }
body {
  font-family: "Liberation Sans", "DejaVu Sans", Arial, Helvetica, sans-serif;
  font-size: var(--body, 13pt); line-height: 1.12;
  -webkit-print-color-adjust: exact; print-color-adjust: exact;
}
.sheet {
  width: 210mm; height: 296mm; padding: __MARGIN__mm;
  display: flex; flex-direction: column; gap: 0.3em;
}
h1 { font-size: 1.75em; margin: 0; line-height: 1.1; }
h2 {
  font-size: 1.12em; margin: 0.15em 0 0.2em; padding-bottom: 0.1em;
  border-bottom: 1.5pt solid #000; text-transform: uppercase; letter-spacing: 0.02em;
}
p { margin: 0 0 0.25em; }
ol, ul { margin: 0; padding-left: 1.3em; }
li { margin: 0 0 0.15em; }
table { width: 100%; border-collapse: collapse; }
th, td { border: 1pt solid #000; padding: 0.12em 0.3em; text-align: left; vertical-align: top; }
th { font-weight: bold; }
.top { border-bottom: 3pt solid #000; padding-bottom: 0.2em; }
.top .keep { font-weight: bold; margin: 0.1em 0 0; }
.title-line { display: flex; justify-content: space-between; align-items: flex-end; gap: 1em; }
.title-line .keep { max-width: 48%; text-align: right; margin: 0; }
.kicker-line { display: flex; justify-content: space-between; gap: 1em; align-items: baseline; }
.version { font-weight: normal; }
.kicker { font-weight: bold; text-transform: uppercase; letter-spacing: 0.06em; }
.cols { display: flex; gap: 1em; }
.cols > * { flex: 1 1 0; min-width: 0; }
.cols > .qr { flex: 0 0 auto; }
.cols > .wide { flex-grow: 1.4; }
.box { border: 1.5pt solid #000; padding: 0.15em 0.4em; }
.write { height: 2.1em; }
.line { border-bottom: 1pt solid #000; display: inline-block; min-width: 9em; }
.check { display: inline-block; width: 0.95em; height: 0.95em; border: 1.2pt solid #000;
         vertical-align: -0.12em; margin-right: 0.35em; }
.foot { border-top: 1.5pt solid #000; padding-top: 0.3em; }
.qr { display: flex; align-items: center; gap: 0.4em; max-width: 52mm; }
.qr svg { width: 22mm; height: 22mm; flex: 0 0 22mm; }
.fields { display: flex; flex-wrap: wrap; gap: 0.4em 1.5em; margin: 0.3em 0 0.4em; }
.field { white-space: nowrap; }
.numberbox { border: 2pt solid #000; padding: 0.2em 0.5em; min-width: 10em; font-weight: bold;
             font-size: 1.2em; }
.form th { width: 30%; }
.total { margin-top: 0.8em; font-weight: bold; }
.qa dt { font-weight: bold; margin-top: 0.35em; }
.qa dd { margin: 0 0 0 1.2em; }
.twocol { column-count: 2; column-gap: 1.2em; }
.group { break-inside: avoid; margin-bottom: 0.35em; }
.group h3 { font-size: 1em; margin: 0 0 0.15em; border-bottom: 1pt solid #000; }
.item { padding-left: 1.4em; text-indent: -1.4em; margin: 0 0 0.2em; }
.why { font-style: italic; }
"""

# Shrinks the type in half-point steps until the sheet's content fits; runs before the load
# event, so Chromium's --print-to-pdf prints the fitted page.
_FIT = """
(function () {
  var sheet = document.querySelector('.sheet');
  // Print layout sets text a little taller than the screen layout measured here: keep room.
  var room = __ROOM__ * 96 / 25.4;
  function fits() {
    var bottom = sheet.lastElementChild.getBoundingClientRect().bottom;
    var limit = sheet.getBoundingClientRect().bottom - room
      - parseFloat(getComputedStyle(sheet).paddingBottom);
    return bottom <= limit;
  }
  for (var pt = __LARGEST__; pt >= __SMALLEST__; pt -= 0.5) {
    document.body.style.setProperty('--body', pt + 'pt');
    if (fits()) { break; }
  }
  var fitted = fits();
  document.documentElement.setAttribute('data-fits', fitted ? 'yes' : 'no');
  // Never cut text off: what does not fit flows onto a second page, which the tests refuse.
  if (!fitted) { sheet.style.height = 'auto'; }
})();
"""


def esc(text: object) -> str:
    """``text`` safe inside HTML."""
    return escape(str(text), quote=True)


def document(title: str, body: str, language: Language) -> str:
    """A complete A4 page: ``body`` (trusted HTML built with :func:`esc`) inside one sheet."""
    css = _CSS.replace("__MARGIN__", str(MARGIN_MM))
    fit = (
        _FIT.replace("__LARGEST__", str(LARGEST_PT))
        .replace("__SMALLEST__", str(SMALLEST_PT))
        .replace("__ROOM__", str(ROOM_MM))
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{language}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{esc(title)}</title>\n<style>{css}</style>\n</head>\n<body>\n"
        f'<main class="sheet">\n{body}\n</main>\n<script>{fit}</script>\n</body>\n</html>\n'
    )
