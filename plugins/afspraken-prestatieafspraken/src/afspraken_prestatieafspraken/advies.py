"""Rules on the follow-through of a written advice (Overlegwet art. 5 lid 2 and 3): the reasoned reply, and when to act."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Optional, Union

from pydantic import Field

from afspraken import Agreement, Params, Text, Violation, rule, undecided, violation
from afspraken_prestatieafspraken._hulp import EXT, Peildatum, datum, dagen, peildatum, sectie, waarde
from afspraken_prestatieafspraken.bronnen import citaat
from afspraken_prestatieafspraken.huurders import MIN_ADVIESTERMIJN, OVERLEGWET
from afspraken_prestatieafspraken.model import NAME, Advies

REACTIE_DAGEN = 14  # art. 5 lid 2: "binnen veertien dagen"
WACHT_DAGEN = 3  # art. 5 lid 3 onder c: "drie dagen nadat"


class ReactieParams(Params):
    peildatum: Peildatum = Field(
        "vandaag",
        description="Datum waartegen een lopende reactietermijn wordt beoordeeld: \"vandaag\" (de dag van de toets) of een vaste datum.",
        json_schema_extra={"en": 'Date against which a running reply term is judged: "vandaag" (the day of the check) or a fixed date.'},
    )


@rule(
    id=f"{NAME}/reactie-op-advies",
    severity="fout",
    params=ReactieParams,
    source=f"{OVERLEGWET}, art. 5 lid 2",
    title=Text("Advies niet gevolgd: redenen binnen veertien dagen", "Advice not followed: reasons within fourteen days"),
    summary=Text(
        "Voor elk [[extensies.prestatieafspraken.advies]] met gevolgd = \"deels\" of \"nee\": de verhuurder deelde "
        "de redenen schriftelijk mee (reactie) binnen veertien dagen na advies_ontvangen.",
        "For every [[extensies.prestatieafspraken.advies]] with gevolgd = \"deels\" or \"nee\": the landlord gave "
        "its reasons in writing (reactie) within fourteen days of advies_ontvangen.",
    ),
    rationale=Text(
        "Volgt de verhuurder een schriftelijk advies van de huurdersorganisatie of bewonerscommissie geheel of "
        "gedeeltelijk niet, dan deelt hij binnen veertien dagen na ontvangst schriftelijk de redenen mee. Zonder "
        "redenen weet de huurdersorganisatie niet of zij naar de huurcommissie of de kantonrechter moet (art. 8), en "
        "is het advies een formaliteit. Een reactietermijn die nog loopt, wordt beoordeeld op de dag van de toets "
        "(parameter peildatum).",
        "If the landlord does not follow a written advice of the tenants' organisation or residents' committee, in "
        "whole or in part, it gives its reasons in writing within fourteen days of receiving it. Without reasons the "
        "tenants' organisation cannot tell whether to go to the rent tribunal or the court (art. 8), and the advice "
        "is a formality. A reply term that is still running is judged on the day of the check (parameter peildatum).",
    ),
    quote=citaat("Overlegwet", "5", 2),
    fix=Text(
        "Stuur de huurdersorganisatie binnen veertien dagen na ontvangst van het advies een schriftelijke reactie met "
        "de redenen, en vul de datum in bij reactie.",
        "Send the tenants' organisation a written reply with the reasons within fourteen days of receiving the "
        "advice, and fill in its date at reactie.",
    ),
    example_fail="""
[[extensies.prestatieafspraken.advies]]
onderwerp = "Huurbeleid 2026"
advies_ontvangen = 2025-09-01
gevolgd = "deels"
reactie = 2025-09-22
""",
    example_pass="""
