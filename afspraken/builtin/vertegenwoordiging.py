"""Rules of rule set ``wijkaanpak`` about representation: brede-vertegenwoordiging, bewoners-beoordelen, overlegrecht."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from afspraken.builtin import BOSCH, WERKGROEPEN, amount, names
from afspraken.model import Agreement
from afspraken.builtin.overleg import overlegrecht
from afspraken.rules import Params, Rule, Text, Violation, rule, violation


def _norm(text: str) -> str:
    """Compare names and groups as a reader sees them: without case, invisible characters or
    extra spaces, in compatibility form (NFKC: fullwidth letters are letters). "A. Yil\u200bmaz"
    is A. Yilmaz, not another person with a seat of her own."""
    import unicodedata

    from afspraken.wording import visible

    return visible(unicodedata.normalize("NFKC", text)).casefold()


# --------------------------------------------------------------------------- brede-vertegenwoordiging


class BredeParams(Params):
    min_groepen: int = Field(
        3,
        ge=0,
        description="Minimaal aantal bewonersgroepen dat actief bereikt wordt (bewoners.groepen).",
        json_schema_extra={"en": "Fewest resident groups actively reached (bewoners.groepen)."},
    )
    verplicht: list[str] = Field(
        default_factory=lambda: ["jongeren", "nieuwkomers"],
        description="Groepen die in bewoners.groepen moeten staan.",
        json_schema_extra={"en": "Groups that must be in bewoners.groepen."},
    )
    max_zetels: int = Field(
        1,
        ge=1,
        description="In hoeveel besluitvormende organen één persoon namens bewoners mag zitten.",
        json_schema_extra={"en": "In how many deciding bodies one person may sit for residents."},
    )
    max_rotatie_jaren: int = Field(
        8,
        ge=0,
        description="Maximum voor bewoners.rotatie_jaren (jaren achtereen in een zetel).",
        json_schema_extra={"en": "Maximum for bewoners.rotatie_jaren (consecutive years in a seat)."},
    )


@rule(
    source=WERKGROEPEN,
    id="brede-vertegenwoordiging",
    severity="waarschuwing",
    params=BredeParams,
    title=Text("Brede vertegenwoordiging, geen buurtburgemeesters", "Broad representation, no neighbourhood mayors"),
    summary=Text(
        "bewoners.groepen telt minstens min_groepen groepen, waaronder elke groep uit verplicht; niemand zit namens "
        "een bewonerspartij in meer dan max_zetels besluitvormende organen (adviesorganen en klankbordgroepen tellen "
        "niet; namen vergeleken zonder hoofdletters en extra spaties); "
        "bewoners.rotatie_jaren is ingevuld en ten hoogste max_rotatie_jaren. Ontbreekt [bewoners], dan volgt één "
        "bevinding op die plek (de zetels worden dan nog wel geteld).",
        "bewoners.groepen counts at least min_groepen groups, including every group in verplicht; nobody sits for a "
        "residents' party in more than max_zetels deciding bodies (advisory bodies and sounding boards do not count; "
        "names compared ignoring case and extra spaces); "
        "bewoners.rotatie_jaren is set and at most max_rotatie_jaren. When [bewoners] is missing, that is one finding "
        "at its place (seats are still counted).",
    ),
    rationale=Text(
        "Een paar vaste gezichten die overal namens de buurt zitten, komen dichter bij de professionals te staan dan "
        "bij hun buren. Moeilijk bereikbare groepen moeten bewust worden opgezocht.",
        "A few familiar faces who sit everywhere for the neighbourhood end up closer to the professionals than to "
        "their neighbours. Hard-to-reach groups must be sought out on purpose.",
    ),
    quote="Zoek brede vertegenwoordiging uit de buurt. Zet bewoners in om moeilijk te bereiken groepen uit de wijk te "
    "mobiliseren. Voorkom ook dat er ‘buurtburgemeesters’ ontstaan: bewoners die dichter bij de professionals dan "
    "bij hun wijkgenoten staan.",
    also=[
        (
            "Bosch vertelt dat hij het belangrijk vindt om de bestaande netwerken van bewoners te benutten en dat we "
            "nieuwe mensen moeten proberen te bereiken. Hij doelt met name op jongeren en allochtonen.",
            BOSCH,
        )
    ],
    fix=Text(
        "Noem in [bewoners] groepen de groepen die je actief bereikt (met jongeren en nieuwkomers), verdeel de "
        "bewonerszetels over meer mensen en beperk rotatie_jaren.",
        "List in [bewoners] groepen the groups you actively reach (including jongeren and nieuwkomers), spread the "
        "residents' seats over more people and limit rotatie_jaren.",
    ),
    example_fail="""
