"""The data model of ``[extensies.prestatieafspraken]``.

The keys are Dutch, lowercase, with underscores, like the core format. Every
key (except an advice's ``onderwerp`` and an action's ``wat``) is optional on
purpose: a missing value is for the rules to judge (they report "kan niet
beoordelen" and point at the key to fill in), not a reason to reject the file.
Keys added later are optional too, so files written for an earlier version stay
valid. Wrong types, unknown keys and values outside the lists below
are errors in the file, reported with line and column.

Example::

    [extensies.prestatieafspraken]
    themas = ["betaalbaarheid", "beschikbaarheid", "kwaliteit-en-duurzaamheid",
              "leefbaarheid", "specifieke-groepen"]

    [extensies.prestatieafspraken.cyclus]
    bod = 2025-06-27
    bod_tot_en_met = 2030
    bod_naar = ["gemeente", "huurders"]
    ondertekend = 2025-12-09

    [extensies.prestatieafspraken.overleg]
    per_jaar = 4
    verhuurder_huurders_per_jaar = 6
    adviestermijn_weken = 6

    [extensies.prestatieafspraken.ondersteuning]
    deskundige_op_kosten_verhuurder = true
    budget_euro = 30000
    scholingsdagen_per_jaar = 4

    [extensies.prestatieafspraken.geschillen]
    route = ["bestuurlijk-overleg", "art44-woningwet"]

    [extensies.prestatieafspraken.verantwoording]
    toegezonden = 2025-12-12
    toegezonden_aan = ["minister", "gemeente", "huurders"]
    volkshuisvestingsverslag = true

    [[extensies.prestatieafspraken.advies]]
    onderwerp = "Huurbeleid in het bod"
    advies_ontvangen = 2025-06-16
    gevolgd = "deels"
    reactie = 2025-06-24

    [[extensies.prestatieafspraken.actie]]
    wat = "Nieuwbouw sociale huurwoningen"
    thema = "beschikbaarheid"
    indicator = "aantal opgeleverde sociale huurwoningen"
    streefwaarde = 120
    jaar = 2026
    eigenaar = "corporatie"
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field

NAME = "prestatieafspraken"
"""The section name, ``[extensies.prestatieafspraken]``, and the entry-point name."""

Thema = Literal["betaalbaarheid", "beschikbaarheid", "kwaliteit-en-duurzaamheid", "leefbaarheid", "specifieke-groepen"]
THEMAS: tuple[Thema, ...] = ("betaalbaarheid", "beschikbaarheid", "kwaliteit-en-duurzaamheid", "leefbaarheid", "specifieke-groepen")
THEMA_NAMEN: dict[str, tuple[str, str]] = {
    "betaalbaarheid": ("betaalbaarheid", "affordability"),
    "beschikbaarheid": ("beschikbaarheid", "availability"),
    "kwaliteit-en-duurzaamheid": ("kwaliteit en duurzaamheid", "quality and sustainability"),
    "leefbaarheid": ("leefbaarheid", "liveability"),
    "specifieke-groepen": ("huisvesting van specifieke groepen", "housing for specific groups"),
}

Stap = Literal["bestuurlijk-overleg", "mediation", "geschillencommissie", "arbitrage", "art44-woningwet", "rechter", "overig"]
ART44 = "art44-woningwet"

Id = Annotated[str, Field(pattern=r"^[a-z0-9-]+$", description="Id van een partij: kleine letters, cijfers en '-'.")]
Aantal = Annotated[int, Field(ge=0, le=10_000_000)]
Weken = Annotated[int, Field(ge=0, le=520)]  # a term in weeks: at most ten years
# As in the core format: a date no rule can compute with (9999-12-31 plus a term) is a located error.
Datum = Annotated[dt.date, Field(ge=dt.date(1900, 1, 1), le=dt.date(2199, 12, 31))]
Jaar = Annotated[int, Field(ge=2000, le=2100)]


class _Sectie(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Cyclus(_Sectie):
    """De jaarcyclus: het bod van de corporatie, het overleg en de ondertekening van de afspraken."""

    bod: Optional[Datum] = Field(None, description="Datum waarop de corporatie haar bod (het overzicht van voorgenomen werkzaamheden) uitbracht (TOML-datum).")
    bod_tot_en_met: Optional[Jaar] = Field(
        None, description="Het laatste kalenderjaar waarop het bod betrekking heeft (de wet: de eerstvolgende vijf kalenderjaren)."
    )
    bod_naar: Optional[list[Id]] = Field(
        None, description="Ids van de partijen (gemeente, huurdersorganisatie of bewonerscommissie) die het bod kregen."
    )
    overleg_aanvang: Optional[Datum] = Field(
        None, description="Datum waarop het overleg over het bod begon; zonder deze datum rekent de plugin vanaf het bod."
    )
    ondertekend: Optional[Datum] = Field(None, description="Datum waarop alle partijen de afspraken ondertekenden (TOML-datum).")


class Overleg(_Sectie):
    """Overleg: tussen verhuurder en huurdersorganisatie (Overlegwet) en tussen de drie partijen."""

    per_jaar: Optional[Aantal] = Field(
        None, description="Hoe vaak per jaar gemeente, corporatie en huurdersorganisatie samen overleggen (de wet noemt geen aantal)."
    )
    verhuurder_huurders_per_jaar: Optional[Aantal] = Field(
        None, description="Hoe vaak per jaar de verhuurder met de huurdersorganisaties en bewonerscommissies overlegt (Overlegwet art. 5b lid 3)."
    )
    adviestermijn_weken: Optional[Weken] = Field(
        None, description="Weken die de huurdersorganisatie krijgt om schriftelijk advies uit te brengen."
    )


class Ondersteuning(_Sectie):
    """Ondersteuning van de huurdersorganisatie door de verhuurder."""

    deskundige_op_kosten_verhuurder: Optional[bool] = Field(
        None, description="Mag de huurdersorganisatie een deskundige inschakelen op kosten van de verhuurder?"
    )
    budget_euro: Optional[Annotated[float, Field(ge=0)]] = Field(
        None, description="Jaarbudget van de huurdersorganisatie in euro, te besteden naar eigen inzicht."
    )
    scholingsdagen_per_jaar: Optional[Aantal] = Field(
        None, description="Dagen per jaar waarop de leden van het bestuur van de huurdersorganisatie scholing en vorming kunnen ontvangen."
    )


class Geschillen(_Sectie):
    """Wat partijen doen als zij het niet eens worden."""

    route: Optional[list[Stap]] = Field(
        None,
        description="Stappen bij een geschil, in volgorde van escalatie: bestuurlijk-overleg, mediation, "
        "geschillencommissie, arbitrage, art44-woningwet, rechter of overig.",
    )
    toelichting: Optional[str] = Field(None, description="Toelichting op de geschillenregeling.")
    voorgelegd: Optional[Datum] = Field(None, description="Datum waarop een geschil over de afspraken aan de minister is voorgelegd.")


class Verantwoording(_Sectie):
    """Toezending van de afspraken en verantwoording erover."""

    toegezonden: Optional[Datum] = Field(None, description="Datum waarop de corporatie de gemaakte afspraken toezond.")
    toegezonden_aan: Optional[list[Id]] = Field(
        None, description="Aan wie: \"minister\" en de ids van de gemeenten en huurdersorganisaties of bewonerscommissies."
    )
    volkshuisvestingsverslag: Optional[bool] = Field(
        None, description="Legt de corporatie in haar volkshuisvestingsverslag verantwoording af over deze afspraken?"
    )


Gevolgd = Literal["ja", "deels", "nee"]


class Advies(_Sectie):
    """Een schriftelijk advies van de huurdersorganisatie over een voornemen van de verhuurder (Overlegwet art. 5)."""

    onderwerp: Annotated[str, Field(min_length=1)] = Field(description="Het voornemen waarover geadviseerd is.")
    informatie: Optional[Datum] = Field(None, description="Datum waarop de verhuurder de informatie over het voornemen gaf.")
    termijn_weken: Optional[Weken] = Field(
        None, description="De adviestermijn die de verhuurder stelde; zonder: overleg.adviestermijn_weken."
    )
    advies_ontvangen: Optional[Datum] = Field(None, description="Datum waarop de verhuurder het schriftelijke advies ontving.")
    gevolgd: Optional[Gevolgd] = Field(None, description="Volgt de verhuurder het advies: ja, deels of nee.")
    reactie: Optional[Datum] = Field(None, description="Datum waarop de verhuurder schriftelijk de redenen meedeelde.")
    reactie_ontvangen: Optional[Datum] = Field(
        None, description="Datum waarop de huurdersorganisatie die reactie ontving; zonder: de datum van de reactie."
    )
    geen_bezwaar: Optional[Datum] = Field(
        None, description="Datum waarop de huurdersorganisatie schriftelijk meedeelde geen bezwaar te hebben."
    )
    uitgevoerd: Optional[Datum] = Field(None, description="Datum waarop de verhuurder het voornemen uitvoerde.")


class Actie(_Sectie):
    """Een prestatie die een partij toezegt."""

    wat: Annotated[str, Field(min_length=1)] = Field(description="Wat er gebeurt.")
    thema: Optional[Thema] = Field(None, description="Het thema waaraan de actie bijdraagt.")
    indicator: Optional[str] = Field(None, description="Waaraan het resultaat gemeten wordt.")
    streefwaarde: Optional[Union[int, float, str]] = Field(None, description="De streefwaarde van de indicator.")
    jaar: Optional[Jaar] = Field(None, description="Het jaar waarin de streefwaarde gehaald is.")
    eigenaar: Optional[Id] = Field(None, description="Id van de partij die de actie trekt.")


class Prestatieafspraken(_Sectie):
    """``[extensies.prestatieafspraken]``: prestatieafspraken volgens de Woningwet 2015 en de Overlegwet."""

    model_config = ConfigDict(title="Prestatieafspraken (extensie)")

    themas: Optional[list[Thema]] = Field(
        None,
        description="Thema's die de afspraken dekken: betaalbaarheid, beschikbaarheid, kwaliteit-en-duurzaamheid, "
        "leefbaarheid, specifieke-groepen.",
    )
    cyclus: Optional[Cyclus] = None
    overleg: Optional[Overleg] = None
    ondersteuning: Optional[Ondersteuning] = None
    geschillen: Optional[Geschillen] = None
    verantwoording: Optional[Verantwoording] = None
    advies: list[Advies] = Field(default_factory=list, description="Schriftelijke adviezen: [[extensies.prestatieafspraken.advies]].")
    actie: list[Actie] = Field(default_factory=list, description="De prestaties: [[extensies.prestatieafspraken.actie]].")
