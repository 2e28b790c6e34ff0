"""Rule sets for the three models in the source: Buurtonderneming, Emmen Revisited, Development Trust.

Each rule set extends ``wijkaanpak`` and adds the one rule that defines its model. These rules
are ``fout`` by default: an agreement that claims a model but lacks what defines it is not that
model. Outside their rule sets they are not active.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from afspraken import hookimpl
from afspraken.builtin import BRON, SLEEKING, WOENSEL_WEST, name_of, names, ruleset
from afspraken.model import Agreement, Orgaan, SoortPartij
from afspraken.rules import Params, Rule, Text, Violation, rule, undecided, violation

RULESETS = ("buurtonderneming", "emmen-revisited", "development-trust")


def _organen(doc: Agreement) -> str:
    return names([f"'{o.naam}' ({o.soort})" for o in doc.orgaan], "nl") or "geen"


def _bodies(doc: Agreement) -> str:
    return names([f"'{o.naam}' ({o.soort})" for o in doc.orgaan], "en") or "none"


# --------------------------------------------------------------------------- mandaat


@rule(
    source=WOENSEL_WEST,
    id="mandaat",
    severity="fout",
    title=Text("De Buurtonderneming heeft de mandaten", "The Buurtonderneming holds the mandates"),
    summary=Text(
        "Een orgaan van soort 'buurtonderneming' heeft in mandaat de id van elke ondertekenende gemeente en "
        "corporatie; er ondertekent minstens één gemeente en één corporatie. Zijn er meer buurtondernemingen, dan "
        "volstaat één; anders noemt de melding wat ontbreekt bij de buurtonderneming die er het dichtst bij komt. "
        "Ernst fout: zonder die mandaten is het geen buurtonderneming-model.",
        "A body of kind 'buurtonderneming' lists in mandaat the id of every signing municipality and housing "
        "corporation; at least one municipality and one corporation sign. With several such bodies one suffices; "
        "otherwise the message names what the closest one lacks. Severity fout: without those mandates it is not "
        "the Buurtonderneming model.",
    ),
    rationale=Text(
        "De Buurtonderneming stuurt alle wijkverbetering aan en is één aanspreekpunt voor bewoners, omdat gemeente "
        "en corporatie haar hun mandaat gaven.",
        "The Buurtonderneming directs all neighbourhood improvement and is one point of contact for residents, "
        "because municipality and corporation gave it their mandate.",
    ),
    quote="Alle activiteiten op het gebied van wijkverbetering worden aangestuurd door de Buurtonderneming "
    "Woensel-West. De gemeente en corporatie Trudo zijn initiatiefnemer van de Buurtonderneming die beschikt over de "
    "mandaten van de gemeente en de corporatie.",
    fix=Text(
        'Geef het orgaan van soort "buurtonderneming" mandaat = [de ids van de gemeente en van elke corporatie].',
        'Give the body of kind "buurtonderneming" mandaat = [the ids of the municipality and of every corporation].',
    ),
    example_fail="""
[[orgaan]]
id = "buurtonderneming"
naam = "Buurtonderneming Voorbeeldwijk"
soort = "buurtonderneming"
mandaat = ["gemeente"]
""",
    example_pass="""