[bewoners]
groepen = ["huurders", "ouderen"]
rotatie_jaren = 12
""",
    example_pass="""
[bewoners]
groepen = ["huurders", "ouderen", "jongeren", "nieuwkomers"]
rotatie_jaren = 4
""",
)
def brede_vertegenwoordiging(doc: Agreement, params: BredeParams) -> Iterator[Violation]:
    yield from _buurtburgemeesters(doc, params.max_zetels)
    b = doc.bewoners
    if b is None:
        verplicht = f", waaronder {names(params.verplicht, 'nl')}" if params.verplicht else ""
        required = f", including {names(params.verplicht, 'en')}" if params.verplicht else ""
        yield violation(
            f"er is geen [bewoners]: niet afgesproken welke groepen bereikt worden (minstens {params.min_groepen}{verplicht}) "
            f"en hoe lang iemand een zetel houdt (maximaal {params.max_rotatie_jaren} jaar)",
            f"there is no [bewoners]: it is not agreed which groups are reached (at least {params.min_groepen}{required}) "
            f"nor how long someone holds a seat (at most {amount(params.max_rotatie_jaren, 'year', 'years')})",
            ("bewoners",),
        )
        return
    groepen: list[str] = []  # "Huurders" and "huurders " are one group: keep the first spelling
    known: set[str] = set()
    for g in b.groepen:
        key = _norm(g) if g.strip() else ""
        if key and key not in known:
            known.add(key)
            groepen.append(g.strip())
    if len(known) < params.min_groepen:
        shown = {lang: (names(groepen, lang) if groepen else "-") for lang in ("nl", "en")}
        yield violation(
            f"bewoners.groepen noemt {amount(len(known), 'groep', 'groepen', 'nl')} ({shown['nl']}); minimaal {params.min_groepen}",
            f"bewoners.groepen lists {amount(len(known), 'group', 'groups')} ({shown['en']}); at least {params.min_groepen} required",
            ("bewoners", "groepen"),
            fix=Text(
                f"Bereik nog {params.min_groepen - len(known)} groep(en) en noem ze in bewoners.groepen.",
                f"Reach {params.min_groepen - len(known)} more group(s) and list them in bewoners.groepen.",
            ),
        )
    missing = [g for g in params.verplicht if _norm(g) not in known]
    if missing:
        yield violation(
            f"bewoners.groepen noemt {names(missing, 'nl')} niet, terwijl "
            + (
                "die groep verplicht bereikt moet worden"
                if len(missing) == 1
                else "die groepen verplicht bereikt moeten worden"
            ),
            f"bewoners.groepen does not list {names(missing, 'en')}, "
            + ("a group that must be reached" if len(missing) == 1 else "groups that must be reached"),
            ("bewoners", "groepen"),
            fix=Text(
                f"Bereik ook {names(missing, 'nl')} en zet {'die groep' if len(missing) == 1 else 'die groepen'} in bewoners.groepen.",
                f"Also reach {names(missing, 'en')} and add {'that group' if len(missing) == 1 else 'those groups'} to bewoners.groepen.",
            ),
        )
    if b.rotatie_jaren is None:
        yield violation(
            f"er is geen maximale zittingsduur voor bewoners afgesproken (rotatie_jaren); het maximum is {params.max_rotatie_jaren} jaar",
            f"no maximum term for residents' seats is agreed (rotatie_jaren); the maximum is {amount(params.max_rotatie_jaren, 'year', 'years')}",
            ("bewoners", "rotatie_jaren"),
            fix=Text(
                f"Zet in [bewoners] rotatie_jaren op hoogstens {params.max_rotatie_jaren}.",
                f"Set rotatie_jaren to at most {params.max_rotatie_jaren} in [bewoners].",
            ),
        )
    elif b.rotatie_jaren > params.max_rotatie_jaren:
        yield violation(
            f"bewoners mogen {b.rotatie_jaren} jaar achtereen een zetel houden; het maximum is {params.max_rotatie_jaren} jaar",
            f"residents may hold a seat for {b.rotatie_jaren} consecutive years; the maximum is {amount(params.max_rotatie_jaren, 'year', 'years')}",
            ("bewoners", "rotatie_jaren"),
        )


def _buurtburgemeesters(doc: Agreement, max_zetels: int) -> Iterator[Violation]:
    """Anyone sitting for a residents' party in more than ``max_zetels`` deciding bodies."""
    bewoners = {p.id for p in doc.partij if p.soort == "bewoners"}
    seats: dict[str, list[tuple[int, int]]] = {}
    for i, orgaan in enumerate(doc.orgaan):
        if not orgaan.besluitvormend:
            continue  # advisory bodies and sounding boards do not count
        for j, lid in enumerate(orgaan.lid):
            if lid.partij not in bewoners:
                continue
            person = seats.setdefault(_norm(lid.naam), [])
            if not person or person[-1][0] != i:  # two seats in one body count as one body
                person.append((i, j))
    for person in seats.values():
        if len(person) <= max_zetels:
            continue
        i0, j0 = person[0]
        naam = doc.orgaan[i0].lid[j0].naam
        bodies = [f"'{doc.orgaan[i].naam}'" for i, _ in person]
        at = [("orgaan", i, "lid", j, "naam") for i, j in person]
        yield violation(
            f"{naam} heeft namens de bewoners zitting in {len(person)} besluitvormende organen ({names(bodies, 'nl')}); "
            f"afgesproken is hoogstens {max_zetels}",
            f"{naam} sits for the residents in {len(person)} deciding bodies ({names(bodies, 'en')}); "
            f"at most {max_zetels} is agreed",
            at[max_zetels],
            *at[:max_zetels],
            *at[max_zetels + 1 :],
            fix=Text(
                f"Laat in {names(bodies[max_zetels:], 'nl')} een andere bewoner zitting nemen.",
                f"Have another resident take the seat in {names(bodies[max_zetels:], 'en')}.",
            ),
        )


