"""The fixed words of the printouts, Dutch first (language level B1), English second."""

from __future__ import annotations

from content.language import Language

MONTHS: dict[Language, tuple[str, ...]] = {
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}  # fmt: skip

TEAM_CARD: dict[Language, dict[str, str]] = {
    "nl": {
        "kicker": "Noodkaart",
        "keep": "Bewaar deze kaart op papier: bij uitval werken Teams en telefoon misschien niet.",
        "stops": "Wat stopt er?",
        "computers": "Zonder stroom en internet werken computers, e-mail en Teams niet.",
        "apps": "Deze programma's werken niet",
        "phone": "De telefoon werkt misschien niet. Mobiel bellen lukt vaak maar een paar uur.",
        "building": "Pasjes, deuren en liften werken misschien niet.",
        "first_hour": "Het eerste uur",
        "step_safe": "Zorg dat iedereen veilig is. Help wie vastzit, bijvoorbeeld in de lift.",
        "step_decide": "Wie beslist: {role}. Die kiest wie er blijft en welk werk eerst gaat.",
        "step_first": "Begin met: {process}. Hieronder staat hoe.",
        "step_radio": "Zet een noodradio aan en luister naar de rampenzender (zie hieronder).",
        "work": "Ons belangrijkste werk en hoe we doorgaan",
        "process": "Werk",
        "max": "Mag hooguit {time} stilliggen.",
        "instead": "Zo gaan we door",
        "contacts": "Wie bel je?",
        "role": "Wie en waarom",
        "number": "Naam en nummer (zelf invullen)",
        "where": "Waar ga je heen?",
        "location": "Werkplek",
        "fallback": "Uitwijklocatie",
        "assembly": "Verzamelplek",
        "support_points": "Noodsteunpunt",
        "no_contact": "Niemand te bereiken?",
        "times_joiner": " of ",
        "meet": "Kom om {times} uur. Waar: {where}",
        "news": "Nieuws en waarschuwingen",
        "radio": "Rampenzender",
        "nl_alert": "NL-Alert",
        "nl_alert_text": "Een bericht van de overheid op je mobiele telefoon, met een hard "
        "geluid. Lees het meteen en doe wat er staat.",
        "version": "Versie {version} (kenmerk {mark}), gedrukt op {date}",
        "qr": "Deze kaart online, als het netwerk weer werkt",
        "no_qr": "Geen QR-code: er is nog geen SharePoint-site ingesteld. Vraag je teamleider "
        "waar de kaart online staat.",
        "fictional": "Voorbeeld: {organisation} en de plekken op deze kaart bestaan niet.",
    },
    "en": {
        "kicker": "Outage card",
        "keep": "Keep this card on paper: in an outage, Teams and phones may not work.",
        "stops": "What stops?",
        "computers": "Without power and internet, computers, e-mail and Teams do not work.",
        "apps": "These applications do not work",
        "phone": "Phones may not work. Mobile calls often work for only a few hours.",
        "building": "Badges, doors and lifts may not work.",
        "first_hour": "The first hour",
        "step_safe": "Make sure everyone is safe. Help anyone who is stuck, in a lift for example.",
        "step_decide": "Who decides: {role}. They choose who stays and which work goes first.",
        "step_first": "Start with: {process}. See below how.",
        "step_radio": "Switch on an emergency radio and tune in the emergency broadcaster (see "
        "below).",
        "work": "Our most important work and how we carry on",
        "process": "Work",
        "max": "May stop for at most {time}.",
        "instead": "How we carry on",
        "contacts": "Whom do you call?",
        "role": "Who and why",
        "number": "Name and number (write in)",
        "where": "Where do you go?",
        "location": "Workplace",
        "fallback": "Fallback location",
        "assembly": "Assembly point",
        "support_points": "Emergency support point",
        "no_contact": "Cannot reach anyone?",
        "times_joiner": " or ",
        "meet": "Come at {times}. Where: {where}",
        "news": "News and warnings",
        "radio": "Emergency broadcaster",
        "nl_alert": "NL-Alert",
        "nl_alert_text": "A message from the government on your mobile phone, with a loud "
        "sound. Read it at once and do what it says.",
        "version": "Version {version} (mark {mark}), printed on {date}",
        "qr": "This card online, when the network is back",
        "no_qr": "No QR code: no SharePoint site has been set up yet. Ask your team leader "
        "where the card is online.",
        "fictional": "Example: {organisation} and the places on this card do not exist.",
    },
}


def say_date(year: int, month: int, day: int, language: Language) -> str:
    """A date in words: "28 november 2026" or "28 November 2026"."""
    return f"{day} {MONTHS[language][month - 1]} {year}"