[[orgaan]]
id = "buurtonderneming"
naam = "Buurtonderneming Voorbeeldwijk"
soort = "buurtonderneming"
mandaat = ["gemeente", "corporatie"]
""",
)
def mandaat(doc: Agreement, params: Params) -> Iterator[Violation]:
    kinds: tuple[tuple[SoortPartij, str], ...] = (("gemeente", "municipality"), ("corporatie", "housing corporation"))
    for soort, en in kinds:
        if not doc.ondertekenaars(soort):
            yield violation(
                f"geen {soort} ondertekent de afspraak, terwijl de buurtonderneming het mandaat van gemeente én corporatie hoort te hebben",
                f"no {en} (soort '{soort}') signs the agreement, while the buurtonderneming should hold the mandate of municipality and corporation",
                ("partij",),
            )
    kandidaten = [(i, o) for i, o in enumerate(doc.orgaan) if o.soort == "buurtonderneming"]
    if not kandidaten:
        yield violation(
            f"er is geen orgaan van soort 'buurtonderneming' dat de mandaten van gemeente en corporatie heeft (organen: {_organen(doc)})",
            f"there is no body of kind 'buurtonderneming' holding the mandates of municipality and corporation (bodies: {_bodies(doc)})",
            ("orgaan",),
        )
        return
    nodig = [(k, p) for k, p in enumerate(doc.partij) if p.ondertekent and p.soort in ("gemeente", "corporatie")]
    gaps = []
    for i, o in kandidaten:
        given = set(o.mandaat)  # a set: a long mandaat list stays linear
        missing = [(k, p) for k, p in nodig if p.id not in given]
        if not missing:
            return  # this one has every mandate: the others need not be checked
        gaps.append((i, o, missing))
    i, o, missing = min(gaps, key=lambda g: len(g[2]))
    wie = [p.naam for _, p in missing]
    yield violation(
        f"buurtonderneming '{o.naam}' heeft geen mandaat van {names(wie, 'nl')}",
        f"buurtonderneming '{o.naam}' holds no mandate from {names(wie, 'en')}",
        ("orgaan", i, "mandaat"),
        *[("partij", k) for k, _ in missing],
        fix=Text(
            f"Zet {names([p.id for _, p in missing], 'nl')} in mandaat van orgaan '{o.id}'.",
            f"Add {names([p.id for _, p in missing], 'en')} to the mandaat of body '{o.id}'.",
        ),
    )


# --------------------------------------------------------------------------- onafhankelijke-regie


@rule(
    source=SLEEKING,
    id="onafhankelijke-regie",
    severity="fout",
    title=Text("Regie bij een onafhankelijk programmabureau", "Direction by an independent programme office"),
    summary=Text(
        "Er is een orgaan van soort 'programmabureau' met onafhankelijk = true; dat orgaan voert de regie. Staan de "
        "leden erbij, dan zitten de leden met stemmen niet allemaal namens één partij. Meer dan dat (wat 'regie "
        "voeren' inhoudt) staat niet in het formaat en wordt niet getoetst. Ernst fout: zonder "
        "onafhankelijk programmabureau is het geen Emmen Revisited-model.",
        "There is a body of kind 'programmabureau' with onafhankelijk = true; that body directs the approach. When its "
        "members are listed, its voting members do not all sit for one party. Anything beyond that (what directing involves) is not in the format and is not checked. Severity fout: "
        "without an independent programme office it is not the Emmen Revisited model.",
    ),
    rationale=Text(
        "In Emmen Revisited zorgt een onafhankelijk programmabureau dat alle partijen betrokken zijn en blijven; "
        "geen van de partijen heeft de regie alleen.",
        "In Emmen Revisited an independent programme office makes sure all parties are and stay involved; none of "
        "the parties directs on its own.",
    ),
    quote="De regie van de wijkaanpak ligt bij een onafhankelijk programmabureau, dat ervoor zorgt dat alle partijen "
    "in de wijk betrokken zijn en blijven.",
    fix=Text(
        'Voeg een [[orgaan]] toe met soort = "programmabureau" en onafhankelijk = true.',
        'Add an [[orgaan]] with soort = "programmabureau" and onafhankelijk = true.',
    ),
    example_fail="""
[[orgaan]]
id = "buurtonderneming"
naam = "Programmabureau Voorbeeldwijk"
soort = "programmabureau"
mandaat = ["gemeente", "corporatie"]
""",
    example_pass="""
