"""The legal texts the rules quote, as retrieved, and how a rule marks what is not a verbatim quote.

Every rule's ``quote`` is one of three things, and says which:

- **letterlijk** (verbatim): words of an article below, compared with the retrieved text (omissions
  marked ``[…]``); the rule's ``source`` names the article and lid, like ``"Woningwet, art. 44 lid 4"``.
  :func:`is_letterlijk` checks this mechanically, and a test runs it on every rule.
- **parafrase**: the quote starts with ``"(parafrase) "`` and the source with ``"parafrase van "``.
- **geen wettekst**: the quote starts with ``"(geen wettekst) "`` and the source with ``"geen wettekst: "``.

Where each text came from (repository, path, commit, version date) is in BRONNEN.md next to the
plugin's README; :data:`HERKOMST` gives the short form. Dutch statutes carry no copyright
(Auteurswet art. 11), so the texts are kept here word for word.
"""

from __future__ import annotations

import re
from typing import Literal, NamedTuple, Optional

PARAFRASE = "(parafrase) "
GEEN_WETTEKST = "(geen wettekst) "
Status = Literal["letterlijk", "parafrase", "geen wettekst"]


class Bron(NamedTuple):
    """One lid of one article, as retrieved."""

    wet: str  # "Woningwet" or "Overlegwet"
    artikel: str
    lid: int
    tekst: str
    herkomst: str  # key in HERKOMST


_LAWS = "statengeneraal/laws-markdown"
HERKOMST: dict[str, str] = {
    "woningwet-2015": f"{_LAWS}, wet/woningwet/BWBR0005181/README.md, commit 7f6bac9f6a947f1b56980ded88fe7bdf609f04f8 "
    "(tekst van wetten.overheid.nl zoals geldend op 22 juli 2015)",
    "overlegwet-2015": f"{_LAWS}, wet/wet/op/het/overleg/huurders/verhuurder/BWBR0009810/README.md, commit "
    "0650ac05bfef091e0f842c1c3302d1d88106bc14 (tekst van wetten.overheid.nl zoals geldend op 27 juli 2015)",
    "btiv-2015": f"{_LAWS}, AMvB/besluit/toegelaten/instellingen/volkshuisvesting/2015/BWBR0036702/README.md, commit "
    "2f587ee156bbe6d95bf4857188316a5276af5664 (tekst van wetten.overheid.nl zoals geldend op 23 juni 2015)",
    "corporatienl-2019": "https://www.corporatienl.nl/artikelen/presterende-prestatieafspraken-en-geschil/ "
    "(25 maart 2019; citeert art. 44 lid 4 Woningwet letterlijk)",
}

