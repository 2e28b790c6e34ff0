"""``afspraken init``: a commented starting agreement, in Dutch or English comments.

What is not known yet gets a ``VUL IN`` marker, in the value itself where the value is text
(``naam = "VUL IN: naam van de partij"``) and next to a placeholder number otherwise; never in a
commented-out line. Each marker is a finding of ``nog-invullen``, located at the marker, so a draft
cannot pass while one remains; once all are filled in, it passes every built-in rule set.
The keys stay the Dutch words of the format in both languages.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass, field

from afspraken.reporting.escaping import escape

PLACEHOLDER = "VUL IN"


def slug(text: str) -> str:
    """'Stichting Één Wijk' -> 'stichting-een-wijk' (a valid id)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def names(answer: str) -> list[str]:
    """'Mitros, Portaal' -> ['Mitros', 'Portaal']; '-' and blanks mean none."""
    return [x.strip() for x in answer.split(",") if x.strip() and x.strip() != "-"]


@dataclass
class Answers:
    """What ``init`` asks; empty means: not known yet."""

    wijk: str = ""
    gemeente: str = ""
    corporaties: list[str] = field(default_factory=list)
    bewoners: str = ""
    instellingen: list[str] = field(default_factory=list)
    start: dt.date = field(default_factory=lambda: dt.date(dt.date.today().year + 1, 1, 1))


class Party:
    def __init__(self, ident: str, naam: str, soort: str, hint: tuple[str, str]) -> None:
        self.id, self.naam, self.soort, self.hint = ident, naam, soort, hint


def _parties(a: Answers) -> list[Party]:
    """One party per answer, with unique ids made from the names."""
    wanted = [Party("gemeente", f"Gemeente {a.gemeente}" if a.gemeente else "", "gemeente", ("naam van de gemeente", "name of the municipality"))]
    for i, naam in enumerate(a.corporaties or [""], 1):
        wanted.append(Party(slug(naam) or ("corporatie" if i == 1 else f"corporatie-{i}"), naam, "corporatie", ("naam van de woningcorporatie", "name of the housing corporation")))
    wanted.append(Party(slug(a.bewoners) or "bewoners", a.bewoners, "bewoners", ("naam van de bewonersorganisatie", "name of the residents' organisation")))
    for i, naam in enumerate(a.instellingen or [""], 1):
        wanted.append(Party(slug(naam) or f"instelling-{i}", naam, "instelling", ("naam van de instelling", "name of the institution")))
    seen: set[str] = set()
    for party in wanted:
        unique, n = party.id, 1
        while unique in seen:
            n += 1
            unique = f"{party.id}-{n}"
        seen.add(unique)
        party.id = unique
    return wanted


