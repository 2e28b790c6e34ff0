"""Run the active rules on agreements and collect located, immutable results."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, Union

from afspraken.builtin import datum
from afspraken.checking import config as configuration
from afspraken.reading.loading import STDIN, Loaded, Source, load, read
from afspraken.reading.messages import suggest
from afspraken.model import Agreement
from afspraken.plugins.manager import get_plugin_manager
from afspraken.plugins.registry import Registry
from afspraken.results import (
    Crash,
    FileResult,
    Finding,
    Location,
    Outcome,
    Problem,
    Report,
    RuleOutcome,
    error_text,
)
from afspraken.rules import Severity, Text, Violation
from afspraken.checking.profile import profile
from afspraken.checking.rulesets import ActiveRule, chosen_explicitly, select

SKIP_DIRS = {"node_modules", "venv", "__pycache__", "site-packages"}
UNUSED, EXPIRED, OPEN = "uitzondering-ongebruikt", "uitzondering-verlopen", "uitzondering-zonder-einddatum"
NO_SET = "geen-regelset-voor-soort"
ALWAYS = (UNUSED, EXPIRED, OPEN, NO_SET)  # on in every rule set: they judge the waivers and the choice of set


@dataclass
class Environment:
    """Plugins, rules and settings that apply under one config file."""

    registry: Registry
    rules: list[ActiveRule]
    rulesets: list[str]
    problems: list[Problem] = field(default_factory=list)  # of its config and rule sets
    off: set[str] = field(default_factory=set)
    origin: dict[str, str] = field(default_factory=dict)  # rule id -> rule set
    narrowed: bool = False  # --select chose the rules: a waiver for another rule says nothing
    unclaimed: Optional[str] = None  # afspraak.soort that no installed rule set is the default for
    by_kind: Optional[Callable[[str], Environment]] = None  # the rule sets follow afspraak.soort
    variants: dict[str, Environment] = field(default_factory=dict)  # soort -> its environment

    def for_kind(self, soort: str) -> Environment:
        """The environment for an agreement of this soort (itself when the rule sets were named)."""
        if self.by_kind is None:
            return self
        if soort not in self.variants:
            self.variants[soort] = self.by_kind(soort)
        return self.variants[soort]

    def severity(self, rule_id: str) -> Optional[Severity]:
        """Severity of an always-on rule (``None`` when switched off)."""
        for active in self.rules:
            if active.rule.id == rule_id:
                return active.severity
        rule = self.registry.rules.get(rule_id)
        if rule is None or rule_id in self.off:
            return None
        return rule.severity


class Checker:
    """Checks files; one environment per config file found (cached)."""

    def __init__(
        self,
        *,
        regelsets: Sequence[str] = (),
        select: Sequence[str] = (),
        ignore: Sequence[str] = (),
        plugins: Sequence[str] = (),
        config: Optional[Path] = None,
        entry_points: bool = True,
        today: Optional[dt.date] = None,
    ) -> None:
        self.regelsets, self.selected, self.ignored = tuple(regelsets), tuple(select), tuple(ignore)
        self.plugins, self.config_path, self.entry_points = tuple(plugins), config, entry_points
        self.today = today or dt.date.today()
        self._envs: dict[Optional[Path], Environment] = {}
        self._folders: dict[str, Environment] = {}  # folder as given -> its environment
        self.crashes: list[Crash] = []
        self.problems: list[Problem] = []

    @property
    def options(self) -> dict[str, Any]:
        """The arguments this Checker was made with, so that a worker process can make the same."""
        return dict(
            regelsets=self.regelsets, select=self.selected, ignore=self.ignored, plugins=self.plugins,
            config=self.config_path, entry_points=self.entry_points, today=self.today,
        )

    def _remember(self, crashes: Iterable[Crash], problems: Iterable[Problem]) -> None:
        """Keep each plugin failure and settings problem once, however often it is met."""
        self.crashes += [c for c in crashes if c not in self.crashes]
        self.problems += [p for p in problems if p not in self.problems]

    def environment(self, folder: Path) -> Environment:
        known = self._folders.get(str(folder))
        if known is not None:
            return known
        path = self.config_path or configuration.find(folder)
        env = self._envs.get(path)
        if env is None:
            env = self._envs[path] = self._build(path)
        self._folders[str(folder)] = env
        return env

    def _build(self, path: Optional[Path]) -> Environment:
        loaded = configuration.load(path)
        problems: list[Problem] = list(loaded.problems)
        pm = get_plugin_manager([*loaded.plugins, *self.plugins], entry_points=self.entry_points, base=loaded.base)
        registry = Registry(pm)
        chosen = select(registry, loaded, self.regelsets)
        problems += chosen.problems
        rules, off = self._narrow(chosen.rules, registry, problems)
        env = Environment(registry, rules, chosen.rulesets, problems, off | chosen.off, chosen.origin, bool(self.selected))
        if not chosen_explicitly(loaded, self.regelsets):
            env.by_kind = lambda soort: self._kind(registry, loaded, soort)
        _ = registry.rules, registry.formats, registry.extensions  # call every hook now: failures are reported
        self._remember(registry.crashes, problems)
        return env

    def _kind(self, registry: Registry, loaded: configuration.Config, soort: str) -> Environment:
        """The rule sets that are the default for ``soort`` (RULES.md: the set follows the kind)."""
        chosen = select(registry, loaded, (), soort)
        problems = list(loaded.problems) + chosen.problems
        rules, off = self._narrow(chosen.rules, registry, problems)
        env = Environment(
            registry, rules, chosen.rulesets, problems, off | chosen.off, chosen.origin, bool(self.selected), chosen.unclaimed
        )
        self._remember((), problems)
        return env

    def _narrow(self, rules: list[ActiveRule], registry: Registry, problems: list[Problem]) -> tuple[list[ActiveRule], set[str]]:
        """Apply --select and --ignore: the rules to run, and the always-on rules switched off."""
        for rule_id in (*self.selected, *self.ignored):
            if rule_id not in registry.rules:
                hint = suggest(rule_id, registry.rules)
                message = Text(f"onbekende regel '{rule_id}'{hint.nl}", f"unknown rule '{rule_id}'{hint.en}")
                problems.append(Problem(Location("--select/--ignore", 0, 0), message, "regel"))
        off = set(self.ignored)
        if self.selected:
            chosen = {a.rule.id: a for a in rules}
            rules = [
                chosen.get(r) or ActiveRule(registry.rules[r], registry.rules[r].severity, registry.rules[r].defaults())
                for r in dict.fromkeys(self.selected)
                if r in registry.rules and r not in ALWAYS
            ]
            off |= set(ALWAYS) - set(self.selected)
        return [a for a in rules if a.rule.id not in self.ignored], off

    def check_path(self, path: Union[str, Path], data: Optional[bytes] = None, name: Optional[str] = None) -> FileResult:
        folder = Path.cwd() if str(path) == STDIN else Path(path).parent
        env = self.environment(folder)
        source = read(path, data, name)
        if isinstance(source, Problem):
            return FileResult(source.location.file, problems=(source,))
        return self.check_source(source, env)

    def check_source(self, source: Source, env: Optional[Environment] = None) -> FileResult:
        env = env or self.environment(Path.cwd())
        try:
            loaded = load(source, extensions=env.registry.extensions, known_rules=env.registry.rules)
        except Exception as exc:  # noqa: BLE001 - last resort: input we did not foresee is still a report
            message = Text(
                f"dit bestand kon niet worden gelezen (interne fout: {error_text(exc)}); meld dit alstublieft",
                f"this file could not be read (internal error: {error_text(exc)}); please report this",
            )
            return FileResult(source.name, problems=(Problem(Location(source.name, 1, 1), message, "intern"),))
        if isinstance(loaded, list):
            return FileResult(source.name, problems=tuple(loaded))
        env = env.for_kind(loaded.agreement.afspraak.soort)
        # Broken settings (reported, exit 2) do not stop the rules that could be set up.
        return evaluate(loaded, env, self.today)

    def check_many(self, paths: Sequence[str], jobs: int = 1) -> list[FileResult]:
        """Check files in order; with ``jobs`` > 1 in that many worker processes."""
        return [r for chunk in self.iter_checks(paths, jobs) for r in chunk]

    def iter_checks(self, paths: Sequence[str], jobs: int = 1) -> Iterator[list[FileResult]]:
        """Results in order, a chunk at a time (for a progress bar)."""
        if jobs <= 1 or len(paths) < 4 * jobs:
            for p in paths:
                yield [self.check_path(p)]
            return
        from concurrent.futures import ProcessPoolExecutor

        for folder in {Path(p).parent for p in paths}:
            self.environment(folder)  # settings and rule sets are reported from this process
        size = max(1, min(50, len(paths) // (jobs * 4)))
        chunks = [list(paths[i : i + size]) for i in range(0, len(paths), size)]
        with ProcessPoolExecutor(jobs) as pool:
            for done, crashes, problems in pool.map(_check_chunk, [(self.options, c) for c in chunks]):
                self._remember(crashes, problems)
                yield done

    def _used(self) -> list[Environment]:
        """Every environment used so far; where the sets follow the soort, the ones per soort."""
        return [v for env in self._envs.values() for v in (list(env.variants.values()) if env.by_kind else [env])]

    def active_rules(self) -> dict[str, Any]:
        """Every rule that runs under some config used so far (for output formats)."""
        return {a.rule.id: a.rule for env in self._used() for a in env.rules}

    def report(self, files: Sequence[FileResult]) -> Report:
        rulesets: list[str] = []
        for env in self._used() or list(self._envs.values()):
            rulesets += [r for r in env.rulesets if r not in rulesets]
        return Report(tuple(files), tuple(rulesets), tuple(self.crashes), tuple(self.problems))


_WORKER: dict[str, Checker] = {}  # one Checker per worker process, reused for every chunk


def _check_chunk(args: tuple[dict[str, Any], list[str]]) -> tuple[list[FileResult], list[Crash], list[Problem]]:
    options, paths = args
    key = repr(sorted(options.items()))
    checker = _WORKER.get(key)
    if checker is None:
        checker = _WORKER[key] = Checker(**options)
    return [checker.check_path(p) for p in paths], checker.crashes, checker.problems


def evaluate(loaded: Loaded, env: Environment, today: dt.date) -> FileResult:
    """Run every active rule on one agreement, then apply its waivers."""
    source, agreement = loaded.source, loaded.agreement
    findings: list[Finding] = []
    crashes: list[Crash] = []
    outcomes: dict[str, Outcome] = {}
    severities: dict[str, Severity] = {}
    for active in env.rules:
        rule = active.rule
        severities[rule.id] = active.severity
        try:
            result = rule.check(agreement, active.params)
            if result is None or isinstance(result, (Violation, str, bytes, dict)):
                raise TypeError(f"the check returned {type(result).__name__}, not a list (or generator) of afspraken.Violation")
            violations = list(result)
            if violations and not all(isinstance(v, Violation) for v in violations):
                bad = next(v for v in violations if not isinstance(v, Violation))
                raise TypeError(f"the check returned {type(bad).__name__} {bad!r:.60}, not afspraken.Violation")
        except Exception as exc:  # noqa: BLE001 - one broken rule must not stop the others
            crashes.append(Crash(rule.plugin, f"regel {rule.id}", error_text(exc), source.name))
            outcomes[rule.id] = Outcome.CRASH
            continue
        for v in violations:
            findings.append(_finding(source, rule.id, active.severity, v, rule.fix))
        if not violations:
            outcomes[rule.id] = Outcome.GESLAAGD
        elif all(v.undecided for v in violations):
            outcomes[rule.id] = Outcome.ONBESLIST
        else:
            outcomes[rule.id] = Outcome.BEVINDING
    findings, extra = _apply_waivers(source, agreement, findings, outcomes, env, today)
    extra += _no_ruleset(source, agreement, env)
    findings += extra
    for f in extra:
        severities.setdefault(f.rule, f.severity)
    for rule_id in (UNUSED, EXPIRED, OPEN):
        severity = env.severity(rule_id)
        if severity is not None and agreement.uitzondering:
            severities.setdefault(rule_id, severity)
            outcomes.setdefault(rule_id, Outcome.BEVINDING if any(f.rule == rule_id for f in extra) else Outcome.GESLAAGD)
    if any(f.rule == NO_SET for f in extra):
        outcomes[NO_SET] = Outcome.BEVINDING
    findings.sort(key=lambda f: (f.location.line, f.location.column, -f.severity.rank, f.rule))
    rule_outcomes = tuple(RuleOutcome(r, o, severities[r]) for r, o in outcomes.items())
    return FileResult(
        source.name,
        findings=tuple(findings),
        crashes=tuple(crashes),
        outcomes=rule_outcomes,
        title=agreement.afspraak.titel,
        meta=_meta(agreement),
        rulesets=tuple(env.rulesets),
        profile=profile(agreement, rule_outcomes),
    )


_FITS = {
    "prestatieafspraak": Text(
        "een regelset voor prestatieafspraken (Woningwet art. 42-44), zoals die van de plugin afspraken-prestatieafspraken",
        "a rule set for prestatieafspraken (Housing Act art. 42-44), such as the one of the plugin afspraken-prestatieafspraken",
    ),
}


def _no_ruleset(source: Source, agreement: Agreement, env: Environment) -> list[Finding]:
    """geen-regelset-voor-soort: no installed rule set is the default for this soort; basis was used."""
    soort = env.unclaimed
    severity = env.severity(NO_SET)
    if soort is None or severity is None:
        return []
    fits = _FITS.get(soort, Text(f"een regelset met standaard_voor = [\"{soort}\"]", f"a rule set with standaard_voor = [\"{soort}\"]"))
    message = Text(
        f"geen geïnstalleerde regelset is de standaard voor soort '{soort}', dus alleen 'basis' is toegepast; "
        f"hier past {fits.nl}",
        f"no installed rule set is the default for soort '{soort}', so only 'basis' was applied; {fits.en} would fit",
    )
    fix = Text(
        f"Installeer {fits.nl}, of kies een regelset met --regelset of in afspraken.toml.",
        f"Install {fits.en}, or choose a rule set with --regelset or in afspraken.toml.",
    )
    return [Finding(NO_SET, severity, message, (source.at(("afspraak", "soort")),), fix=fix)]


def _finding(source: Source, rule_id: str, severity: Severity, v: Violation, fix: Optional[Text]) -> Finding:
    locations = tuple(source.at(path) for path in v.at) or (Location(source.name, 1, 1),)
    return Finding(rule_id, severity, v.message, locations, v.undecided, None, v.fix or fix)


def _apply_waivers(
    source: Source,
    agreement: Agreement,
    findings: list[Finding],
    outcomes: dict[str, Outcome],
    env: Environment,
    today: dt.date,
) -> tuple[list[Finding], list[Finding]]:
    """Comply or explain: mark waived findings as explained; report unused and expired waivers."""
    extra: list[Finding] = []
    waived: dict[str, str] = {}

    def report(rule_id: str, key: str, i: int, nl: str, en: str, fix: Text) -> None:
        severity = env.severity(rule_id)
        if severity is not None:
            extra.append(Finding(rule_id, severity, Text(nl, en), (source.at(("uitzondering", i, key)),), fix=fix))

    for i, waiver in enumerate(agreement.uitzondering):
        regel, ran = waiver.regel, waiver.regel in outcomes
        if waiver.tot is None:  # also for an unused waiver: an explanation holds for a time
            report(
                OPEN, "regel", i,
                f"de uitzondering voor '{regel}' heeft geen einddatum (tot); een uitleg geldt voor een tijd",
                f"the waiver for '{regel}' has no end date (tot); an explanation holds for a time",
                Text(f"Zet bij de uitzondering voor '{regel}' een datum tot, waarna de regel weer geldt.", f"Give the waiver for '{regel}' a date tot, after which the rule applies again."),
            )
        found = any(f.rule == regel for f in findings)
        if waiver.tot is not None and waiver.tot < today:  # `tot` is the last day it holds
            if found or not ran:
                nl, en = "de bevindingen tellen weer mee", "its findings count again"
            else:
                nl, en = "die regel vindt nu niets meer: verwijder de uitzondering", "that rule now finds nothing: remove the waiver"
            report(
                EXPIRED, "tot", i,
                f"de uitzondering voor '{regel}' gold tot en met {datum(waiver.tot, 'nl')} en is verlopen; {nl}",
                f"the waiver for '{regel}' held until {datum(waiver.tot, 'en')} and has expired; {en}",
                Text("Pas de regel alsnog toe, of verleng de uitzondering met een nieuwe toelichting.", "Apply the rule after all, or extend the waiver with a new explanation."),
            )
        elif found:
            waived.setdefault(regel, waiver.toelichting)
        elif ran:
            report(
                UNUSED, "regel", i,
                f"de uitzondering voor '{regel}' is niet nodig: die regel vond niets",
                f"the waiver for '{regel}' is not needed: that rule found nothing",
                Text("Verwijder deze [[uitzondering]].", "Remove this [[uitzondering]]."),
            )
        elif not env.narrowed and regel not in env.off and regel not in ALWAYS:
            sets = ", ".join(env.rulesets)
            report(
                UNUSED, "regel", i,
                f"de uitzondering voor '{regel}' is niet nodig: die regel hoort niet bij de gekozen regelsets ({sets})",
                f"the waiver for '{regel}' is not needed: that rule is not in the chosen rule sets ({sets})",
                Text("Verwijder deze [[uitzondering]], of kies een regelset met die regel.", "Remove this [[uitzondering]], or choose a rule set with that rule."),
            )
    if not waived:
        return findings, extra
    out = []
    for f in findings:
        if f.rule in waived:
            f = f._replace(explained=Text(waived[f.rule], waived[f.rule]))
            outcomes[f.rule] = Outcome.UITGELEGD
        out.append(f)
    return out, extra


def _meta(agreement: Agreement) -> dict[str, str]:
    a = agreement.afspraak
    return {
        "titel": a.titel,
        "wijk": a.wijk,
        "gemeente": a.gemeente,
        "status": a.status,
        "soort": a.soort,
        "partijen": ", ".join(p.naam for p in agreement.partij),
    }


SKIPPED = "overgeslagen"  # Problem code of a note, not an error: a rule-set file named as a path


def discover(paths: Iterable[str]) -> Iterator[tuple[str, Optional[Problem]]]:
    """Files to check: files as given (a rule-set file is noted and skipped), and in folders
    every ``*.toml`` that looks like an agreement (not config, rule-set or other tools' files)."""
    for raw in paths:
        if raw == STDIN:
            yield raw, None
            continue
        path = Path(raw)
        if not path.is_dir():
            if _kind(path) == "regelset":
                note = Text("een regelset, geen afspraak: overgeslagen", "a rule set, not an agreement: skipped")
                yield raw, Problem(Location(raw, 0, 0), note, SKIPPED)
            else:
                yield raw, None
            continue
        found = sorted(_walk(path))
        if not found:
            yield raw, Problem(
                Location(raw, 0, 0), Text("geen afspraken (*.toml) gevonden in deze map", "no agreements (*.toml) found in this folder"), "bestand"
            )
        for f in found:
            yield str(f), None


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in SKIP_DIRS]
        for name in files:
            if name.lower().endswith(".toml") and name not in configuration.NAMES and _kind(Path(root) / name) == "afspraak":
                yield Path(root) / name


def _kind(path: Path) -> str:
    """'afspraak', 'regelset' or 'anders' (another tool's TOML: no word of the format in it).
    A broken agreement still says afspraak, partij or formaat somewhere, so it is still checked."""
    try:
        with path.open("rb") as handle:
            head = handle.read(65536)
    except OSError:
        return "afspraak"  # let the check say what is wrong
    if head.startswith(b"[regelset]") or b"\n[regelset]" in head:
        return "regelset"
    return "afspraak" if any(word in head for word in (b"afspraak", b"partij", b"formaat")) or not head.strip() else "anders"


def check_text(text: str, *, name: str = "<tekst>", **options: Any) -> FileResult:
    """Check one agreement given as text (library use); options as for :class:`Checker`."""
    checker = Checker(**options)
    return checker.check_path(name, text.encode("utf-8"), name)
