"""``afspraken init``: a commented starting agreement that passes ``afspraken check``."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

PLACEHOLDER = "VUL IN"


def slug(text: str) -> str:
    """'Woonstichting De Key' -> 'woonstichting-de-key' (a valid id)."""
    value = re.sub(r"[^a-z0-9]+", "-", text.lower().encode("ascii", "ignore").decode()).strip("-")
    return value or "partij"


@dataclass
class Answers:
    wijk: str = f"{PLACEHOLDER}: naam van de wijk"
    gemeente: str = f"{PLACEHOLDER}: gemeente"
    corporatie: str = f"{PLACEHOLDER}: naam van de woningcorporatie"
    bewoners: str = f"{PLACEHOLDER}: naam van de bewonersorganisatie"
    instellingen: list[str] = field(default_factory=lambda: [f"{PLACEHOLDER}: naam van de welzijnsinstelling"])
    start: dt.date = field(default_factory=lambda: dt.date(dt.date.today().year + 1, 1, 1))


def q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def render(a: Answers) -> str:
    end = dt.date(a.start.year + 10, a.start.month, a.start.day) - dt.timedelta(days=1)
    parties = [("gemeente", f"Gemeente {a.gemeente}" if PLACEHOLDER not in a.gemeente else a.gemeente, "gemeente", 2),
               (slug(a.corporatie) if PLACEHOLDER not in a.corporatie else "corporatie", a.corporatie, "corporatie", 2),
               (slug(a.bewoners) if PLACEHOLDER not in a.bewoners else "bewoners", a.bewoners, "bewoners", 0)]
    for i, naam in enumerate(a.instellingen):
        ident = slug(naam) if PLACEHOLDER not in naam else f"instelling-{i + 1}"
        parties.append((ident, naam, "instelling", 2))
    ids = [p[0] for p in parties]
    corporatie, bewoners = ids[1], ids[2]
    lines = [
        f"# Samenwerkingsafspraken {a.wijk}",
        "# Gemaakt met `afspraken init`. Vul alles in waar 'VUL IN' staat, pas de voorbeelden aan,",
        "# en toets met `afspraken check`. Uitleg per regel: `afspraken explain REGEL`.",
        "# Het formaat staat in docs/formaat.md; `afspraken schema` geeft een JSON Schema voor je editor.",
        "formaat = 1",
        "",
        "[afspraak]",
        f"titel = {q(f'Samenwerkingsafspraken {a.wijk}')}",
        'soort = "wijkafspraak"          # wijkafspraak | wijkactieplan | convenant | prestatieafspraak',
        f"wijk = {q(a.wijk)}",
        f"gemeente = {q(a.gemeente)}",
        'status = "concept"              # concept | vastgesteld',
        f"ingangsdatum = {a.start.isoformat()}",
        f"einddatum = {end.isoformat()}       # minstens 8 jaar, over gemeenteraadsverkiezingen heen (lange-termijn)",
        'schaal = "buurt"                # straat | buurt | wijk | gemeente: werk kleinschalig',
        "huishoudens = 2000              # VUL IN",
        "bewoners = 4500                 # VUL IN: aantal bewoners (voor niet-te-veel-professionals)",
        "",
        "# De partijen. professionals = het aantal mensen dat de partij in de wijk inzet.",
    ]
    for ident, naam, soort, pros in parties:
        lines += ["", "[[partij]]", f"id = {q(ident)}", f"naam = {q(naam)}", f'soort = "{soort}"']
        if pros:
            lines.append(f"professionals = {pros}")
    lines += [
        "",
        "# Het orgaan dat besluit: alle partijen met een gelijke stem (gelijke-stem),",
        "# met het mandaat van gemeente en corporatie (een-aanspreekpunt, mandaat).",
        "[[orgaan]]",
        'id = "buurtonderneming"',
        f"naam = {q(f'Buurtonderneming {a.wijk}')}",
        'soort = "buurtonderneming"',
        f"mandaat = {json.dumps(['gemeente', corporatie])}",
    ]
    for ident, naam, _, _ in parties:
        lines += ["", "  [[orgaan.lid]]", f"  naam = {q(f'{PLACEHOLDER}: lid namens {naam}')}", f"  partij = {q(ident)}"]
    lines += [
        "",
        "[aanspreekpunt]",
        'orgaan = "buurtonderneming"',
        f"naam = {q(f'Wijkwinkel {a.wijk}')}",
        f'bereikbaar = "{PLACEHOLDER}: openingstijden en adres"',
        "",
        "# Het (afdwingbare) recht van bewoners om vier keer per jaar met het orgaan te spreken.",
        "[[overleg]]",
        f"tussen = {json.dumps([bewoners, 'buurtonderneming'])}",
        "per_jaar = 4",
        "afdwingbaar = true",
        'onderwerpen = ["werkinhoud", "efficientie", "effectiviteit", "meerwaarde"]',
        "",
        "[besluitvorming]",
        'bewoners_betrokken = ["initiatief", "ontwerp", "besluit", "uitvoering", "evaluatie"]',
        "eigenaarschap_bewoners = true",
        "",
        "[bewoners]",
        'groepen = ["huurders", "jongeren", "ouderen", "nieuwkomers"]',
        'beoordelen_professionals = ["sollicitatie", "functionering"]',
        "rotatie_jaren = 4",
        "",
        "# Concrete acties: elk met één eigenaar (wie) en een datum binnen de looptijd.",
        "[[actie]]",
        f'wat = "{PLACEHOLDER}: een actie op straatniveau"',
        f"wie = {q(corporatie)}",
        f"wanneer = {dt.date(a.start.year, 6, 30).isoformat()}",
        'schaal = "straat"',
        "",
        "[[actie]]",
        f'wat = "{PLACEHOLDER}: een actie die bewoners zelf trekken"',
        f"wie = {q(bewoners)}",
        f"wanneer = {dt.date(a.start.year, 9, 30).isoformat()}",
        'schaal = "straat"',
        "",
        "# Het 'oliemannetje': iemand met gezag die iedereen, ook bewoners, kan inschakelen.",
        "[escalatie]",
        f'naam = "{PLACEHOLDER}: naam"',
        f'gezag = "{PLACEHOLDER}: waarom deze persoon gezag heeft"',
        'toegankelijk_voor = ["bewoners", "gemeente", "corporatie", "instelling"]',
        "na_eigen_poging = true",
        "",
        "[communicatie]",
        "successen_vieren = true",
        'kanalen = ["wijkkrant", "buurtfeest"]',
        "",
        "[maatwerk]",
        f'wijkanalyse = "{PLACEHOLDER}: de wijkanalyse waarop dit plan rust"',
        "",
        "[continuiteit]",
        "vaste_contactpersonen = true",
        "minimale_bezetting_jaren = 3",
        "",
        "# Pas toe of leg uit: wijk je bewust af van een regel, leg dat dan uit:",
        "# [[uitzondering]]",
        '# regel = "kleinschalig"',
        '# toelichting = "Waarom deze regel hier niet past (minstens 20 tekens)."',
        "# tot = 2030-12-31",
        "",
    ]
    return "\n".join(lines)