_W, _O, _B = "Woningwet", "Overlegwet", "Btiv"
WETTEN = {
    "Woningwet": _W,
    "Overlegwet": _O,
    "Besluit toegelaten instellingen volkshuisvesting": _B,
}
"""How a source names a law -> the key in BRONNEN."""
BRONNEN: tuple[Bron, ...] = (
    Bron(_W, "36a", 1, "Het bestuur stelt jaarlijks een volkshuisvestingsverslag op, waaruit elke gemeente of openbaar "
         "lichaam waar de toegelaten instelling feitelijk werkzaam is kan afleiden welke gegevens met name op die gemeente "
         "of dat openbaar lichaam betrekking hebben.", "woningwet-2015"),
    Bron(_W, "36a", 2, "In het volkshuisvestingsverslag wordt verslag gedaan van de wijze waarop in het verslagjaar het "
         "belang van de volkshuisvesting is gediend en van het beleid dat in het verslagjaar ten aanzien van de "
         "belanghebbenden is gevoerd, en wordt mededeling gedaan over de verwachte gang van zaken omtrent het beleid van "
         "de toegelaten instelling met het oog op dat belang.", "woningwet-2015"),
    Bron(_W, "42", 1, "De toegelaten instelling draagt met haar werkzaamheden naar redelijkheid bij aan de uitvoering van "
         "het volkshuisvestingsbeleid dat geldt in de gemeenten waar zij feitelijk werkzaam is. De eerste volzin is niet "
         "van toepassing, zolang die gemeenten geen bescheiden aan de toegelaten instelling hebben verstrekt, waarin zij "
         "op hoofdlijnen een toegelicht inzicht verschaffen in hun voorgenomen volkshuisvestingsbeleid, waarover zij met "
         "betrekking tot onderwerpen waarbij andere gemeenten een rechtstreeks belang hebben overleg hebben gevoerd met "
         "die gemeenten. Onze Minister behandelt geschillen tussen gemeenten en toegelaten instellingen omtrent de "
         "bijdragen van toegelaten instellingen aan het in die gemeenten geldende volkshuisvestingsbeleid.",
         "woningwet-2015"),
    Bron(_W, "43", 1, "De toegelaten instelling stelt een overzicht op van voorgenomen werkzaamheden, waaruit de gemeenten "
         "waar zij feitelijk werkzaam is kunnen afleiden welke werkzaamheden op hun grondgebied zijn voorzien, en welke "
         "bijdrage daarmee is beoogd aan de uitvoering van het volkshuisvestingsbeleid dat in die gemeenten geldt. Het "
         "overzicht heeft betrekking op de eerstvolgende vijf kalenderjaren en heeft mede betrekking op de met de "
         "toegelaten instelling verbonden ondernemingen.", "woningwet-2015"),
    Bron(_W, "44", 1, "De toegelaten instelling draagt er zorg voor dat de colleges van burgemeester en wethouders van de "
         "gemeenten waar zij feitelijk werkzaam is, en de in het belang van de huurders van haar woongelegenheden "
         "werkzame huurdersorganisaties en bewonerscommissies, bedoeld in artikel 1, eerste lid, onderdeel f "
         "respectievelijk g, van de Wet op het overleg huurders verhuurder, jaarlijks op 1 juli beschikken over het "
         "overzicht, bedoeld in artikel 43, eerste lid.", "woningwet-2015"),
    Bron(_W, "44", 2, "De toegelaten instelling verzoekt jaarlijks, tegelijk met de toezending van het overzicht, bedoeld "
         "in artikel 43, eerste lid, om een overleg met de betrokken colleges van burgemeester en wethouders en de "
         "organisaties en commissies, bedoeld in het eerste lid, met het oog op te maken afspraken over de uitvoering van "
         "het in de betrokken gemeenten geldende volkshuisvestingsbeleid in ten minste het kalenderjaar dat direct volgt "
         "op de in het eerste lid bedoelde datum.", "woningwet-2015"),
    Bron(_W, "44", 4, "Indien het overleg, bedoeld in het tweede lid, niet binnen zes maanden na aanvang daarvan tot "
         "afspraken als bedoeld in dat lid leidt, leggen het college van burgemeester en wethouders, de toegelaten "
         "instelling of de organisaties en commissies, bedoeld in het tweede lid, het geschil dat aan het tot stand komen "
         "van die afspraken in de weg staat binnen vier weken na het ontstaan van het geschil schriftelijk en onderbouwd "
         "ter behandeling voor aan Onze Minister, die vervolgens een bindende uitspraak doet.", "corporatienl-2019"),
    Bron(_W, "44a", 1, "De toegelaten instelling doet jaarlijks voor 15 december volgend op de in artikel 44, eerste lid, "
         "bedoelde datum aan Onze Minister, aan de colleges van burgemeester en wethouders van de gemeenten waar zij "
         "feitelijk werkzaam is, en aan de in het belang van de huurders van haar woongelegenheden werkzame "
         "huurdersorganisaties en bewonerscommissies als bedoeld in artikel 1, eerste lid, onderdeel f respectievelijk g, "
         "van de Wet op het overleg huurders verhuurder, toekomen: a. een overeenkomstig bij ministeriële regeling te "
         "geven voorschriften ingericht overzicht omtrent de onderwerpen, bedoeld in artikel 43, eerste lid, welk "
         "overzicht mede betrekking heeft op de met haar verbonden ondernemingen; b. indien van toepassing: de op grond "
         "van artikel 44, tweede lid, gemaakte afspraken en c. een bestuursverklaring bij de gegevens die zijn opgenomen "
         "in het overzicht, bedoeld in onderdeel a.", "woningwet-2015"),
    Bron(_B, "32", 1, "Het volkshuisvestingsverslag, bedoeld in artikel 36a, eerste lid, van de wet, omvat in elk geval "
         "een uiteenzetting inzake het verslagjaar over: a. de uitvoering van het in de gemeenten waar de toegelaten "
         "instelling feitelijk werkzaam is geldende volkshuisvestingsbeleid, en van in het in artikel 44, tweede lid, "
         "van de wet bedoelde overleg gemaakte afspraken daarover; b. het inzetten van haar middelen, bedoeld in artikel "
         "42, tweede en derde lid, van de wet; c. het gevoerde overleg als bedoeld in artikel 44, tweede lid, van de wet "
         "met de gemeenten waar zij feitelijk werkzaam is; d. het gevoerde overleg met de betrokken "
         "bewonersorganisaties;", "btiv-2015"),  # onderdelen e-i left out: not used
    Bron(_B, "39", 2, "De toegelaten instelling betrekt bij het vaststellen van het overzicht, bedoeld in artikel 43, "
         "eerste lid, van de wet, de door Onze Minister vast te stellen rijksprioriteiten met betrekking tot het terrein "
         "van de volkshuisvesting. Onze Minister stelt die prioriteiten ten minste een maal per vier jaar vast voor een "
         "tijdvak van de vier op dat jaar volgende kalenderjaren, doet deze voor de aanvang van dat tijdvak toekomen aan "
         "beide kamers der Staten-Generaal en maakt deze bekend in de Staatscourant. In het kalenderjaar dat direct "
         "voorafgaat aan een zodanig tijdvak voert hij overleg over de voor dat tijdvak voorgenomen prioriteiten met in "
         "elk geval personen of instanties uit de kring van de toegelaten instellingen, de gemeenten en de "
         "bewonersorganisaties.", "btiv-2015"),
    Bron(_O, "5", 1, "De verhuurder voert een voornemen tot wijziging in het door hem gevoerde beleid of beheer, bedoeld "
         "in artikel 3, tweede lid, niet uit dan nadat hij binnen een door hem aan te geven periode van ten minste zes "
         "weken na het verstrekken van de informatie overeenkomstig artikel 4, de huurdersorganisatie of de "
         "bewonerscommissie in staat heeft gesteld met hem over de verstrekte informatie overleg te voeren en, indien de "
         "huurdersorganisatie of de bewonerscommissie dat wenst, daarover een schriftelijk advies uit te brengen.",
         "overlegwet-2015"),
    Bron(_O, "5", 2, "Binnen veertien dagen na ontvangst van een schriftelijk advies als bedoeld in het eerste lid deelt "
         "de verhuurder, indien hij het advies geheel of gedeeltelijk niet volgt, schriftelijk aan de "
         "huurdersorganisatie of de bewonerscommissie de redenen daarvoor mee.", "overlegwet-2015"),
    Bron(_O, "5", 3, "De verhuurder kan zijn voornemen uitvoeren: a. na ontvangst van een schriftelijke mededeling van de "
         "huurdersorganisatie of de bewonerscommissie dat deze geen bezwaar heeft tegen het voornemen; b. nadat de door "
         "de verhuurder gestelde termijn, bedoeld in het eerste lid, is verstreken; c. drie dagen nadat een schriftelijke "
         "mededeling als bedoeld in het tweede lid door de huurdersorganisatie of de bewonerscommissie is ontvangen.",
         "overlegwet-2015"),
    Bron(_O, "5b", 3, "De verhuurder voert ten minste een maal per jaar met de betrokken huurdersorganisaties en de "
         "betrokken bewonerscommissies overleg, niet zijnde een overleg over verstrekte informatie als bedoeld in het "
         "eerste lid of de artikelen 3 en 4. Die huurdersorganisaties en bewonerscommissies kunnen gezamenlijk voor dat "
         "overleg worden uitgenodigd.", "overlegwet-2015"),
    Bron(_O, "5d", 1, "De huurdersorganisatie kan een of meer deskundigen uitnodigen tot het bijwonen van een overleg, met "
         "het oog op de behandeling van een bepaald onderwerp.", "overlegwet-2015"),
    Bron(_O, "5e", 1, "De verhuurder biedt de leden van het bestuur van de huurdersorganisatie gedurende een door de "
         "verhuurder en de huurdersorganisatie gezamenlijk vast te stellen aantal dagen per jaar de gelegenheid om de "
         "scholing en vorming te ontvangen welke zij in verband met de vervulling van hun taak nodig oordelen.",
         "overlegwet-2015"),
    Bron(_O, "5e", 2, "De verhuurder en de huurdersorganisatie stellen het aantal dagen, bedoeld in het eerste lid, vast "
         "op een zodanig aantal als de betrokken leden van het bestuur van de huurdersorganisatie voor de vervulling van "
         "hun taak redelijkerwijs nodig hebben, met dien verstande dat het aantal dagen niet lager vastgesteld kan worden "
         "dan drie per jaar.", "overlegwet-2015"),
    Bron(_O, "7", 1, "De verhuurder vergoedt aan de huurdersorganisatie de kosten die rechtstreeks samenhangen met en "
         "redelijkerwijs noodzakelijk zijn voor de vervulling van de taken, genoemd in de artikelen 3, 4, 5 en 5b. Onder "
         "deze kosten worden in ieder geval begrepen de kosten van het uitnodigen van deskundigen en het vragen van "
         "inlichtingen en adviezen als bedoeld in artikel 5d, en de kosten van scholings- en vormingsactiviteiten als "
         "bedoeld in artikel 5e.", "overlegwet-2015"),
    Bron(_O, "7", 2, "De verhuurder en de huurdersorganisatie komen overeen dat de in een kalenderjaar gemaakte kosten, "
         "bedoeld in het eerste lid, worden vastgesteld op een bepaald bedrag, dat de huurdersorganisatie naar eigen "
         "inzicht kan besteden. De huurdersorganisatie legt binnen twee maanden na afloop van het jaar, bedoeld in de "
         "eerste volzin, aan de verhuurder verantwoording af over de besteding van de ter beschikking gestelde gelden. "
         "Kosten waardoor het hier bedoelde bedrag zal worden overschreden, komen slechts ten laste van de verhuurder, "
         "voorzover hij in het dragen daarvan toestemt.", "overlegwet-2015"),
)


