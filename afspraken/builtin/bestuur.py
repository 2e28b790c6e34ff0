"""Rules of rule set ``wijkaanpak`` about the bodies: buurtonderneming, oliemannetje, vitale-coalitie."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from afspraken.builtin import IN_T_VELD, WERKGROEPEN, amount, names
from afspraken.model import Agreement, Orgaan
from afspraken.rules import Params, Rule, Text, Violation, rule, undecided, violation

# --------------------------------------------------------------------------- buurtonderneming


@rule(
    source=WERKGROEPEN,
    id="buurtonderneming",
    severity="waarschuwing",
    title=Text("Een orgaan waarin alle partijen zitten", "One body in which all parties sit"),
    summary=Text(
        "Minstens één besluitvormend orgaan heeft stemgerechtigde leden (stemmen > 0) namens elke ondertekenende "
        "gemeente, corporatie en instelling, "
        "namens de gemeente (ook als die niet ondertekent) en namens de bewoners (een partij van soort 'bewoners'). "
        "Voldoet geen orgaan, dan noemt de melding wat ontbreekt in het orgaan dat er het dichtst bij komt. Zonder "
        "besluitvormend orgaan volgt een bevinding; hebben de besluitvormende organen geen leden, dan 'kan niet beoordelen'.",
        "At least one deciding body has voting members (stemmen > 0) for every signing municipality, housing "
        "corporation and institution, "
        "for the municipality (even when it does not sign) and for the residents (a party of kind 'bewoners'). When no "
        "body qualifies, the message names what the closest one lacks. Without a deciding body that is a finding; "
        "when the deciding bodies list no members, 'cannot decide'.",
    ),
    rationale=Text(
        "Samenwerking werkt als gemeente, corporaties, instellingen en bewoners aan één tafel besluiten, in plaats "
        "van ieder in een eigen overleg.",
        "Partnership works when municipality, corporations, institutions and residents decide at one table, instead "
        "of each in a meeting of its own.",
    ),
    quote="Installeer een Buurtonderneming. Zorg daarin voor vertegenwoordiging van gemeente, corporatie(s), andere "
    "instellingen en bewoners.",
    fix=Text(
        "Geef in het besluitvormende orgaan een [[orgaan.lid]] aan de gemeente, elke corporatie, elke instelling en "
        "de bewoners.",
        "Give the deciding body an [[orgaan.lid]] for the municipality, every corporation, every institution and the residents.",
    ),
    example_fail="""
[[orgaan]]
id = "buurtonderneming"
naam = "Buurtonderneming Voorbeeldwijk"
soort = "buurtonderneming"
mandaat = ["gemeente", "corporatie"]
  [[orgaan.lid]]
  naam = "Directeur sociaal"
  partij = "gemeente"
  [[orgaan.lid]]
  naam = "Directeur fysiek"
  partij = "corporatie"
""",
    example_pass="""
[[orgaan]]
id = "buurtonderneming"
naam = "Buurtonderneming Voorbeeldwijk"
soort = "buurtonderneming"
mandaat = ["gemeente", "corporatie"]
  [[orgaan.lid]]
  naam = "Directeur sociaal"
  partij = "gemeente"
  [[orgaan.lid]]
  naam = "Directeur fysiek"
  partij = "corporatie"
  [[orgaan.lid]]
  naam = "Voorzitter bewonersraad"
  partij = "bewonersraad"
  [[orgaan.lid]]
  naam = "Coordinator welzijn"
  partij = "welzijn"
