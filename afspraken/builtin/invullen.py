"""Always-on rule ``nog-invullen``: a ``VUL IN`` marker left anywhere in the file.

``afspraken init`` marks every place still to be filled in with ``VUL IN``, in values and in
comments. A comment is not in the model, so the engine finds the markers in the source text
(:func:`markers`) and locates each one exactly; here the rule gets its id, texts and severity,
so that it can be listed, explained, configured and ignored like any rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from afspraken import hookimpl
from afspraken.builtin import BRON
from afspraken.reading.files import toml_lines
from afspraken.model import Agreement
from afspraken.rules import Params, Rule, Text, Violation, rule

ID = "nog-invullen"
MARKER = "VUL IN"
# Any space between the words (a no-break space from a word processor too), in capitals as init
# writes it: "vul in" in lower case is ordinary Dutch in a description.
_HINT = re.compile(r"VUL[^\S\n]+IN\s*:?\s*([^\"#\n]*)")


def markers(text: str) -> Iterator[tuple[int, int, str]]:
    """(line, column, what to fill in) of each marker, 1-based."""
    if "VUL" not in text:  # nearly every file: no need to look line by line
        return
    for number, line in enumerate(toml_lines(text), 1):
        for found in _HINT.finditer(line):
            yield number, found.start() + 1, found.group(1).strip().rstrip(")").strip()


def _found_by_engine(doc: Agreement, params: Params) -> Iterator[Violation]:
    return iter(())


nog_invullen = rule(
    source=BRON,
    id=ID,
    severity="fout",
    title=Text("Nog in te vullen", "Still to be filled in"),
    summary=Text(
        "Een markering 'VUL IN' die nog in het bestand staat, in een waarde of in commentaar.",
        "A 'VUL IN' marker still in the file, in a value or in a comment.",
    ),
    rationale=Text(
        "Een concept uit 'afspraken init' is pas een afspraak als alles is ingevuld; zolang er een markering staat, "
        "kan het niet in orde zijn.",
        "A draft from 'afspraken init' is only an agreement once everything is filled in; while a marker remains, "
        "it cannot be in order.",
    ),
    quote="Iedereen weet dat aan een effectieve wijkaanpak bepaalde voorwaarden verbonden zijn, zoals vertrouwen in "
    "bewoners, ruimte voor professionals in de uitvoering, heldere afspraken en een goede `chemie` tussen personen.",
    fix=Text(
        "Vul op deze plek de gevraagde waarde in en haal de markering 'VUL IN' weg.",
        "Fill in the value asked for here and remove the 'VUL IN' marker.",
    ),
    example_fail='[afspraak]\nbewoners = 0  # VUL IN: aantal bewoners',
    example_pass="[afspraak]\nbewoners = 8500",
)(_found_by_engine)


@hookimpl
def register_rules() -> list[Rule]:
    return [nog_invullen]
