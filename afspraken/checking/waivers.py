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
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, Optional

from afspraken import hookimpl
from afspraken.builtin import BRON
from afspraken.results import Finding, Outcome
from afspraken.rules import Rule, Severity, Text, Violation, rule

if TYPE_CHECKING:
    from afspraken.model import Agreement, Uitzondering
    from afspraken.reading.loading import Source

UNUSED, EXPIRED = "uitzondering-ongebruikt", "uitzondering-verlopen"
ALWAYS = (UNUSED, EXPIRED)
"""On in every rule set: they judge the waivers, not the agreement (``--ignore`` or ``ernst = "uit"`` switch them off)."""


def _judged_with_the_other_rules(doc: Agreement, params: Any) -> Iterator[Violation]:
    """A waiver is judged by :func:`judge`, with the other rules' findings; alone there is nothing to judge."""
    return iter(())


_QUOTE = (
    "Maak goede afspraken over wie waarvoor verantwoordelijk is. Spreek mensen er vervolgens op aan als ze de "
    "afspraken niet nakomen."
)


ongebruikt = rule(
    source=BRON,
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
    source=BRON,
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


RULES: Mapping[str, Rule[Any]] = {r.id: r for r in (ongebruikt, verlopen)}


@hookimpl
def register_rules() -> list[Rule[Any]]:
    return list(RULES.values())


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
        own = list(_notes(waiver, i, found, ran, settings, today))
        for rule_id, key, message, fix in own:
            severity = settings.severity.get(rule_id)
            if severity is not None:
                notes.append(Finding(rule_id, severity, message, (source.at(("uitzondering", i, key)),), fix=fix))
        if not own and waiver.regel in found:
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
    if waiver.tot is not None and waiver.tot < today:  # `tot` is the last day it holds
        if regel in found or regel not in ran:
            nl, en = "de bevindingen tellen weer mee", "its findings count again"
        else:
            nl, en = "die regel vindt nu niets meer: verwijder de uitzondering", "that rule now finds nothing: remove the waiver"
        yield (
            EXPIRED, "tot",
            Text(f"de uitzondering voor '{regel}' is verlopen op {waiver.tot}; {nl}", f"the waiver for '{regel}' expired on {waiver.tot}; {en}"),
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