def tekst(wet: str, artikel: str, lid: int) -> str:
    """The retrieved text of one lid; ``KeyError`` when it was not retrieved."""
    for bron in BRONNEN:
        if (bron.wet, bron.artikel, bron.lid) == (wet, artikel, lid):
            return bron.tekst
    raise KeyError(f"{wet} art. {artikel} lid {lid} is not among the retrieved texts")


def citaat(wet: str, artikel: str, lid: int, *delen: str) -> str:
    """A verbatim quote: the given parts of one lid, joined by ``[…]``; fails at import if a part is not in the text.

    With no parts, the whole lid.
    """
    bron = tekst(wet, artikel, lid)
    quote = " […] ".join(delen) if delen else bron
    if not _in_order(delen or (bron,), bron):
        raise ValueError(f"not verbatim in {wet} art. {artikel} lid {lid}: {quote!r}")
    return quote


def status(quote: str) -> Status:
    """How a rule marks its quote (see the module docstring)."""
    if quote.startswith(PARAFRASE):
        return "parafrase"
    if quote.startswith(GEEN_WETTEKST):
        return "geen wettekst"
    return "letterlijk"


def artikelen(source: str) -> list[tuple[str, str, int]]:
    """The (law, article, lid) a verbatim rule's ``source`` names, e.g. ``Woningwet, art. 44 lid 4``.

    Laws are named as in :data:`WETTEN`; a part (between ``;``) that names none continues the previous law.
    """
    out: list[tuple[str, str, int]] = []
    law: Optional[str] = None
    for part in source.split(";"):  # a part without a law's name continues the previous one
        law = next((key for name, key in WETTEN.items() if name in part), law)
        if law is None:
            continue
        for art, lids in re.findall(r"art\. (\w+) lid ([\d, en]+)", part):
            out += [(law, art, int(n)) for n in re.findall(r"\d+", lids)]
    return out