""",
)
def buurtonderneming(doc: Agreement, params: Params) -> Iterator[Violation]:
    besluitvormend = [(i, o) for i, o in enumerate(doc.orgaan) if o.besluitvormend]
    if not besluitvormend:
        others = [f"'{o.naam}'" for o in doc.orgaan]
        yield violation(
            "er is geen besluitvormend orgaan waarin gemeente, corporaties, instellingen en bewoners samen zitten"
            + (
                f" ({names(others, 'nl')} {'is' if len(others) == 1 else 'zijn'} niet besluitvormend)" if others else ""
            ),
            "there is no deciding body in which municipality, corporations, institutions and residents sit together"
            + (f" ({names(others, 'en')} {'is' if len(others) == 1 else 'are'} not deciding)" if others else ""),
            ("orgaan",),
        )
        return
    with_members = [(i, o) for i, o in besluitvormend if o.lid]
    if not with_members:
        i, o = besluitvormend[0]
        yield undecided(
            f"het besluitvormende orgaan '{o.naam}' heeft geen leden ([[orgaan.lid]]), dus niet te zien wie erin vertegenwoordigd is",
            f"the deciding body '{o.naam}' has no members ([[orgaan.lid]]), so who is represented is unknown",
            ("orgaan", i, "lid"),
        )
        return
    gaps: list[tuple[int, Orgaan, list[tuple[str, str, tuple]]]] = []
    for i, o in with_members:
        missing = _ontbrekend(doc, {lid.partij for lid in o.lid if lid.stemmen > 0})
        if not missing:
            return  # this body has everyone: the others need not be checked
        gaps.append((i, o, missing))
    i, o, missing = min(gaps, key=lambda g: len(g[2]))  # the closest; ties: the first
    yield violation(
        f"in het besluitvormende orgaan '{o.naam}' {'ontbreekt' if len(missing) == 1 and not missing[0][0].startswith('de bewoners') else 'ontbreken'} "
        f"{names([m[0] for m in missing], 'nl')}",
        f"the deciding body '{o.naam}' lacks {names([m[1] for m in missing], 'en')}",
        ("orgaan", i, "lid"),
        *[m[2] for m in missing if m[2]],
        fix=Text(
            f"Geef in '{o.naam}' een [[orgaan.lid]] met stemmen aan {names([m[0] for m in missing], 'nl')}.",
            f"Give {names([m[1] for m in missing], 'en')} an [[orgaan.lid]] with votes in '{o.naam}'.",
        ),
    )


def _ontbrekend(doc: Agreement, present: set[str]) -> list[tuple[str, str, tuple]]:
    """Who a body with members for ``present`` lacks: (nl, en, key path or ())."""
    missing: list[tuple[str, str, tuple]] = []
    soorten = {p.soort for p in doc.partij if p.id in present}
    for k, p in enumerate(doc.partij):
        if p.ondertekent and p.soort in ("gemeente", "corporatie", "instelling") and p.id not in present:
            missing.append((p.naam, p.naam, ("partij", k)))
    if "gemeente" not in soorten and not doc.ondertekenaars("gemeente"):
        missing.append(("de gemeente", "the municipality", ()))
    if "bewoners" not in soorten:
        wie = [p.naam for p in doc.ondertekenaars("bewoners")]
        first = next((k for k, p in enumerate(doc.partij) if p.soort == "bewoners"), None)
        missing.append(
            (
                f"de bewoners ({names(wie, 'nl')})" if wie else "de bewoners",
                f"the residents ({names(wie, 'en')})" if wie else "the residents",
                ("partij", first) if first is not None else (),
            )
        )
    return missing


# --------------------------------------------------------------------------- oliemannetje


@rule(
    source=IN_T_VELD,
    id="oliemannetje",
    severity="waarschuwing",
    title=Text("Een oliemannetje met gezag", "A trusted troubleshooter ('oliemannetje') with authority"),
    summary=Text(
        "[escalatie] bestaat, heeft gezag, toegankelijk_voor bevat 'bewoners', en na_eigen_poging = true.",
        "[escalatie] exists, has gezag (authority), toegankelijk_voor includes 'bewoners', and na_eigen_poging = true.",
    ),
    rationale=Text(
        "Loopt een proces vast, dan helpt iemand met gezag die iedereen, ook bewoners, kan inschakelen; maar pas "
        "nadat de partijen het zelf hebben geprobeerd.",
        "When a process gets stuck, a trusted troubleshooter with authority whom anyone, residents included, can call in helps; but "
        "only after the parties tried themselves.",
    ),
    quote="Er zijn oliemannetjes met gezag nodig die door iedereen, ook door bewoners, in de wijk ingeschakeld kunnen "
    "worden om knelpunten weg te nemen.",
    also=[
        (
            "Zet waar nodig ‘oliemannetjes’ in om maatwerk te leveren. Loopt een proces vast? Is er specifieke kennis "
            "nodig? Schakel dan iemand met gezag en kennis van zaken in voor hulp. Maar: probeer eerst het probleem "
            "zelf op te lossen.",
            WERKGROEPEN,
        )
    ],
    fix=Text(
        'Schrijf een [escalatie] met naam, gezag, toegankelijk_voor = ["bewoners", ...] en na_eigen_poging = true.',
        'Write an [escalatie] with naam, gezag, toegankelijk_voor = ["bewoners", ...] and na_eigen_poging = true.',
    ),
    example_fail="""
