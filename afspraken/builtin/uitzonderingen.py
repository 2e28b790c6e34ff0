"""Always-on rules about comply-or-explain waivers (``[[uitzondering]]``) and the choice of rule set.

The engine applies waivers after all other rules ran, so these checks live
in :func:`afspraken.checking.engine.evaluate`; here they get their id, texts and severity,
so that they can be listed, explained, configured and ignored like any rule.
"""

from __future__ import annotations

from collections.abc import Iterator

from afspraken import hookimpl
from afspraken.builtin import WERKGROEPEN
from afspraken.model import Agreement
from afspraken.rules import Params, Rule, Text, Violation, rule

_QUOTE = (
    "Maak goede afspraken over wie waarvoor verantwoordelijk is. Spreek mensen er vervolgens op aan als ze de "
    "afspraken niet nakomen."
)


def _applied_by_engine(doc: Agreement, params: Params) -> Iterator[Violation]:
    return iter(())


ongebruikt = rule(
    source=WERKGROEPEN,
    id="uitzondering-ongebruikt",
    severity="waarschuwing",
    title=Text("Uitzondering zonder bevinding", "Waiver without a finding"),
    summary=Text(
        "Een [[uitzondering]] voor een regel die in dit bestand niets vond, zoals een overbodige noqa.",
        "An [[uitzondering]] for a rule that found nothing in this file, like an unused noqa.",
    ),
    rationale=Text(
        "Pas toe of leg uit werkt alleen als elke uitleg over een echte afwijking gaat. Een overbodige uitzondering "
        "verbergt later een nieuwe afwijking zonder dat iemand die uitlegt.",
        "Comply or explain only works when every explanation is about a real deviation. An unneeded waiver later hides "
        "a new deviation that nobody explained.",
    ),
    quote=_QUOTE,
    fix=Text("Verwijder de [[uitzondering]].", "Remove the [[uitzondering]]."),
    example_fail="""
[[uitzondering]]
regel = "kleinschalig"      # maar de afspraak is al kleinschalig
toelichting = "De aanpak werkt op wijkniveau vanwege de herstructurering."
""",
    example_pass="# geen [[uitzondering]] voor een regel die niets vindt",
)(_applied_by_engine)

verlopen = rule(
    source=WERKGROEPEN,
    id="uitzondering-verlopen",
    severity="waarschuwing",
    title=Text("Verlopen uitzondering", "Expired waiver"),
    summary=Text(
        "Een [[uitzondering]] waarvan de datum 'tot' voorbij is; de bevindingen van die regel tellen weer mee.",
        "An [[uitzondering]] whose 'tot' date has passed; that rule's findings count again.",
    ),
    rationale=Text(
        "Een uitzondering is een afspraak voor een tijd. Na de einddatum moet de regel weer gelden, of moet de "
        "uitleg opnieuw worden gegeven.",
        "A waiver is an agreement for a time. After its end date the rule applies again, or the explanation must be "
        "given anew.",
    ),
    quote=_QUOTE,
    fix=Text(
        "Pas de regel alsnog toe, of verleng de uitzondering met een nieuwe toelichting.",
        "Apply the rule after all, or extend the waiver with a new explanation.",
    ),
    example_fail="""
[[uitzondering]]
regel = "lange-termijn"
toelichting = "Eerst een proefjaar; daarna besluiten we over verlenging."
tot = 2020-12-31
""",
    example_pass="""
[[uitzondering]]
regel = "lange-termijn"
toelichting = "Eerst een proefjaar; daarna besluiten we over verlenging."
tot = 2030-12-31
""",
)(_applied_by_engine)


zonder_einddatum = rule(
    source=WERKGROEPEN,
    id="uitzondering-zonder-einddatum",
    severity="advies",
    title=Text("Uitzondering zonder einddatum", "Waiver without an end date"),
    summary=Text(
        "Een [[uitzondering]] zonder datum 'tot', ook als die uitzondering (nog) niets uitlegt.",
        "An [[uitzondering]] without a 'tot' date, even when that waiver explains nothing (yet).",
    ),
    rationale=Text(
        "Een uitleg geldt voor een tijd: de wijk en de afspraak veranderen. Een einddatum dwingt de partijen om de "
        "uitzondering opnieuw te bekijken.",
        "An explanation holds for a time: the neighbourhood and the agreement change. An end date makes the parties "
        "look at the waiver again.",
    ),
    quote=_QUOTE,
    fix=Text(
        "Zet bij de [[uitzondering]] een datum tot, waarna de regel weer geldt.",
        "Give the [[uitzondering]] a date tot, after which the rule applies again.",
    ),
    example_fail="""
[[uitzondering]]
regel = "lange-termijn"
toelichting = "Eerst een proefjaar; daarna besluiten we over verlenging."
""",
    example_pass="""
[[uitzondering]]
regel = "lange-termijn"
toelichting = "Eerst een proefjaar; daarna besluiten we over verlenging."
tot = 2030-12-31
""",
)(_applied_by_engine)

geen_regelset = rule(
    source=WERKGROEPEN,
    id="geen-regelset-voor-soort",
    severity="advies",
    title=Text("Geen regelset voor deze soort afspraak", "No rule set for this kind of agreement"),
    summary=Text(
        "Geen geïnstalleerde regelset noemt afspraak.soort in standaard_voor, en er is geen regelset gekozen; dan "
        "wordt alleen 'basis' toegepast, en zegt deze melding welke soort regelset zou passen.",
        "No installed rule set lists afspraak.soort in standaard_voor, and no rule set was chosen; then only 'basis' "
        "is applied, and this message says which kind of rule set would fit.",
    ),
    rationale=Text(
        "Een prestatieafspraak is geen wijkafspraak: wie haar met wijkregels toetst, krijgt bevindingen die niet "
        "passen. Beter alleen de basis en een eerlijke melding.",
        "A prestatieafspraak is not a neighbourhood agreement: judging it by neighbourhood rules gives findings that "
        "do not fit. Better only the basics and an honest note.",
    ),
    quote="Zorg voor maatwerk. Kijk samen met alle betrokken partijen naar de aard van de wijk en stem daar je beleid op af.",
    fix=Text(
        "Installeer een regelset die de standaard is voor deze soort, of kies er een met --regelset.",
        "Install a rule set that is the default for this kind, or choose one with --regelset.",
    ),
    example_fail="""
[afspraak]
soort = "prestatieafspraak"   # zonder geïnstalleerde regelset voor prestatieafspraken
""",
    example_pass="""
[afspraak]
soort = "wijkafspraak"
""",
)(_applied_by_engine)


@hookimpl
def register_rules() -> list[Rule]:
    return [ongebruikt, verlopen, zonder_einddatum, geen_regelset]
