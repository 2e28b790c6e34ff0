"""The agreement model, format 1 (see FORMAT.md).

Class and field names are the Dutch words of the TOML file, so that a rule
author reads in Python what the user wrote. Models are strict (TOML already
gives typed values: ``"12"`` is not a number), frozen, and reject unknown keys.
Cross-references (ids, dates) are checked in :mod:`afspraken.reading.loading`, which
reports every problem with its place in the file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Annotated, Any, ClassVar, Literal, Optional, TypeVar, overload

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator

_M = TypeVar("_M", bound=BaseModel)  # a plugin's extension model, for Agreement.extensie

SoortAfspraak = Literal["wijkafspraak", "wijkactieplan", "convenant", "prestatieafspraak"]
Status = Literal["concept", "vastgesteld"]
Schaal = Literal["straat", "buurt", "wijk", "gemeente"]
SoortPartij = Literal["gemeente", "corporatie", "bewoners", "instelling", "ondernemers", "overig"]
SoortOrgaan = Literal["buurtonderneming", "stuurgroep", "programmabureau", "wijkraad", "overig"]
Fase = Literal["initiatief", "ontwerp", "besluit", "uitvoering", "evaluatie"]
Beoordeling = Literal["sollicitatie", "functionering"]
Trede = Literal["informeren", "raadplegen", "adviseren", "coproduceren", "meebeslissen"]
Domein = Literal["fysiek", "sociaal", "economie", "leefbaarheid", "veiligheid", "overig"]

FASEN: tuple[Fase, ...] = ("initiatief", "ontwerp", "besluit", "uitvoering", "evaluatie")
TREDEN: tuple[Trede, ...] = ("informeren", "raadplegen", "adviseren", "coproduceren", "meebeslissen")
"""The rungs of the participation ladder, lowest first (FORMAT.md)."""

Id = Annotated[str, Field(pattern=r"^[a-z0-9-]+$", description="Id: kleine letters, cijfers en '-'.")]

# What is meaningful, so that no rule meets a value it cannot compute with
# (a term ending 9999-12-31, 10**400 professionals): larger is a located error.
MAX_AANTAL = 10_000_000  # more than the residents of any Dutch municipality
EERSTE_DATUM, LAATSTE_DATUM = dt.date(1900, 1, 1), dt.date(2199, 12, 31)
Aantal = Annotated[int, Field(ge=0, le=MAX_AANTAL)]
Datum = Annotated[dt.date, Field(ge=EERSTE_DATUM, le=LAATSTE_DATUM)]
NietLeeg = Annotated[str, Field(min_length=1)]


class Sectie(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)


class Afspraak(Sectie):
    """De afspraak zelf: titel, gebied en looptijd."""

    titel: NietLeeg = Field(description="Titel van de afspraak.")
    soort: SoortAfspraak = Field("wijkafspraak", description="Soort afspraak.")
    wijk: NietLeeg = Field(description="Naam van de wijk of het gebied.")
    gemeente: NietLeeg = Field(description="Gemeente waarin het gebied ligt.")
    status: Status = Field("concept", description="Concept of vastgesteld.")
    ingangsdatum: Datum = Field(description="Eerste dag van de looptijd (TOML-datum).")
    einddatum: Optional[Datum] = Field(None, description="Laatste dag; weglaten = onbepaalde tijd.")
    schaal: Optional[Schaal] = Field(None, description="Schaal waarop de afspraak werkt.")
    huishoudens: Optional[Aantal] = Field(None, description="Aantal huishoudens in het gebied.")
    bewoners: Optional[Aantal] = Field(None, description="Aantal bewoners in het gebied.")


class Partij(Sectie):
    """Een partij bij de afspraak."""

    id: Id
    naam: NietLeeg = Field(description="Naam van de partij.")
    soort: SoortPartij = Field(description="Soort partij.")
    professionals: Aantal = Field(0, description="Aantal professionals dat de partij in het gebied inzet.")
    ondertekent: bool = Field(True, description="Ondertekent de partij de afspraak?")


class Lid(Sectie):
    """Een lid van een orgaan."""

    naam: NietLeeg = Field(description="Naam van het lid.")
    partij: Id = Field(description="Id van de partij waarvoor het lid zitting heeft.")
    stemmen: Aantal = Field(1, description="Aantal stemmen van dit lid; 0 = een raadgevende stem.")
    rol: Optional[str] = Field(None, description="Rol in het orgaan.")


class Orgaan(Sectie):
    """Een bestuurlijk of coördinerend orgaan."""

    id: Id
    naam: NietLeeg = Field(description="Naam van het orgaan.")
    soort: SoortOrgaan = Field(description="Soort orgaan.")
    besluitvormend: bool = Field(True, description="Neemt dit orgaan besluiten?")
    onafhankelijk: bool = Field(False, description="Is dit orgaan onafhankelijk van de partijen?")
    mandaat: list[Id] = Field(default_factory=list, description="Partijen die hun mandaat aan dit orgaan gaven.")
    professionals: Aantal = Field(0, description="Eigen medewerkers van het orgaan, zoals een programmabureau.")
    lid: list[Lid] = Field(default_factory=list, description="Leden van het orgaan.")


class Aanspreekpunt(Sectie):
    """Het aanspreekpunt voor bewoners: een orgaan of een partij."""

    orgaan: Optional[Id] = Field(None, description="Id van het orgaan dat aanspreekpunt is.")
    partij: Optional[Id] = Field(None, description="Id van de partij die aanspreekpunt is.")
    naam: NietLeeg = Field(description="Naam waaronder bewoners het aanspreekpunt kennen.")
    bereikbaar: Optional[str] = Field(None, description="Openingstijden, adres, telefoon of mail.")


class Overleg(Sectie):
    """Een vast overleg."""

    tussen: list[Id] = Field(min_length=2, description="Ids van de deelnemers (minstens twee).")
    per_jaar: Aantal = Field(description="Hoe vaak per jaar het overleg plaatsvindt.")
    afdwingbaar: bool = Field(False, description="Is het recht op dit overleg afdwingbaar?")
    onderwerpen: list[str] = Field(default_factory=list, description="Onderwerpen van het overleg.")


class Niveau(Sectie):
    """Per fase de trede die bewoners bereiken: informeren < raadplegen < adviseren < coproduceren < meebeslissen."""

    initiatief: Optional[Trede] = Field(None, description="Trede in de fase initiatief.")
    ontwerp: Optional[Trede] = Field(None, description="Trede in de fase ontwerp.")
    besluit: Optional[Trede] = Field(None, description="Trede in de fase besluit.")
    uitvoering: Optional[Trede] = Field(None, description="Trede in de fase uitvoering.")
    evaluatie: Optional[Trede] = Field(None, description="Trede in de fase evaluatie.")

    def trede(self, fase: Fase) -> Optional[Trede]:
        value: Optional[Trede] = getattr(self, fase)
        return value


class Besluitvorming(Sectie):
    """Hoe besluiten tot stand komen."""

    bewoners_betrokken: list[Fase] = Field(default_factory=list, description="Fasen waarin bewoners betrokken zijn.")
    eigenaarschap_bewoners: Optional[bool] = Field(
        None, description="Blijven bewoners na het besluit eigenaar van hun oplossingen?"
    )
    niveau: Optional[Niveau] = Field(None, description="Per fase de trede op de participatieladder.")


class Bewoners(Sectie):
    """Bewonersparticipatie."""

    groepen: list[str] = Field(default_factory=list, description="Groepen die actief bereikt worden.")
    beoordelen_professionals: list[Beoordeling] = Field(
        default_factory=list, description="Waarbij bewoners professionals beoordelen."
    )
    rotatie_jaren: Optional[Aantal] = Field(None, description="Maximaal aantal opeenvolgende jaren in een zetel.")
    budget_eigen_initiatief: Optional[Aantal] = Field(
        None, description="Euro per jaar die bewoners aan eigen initiatieven besteden."
    )
    uitdaagrecht: Optional[bool] = Field(
        None, description="Mogen bewoners een taak overnemen die zij beter kunnen (right to challenge)?"
    )


class Actie(Sectie):
    """Een concrete toezegging."""

    wat: NietLeeg = Field(description="Wat er gebeurt.")
    wie: Optional[Id] = Field(None, description="Id van de ene partij of het ene orgaan dat eigenaar is.")
    wanneer: Optional[Datum] = Field(None, description="Wanneer het klaar is (TOML-datum).")
    schaal: Optional[Schaal] = Field(None, description="Schaal van de actie.")
    domein: Optional[Domein] = Field(None, description="Domein: fysiek, sociaal, economie, leefbaarheid, veiligheid of overig.")
    thema: Optional[str] = Field(None, description="Thema.")
    indicator: Optional[str] = Field(None, description="Waaraan het resultaat gemeten wordt.")
    streefwaarde: Optional[str | int | float] = Field(None, description="De streefwaarde van de indicator.")


class Escalatie(Sectie):
    """Het 'oliemannetje': iemand met gezag die iedereen kan inschakelen."""

    naam: NietLeeg = Field(description="Naam van de persoon.")
    gezag: Optional[str] = Field(None, description="Waarom deze persoon gezag heeft.")
    toegankelijk_voor: list[SoortPartij] = Field(
        default_factory=list, description="Soorten partijen die deze persoon mogen inschakelen."
    )
    na_eigen_poging: Optional[bool] = Field(None, description="Pas nadat de partijen het zelf probeerden?")


class Communicatie(Sectie):
    """Communicatie over de aanpak."""

    successen_vieren: Optional[bool] = Field(None, description="Worden successen gevierd en gedeeld?")
    kanalen: list[str] = Field(default_factory=list, description="Kanalen waarlangs gecommuniceerd wordt.")
    voortgang_per_partij: Optional[bool] = Field(
        None, description="Wordt de voortgang per partij gemeld: wat elke partij wel en niet deed?"
    )


class Maatwerk(Sectie):
    """Afstemming op de wijk."""

    wijkanalyse: Optional[str] = Field(None, description="De wijkanalyse waarop het plan rust.")
    analysedatum: Optional[Datum] = Field(None, description="Datum van die wijkanalyse (TOML-datum).")


class Verantwoording(Sectie):
    """Hoe vaak de partijen verantwoording afleggen over de voortgang."""

    per_jaar: Optional[Aantal] = Field(None, description="Aantal voortgangsrapportages per jaar.")
    aan: list[Id] = Field(default_factory=list, description="Ids van de partijen of organen aan wie gerapporteerd wordt.")


class Continuiteit(Sectie):
    """Continuïteit van de bezetting."""

    vaste_contactpersonen: Optional[bool] = Field(None, description="Werken de partijen met vaste contactpersonen?")
    minimale_bezetting_jaren: Optional[Aantal] = Field(
        None, description="Minimaal aantal jaren dat mensen op hun plek blijven."
    )


class Uitzondering(Sectie):
    """Pas toe of leg uit: een regel die bewust niet wordt toegepast."""

    regel: NietLeeg = Field(description="Id van de regel waarvoor de uitzondering geldt.")
    toelichting: str = Field(
        min_length=20,
        description="Waarom de regel hier niet wordt toegepast: minstens 20 zichtbare tekens en 4 woorden uitleg, niet alleen 'n.v.t.'.",
    )
    tot: Optional[Datum] = Field(None, description="Datum waarop de uitzondering vervalt.")

    @field_validator("toelichting")
    @classmethod
    def _visible(cls, value: str) -> str:
        """Spaces, newlines and zero-width characters explain nothing: only visible text counts."""
        from pydantic_core import PydanticCustomError

        from afspraken.wording import visible

        shown = len(visible(value))
        if shown < 20:
            raise PydanticCustomError(
                "zichtbaar_te_kort", "only {visible} visible characters", {"min_length": 20, "visible": shown}
            )
        return value


class Agreement(Sectie):
    """Een samenwerkingsafspraak in formaat 1: één TOML-bestand."""

    model_config = ConfigDict(title="Samenwerkingsafspraak (formaat 1)")

    formaat: Literal[1] = Field(1, description="Versie van het formaat; alleen 1 wordt ondersteund.")
    afspraak: Afspraak
    partij: list[Partij] = Field(min_length=1, description="De partijen (minstens één).")
    orgaan: list[Orgaan] = Field(default_factory=list, description="Bestuurlijke en coördinerende organen.")
    aanspreekpunt: list[Aanspreekpunt] = Field(
        default_factory=list, description="Het aanspreekpunt voor bewoners (een tabel; een lijst wordt ook gelezen)."
    )
    overleg: list[Overleg] = Field(default_factory=list, description="Vaste overleggen.")
    besluitvorming: Optional[Besluitvorming] = None
    bewoners: Optional[Bewoners] = None
    actie: list[Actie] = Field(default_factory=list, description="Concrete toezeggingen.")
    escalatie: Optional[Escalatie] = None
    communicatie: Optional[Communicatie] = None
    maatwerk: Optional[Maatwerk] = None
    verantwoording: Optional[Verantwoording] = None
    continuiteit: Optional[Continuiteit] = None
    uitzondering: list[Uitzondering] = Field(default_factory=list, description="Pas toe of leg uit.")
    extensies: dict[str, dict[str, Any]] = Field(
        default_factory=dict, description="Vrije secties voor plugins: [extensies.<plugin>]."
    )

    _extensions: dict[str, BaseModel] = PrivateAttr(default_factory=dict)

    @field_validator("aanspreekpunt", mode="before")
    @classmethod
    def _table_or_array(cls, value: Any) -> Any:
        # FORMAT.md allows a table or an array, so that "more than one" is a rule finding.
        return [value] if isinstance(value, dict) else value

    # Convenience for rules: ids and lookups, through indexes built on first use
    # (a rule that looks up every member must stay linear in the size of the file).
    _by_id: Optional[tuple[dict[str, Partij], dict[str, Orgaan]]] = PrivateAttr(default=None)
    _positions: Optional[dict[type, dict[int, int]]] = PrivateAttr(default=None)
    _signers: Optional[dict[Optional[str], list[Partij]]] = PrivateAttr(default=None)
    _owners: Optional[frozenset[str]] = PrivateAttr(default=None)
    _CACHES: ClassVar[tuple[str, ...]] = ("_by_id", "_positions", "_signers", "_owners")

    def model_copy(self, *, update: Optional[Mapping[str, Any]] = None, deep: bool = False) -> Agreement:
        """A copy (pydantic's), without the lookups of the original: ``update`` may change the
        parties, bodies or actions they index."""
        copy = super().model_copy(update=update, deep=deep)
        private = copy.__pydantic_private__
        if private is not None:
            for name in self._CACHES:
                private[name] = None
        return copy

    def _ids(self) -> tuple[dict[str, Partij], dict[str, Orgaan]]:
        found = self.__pydantic_private__["_by_id"]  # type: ignore[index]  # faster than self._by_id
        if found is None:
            partijen: dict[str, Partij] = {}
            organen: dict[str, Orgaan] = {}
            for p in self.partij:
                partijen.setdefault(p.id, p)  # the first, as a scan would find
            for o in self.orgaan:
                organen.setdefault(o.id, o)
            found = self._by_id = (partijen, organen)
        return found  # type: ignore[no-any-return]

    def partij_by_id(self, id: str) -> Optional[Partij]:
        return (self.__pydantic_private__["_by_id"] or self._ids())[0].get(id)  # type: ignore[index, no-any-return]

    def index_of(self, item: BaseModel) -> int:
        """The position of a party, body, action ... in its list (by identity: ``list.index``
        compares with ``==``, field by field, element by element)."""
        positions = self.__pydantic_private__["_positions"]  # type: ignore[index]
        if positions is None:
            positions = self._positions = {}
        found = positions.get(type(item))
        if found is None:  # one list at a time: asking for a party does not index every action
            found = positions[type(item)] = self._positions_of(type(item))
        return found[id(item)]  # type: ignore[no-any-return]

    def _positions_of(self, kind: type) -> dict[int, int]:
        name = _LISTS.get(kind)
        lists = [getattr(self, name)] if name else [getattr(self, other) for other in _LISTS.values()]
        found: dict[int, int] = {}
        for items in lists:
            for i, element in enumerate(items):
                found.setdefault(id(element), i)
        return found

    def orgaan_by_id(self, id: str) -> Optional[Orgaan]:
        return (self.__pydantic_private__["_by_id"] or self._ids())[1].get(id)  # type: ignore[index, no-any-return]

    def ondertekenaars(self, soort: Optional[SoortPartij] = None) -> list[Partij]:
        """Signing parties, optionally of one kind."""
        signers = self.__pydantic_private__["_signers"]  # type: ignore[index]
        if signers is None:  # grouped once: several rules ask, each for its own kind
            signers = {None: [p for p in self.partij if p.ondertekent]}
            for p in signers[None]:
                signers.setdefault(p.soort, []).append(p)
            self._signers = signers
        return list(signers.get(soort, ()))  # a copy: the caller may change its list

    def bewonerseigenaren(self) -> set[str]:
        """Ids that stand for residents as owners: every residents' party, and every orgaan whose
        voting members all sit for residents (a resident-led body)."""
        found = self.__pydantic_private__["_owners"]  # type: ignore[index]
        if found is None:  # once: a rule and the report's profile both ask
            bewoners = {p.id for p in self.partij if p.soort == "bewoners"}
            led = {
                o.id
                for o in self.orgaan
                if any(lid.stemmen > 0 for lid in o.lid) and all(lid.partij in bewoners for lid in o.lid if lid.stemmen > 0)
            }
            found = self._owners = frozenset(bewoners | led)
        return set(found)  # a copy: the caller may change its set

    @overload
    def extensie(self, name: str) -> Optional[BaseModel]: ...

    @overload
    def extensie(self, name: str, model: type[_M]) -> Optional[_M]: ...

    def extensie(self, name: str, model: Optional[type[_M]] = None) -> Optional[BaseModel]:
        """The validated ``[extensies.<name>]`` section of a plugin, if present. With ``model``
        (the class you registered) it is typed as that class; another class raises TypeError."""
        value = self._extensions.get(name)
        if model is not None and value is not None and not isinstance(value, model):
            raise TypeError(f"[extensies.{name}] is a {type(value).__name__}, not a {model.__name__}")
        return value


_LISTS: dict[type, str] = {
    Partij: "partij", Orgaan: "orgaan", Actie: "actie", Aanspreekpunt: "aanspreekpunt", Overleg: "overleg", Uitzondering: "uitzondering",
}
"""Which list of :class:`Agreement` holds an item of each type (for ``index_of``)."""