[escalatie]
naam = "mr. J. van den Berg"
gezag = "oud-burgemeester"
toegankelijk_voor = ["gemeente", "corporatie"]
na_eigen_poging = true
""",
    example_pass="""
[escalatie]
naam = "mr. J. van den Berg"
gezag = "oud-burgemeester"
toegankelijk_voor = ["bewoners", "gemeente", "corporatie"]
na_eigen_poging = true
""",
)
def oliemannetje(doc: Agreement, params: Params) -> Iterator[Violation]:
    e = doc.escalatie
    if e is None:
        yield violation(
            "er is geen [escalatie]: niemand met gezag die bewoners en partijen kunnen inschakelen als het vastloopt",
            "there is no [escalatie]: no trusted troubleshooter ('oliemannetje') with authority whom residents and parties can call in when things get stuck",
            ("escalatie",),
        )
        return
    if not (e.gezag or "").strip():
        yield violation(
            f"bij {e.naam} staat niet waarom die gezag heeft (gezag ontbreekt)",
            f"{e.naam}: it does not say why this person carries authority (gezag is missing)",
            ("escalatie", "gezag"),
            fix=Text(f"Schrijf bij {e.naam} waarom die gezag heeft (gezag).", f"Write why {e.naam} carries authority (gezag)."),
        )
    if "bewoners" not in e.toegankelijk_voor:
        wie = list(e.toegankelijk_voor)
        yield violation(
            f"bewoners kunnen {e.naam} niet inschakelen"
            + (f" (alleen {names(wie, 'nl')})" if wie else " (toegankelijk_voor is leeg)"),
            f"residents cannot call in {e.naam}"
            + (f" (only {names(wie, 'en')})" if wie else " (toegankelijk_voor is empty)"),
            ("escalatie", "toegankelijk_voor"),
            fix=Text('Zet "bewoners" in escalatie.toegankelijk_voor.', 'Add "bewoners" to escalatie.toegankelijk_voor.'),
        )
    if e.na_eigen_poging is not True:
        state = ("ontbreekt", "is missing") if e.na_eigen_poging is None else ("= false", "= false")
        yield violation(
            f"na_eigen_poging {state[0]}: niet afgesproken dat de partijen het eerst zelf proberen voordat zij {e.naam} inschakelen",
            f"na_eigen_poging {state[1]}: it is not agreed that the parties try themselves before calling in {e.naam}",
            ("escalatie", "na_eigen_poging"),
            fix=Text("Zet in [escalatie] na_eigen_poging = true.", "Set na_eigen_poging = true in [escalatie]."),
        )


# --------------------------------------------------------------------------- vitale-coalitie


class VitaleCoalitieParams(Params):
    min_soorten: int = Field(
        3,
        ge=0,
        description="Minimaal aantal soorten partijen onder de ondertekenaars.",
        json_schema_extra={"en": "Fewest kinds of party among the signatories."},
    )


@rule(
    source=WERKGROEPEN,
    id="vitale-coalitie",
    severity="waarschuwing",
    params=VitaleCoalitieParams,
    title=Text("Een vitale coalitie", "A vital coalition"),
    summary=Text(
        "De ondertekenende partijen zijn van minstens min_soorten verschillende soorten, waaronder 'gemeente' en "
        "'corporatie'.",
        "The signing parties are of at least min_soorten different kinds, including 'gemeente' (municipality) and "
        "'corporatie' (housing corporation).",
    ),
    rationale=Text(
        "Wijkverbetering vraagt brede samenwerking: gemeente en corporatie geven andere partijen ruimte en vertrouwen.",
        "Neighbourhood improvement needs broad partnership: municipality and corporation give other parties room and trust.",
    ),
    quote="Investeer in vitale coalities. Zoek naar brede samenwerkingsverbanden. Geef als gemeente of corporatie "
    "andere partijen de ruimte en vertrouwen.",
    fix=Text(
        "Laat gemeente, corporatie(s) en andere soorten partijen (bewoners, instellingen, ondernemers) de afspraak ondertekenen.",
        "Have municipality, corporation(s) and other kinds of parties (residents, institutions, businesses) sign the agreement.",
    ),
    example_fail="""