[[orgaan]]
id = "buurtonderneming"
naam = "Programmabureau Voorbeeldwijk"
soort = "programmabureau"
onafhankelijk = true
mandaat = ["gemeente", "corporatie"]
""",
)
def onafhankelijke_regie(doc: Agreement, params: Params) -> Iterator[Violation]:
    bureaus = [(i, o) for i, o in enumerate(doc.orgaan) if o.soort == "programmabureau"]
    if not bureaus:
        yield violation(
            f"er is geen orgaan van soort 'programmabureau' dat onafhankelijk de regie voert (organen: {_organen(doc)})",
            f"there is no body of kind 'programmabureau' that directs the approach independently (bodies: {_bodies(doc)})",
            ("orgaan",),
        )
        return
    # Independent in name and on its members: its voting members, when listed, do not all sit for one party.
    eigen = {i: _one_party(o) for i, o in bureaus}
    if any(o.onafhankelijk and eigen[i] is None for i, o in bureaus):
        return
    niet = [(i, o) for i, o in bureaus if not o.onafhankelijk]
    if niet:
        wie = [f"'{o.naam}'" for _, o in niet]
        yield violation(
            f"programmabureau {names(wie, 'nl')} is niet onafhankelijk (onafhankelijk = true ontbreekt)"
            if len(wie) == 1
            else f"programmabureaus {names(wie, 'nl')} zijn niet onafhankelijk (onafhankelijk = true ontbreekt)",
            f"programme office {names(wie, 'en')} is not independent (onafhankelijk = true is missing)"
            if len(wie) == 1
            else f"programme offices {names(wie, 'en')} are not independent (onafhankelijk = true is missing)",
            *[("orgaan", i, "onafhankelijk") for i, _ in niet],
            fix=Text(
                f"Zet onafhankelijk = true bij {names(wie, 'nl')}, als het bureau los van de partijen staat.",
                f"Set onafhankelijk = true for {names(wie, 'en')}, if the office stands apart from the parties.",
            ),
        )
        return
    for i, o in bureaus:
        partij = eigen[i]
        if partij is None:
            continue
        naam = name_of(doc, partij)
        yield violation(
            f"programmabureau '{o.naam}' heet onafhankelijk, maar alle leden met stemmen zitten namens {naam}",
            f"programme office '{o.naam}' is called independent, but all its voting members sit for {naam}",
            *[("orgaan", i, "lid", j, "partij") for j, lid in enumerate(o.lid) if lid.stemmen > 0],
            fix=Text(
                f"Laat in '{o.naam}' ook leden van andere partijen dan {naam} met stemmen zitting nemen.",
                f"Give members of parties other than {naam} a voting seat in '{o.naam}'.",
            ),
        )


def _one_party(orgaan: Orgaan) -> str | None:
    """The one party all voting members of ``orgaan`` sit for, if its members are listed and there is one."""
    partijen = {lid.partij for lid in orgaan.lid if lid.stemmen > 0}
    return next(iter(partijen)) if len(partijen) == 1 else None


# --------------------------------------------------------------------------- bewonersbestuur


@rule(
    source=f"Neil Berry (Development Trust Association) over The Goodwin Trust, Hull; {BRON}",
    id="bewonersbestuur",
    severity="fout",
    title=Text("Een bestuur van bewoners", "A board of residents"),
    summary=Text(
        "Elk lid met stemmen van elk besluitvormend orgaan zit namens een partij van soort 'bewoners' (raadgevende "
        "leden met stemmen = 0 mogen van andere partijen zijn); per orgaan noemt één "
        "melding alle andere leden. Zonder besluitvormend orgaan volgt een bevinding; een besluitvormend orgaan "
        "zonder leden geeft 'kan niet beoordelen'. Ernst fout: een bestuur dat niet geheel uit bewoners bestaat, is "
        "geen development trust.",
        "Every voting member of every deciding body sits for a party of kind 'bewoners' (advisory members with "
        "stemmen = 0 may come from other parties); per body one message names all "
        "other members. Without a deciding body that is a finding; a deciding body without members gives 'cannot "
        "decide'. Severity fout: a board not made up entirely of residents is not a development trust.",
    ),
    rationale=Text(
        "In een development trust zoals de Goodwin Trust besturen bewoners zelf; professionals werken voor hen.",
        "In a development trust such as the Goodwin Trust residents govern themselves; professionals work for them.",
    ),
    quote="Het bestuur bestaat geheel uit wijkbewoners.",
    fix=Text(
        "Laat alle leden van het besluitvormende orgaan zitting hebben namens een bewonerspartij; geef andere partijen "
        "een adviserende rol in een orgaan met besluitvormend = false.",
        "Have every member of the deciding body sit for a residents' party; give other parties an advisory role in a "
        "body with besluitvormend = false.",
    ),
    example_fail="""
