"""Comply or explain (pas toe of leg uit): waivers in ``[[uitzondering]]``, in one place.

A waiver explains the findings of one rule. It is judged after the other rules ran,
because whether it is needed depends on what they found. This module owns the rules that
judge waivers (their ids, texts and severity: listed, explained, configured and ignored
like any rule, and on in every rule set) and the logic: :func:`judge` returns the findings
with the waived ones marked explained, plus the findings about the waivers themselves.

To add a judgement of a waiver: write a rule below (its metadata), add its id to
:data:`ALWAYS` if every rule set has it, and yield its findings from :func:`_notes`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, Optional

from afspraken import hookimpl
from afspraken.builtin import WERKGROEPEN, datum
from afspraken.results import Finding, Outcome
from afspraken.rules import Rule, Severity, Text, Violation, rule
from afspraken.wording import STOCK_PHRASES, explains, remainder  # noqa: F401 - the words that make a waiver an explanation, asked here too

if TYPE_CHECKING:
    from afspraken.model import Agreement, Uitzondering
    from afspraken.reading.source import Source

UNUSED, EXPIRED, OPEN = "uitzondering-ongebruikt", "uitzondering-verlopen", "uitzondering-zonder-einddatum"
ALWAYS = (UNUSED, EXPIRED, OPEN)
"""On in every rule set: they judge the waivers, not the agreement (``--ignore`` or ``ernst = "uit"`` switch them off)."""


def _judged_with_the_other_rules(doc: Agreement, params: Any) -> Iterator[Violation]:
    """A waiver is judged by :func:`judge`, with the other rules' findings; alone there is nothing to judge."""
    return iter(())


_QUOTE = (
    "Maak goede afspraken over wie waarvoor verantwoordelijk is. Spreek mensen er vervolgens op aan als ze de "
    "afspraken niet nakomen."
)


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
)(_judged_with_the_other_rules)

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
)(_judged_with_the_other_rules)


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
)(_judged_with_the_other_rules)

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
)(_judged_with_the_other_rules)


RULES: Mapping[str, Rule[Any]] = {r.id: r for r in (ongebruikt, verlopen, zonder_einddatum)}
"""The rules that judge waivers (:func:`judge`)."""


@hookimpl
def register_rules() -> list[Rule[Any]]:
    # geen-regelset-voor-soort is judged by the engine too (it knows the rule sets), not a waiver rule
    return [*RULES.values(), geen_regelset]


class Settings(NamedTuple):
    """What the judgement needs to know of the run's settings."""

    severity: Mapping[str, Optional[Severity]]  # of each waiver rule; None: switched off
    rulesets: Sequence[str]
    off: Iterable[str]  # rules switched off
    narrowed: bool  # --select chose the rules: a waiver for another rule says nothing
    always: Iterable[str] = ()  # rules on in every rule set (a waiver for one is never "not in the rule sets")


class Judged(NamedTuple):
    """The findings after the waivers: the rules' (waived ones explained) and the waivers' own."""

    findings: tuple[Finding, ...]
    explained: frozenset[str]  # rules whose findings a waiver explains (their outcome: uitgelegd)
    outcomes: Mapping[str, tuple[Outcome, Severity]]  # of the waiver rules that judged


def judge(source: Source, agreement: Agreement, findings: Sequence[Finding], ran: Iterable[str], settings: Settings, today: dt.date) -> Judged:
    """Comply or explain: mark waived findings as explained; report unused and expired waivers."""
    ran = set(ran)
    found = {f.rule for f in findings}
    notes: list[Finding] = []
    waived: dict[str, str] = {}
    for i, waiver in enumerate(agreement.uitzondering):
        for rule_id, key, message, fix in _notes(waiver, i, found, ran, settings, today):
            severity = settings.severity.get(rule_id)
            if severity is not None:
                notes.append(Finding(rule_id, severity, message, (source.at(("uitzondering", i, key)),), fix=fix))
        expired = waiver.tot is not None and waiver.tot < today
        if not expired and waiver.regel in found:
            waived.setdefault(waiver.regel, waiver.toelichting)
    out = [f._replace(explained=Text(waived[f.rule], waived[f.rule])) if f.rule in waived else f for f in findings]
    outcomes: dict[str, tuple[Outcome, Severity]] = {}
    if agreement.uitzondering:
        for rule_id, severity in settings.severity.items():
            if severity is not None:
                hit = any(n.rule == rule_id for n in notes)
                outcomes[rule_id] = (Outcome.BEVINDING if hit else Outcome.GESLAAGD, severity)
    return Judged((*out, *notes), frozenset(waived), outcomes)


Note = tuple[str, str, Text, Text]  # rule id, key of the waiver it is about, message, fix


def _notes(waiver: Uitzondering, i: int, found: set[str], ran: set[str], settings: Settings, today: dt.date) -> Iterator[Note]:
    """What is wrong with one waiver (nothing: it explains its rule's findings)."""
    regel = waiver.regel
    if waiver.tot is None:  # also for an unused waiver: an explanation holds for a time
        yield (
            OPEN, "regel",
            Text(f"de uitzondering voor '{regel}' heeft geen einddatum (tot); een uitleg geldt voor een tijd",
                 f"the waiver for '{regel}' has no end date (tot); an explanation holds for a time"),
            Text(f"Zet bij de uitzondering voor '{regel}' een datum tot, waarna de regel weer geldt.",
                 f"Give the waiver for '{regel}' a date tot, after which the rule applies again."),
        )
    if waiver.tot is not None and waiver.tot < today:  # `tot` is the last day it holds
        if regel in found or regel not in ran:
            nl, en = "de bevindingen tellen weer mee", "its findings count again"
        else:
            nl, en = "die regel vindt nu niets meer: verwijder de uitzondering", "that rule now finds nothing: remove the waiver"
        yield (
            EXPIRED, "tot",
            Text(
                f"de uitzondering voor '{regel}' gold tot en met {datum(waiver.tot, 'nl')} en is verlopen; {nl}",
                f"the waiver for '{regel}' held until {datum(waiver.tot, 'en')} and has expired; {en}",
            ),
            verlopen.fix,
        )
    elif regel in found:
        return
    elif regel in ran:
        yield (
            UNUSED, "regel",
            Text(f"de uitzondering voor '{regel}' is niet nodig: die regel vond niets", f"the waiver for '{regel}' is not needed: that rule found nothing"),
            Text("Verwijder deze [[uitzondering]].", "Remove this [[uitzondering]]."),
        )
    elif not settings.narrowed and regel not in settings.off and regel not in RULES and regel not in settings.always:
        sets = ", ".join(settings.rulesets)
        yield (
            UNUSED, "regel",
            Text(
                f"de uitzondering voor '{regel}' is niet nodig: die regel hoort niet bij de gekozen regelsets ({sets})",
                f"the waiver for '{regel}' is not needed: that rule is not in the chosen rule sets ({sets})",
            ),
            Text("Verwijder deze [[uitzondering]], of kies een regelset met die regel.", "Remove this [[uitzondering]], or choose a rule set with that rule."),
        )