def is_letterlijk(quote: str, source: str) -> bool:
    """Whether every ``[…]``-separated part of ``quote`` stands in a lid that ``source`` names, in order within a lid."""
    teksten = []
    for law, art, lid in artikelen(source):
        try:
            teksten.append(" ".join(tekst(law, art, lid).split()))
        except KeyError:
            continue
    delen = [" ".join(d.split()) for d in quote.split("[…]") if d.strip()]
    if not teksten or not delen:
        return False
    huidig, at = -1, 0
    for deel in delen:
        found = teksten[huidig].find(deel, at) if huidig >= 0 else -1
        if found < 0:  # the next lid the source names
            huidig, found = next(((i, t.find(deel)) for i, t in enumerate(teksten) if i != huidig and deel in t), (-1, -1))
            if found < 0:
                return False
        at = found + len(deel)
    return True


def _in_order(delen: tuple[str, ...] | list[str], bron: str) -> bool:
    norm = " ".join(bron.split())
    at = 0
    for deel in delen:
        found = norm.find(" ".join(deel.split()), at)
        if found < 0:
            return False
        at = found + len(deel)
    return True


def herkomst(quote: str, source: str) -> list[str]:
    """The HERKOMST keys of the texts a verbatim quote's parts were found in, in order of first use."""
    out: list[str] = []
    for deel in (" ".join(d.split()) for d in quote.split("[…]") if d.strip()):
        for law, art, lid in artikelen(source):
            bron = next((b for b in BRONNEN if (b.wet, b.artikel, b.lid) == (law, art, lid)), None)
            if bron is not None and deel in " ".join(bron.tekst.split()):
                if bron.herkomst not in out:
                    out.append(bron.herkomst)
                break
    return out