[[extensies.prestatieafspraken.advies]]
onderwerp = "Huurbeleid 2026"
advies_ontvangen = 2025-09-01
gevolgd = "deels"
reactie = 2025-09-12
""",
)
def reactie_op_advies(doc: Agreement, params: ReactieParams) -> Iterator[Violation]:
    ext = sectie(doc)
    for i, advies in enumerate(ext.advies if ext else []):
        at: tuple[Union[str, int], ...] = (*EXT, "advies", i)
        if advies.gevolgd is None:
            yield undecided(
                f"niet bekend of de verhuurder het advies '{advies.onderwerp}' volgt; vul gevolgd in (ja, deels of nee)",
                f"it is not known whether the landlord follows the advice '{advies.onderwerp}'; fill in gevolgd (ja, deels or nee)",
                (*at, "gevolgd"),
            )
            continue
        if advies.gevolgd == "ja":
            continue
        if advies.advies_ontvangen is None:
            yield undecided(
                f"niet bekend wanneer de verhuurder het advies '{advies.onderwerp}' ontving; vul advies_ontvangen in",
                f"it is not known when the landlord received the advice '{advies.onderwerp}'; fill in advies_ontvangen",
                (*at, "advies_ontvangen"),
            )
            continue
        uiterst = advies.advies_ontvangen + dt.timedelta(days=REACTIE_DAGEN)
        if advies.reactie is None:
            peil = peildatum(params.peildatum)
            if peil > uiterst:
                yield violation(
                    f"de verhuurder volgt het advies '{advies.onderwerp}' {_hoe(advies, 'nl')} en heeft op "
                    f"{datum(peil, 'nl')} de redenen niet meegedeeld; dat moest uiterlijk {datum(uiterst, 'nl')}",
                    f"the landlord {_hoe(advies, 'en')} the advice '{advies.onderwerp}' and by {datum(peil, 'en')} has "
                    f"not given its reasons; they were due by {datum(uiterst, 'en')}",
                    (*at, "gevolgd"),
                )
        elif advies.reactie > uiterst:
            te_laat = (advies.reactie - uiterst).days
            yield violation(
                f"de redenen voor het {_niet(advies, 'nl')} volgen van het advies '{advies.onderwerp}' kwamen op "
                f"{datum(advies.reactie, 'nl')}, {dagen(te_laat, 'nl')} na de termijn van veertien dagen "
                f"(uiterlijk {datum(uiterst, 'nl')})",
                f"the reasons for {_niet(advies, 'en')} following the advice '{advies.onderwerp}' came on "
                f"{datum(advies.reactie, 'en')}, {dagen(te_laat, 'en')} after the fourteen-day term "
                f"(by {datum(uiterst, 'en')})",
                (*at, "reactie"),
            )


def _hoe(advies: Advies, lang: str) -> str:
    if lang == "en":
        return "does not follow" if advies.gevolgd == "nee" else "only partly follows"
    return "niet" if advies.gevolgd == "nee" else "maar deels"


def _niet(advies: Advies, lang: str) -> str:
    if lang == "en":
        return "not" if advies.gevolgd == "nee" else "only partly"
    return "niet" if advies.gevolgd == "nee" else "maar deels"


@rule(
    id=f"{NAME}/uitvoering-na-advies",
    severity="fout",
    source=f"{OVERLEGWET}, art. 5 lid 3",
    title=Text("Een voornemen pas uitvoeren als de Overlegwet het toestaat", "Act on a plan only when the Consultation Act allows"),
    summary=Text(
        "Voor elk [[extensies.prestatieafspraken.advies]] met uitgevoerd: die datum valt niet vóór het eerste moment "
        "dat art. 5 lid 3 toestaat: na geen_bezwaar (a), na afloop van de adviestermijn vanaf informatie (b), of drie "
        "dagen nadat de huurdersorganisatie de reactie met redenen ontving (c).",
        "For every [[extensies.prestatieafspraken.advies]] with uitgevoerd: that date is not before the first moment "
        "art. 5(3) allows: after geen_bezwaar (a), after the advice term from informatie has passed (b), or three days "
        "after the tenants' organisation received the reply with reasons (c).",
    ),
    rationale=Text(
        "De wet noemt drie momenten waarop de verhuurder zijn voornemen kan uitvoeren: na een schriftelijke mededeling "
        "van de huurders dat zij geen bezwaar hebben, nadat de adviestermijn (ten minste zes weken, art. 5 lid 1) is "
        "verstreken, of drie dagen nadat de huurders de schriftelijke redenen ontvingen. De regel neemt het vroegste "
        "moment dat uit de ingevulde data volgt; eerder uitvoeren maakt het overleg zinloos en kan de kantonrechter "
        "laten opschorten (art. 8).",
        "The Act names three moments at which the landlord may carry out its plan: after a written notice from the "
        "tenants that they have no objection, after the advice term (at least six weeks, art. 5(1)) has passed, or "
        "three days after the tenants received the written reasons. The rule takes the earliest moment that follows "
        "from the dates filled in; acting earlier makes the consultation pointless and can be suspended by the court "
        "(art. 8).",
    ),
    quote=citaat("Overlegwet", "5", 3),
    fix=Text(
        "Voer het voornemen pas uit na het eerste moment dat art. 5 lid 3 toestaat, en vul de data in (informatie, "
        "termijn_weken, reactie of reactie_ontvangen, geen_bezwaar, uitgevoerd).",
        "Carry out the plan only after the first moment art. 5(3) allows, and fill in the dates (informatie, "
        "termijn_weken, reactie or reactie_ontvangen, geen_bezwaar, uitgevoerd).",
    ),
    example_fail="""
