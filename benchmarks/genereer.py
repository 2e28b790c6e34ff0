"""Generate a corpus of realistic agreements (about 6 KB each) for the benchmarks.

    python benchmarks/genereer.py [--aantal 1000] [--map benchmarks/corpus] [--seed 1]

About a third of the files break one or more rules, as real drafts do (about 2 findings a
file on average); the rest comply. With ``--veel`` every file breaks many (about 24 findings).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

WIJKEN = ["Woensel-West", "Kanaleneiland", "Overvecht", "Bouwlust", "Schilderswijk", "Malburgen", "Presikhaaf", "Angelslo", "Emmerhout", "Bargeres"]
GEMEENTEN = ["Eindhoven", "Utrecht", "Den Haag", "Arnhem", "Emmen", "Rotterdam", "Zwolle", "Tilburg"]
GROEPEN = ["huurders", "jongeren", "ouderen", "nieuwkomers", "eigenaren", "ondernemers"]
ACTIES = ["Herinrichting {s}", "Huiswerkbegeleiding in {s}", "Schoonmaakdag {s}", "Speeltuin {s}", "Gevelrenovatie {s}", "Buurtpreventie {s}", "Taalcafé {s}", "Groenonderhoud {s}"]
STRATEN = ["Celebesstraat", "Javalaan", "Boschdijk", "Kruisstraat", "Molenweg", "Parkstraat", "Schoolstraat", "Dorpsstraat"]


def q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def agreement(i: int, rng: random.Random, many: bool = False) -> str:
    wijk, gemeente = rng.choice(WIJKEN), rng.choice(GEMEENTEN)
    broken = many or rng.random() < 0.33
    start = dt.date(2008 + rng.randrange(15), rng.randrange(1, 13), 1)
    years = rng.choice([10, 12, 15]) if not broken else rng.choice([2, 4, 10])
    end = start.replace(year=start.year + years) - dt.timedelta(days=1)
    bewoners = rng.randrange(4000, 20000)
    out = [
        f"# Samenwerkingsafspraken {wijk} ({i}); gegenereerd voor de benchmark",
        "formaat = 1",
        "",
        "[afspraak]",
        f"titel = {q(f'Samenwerkingsafspraken {wijk} {i}')}",
        f"wijk = {q(wijk)}",
        f"gemeente = {q(gemeente)}",
        'status = "concept"',
        f"ingangsdatum = {start}",
        f"einddatum = {end}",
        'schaal = "buurt"',
        f"huishoudens = {bewoners // 2}",
        f"bewoners = {bewoners}",
    ]
    parties = [("gemeente", f"Gemeente {gemeente}", "gemeente"), ("corporatie", "Woonstichting Thuis", "corporatie"), ("bewonersraad", f"Bewonersraad {wijk}", "bewoners")]
    parties += [(f"instelling-{k}", f"Stichting Welzijn {k}", "instelling") for k in range(rng.randrange(1, 3))]
    per_party = max(1, bewoners * 2 // 1000 // len(parties))
    for pid, naam, soort in parties:
        pros = 0 if soort == "bewoners" else per_party * (4 if broken and soort == "instelling" else 1)
        out += ["", "[[partij]]", f"id = {q(pid)}", f"naam = {q(naam)}", f"soort = {q(soort)}", f"professionals = {pros}", "ondertekent = true"]
    mandaat = ["gemeente", "corporatie"] if not broken or rng.random() < 0.5 else ["gemeente"]
    out += ["", "[[orgaan]]", 'id = "buurtonderneming"', f"naam = {q(f'Buurtonderneming {wijk}')}", 'soort = "buurtonderneming"', "besluitvormend = true", f"mandaat = {mandaat!r}".replace("'", '"')]
    for pid, naam, soort in parties:
        stemmen = 2 if broken and soort == "gemeente" and rng.random() < 0.5 else 1
        out += ["", "  [[orgaan.lid]]", f"  naam = {q(f'Vertegenwoordiger {naam}')}", f"  partij = {q(pid)}", f"  stemmen = {stemmen}", f"  rol = {q('lid namens ' + naam)}"]
    out += ["", "[aanspreekpunt]", 'orgaan = "buurtonderneming"', f"naam = {q(f'Wijkwinkel {wijk}')}", f"bereikbaar = {q('ma-vr 9-17 uur, ' + rng.choice(STRATEN) + ' 1')}"]
    out += ["", "[[overleg]]", 'tussen = ["bewonersraad", "buurtonderneming"]', "per_jaar = 4", "afdwingbaar = true", 'onderwerpen = ["werkinhoud", "efficientie", "effectiviteit", "meerwaarde"]']
    fasen = ["initiatief", "ontwerp", "besluit", "uitvoering", "evaluatie"]
    if broken:
        fasen = fasen[: rng.randrange(2, 5)]
    out += ["", "[besluitvorming]", f"bewoners_betrokken = {fasen!r}".replace("'", '"'), "eigenaarschap_bewoners = true"]
    if not many:  # RULES v2: the rung of the participation ladder per phase
        treden = ["meebeslissen", "coproduceren", "meebeslissen" if not broken or rng.random() < 0.7 else "raadplegen", "coproduceren", "meebeslissen"]
        out += ["", "  [besluitvorming.niveau]", *(f"  {fase} = {q(trede)}" for fase, trede in zip(fasen, treden))]
    groepen = rng.sample(GROEPEN, 4)
    for k, nodig in enumerate(["jongeren", "nieuwkomers"] if not broken else ["jongeren"]):
        if nodig not in groepen:
            groepen[k] = nodig
    out += ["", "[bewoners]", f"groepen = {groepen!r}".replace("'", '"'), 'beoordelen_professionals = ["sollicitatie", "functionering"]', "rotatie_jaren = 4"]
    if not many:
        out += [f"budget_eigen_initiatief = {rng.randrange(5, 50) * 1000}", "uitdaagrecht = true"]
    domeinen = ["fysiek", "sociaal", "leefbaarheid"]
    for k in range(rng.randrange(18, 26)):
        wie = rng.choice(parties)[0]
        days = (end - start).days + (90 if broken else 0)  # broken: an action may fall after the end
        wanneer = start + dt.timedelta(days=30 if k == 2 else rng.randrange(30, days))
        schaal = rng.choice(["straat", "straat", "buurt"])
        wat = rng.choice(ACTIES).format(s=rng.choice(STRATEN))
        when = [] if many and k % 12 else [f"wanneer = {wanneer}"]  # many: most actions lack a date
        out += ["", "[[actie]]", f"wat = {q(wat)}", f"wie = {q(wie)}", *when, f"schaal = {q(schaal)}", f"thema = {q(rng.choice(['leefbaarheid', 'wonen', 'jeugd', 'veiligheid']))}", f"indicator = {q('tevredenheid bewoners (wijkmonitor)')}", f"streefwaarde = {rng.randrange(60, 90)}"]
        if not many:
            out.append(f"domein = {q(domeinen[k] if k < 3 else rng.choice(domeinen))}")
    out += ["", "[escalatie]", 'naam = "mr. J. van den Berg"', 'gezag = "oud-burgemeester"', 'toegankelijk_voor = ["bewoners", "gemeente", "corporatie", "instelling"]', "na_eigen_poging = true"]
    out += ["", "[communicatie]", "successen_vieren = true", 'kanalen = ["wijkkrant", "jaarlijks wijkfeest"]', *([] if many else ["voortgang_per_partij = true"])]
    out += ["", "[maatwerk]", f"wijkanalyse = {q(f'Wijkprofiel {wijk} {start.year - 1}')}"]
    out += ["", "[continuiteit]", "vaste_contactpersonen = true", "minimale_bezetting_jaren = 3", ""]
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--aantal", type=int, default=1000)
    parser.add_argument("--map", type=Path, default=Path(__file__).parent / "corpus")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--veel", action="store_true", help="every file breaks many rules (about 24 findings each)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    args.map.mkdir(parents=True, exist_ok=True)
    sizes = []
    for i in range(args.aantal):
        text = agreement(i, rng, args.veel)
        (args.map / f"afspraak-{i:04d}.toml").write_text(text, encoding="utf-8")
        sizes.append(len(text.encode()))
    print(f"{args.aantal} afspraken in {args.map}, gemiddeld {sum(sizes) / len(sizes) / 1024:.1f} KB")


if __name__ == "__main__":
    main()
