"""``afspraken init``: a commented starting agreement.

What is not known yet is left empty (``""``) with a ``# VUL IN`` comment, so that
``afspraken check`` lists, with line numbers, every place that still needs filling
in; once it is filled in, the draft passes every built-in rule set.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass, field

PLACEHOLDER = "VUL IN"


def slug(text: str) -> str:
    """'Stichting Één Wijk' -> 'stichting-een-wijk' (a valid id)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


@dataclass
class Answers:
    """What ``init`` asks; empty means: not known yet."""

    wijk: str = ""
    gemeente: str = ""
    corporatie: str = ""
    bewoners: str = ""
    instellingen: list[str] = field(default_factory=list)
    start: dt.date = field(default_factory=lambda: dt.date(dt.date.today().year + 1, 1, 1))


def _value(text: str, hint: str) -> str:
    return json.dumps(text, ensure_ascii=False) if text else f'""  # {PLACEHOLDER}: {hint}'


def _parties(a: Answers) -> list[tuple[str, str, str, str]]:
    """(id, naam, soort, hint) per party, with unique ids."""
    wanted = [
        ("gemeente", f"Gemeente {a.gemeente}" if a.gemeente else "", "gemeente", "naam van de gemeente"),
        (slug(a.corporatie) or "corporatie", a.corporatie, "corporatie", "naam van de woningcorporatie"),
        (slug(a.bewoners) or "bewoners", a.bewoners, "bewoners", "naam van de bewonersorganisatie"),
    ]
    for i, naam in enumerate(a.instellingen or [""], 1):
        wanted.append((slug(naam) or f"instelling-{i}", naam, "instelling", "naam van de instelling"))
    seen: set[str] = set()
    out = []
    for ident, naam, soort, hint in wanted:
        unique, n = ident, 1
        while unique in seen:
            n += 1
            unique = f"{ident}-{n}"
        seen.add(unique)
        out.append((unique, naam, soort, hint))
    return out