def render(a: Answers, lang: str = "nl") -> str:
    def t(nl: str, en: str) -> str:
        return en if lang == "en" else nl

    def text(value: str, nl: str, en: str) -> str:
        # json escapes C0 controls as TOML does; DEL it leaves raw, and TOML forbids it raw
        return json.dumps(value or f"{PLACEHOLDER}: {t(nl, en)}", ensure_ascii=False).replace("\x7f", "\\u007f")

    def number(nl: str, en: str) -> str:
        return f"0  # {PLACEHOLDER}: {t(nl, en)}"

    end = dt.date(a.start.year + 10, a.start.month, a.start.day) - dt.timedelta(days=1)
    parties = _parties(a)
    corporaties = [p.id for p in parties if p.soort == "corporatie"]
    bewoners = next(p.id for p in parties if p.soort == "bewoners")
    wijk = escape(a.wijk) if a.wijk else "..."  # in a comment: a newline or ESC would break the TOML
    lines = [
        t(f"# Samenwerkingsafspraken {wijk}", f"# Partnership agreement {wijk}"),
        t("# Gemaakt met `afspraken init`. `afspraken check` noemt elke plek die nog ingevuld moet worden",
          "# Made with `afspraken init`. `afspraken check` lists every place still to be filled in"),
        t("# (regel nog-invullen). Uitleg per regel: `afspraken explain REGEL`; het formaat: docs/formaat.md.",
          "# (rule nog-invullen). Each rule explained: `afspraken explain RULE`; the format: docs/formaat.md."),
        t("# De sleutels zijn Nederlands, zoals het formaat ze kent.", "# The keys are Dutch, the words of the format."),
        "formaat = 1",
        "",
        "[afspraak]",
        f"titel = {text(f'Samenwerkingsafspraken {a.wijk}' if a.wijk else '', 'titel van de afspraak', 'title of the agreement')}",
        'soort = "wijkafspraak"  # wijkafspraak | wijkactieplan | convenant | prestatieafspraak',
        f"wijk = {text(a.wijk, 'naam van de wijk', 'name of the neighbourhood')}",
        f"gemeente = {text(a.gemeente, 'gemeente', 'municipality')}",
        'status = "concept"  # concept | vastgesteld',
        f"ingangsdatum = {a.start.isoformat()}",
        f"einddatum = {end.isoformat()}  # {t('minstens 8 jaar, over gemeenteraadsverkiezingen heen (lange-termijn)', 'at least 8 years, past municipal elections (lange-termijn)')}",
        f'schaal = "buurt"  # straat | buurt | wijk | gemeente: {t("werk kleinschalig", "work small-scale")}',
        f"huishoudens = {number('aantal huishoudens', 'number of households')}",
        f"bewoners = {number('aantal bewoners (nodig voor niet-te-veel-professionals)', 'number of residents (needed for niet-te-veel-professionals)')}",
    ]
    for p in parties:
        lines += ["", "[[partij]]", f'id = "{p.id}"', f"naam = {text(p.naam, *p.hint)}", f'soort = "{p.soort}"']
        if p.soort != "bewoners":
            lines.append(f"professionals = {number('hoeveel mensen deze partij in de wijk inzet', 'how many people this party deploys in the area')}")
    mandaat = ", ".join(f'"{x}"' for x in ["gemeente", *corporaties])
    lines += [
        "",
        t("# Het orgaan dat besluit: elke partij een gelijke stem (gelijke-stem), met het mandaat",
          "# The body that decides: every party an equal vote (gelijke-stem), with the mandate"),
        t("# van gemeente en corporatie(s), zodat het één aanspreekpunt kan zijn (een-aanspreekpunt).",
          "# of municipality and corporation(s), so that it can be one point of contact (een-aanspreekpunt)."),
        "[[orgaan]]",
        'id = "buurtonderneming"',
        f"naam = {text(f'Buurtonderneming {a.wijk}' if a.wijk else '', 'naam van het orgaan', 'name of the body')}",
        'soort = "buurtonderneming"',
        f"mandaat = [{mandaat}]",
        t("# professionals = 0  # eigen medewerkers van het orgaan (tellen mee in niet-te-veel-professionals)",
          "# professionals = 0  # the body's own staff (counted in niet-te-veel-professionals)"),
    ]
    for p in parties:
        who = p.naam or p.id
        lines += ["", "  [[orgaan.lid]]", f"  naam = {text('', f'wie zit er namens {who}', f'who sits for {who}')}", f'  partij = "{p.id}"']
    lines += [
        "",
        t("  # Een raadgevende zetel (zonder stem) voor een partij die niet ondertekent:",
          "  # An advisory seat (without a vote) for a party that does not sign:"),
        "  # [[orgaan.lid]]",
        '  # naam = "Wijkagent"',
        '  # partij = "politie"',
        "  # stemmen = 0",
    ]
    lines += [
        "",
        "[aanspreekpunt]",
        'orgaan = "buurtonderneming"',
        f"naam = {text(f'Wijkwinkel {a.wijk}' if a.wijk else '', 'naam waaronder bewoners het aanspreekpunt kennen', 'name residents know the point of contact by')}",
        f"bereikbaar = {text('', 'openingstijden, adres, telefoon of mail', 'opening hours, address, phone or mail')}",
        "",
        t("# Het (afdwingbare) recht van bewoners om vier keer per jaar met het orgaan te spreken.",
          "# The (enforceable) right of residents to meet the body four times a year."),
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
        t("# De trede op de participatieladder per fase:", "# The rung on the participation ladder per phase:"),
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
        t("budget_eigen_initiatief = 0  # euro per jaar die bewoners aan eigen initiatieven besteden",
          "budget_eigen_initiatief = 0  # euros a year residents spend on their own initiatives"),
        t("uitdaagrecht = true  # bewoners mogen een taak overnemen die zij beter kunnen",
          "uitdaagrecht = true  # residents may take over a task they can do better"),
        "",
        t("# Concrete acties: elk met één eigenaar (wie), een datum binnen de looptijd en een domein",
          "# Concrete actions: each with one owner (wie), a date within the term and a domein"),
        t("# (fysiek | sociaal | economie | leefbaarheid | veiligheid | overig): fysiek én sociaal (en-en),",
          "# (fysiek | sociaal | economie | leefbaarheid | veiligheid | overig): physical and social (en-en),"),
        t("# en iets kleins voor de leefbaarheid in het eerste jaar (kleine-dingen-eerst).",
          "# and something small for liveability in the first year (kleine-dingen-eerst)."),
        "[[actie]]",
        f"wat = {text('', 'een actie op straatniveau', 'an action at street level')}",
        f'wie = "{corporaties[0]}"',
        f"wanneer = {dt.date(a.start.year, 6, 30).isoformat()}",
        'schaal = "straat"',
        'domein = "fysiek"',
        "",
        "[[actie]]",
        f"wat = {text('', 'een actie die bewoners zelf trekken', 'an action residents lead themselves')}",
        f'wie = "{bewoners}"',
        f"wanneer = {dt.date(a.start.year, 9, 30).isoformat()}",
        'schaal = "straat"',
        'domein = "leefbaarheid"',
        "",
        "[[actie]]",
        f"wat = {text('', 'een sociale actie', 'a social action')}",
        'wie = "buurtonderneming"',
        f"wanneer = {dt.date(a.start.year + 1, 6, 30).isoformat()}",
        'schaal = "buurt"',
        'domein = "sociaal"',
        "",
        t("# Het 'oliemannetje': iemand met gezag die iedereen, ook bewoners, kan inschakelen.",
          "# The 'oliemannetje': someone with authority whom anyone, residents too, can call in."),
        "[escalatie]",
        f"naam = {text('', 'naam van de persoon', 'name of the person')}",
        f"gezag = {text('', 'waarom deze persoon gezag heeft', 'why this person has authority')}",
        'toegankelijk_voor = ["bewoners", "gemeente", "corporatie", "instelling"]',
        "na_eigen_poging = true",
        "",
        "[communicatie]",
        "successen_vieren = true",
        'kanalen = ["wijkkrant", "buurtfeest"]',
        t("voortgang_per_partij = true  # per partij melden wat die wel en niet deed (zere-plekken)",
          "voortgang_per_partij = true  # report per party what it did and did not do (zere-plekken)"),
        "",
        "[maatwerk]",
        f"wijkanalyse = {text('', 'de wijkanalyse waarop dit plan rust', 'the analysis of the area this plan rests on')}",
        t(f"# analysedatum = {a.start.isoformat()}  # datum van de wijkanalyse (hoogstens 3 jaar oud)",
          f"# analysedatum = {a.start.isoformat()}  # date of the analysis (at most 3 years old)"),
        "",
        t("# Verantwoording: niet vaker dan nodig (geen-overdreven-controle).",
          "# Reporting: no more often than needed (geen-overdreven-controle)."),
        "[verantwoording]",
        "per_jaar = 2",
        'aan = ["buurtonderneming"]',
        "",
        "[continuiteit]",
        "vaste_contactpersonen = true",
        "minimale_bezetting_jaren = 3",
        "",
        t("# Pas toe of leg uit: wijk je bewust af van een regel, leg dat dan uit:",
          "# Comply or explain: if you knowingly depart from a rule, explain why:"),
        "# [[uitzondering]]",
        '# regel = "kleinschalig"',
        t('# toelichting = "Waarom deze regel hier niet past: minstens 4 woorden uitleg, niet alleen n.v.t."',
          '# toelichting = "Why this rule does not fit here: at least 4 words of explanation, not just n.v.t."'),
        "# tot = 2030-12-31",
        "",
    ]
    return "\n".join(lines)
