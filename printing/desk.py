"""The fixed questions and answers for the public desk: what staff say to residents when the
systems are down. Facts come from the content library (broadcaster, noodsteunpunten,
emergency drinking water), so the sheet says what the rest of Paraat says."""

from __future__ import annotations

from content.language import Language
from content.loader import Library
from content.model import Term
from printing.page import document, esc
from printing.team_sheet import RADIO_TERM

_TEXT: dict[Language, dict[str, str]] = {
    "nl": {
        "kicker": "Voor de balie",
        "title": "Vragen en vaste antwoorden",
        "intro": "Zeg alleen wat hier staat, of wat de gemeente later besluit. Weet je het "
        "antwoord niet? Schrijf de vraag op een meldingsformulier.",
        "q_what": "Wat is er aan de hand?",
        "a_what": "De stroom en het internet zijn uitgevallen. We weten nog niet hoe lang het "
        "duurt. De gemeente werkt door, op papier.",
        "q_news": "Waar hoor ik meer?",
        "a_news_radio": "Luister naar de rampenzender. Dat is {meaning}",
        "a_news_alert": "Let op NL-Alert: een bericht van de overheid op je mobiele telefoon.",
        "a_help": "Bij een noodsteunpunt. Dat is {meaning}",
        "a_water": "Duurt het lang? Dan komt er nooddrinkwater. Dat is {meaning}",
        "q_help": "Waar krijg ik hulp en informatie?",
        "q_papers": "Ik kom voor een paspoort, identiteitskaart of rijbewijs.",
        "a_papers": "Dat kan nu niet: het systeem werkt niet. Heb je veel haast? Dan schrijven "
        "we je naam en adres op. We helpen je als eerste als de systemen weer werken.",
        "q_birth": "Ik moet een geboorte of een overlijden aangeven.",
        "a_birth": "Dat kan wel. We schrijven de aangifte op een papieren formulier. Een "
        "uitvaart kan op tijd door.",
        "q_pay": "Kan ik pinnen?",
        "a_pay": "Nee. Pinnen werkt niet zonder stroom en internet. Kom terug als het weer werkt.",
        "q_water": "Er komt geen water uit de kraan.",
        "a_water_more": "Waar je het ophaalt, hoor je via de rampenzender.",
        "q_112": "Ik moet 112 bellen, maar mijn telefoon werkt niet.",
        "a_112": "Ga naar een noodsteunpunt. Daar kun je om hulp vragen. Is er nu gevaar? "
        "Zeg het hier meteen: wij geven het door.",
        "q_boss": "Wie beslist er nu?",
        "a_boss": "Bij een grote ramp of crisis heeft de burgemeester de leiding.",
    },
    "en": {
        "kicker": "For the public desk",
        "title": "Questions and fixed answers",
        "intro": "Say only what is written here, or what the municipality decides later. "
        "Do you not know the answer? Write the question on a report form.",
        "q_what": "What is going on?",
        "a_what": "The power and the internet are down. We do not know yet how long it will "
        "last. The municipality keeps working, on paper.",
        "q_news": "Where can I hear more?",
        "a_news_radio": "Listen to the emergency broadcaster. That is {meaning}",
        "a_news_alert": "Watch for NL-Alert: a message from the government on your mobile phone.",
        "a_help": "At an emergency support point. That is {meaning}",
        "a_water": "Does it last long? Then there is emergency drinking water. That is {meaning}",
        "q_help": "Where can I get help and information?",
        "q_papers": "I have come for a passport, identity card or driving licence.",
        "a_papers": "That is not possible now: the system does not work. In a great hurry? "
        "Then we write down your name and address. We help you first when the systems work "
        "again.",
        "q_birth": "I have to register a birth or a death.",
        "a_birth": "That is possible. We write the registration on a paper form. A funeral "
        "can go ahead on time.",
        "q_pay": "Can I pay by card?",
        "a_pay": "No. Card payments do not work without power and internet. Come back when "
        "they work again.",
        "q_water": "No water comes out of the tap.",
        "a_water_more": "The emergency broadcaster tells you where to collect it.",
        "q_112": "I need to call 112, but my phone does not work.",
        "a_112": "Go to an emergency support point. You can ask for help there. Is there "
        "danger now? Say so here at once: we pass it on.",
        "q_boss": "Who decides now?",
        "a_boss": "In a major disaster or crisis the mayor is in charge.",
    },
}


def desk_answers(library: Library, language: Language) -> str:
    """The public desk's question-and-answer sheet as one A4 page."""
    text = _TEXT[language]
    content = library.for_language(language)
    radio = content.glossary.get(RADIO_TERM)
    support = content.glossary.get("noodsteunpunt")
    water = content.glossary.get("nooddrinkwater")
    points = [p for p in content.places.values() if p.kind == "noodsteunpunt"]
    news = " ".join(filter(None, [_that_is(text["a_news_radio"], radio), text["a_news_alert"]]))
    help_text = esc(_that_is(text["a_help"], support) or "")
    if points:
        listed = "".join(f"<li>{esc(p.name)}, {esc(p.address)}</li>" for p in points)
        help_text += f"<ul>{listed}</ul>"
    pairs: list[tuple[str, str]] = [
        (text["q_what"], esc(text["a_what"])),
        (text["q_news"], esc(news)),
        (text["q_help"], help_text),
        (text["q_papers"], esc(text["a_papers"])),
        (text["q_birth"], esc(text["a_birth"])),
        (text["q_pay"], esc(text["a_pay"])),
    ]
    if water:
        answer = f"{_that_is(text['a_water'], water)} {text['a_water_more']}"
        pairs.append((text["q_water"], esc(answer)))
    pairs += [(text["q_112"], esc(text["a_112"])), (text["q_boss"], esc(text["a_boss"]))]
    items = "".join(f"<dt>{esc(q)}</dt><dd>{a}</dd>" for q, a in pairs)
    body = (
        f'<header class="top"><div class="kicker-line"><span class="kicker">'
        f"{esc(text['kicker'])}</span></div><h1>{esc(text['title'])}</h1></header>"
        f'<p>{esc(text["intro"])}</p><dl class="qa">{items}</dl>'
    )
    return document(text["title"], body, language)


def _that_is(sentence: str, term: Term | None) -> str | None:
    """``sentence`` with the glossary meaning of ``term`` filled in mid-sentence."""
    if term is None:
        return None
    meaning = term.meaning
    return sentence.format(meaning=meaning[:1].lower() + meaning[1:])
