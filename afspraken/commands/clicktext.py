"""click's own messages in Dutch, by their gettext message ids.

A message click rewords is no longer found here and stays English; ``tests/test_language.py``
fails when an id below is no longer one of click's, so that it is noticed and translated.
"""

from __future__ import annotations

import gettext

# msgid -> Dutch. Placeholders are click's; a translation may leave one out (str.format ignores it).
MESSAGES: dict[str, str] = {
    "Usage:": "Gebruik:",
    "Options": "Opties",
    "Commands": "Opdrachten",
    "Positional arguments": "Argumenten",
    "Show this message and exit.": "Toon deze hulp en stop.",
    "Show the version and exit.": "Toon de versie en stop.",
    "%(prog)s, version %(version)s": "%(prog)s, versie %(version)s",
    "Error: {message}": "Fout: {message}",
    "Try '{command} {option}' for help.": "Zie '{command} {option}' voor hulp.",
    "Missing command.": "Geen opdracht gegeven.",
    "Aborted!": "Afgebroken.",
    "Missing argument": "Ontbrekend argument",
    "Missing option": "Ontbrekende optie",
    "Missing parameter": "Ontbrekende parameter",
    "Missing {param_type}": "Ontbrekend: {param_type}",
    "Missing parameter: {param_name}": "Ontbrekende parameter: {param_name}",
    "Invalid value for {param_hint}: {message}": "Ongeldige waarde voor {param_hint}: {message}",
    "Invalid value: {message}": "Ongeldige waarde: {message}",
    "No such option {name!r}.": "Onbekende optie {name!r}.",
    "No such command {name!r}.": "Onbekende opdracht {name!r}.",
    "Option {name!r} does not take a value.": "Optie {name!r} neemt geen waarde.",
    "Argument {name!r} takes {nargs} values.": "Argument {name!r} neemt {nargs} waarden.",
    "{value} is not in the range {range}.": "{value} valt niet binnen {range}.",
    "{value!r} is not a valid {number_type}.": "{value!r} is geen geldig getal.",
    "{value!r} is not a valid boolean. Recognized values: {states}": "{value!r} is geen ja/nee-waarde. Toegestaan: {states}",
    "{name} {filename!r} does not exist.": "{filename!r} bestaat niet.",
    "{name} {filename!r} is a file.": "{filename!r} is een bestand.",
    "{name} {filename!r} is a directory.": "{filename!r} is een map.",
    "{name} {filename!r} is not readable.": "{filename!r} is niet leesbaar.",
    "{name} {filename!r} is not writable.": "{filename!r} is niet schrijfbaar.",
    "{name} {filename!r} is not executable.": "{filename!r} is niet uitvoerbaar.",
    "Could not open file {filename!r}: {message}": "Kan bestand {filename!r} niet openen: {message}",
    "unknown error": "onbekende fout",
    "default: {default}": "standaard: {default}",
    "env var: {var}": "omgevingsvariabele: {var}",
    "(dynamic)": "(dynamisch)",
    "deprecated": "verouderd",
    "Choose from:\n\t{choices}": "Kies uit:\n\t{choices}",
    "Repeat for confirmation": "Herhaal ter bevestiging",
    "Error: The two entered values do not match.": "Fout: de twee antwoorden zijn niet gelijk.",
    "Error: invalid input": "Fout: ongeldige invoer",
    "Press any key to continue...": "Druk op een toets om verder te gaan...",
    "Do you want to continue?": "Wilt u doorgaan?",
    "Value must be an iterable.": "De waarde moet een reeks zijn.",
}

# (singular msgid, plural msgid) -> (Dutch singular, Dutch plural)
PLURALS: dict[tuple[str, str], tuple[str, str]] = {
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"): ("Bedoelde u {possibility}?", "(Bedoelde u een van: {possibilities}?)"),
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"): ("Onverwacht extra argument ({args})", "Onverwachte extra argumenten ({args})"),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."): ("Optie {name!r} heeft een waarde nodig.", "Optie {name!r} heeft {nargs} waarden nodig."),
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."): ("{value!r} is niet {choice}.", "{value!r} is geen van {choices}."),
    ("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."): ("Neemt {nargs} waarden, maar er is er 1 gegeven.", "Neemt {nargs} waarden, maar er zijn er {len} gegeven."),
}


class Dutch(gettext.NullTranslations):
    """A gettext translation of click's domain into Dutch; unknown ids fall back to English."""

    def gettext(self, message: str) -> str:
        return MESSAGES.get(message, message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        found = PLURALS.get((msgid1, msgid2))
        if found is None:
            return msgid1 if n == 1 else msgid2
        return found[0] if n == 1 else found[1]