[[partij]]
id = "gemeente"
naam = "Gemeente Voorbeeldstad"
soort = "gemeente"

[[partij]]
id = "corporatie"
naam = "Woonstichting Voorbeeld"
soort = "corporatie"
ondertekent = false

[[partij]]
id = "bewonersraad"
naam = "Bewonersraad Voorbeeldwijk"
soort = "bewoners"

[[partij]]
id = "welzijn"
naam = "Stichting Welzijn Voorbeeld"
soort = "instelling"
""",
    example_pass="""
[[partij]]
id = "gemeente"
naam = "Gemeente Voorbeeldstad"
soort = "gemeente"

[[partij]]
id = "corporatie"
naam = "Woonstichting Voorbeeld"
soort = "corporatie"
ondertekent = true

[[partij]]
id = "bewonersraad"
naam = "Bewonersraad Voorbeeldwijk"
soort = "bewoners"

[[partij]]
id = "welzijn"
naam = "Stichting Welzijn Voorbeeld"
soort = "instelling"
""",
)
def vitale_coalitie(doc: Agreement, params: VitaleCoalitieParams) -> Iterator[Violation]:
    ondertekenaars = doc.ondertekenaars()
    soorten = list(dict.fromkeys(p.soort for p in ondertekenaars))
    if len(soorten) < params.min_soorten:
        nl, en = amount(len(soorten), "soort", "soorten", "nl"), amount(len(soorten), "kind", "kinds")
        yield violation(
            f"de ondertekenende partijen zijn van {nl} ({names(soorten, 'nl') or '-'}); "
            f"een vitale coalitie telt er minstens {params.min_soorten}",
            f"the signing parties are of {en} ({names(soorten, 'en') or '-'}); a vital coalition has at least {params.min_soorten}",
            ("partij",),
            fix=Text(
                f"Laat nog {params.min_soorten - len(soorten)} andere soort(en) partij ondertekenen, zoals bewoners, een instelling of ondernemers.",
                f"Have {params.min_soorten - len(soorten)} more kind(s) of party sign, such as residents, an institution or businesses.",
            ),
        )
    for soort, en in (("gemeente", "municipality"), ("corporatie", "housing corporation")):
        if soort in soorten:
            continue
        wie = [p.naam for p in ondertekenaars]
        niet = [k for k, p in enumerate(doc.partij) if p.soort == soort]
        at: list[tuple[str | int, ...]] = [("partij", k, "ondertekent") for k in niet] or [("partij",)]
        yield violation(
            f"geen {soort} ondertekent de afspraak"
            + (f" ({names([doc.partij[k].naam for k in niet], 'nl')} ondertekent niet)" if niet else "")
            + (f"; ondertekenaars: {names(wie, 'nl')}" if wie else ""),
            f"no {en} (soort '{soort}') signs the agreement"
            + (f" ({names([doc.partij[k].naam for k in niet], 'en')} does not sign)" if niet else "")
            + (f"; signed by: {names(wie, 'en')}" if wie else ""),
            *at,
            fix=Text(
                f"Laat {names([doc.partij[k].naam for k in niet], 'nl')} ondertekenen (ondertekent = true)."
                if niet
                else f"Voeg een [[partij]] van soort \"{soort}\" toe die de afspraak ondertekent.",
                f"Have {names([doc.partij[k].naam for k in niet], 'en')} sign (ondertekent = true)."
                if niet
                else f"Add a [[partij]] of soort \"{soort}\" that signs the agreement.",
            ),
        )


RULES: list[Rule] = [buurtonderneming, oliemannetje, vitale_coalitie]
