"""Which language to speak to a user: their own choice, else the client or the organisation."""

from __future__ import annotations

from content.language import LANGUAGES, Language, language_of_locale


def resolve_language(
    chosen: str | None,
    client_locale: str | None,
    *,
    default: Language,
    follow_client: bool,
) -> Language:
    """The user's choice wins; then the Teams client's locale when the organisation follows it."""
    for language in LANGUAGES:
        if chosen == language:
            return language
    if follow_client:
        return language_of_locale(client_locale) or default
    return default