# --------------------------------------------------------------------------- bewoners-beoordelen


@rule(
    source=WERKGROEPEN,
    id="bewoners-beoordelen",
    severity="waarschuwing",
    title=Text("Bewoners beoordelen professionals", "Residents assess professionals"),
    summary=Text(
        "bewoners.beoordelen_professionals is niet leeg (sollicitatie en/of functionering). Ontbreekt [bewoners], "
        "dan volgt een bevinding op die plek.",
        "bewoners.beoordelen_professionals is not empty (sollicitatie and/or functionering). When [bewoners] is "
        "missing, that is a finding at its place.",
    ),
    rationale=Text(
        "Of bewoners zich serieus genomen voelen door professionals, moet je toetsen: laat hen meepraten bij "
        "sollicitaties en functioneringsgesprekken.",
        "Whether residents feel taken seriously by professionals must be tested: let them take part in job "
        "interviews and performance reviews.",
    ),
    quote="Laat bewoners professionals beoordelen. Het is belangrijk dat bewoners zich serieus genomen voelen door "
    "professionals. Toets dat. Betrek bewoners bijvoorbeeld bij sollicitaties en laat ze input leveren voor "
    "‘functioneringsgesprekken’.",
    fix=Text(
        'Zet in [bewoners] beoordelen_professionals = ["sollicitatie", "functionering"] (of één van beide).',
        'Set beoordelen_professionals = ["sollicitatie", "functionering"] (or one of them) in [bewoners].',
    ),
    example_fail="""
[bewoners]
beoordelen_professionals = []
""",
    example_pass="""
[bewoners]
beoordelen_professionals = ["sollicitatie", "functionering"]
""",
)
def bewoners_beoordelen(doc: Agreement, params: Params) -> Iterator[Violation]:
    b = doc.bewoners
    if b is not None and b.beoordelen_professionals:
        return
    inzet = [p.naam for p in doc.partij if p.professionals > 0]
    nl = f" van {names(inzet, 'nl')}" if inzet else ""
    en = f" of {names(inzet, 'en')}" if inzet else ""
    if b is None:
        yield violation(
            f"er is geen [bewoners], dus bewoners beoordelen de professionals{nl} niet (bij sollicitatie of functionering)",
            f"there is no [bewoners], so residents do not assess the professionals{en} (in hiring or performance reviews)",
            ("bewoners",),
        )
    else:
        yield violation(
            f"bewoners beoordelen de professionals{nl} niet: beoordelen_professionals is leeg of ontbreekt",
            f"residents do not assess the professionals{en}: beoordelen_professionals is empty or missing",
            ("bewoners", "beoordelen_professionals"),
        )


RULES: list[Rule] = [brede_vertegenwoordiging, bewoners_beoordelen, overlegrecht]