[[extensies.prestatieafspraken.advies]]
onderwerp = "Huurbeleid 2026"
informatie = 2025-08-01
termijn_weken = 6
advies_ontvangen = 2025-09-01
gevolgd = "nee"
reactie = 2025-09-05
uitgevoerd = 2025-09-06
""",
    example_pass="""
[[extensies.prestatieafspraken.advies]]
onderwerp = "Huurbeleid 2026"
informatie = 2025-08-01
termijn_weken = 6
advies_ontvangen = 2025-09-01
gevolgd = "nee"
reactie = 2025-09-05
uitgevoerd = 2025-09-08
""",
)
def uitvoering_na_advies(doc: Agreement, params: Params) -> Iterator[Violation]:
    ext = sectie(doc)
    standaard = waarde(doc, "overleg", "adviestermijn_weken")
    for i, advies in enumerate(ext.advies if ext else []):
        if advies.uitgevoerd is None:
            continue
        at: tuple[Union[str, int], ...] = (*EXT, "advies", i)
        momenten = _momenten(advies, standaard)
        if not momenten:
            yield undecided(
                f"niet te zeggen of het voornemen '{advies.onderwerp}' op tijd is uitgevoerd; vul informatie (met "
                "termijn_weken), reactie of geen_bezwaar in",
                f"cannot tell whether the plan '{advies.onderwerp}' was carried out in time; fill in informatie (with "
                "termijn_weken), reactie or geen_bezwaar",
                (*at, "uitgevoerd"),
            )
            continue
        vroegst, welk_nl, welk_en = min(momenten)
        if advies.uitgevoerd < vroegst:
            yield violation(
                f"het voornemen '{advies.onderwerp}' is uitgevoerd op {datum(advies.uitgevoerd, 'nl')}, vóór het eerste "
                f"moment dat art. 5 lid 3 toestaat: {datum(vroegst, 'nl')} ({welk_nl})",
                f"the plan '{advies.onderwerp}' was carried out on {datum(advies.uitgevoerd, 'en')}, before the first "
                f"moment art. 5(3) allows: {datum(vroegst, 'en')} ({welk_en})",
                (*at, "uitgevoerd"),
            )


def _momenten(advies: Advies, standaard: Optional[int]) -> list[tuple[dt.date, str, str]]:
    """The moments of art. 5 lid 3 that follow from the dates given: (earliest allowed day, which, in nl and en)."""
    out = []
    if advies.geen_bezwaar is not None:
        out.append((advies.geen_bezwaar, "onder a: na de mededeling van geen bezwaar", "under a: after the notice of no objection"))
    gesteld = advies.termijn_weken if advies.termijn_weken is not None else standaard
    if advies.informatie is not None and gesteld is not None:
        weken = max(gesteld, MIN_ADVIESTERMIJN)  # the term "bedoeld in het eerste lid" is at least six weeks
        kort_nl = f"; de gestelde {gesteld} weken is korter dan de wet toestaat" if gesteld < weken else ""
        kort_en = f"; the {gesteld} weeks set is shorter than the Act allows" if gesteld < weken else ""
        einde = advies.informatie + dt.timedelta(weeks=weken)
        out.append((
            einde + dt.timedelta(days=1),
            f"onder b: na afloop van de adviestermijn van {weken} weken op {datum(einde, 'nl')}{kort_nl}",
            f"under b: after the {weken}-week advice term ended on {datum(einde, 'en')}{kort_en}",
        ))
    ontvangen = advies.reactie_ontvangen or advies.reactie
    if ontvangen is not None:
        out.append((
            ontvangen + dt.timedelta(days=WACHT_DAGEN),
            f"onder c: drie dagen na ontvangst van de reactie op {datum(ontvangen, 'nl')}",
            f"under c: three days after the reply was received on {datum(ontvangen, 'en')}",
        ))
    return out


RULES = [reactie_op_advies, uitvoering_na_advies]