[[orgaan]]
id = "buurtonderneming"
naam = "Bestuur Wijktrust"
soort = "overig"
mandaat = ["gemeente", "corporatie"]
  [[orgaan.lid]]
  naam = "A. Yilmaz"
  partij = "bewonersraad"
  [[orgaan.lid]]
  naam = "Wethouder wonen"
  partij = "gemeente"
""",
    example_pass="""
[[orgaan]]
id = "buurtonderneming"
naam = "Bestuur Wijktrust"
soort = "overig"
mandaat = ["gemeente", "corporatie"]
  [[orgaan.lid]]
  naam = "A. Yilmaz"
  partij = "bewonersraad"
  [[orgaan.lid]]
  naam = "J. de Boer"
  partij = "bewonersraad"
""",
)
def bewonersbestuur(doc: Agreement, params: Params) -> Iterator[Violation]:
    besluitvormend = [(i, o) for i, o in enumerate(doc.orgaan) if o.besluitvormend]
    if not besluitvormend:
        yield violation(
            f"er is geen besluitvormend orgaan (bestuur) dat uit bewoners bestaat (organen: {_organen(doc)})",
            f"there is no deciding body (board) made up of residents (bodies: {_bodies(doc)})",
            ("orgaan",),
        )
        return
    bewoners = {p.id for p in doc.partij if p.soort == "bewoners"}
    for i, o in besluitvormend:
        if not o.lid:
            yield undecided(
                f"het besluitvormende orgaan '{o.naam}' heeft geen leden ([[orgaan.lid]]), dus niet te zien of het uit bewoners bestaat",
                f"the deciding body '{o.naam}' has no members ([[orgaan.lid]]), so whether it is made up of residents is unknown",
                ("orgaan", i, "lid"),
            )
            continue
        anderen = [(j, lid) for j, lid in enumerate(o.lid) if lid.partij not in bewoners and lid.stemmen > 0]
        if not anderen:
            continue
        wie = [f"{lid.naam} ({name_of(doc, lid.partij)})" for _, lid in anderen]
        yield violation(
            f"in het besluitvormende orgaan '{o.naam}' {'zit' if len(wie) == 1 else 'zitten'} {names(wie, 'nl')} niet namens bewoners",
            f"in the deciding body '{o.naam}', {names(wie, 'en')} {'does' if len(wie) == 1 else 'do'} not sit for residents",
            *[("orgaan", i, "lid", j, "partij") for j, _ in anderen],
            fix=Text(
                f"Laat in '{o.naam}' bewoners de plaats innemen van {names([lid.naam for _, lid in anderen], 'nl')}, "
                "of geef hen een raadgevende stem (stemmen = 0).",
                f"Let residents take the seats of {names([lid.naam for _, lid in anderen], 'en')} in '{o.naam}', "
                "or give them an advisory seat (stemmen = 0).",
            ),
        )


RULES: list[Rule] = [mandaat, onafhankelijke_regie, bewonersbestuur]


@hookimpl
def register_rules() -> list[Rule]:
    return RULES


@hookimpl
def register_rulesets() -> list[Path]:
    return [ruleset(name) for name in RULESETS if ruleset(name).is_file()]