def render(a: Answers) -> str:
    end = dt.date(a.start.year + 10, a.start.month, a.start.day) - dt.timedelta(days=1)
    parties = _parties(a)
    corporatie, bewoners = parties[1][0], parties[2][0]
    wijk = a.wijk or "..."
    lines = [
        f"# Samenwerkingsafspraken {wijk}",
        "# Gemaakt met `afspraken init`. Vul alles in waar 'VUL IN' staat: `afspraken check` noemt elke",
        "# plek die nog leeg is. Uitleg per regel: `afspraken explain REGEL`; het formaat: docs/formaat.md.",
        "formaat = 1",
        "",
        "[afspraak]",
        f"titel = {_value(f'Samenwerkingsafspraken {a.wijk}' if a.wijk else '', 'titel van de afspraak')}",
        'soort = "wijkafspraak"  # wijkafspraak | wijkactieplan | convenant | prestatieafspraak',
        f"wijk = {_value(a.wijk, 'naam van de wijk')}",
        f"gemeente = {_value(a.gemeente, 'gemeente')}",
        'status = "concept"  # concept | vastgesteld',
        f"ingangsdatum = {a.start.isoformat()}",
        f"einddatum = {end.isoformat()}  # minstens 8 jaar, over gemeenteraadsverkiezingen heen (lange-termijn)",
        'schaal = "buurt"  # straat | buurt | wijk | gemeente: werk kleinschalig',
        f"# huishoudens = 0  # {PLACEHOLDER}: aantal huishoudens",
        f"# bewoners = 0  # {PLACEHOLDER}: aantal bewoners (nodig voor niet-te-veel-professionals)",
    ]
    for ident, naam, soort, hint in parties:
        lines += ["", "[[partij]]", f'id = "{ident}"', f"naam = {_value(naam, hint)}", f'soort = "{soort}"']
        if soort != "bewoners":
            lines.append(f"# professionals = 0  # {PLACEHOLDER}: hoeveel mensen deze partij in de wijk inzet")
    lines += [
        "",
        "# Het orgaan dat besluit: elke partij een gelijke stem (gelijke-stem), met het mandaat",
        "# van gemeente en corporatie, zodat het één aanspreekpunt kan zijn (een-aanspreekpunt).",
        "[[orgaan]]",
        'id = "buurtonderneming"',
        f"naam = {_value(f'Buurtonderneming {a.wijk}' if a.wijk else '', 'naam van het orgaan')}",
        'soort = "buurtonderneming"',
        f'mandaat = ["gemeente", "{corporatie}"]',
    ]
    for ident, naam, _, _ in parties:
        lines += ["", "  [[orgaan.lid]]", f"  naam = {_value('', f'wie zit er namens {naam or ident}')}", f'  partij = "{ident}"']
    lines += [
        "",
        "[aanspreekpunt]",
        'orgaan = "buurtonderneming"',
        f"naam = {_value(f'Wijkwinkel {a.wijk}' if a.wijk else '', 'naam waaronder bewoners het aanspreekpunt kennen')}",
        f"bereikbaar = {_value('', 'openingstijden, adres, telefoon of mail')}",
        "",
        "# Het (afdwingbare) recht van bewoners om vier keer per jaar met het orgaan te spreken.",
        "[[overleg]]",
        f'tussen = ["{bewoners}", "buurtonderneming"]',
        "per_jaar = 4",
        "afdwingbaar = true",
        'onderwerpen = ["werkinhoud", "efficientie", "effectiviteit", "meerwaarde"]',
        "",
        "[besluitvorming]",
        'bewoners_betrokken = ["initiatief", "ontwerp", "besluit", "uitvoering", "evaluatie"]',
        "eigenaarschap_bewoners = true",
        "",
        "# De trede op de participatieladder per fase:",
        "# informeren < raadplegen < adviseren < coproduceren < meebeslissen.",
        "[besluitvorming.niveau]",
        'initiatief = "meebeslissen"',
        'ontwerp = "coproduceren"',
        'besluit = "meebeslissen"',
        'uitvoering = "coproduceren"',
        'evaluatie = "adviseren"',
        "",
        "[bewoners]",
        'groepen = ["huurders", "jongeren", "ouderen", "nieuwkomers"]',
        'beoordelen_professionals = ["sollicitatie", "functionering"]',
        "rotatie_jaren = 4",
        f"budget_eigen_initiatief = 0  # {PLACEHOLDER}: euro per jaar voor eigen initiatieven van bewoners",
        "uitdaagrecht = true  # bewoners mogen een taak overnemen die zij beter kunnen",
        "",
        "# Concrete acties: elk met één eigenaar (wie), een datum binnen de looptijd en een domein",
        "# (fysiek | sociaal | economie | leefbaarheid | veiligheid | overig): fysiek én sociaal (en-en),",
        "# en iets kleins voor de leefbaarheid in het eerste jaar (kleine-dingen-eerst).",
        "[[actie]]",
        f"wat = {_value('', 'een actie op straatniveau')}",
        f'wie = "{corporatie}"',
        f"wanneer = {dt.date(a.start.year, 6, 30).isoformat()}",
        'schaal = "straat"',
        'domein = "fysiek"',
        "",
        "[[actie]]",
        f"wat = {_value('', 'een actie die bewoners zelf trekken')}",
        f'wie = "{bewoners}"',
        f"wanneer = {dt.date(a.start.year, 9, 30).isoformat()}",
        'schaal = "straat"',
        'domein = "leefbaarheid"',
        "",
        "[[actie]]",
        f"wat = {_value('', 'een sociale actie')}",
        'wie = "buurtonderneming"',
        f"wanneer = {dt.date(a.start.year + 1, 6, 30).isoformat()}",
        'schaal = "buurt"',
        'domein = "sociaal"',
        "",
        "# Het 'oliemannetje': iemand met gezag die iedereen, ook bewoners, kan inschakelen.",
        "[escalatie]",
        f"naam = {_value('', 'naam')}",
        f"gezag = {_value('', 'waarom deze persoon gezag heeft')}",
        'toegankelijk_voor = ["bewoners", "gemeente", "corporatie", "instelling"]',
        "na_eigen_poging = true",
        "",
        "[communicatie]",
        "successen_vieren = true",
        'kanalen = ["wijkkrant", "buurtfeest"]',
        "voortgang_per_partij = true  # per partij melden wat die wel en niet deed (zere-plekken)",
        "",
        "[maatwerk]",
        f"wijkanalyse = {_value('', 'de wijkanalyse waarop dit plan rust')}",
        f"# analysedatum = {a.start.isoformat()}  # {PLACEHOLDER}: datum van de wijkanalyse (hoogstens 3 jaar oud)",
        "",
        "# Verantwoording: niet vaker dan nodig (geen-overdreven-controle).",
        "[verantwoording]",
        "per_jaar = 2",
        'aan = ["buurtonderneming"]',
        "",
        "[continuiteit]",
        "vaste_contactpersonen = true",
        "minimale_bezetting_jaren = 3",
        "",
        "# Pas toe of leg uit: wijk je bewust af van een regel, leg dat dan uit:",
        "# [[uitzondering]]",
        '# regel = "kleinschalig"',
        '# toelichting = "Waarom deze regel hier niet past: minstens 4 woorden uitleg, niet alleen \'n.v.t.\'."',
        "# tot = 2030-12-31",
        "",
    ]
    return "\n".join(lines)
