"""One run: the plugins loaded once, settings resolved per folder on top of them.

A :class:`Checker` builds the registry (built-in, installed and ``--plugin`` plugins)
once. Each checked file's folder gets an :class:`~afspraken.checking.engine.Environment`
from its nearest config file, cached per config file; plugins a config names are added
to the same registry as they are found. Failures of plugins are kept once, in the
registry's :class:`~afspraken.plugins.manager.Failures`; problems in settings once, here.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Generator, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal, Optional, Union

from afspraken.checking import config as configuration
from afspraken.checking.engine import ALWAYS, Environment, evaluate
from afspraken.checking.rulesets import ActiveRule, chosen_explicitly, defaults_by_kind, select
from afspraken.plugins.manager import get_plugin_manager
from afspraken.plugins.registry import Registry
from afspraken.reading import chunks
from afspraken.reading.loading import Loaded, load
from afspraken.reading.source import STDIN, Source, read
from afspraken.reading.messages import suggest
from afspraken.results import FileResult, Location, Problem, Report, error_text
from afspraken.rules import Text

BIG_FILE = 1 << 20  # characters: from here the command checks a file with the garbage collector off (Checker._judge)

ConfigChoice = Union[Path, str, None, Literal[False]]  # a file, None: find it, False: none at all


class Checker:
    """Checks files; one registry per run, one environment per config file found."""

    def __init__(
        self,
        *,
        regelsets: Sequence[str] = (),
        select: Sequence[str] = (),
        ignore: Sequence[str] = (),
        plugins: Sequence[str] = (),
        config: ConfigChoice = None,
        entry_points: bool = True,
        today: Optional[dt.date] = None,
        profiles: bool = True,
        max_findings: Optional[int] = None,
    ) -> None:
        self.regelsets, self.selected, self.ignored = tuple(regelsets), tuple(select), tuple(ignore)
        self.plugins, self.entry_points = tuple(plugins), entry_points
        self.config_path: Union[Path, None, Literal[False]] = Path(config) if isinstance(config, str) else config
        self.today = today or dt.date.today()
        self.profiles = profiles  # work out each file's participation profile (FileResult.profile)
        if max_findings is not None and max_findings < 0:
            raise ValueError(f"max_findings must be 0 (every finding) or more, not {max_findings}")
        self.max_findings = max_findings  # per rule and file (engine.MAX_FINDINGS); 0: all
        self.registry = Registry(get_plugin_manager(self.plugins, entry_points=entry_points))
        self._envs: dict[Optional[Path], Environment] = {}
        self._folders: dict[str, Environment] = {}  # folder as given -> its environment
        self._problems: dict[Problem, None] = {}  # settings problems, each once
        # From this many characters on, check_path checks a file in a child process that Ctrl-C
        # ends at once (checking/isolation.py); None: always here. The command sets it.
        self.apart_from: Optional[int] = None
        # From this many characters on, a file is checked with the garbage collector off (a
        # process-wide switch: the command sets it, a program with threads should not).
        self.collector_off_from: Optional[int] = None

    @property
    def options(self) -> dict[str, Any]:
        """The arguments this Checker was made with, so that a worker process can make the same."""
        return dict(
            regelsets=self.regelsets, select=self.selected, ignore=self.ignored, plugins=self.plugins,
            config=self.config_path, entry_points=self.entry_points, today=self.today, profiles=self.profiles, max_findings=self.max_findings,
        )

    @property
    def problems(self) -> list[Problem]:
        return [*self.registry.problems, *self._problems]

    def environment(self, folder: Path) -> Environment:
        known = self._folders.get(str(folder))
        if known is not None:
            return known
        if self.config_path is False:
            path = None
        else:
            path = self.config_path or configuration.find(folder)
        env = self._envs.get(path)
        if env is None:
            env = self._envs[path] = self._build(path)
        self._folders[str(folder)] = env
        return env

    def prepare(self, paths: Iterable[str]) -> None:
        """Resolve the settings of every folder up front: their problems and failures are then
        known before the first result (and worker processes need not report them again)."""
        for folder in dict.fromkeys(Path.cwd() if p == STDIN else Path(p).parent for p in paths):
            self.environment(folder)

    def _build(self, path: Optional[Path]) -> Environment:
        loaded = configuration.load(path)
        if loaded.plugins:
            self.registry.load(loaded.plugins, loaded.base)
        problems: list[Problem] = list(loaded.problems)
        chosen = select(self.registry, loaded, self.regelsets)
        problems += chosen.problems
        rules, off = self._narrow(chosen.rules, problems)
        env = Environment(self.registry, rules, chosen.rulesets, problems, off | chosen.off, chosen.origin, bool(self.selected), loaded.limits, loaded.rule_url)
        if not chosen_explicitly(loaded, self.regelsets):
            env.by_kind = lambda soort: self._kind(loaded, soort, env)
            problems += defaults_by_kind(self.registry)[1]  # two sets claiming one soort: known before any result
        self.registry.everything()  # every hook asked now: its failures are known before any result
        self._problems.update(dict.fromkeys(problems))
        return env

    def _kind(self, loaded: configuration.Config, soort: str, base: Environment) -> Environment:
        """The rule sets that are the default for ``soort`` (RULES.md: the set follows the kind)."""
        chosen = select(self.registry, loaded, (), soort)
        problems = list(loaded.problems) + chosen.problems
        rules, off = self._narrow(chosen.rules, problems)
        self._problems.update(dict.fromkeys(problems))
        return Environment(
            self.registry, rules, chosen.rulesets, problems, off | chosen.off, chosen.origin, bool(self.selected),
            base.limits, base.rule_url, unclaimed=chosen.unclaimed,
        )

    def _narrow(self, rules: list[ActiveRule], problems: list[Problem]) -> tuple[list[ActiveRule], set[str]]:
        """Apply --select and --ignore: the rules to run, and the always-on rules switched off."""
        known = self.registry.rules
        for rule_id in (*self.selected, *self.ignored):
            if rule_id not in known:
                hint = suggest(rule_id, known)
                message = Text(f"onbekende regel '{rule_id}'{hint.nl}", f"unknown rule '{rule_id}'{hint.en}")
                problems.append(Problem(Location("--select/--ignore", 0, 0), message, "regel"))
        off = set(self.ignored)
        if self.selected:
            chosen = {a.rule.id: a for a in rules}
            rules = [
                chosen.get(r) or ActiveRule(known[r], known[r].severity, known[r].defaults())
                for r in dict.fromkeys(self.selected)
                if r in known and r not in ALWAYS
            ]
            off |= set(ALWAYS) - set(self.selected)
        return [a for a in rules if a.rule.id not in self.ignored], off

    def check_path(self, path: Union[str, Path], data: Optional[bytes] = None, name: Optional[str] = None) -> FileResult:
        source, env = self._read(path, data, name)
        if isinstance(source, Problem):
            return FileResult(source.location.file, problems=(source,))
        if self.apart_from is not None and len(source.text) >= self.apart_from:
            from afspraken.checking import isolation

            # Parsed in parts, a big file answers Ctrl-C here; one that is not is parsed in one
            # call, which is done in a child process.
            if isolation.available():
                try:
                    return self._judge(source, env, whole=False)[0]
                except chunks.NotInParts:
                    return self._judge_apart(source, env)
        return self._judge(source, env)[0]

    def load(self, path: Union[str, Path], data: Optional[bytes] = None, name: Optional[str] = None) -> tuple[FileResult, Optional[Loaded]]:
        """Read, load and judge one file as ``check`` does; also the loaded agreement (None if it could not be)."""
        source, env = self._read(path, data, name)
        if isinstance(source, Problem):
            return FileResult(source.location.file, problems=(source,)), None
        return self._judge(source, env)

    def _read(self, path: Union[str, Path], data: Optional[bytes], name: Optional[str]) -> tuple[Union[Source, Problem], Environment]:
        folder = Path.cwd() if str(path) == STDIN else Path(path).parent
        env = self.environment(folder)
        return read(path, data, name, limits=env.limits), env

    def _judge_apart(self, source: Source, env: Environment) -> FileResult:
        """:meth:`_judge` in a child process (checking/isolation.py); this process learns what
        the check taught the child: the environment of the file's soort, new failures and problems."""
        from afspraken.checking import isolation

        failures, problems = set(self.registry.failures), set(self._problems)

        def work() -> tuple[FileResult, Optional[str], list[Any], list[Problem]]:
            result, loaded = self._judge(source, env)
            soort = loaded.agreement.afspraak.soort if loaded is not None else None
            return result, soort, [f for f in self.registry.failures if f not in failures], [p for p in self._problems if p not in problems]

        outcome = isolation.run(work)
        if outcome is None:  # the result could not be sent: here, then
            return self._judge(source, env)[0]
        if isinstance(outcome, isolation.Died):
            return FileResult(source.name, problems=(Problem(Location(source.name, 1, 1), outcome.message, "intern"),))
        result, soort, new_failures, new_problems = outcome
        if soort is not None:
            env.for_kind(soort)  # as the check did in the child
        for failure in new_failures:
            self.registry.failures.add(failure)
        self._problems.update(dict.fromkeys(new_problems))
        return result  # type: ignore[no-any-return]

    def check_source(self, source: Source, env: Optional[Environment] = None) -> FileResult:
        return self._judge(source, env or self.environment(Path.cwd()))[0]

    def _judge(self, source: Source, env: Environment, whole: bool = True) -> tuple[FileResult, Optional[Loaded]]:
        if self.collector_off_from is None or len(source.text) < self.collector_off_from or not gc.isenabled():
            return self._judge_one(source, env, whole)
        # A big file makes millions of objects without cycles: the collector would walk them
        # again and again (~5% of the time at 6 MB). It runs as usual after the file.
        gc.disable()
        try:
            return self._judge_one(source, env, whole)
        finally:
            gc.enable()

    def _judge_one(self, source: Source, env: Environment, whole: bool = True) -> tuple[FileResult, Optional[Loaded]]:
        try:
            loaded = load(source, extensions=env.registry.extensions, known_rules=env.registry.rules, limits=env.limits, whole=whole)
        except chunks.NotInParts:
            raise
        except Exception as exc:  # noqa: BLE001 - last resort: input we did not foresee is still a report
            message = Text(
                f"dit bestand kon niet worden gelezen (interne fout: {error_text(exc)}); meld dit alstublieft",
                f"this file could not be read (internal error: {error_text(exc)}); please report this",
            )
            return FileResult(source.name, problems=(Problem(Location(source.name, 1, 1), message, "intern"),)), None
        if isinstance(loaded, list):
            return FileResult(source.name, problems=tuple(loaded)), None
        # Broken settings (reported, exit 2) do not stop the rules that could be set up.
        result = evaluate(loaded, env.for_kind(loaded.agreement.afspraak.soort), self.today, self.profiles, self.max_findings)
        if result.crashes:  # the engine knows the rule, the plugin manager where the plugin came from
            origin = self.registry.pm.origin
            result = result._replace(crashes=tuple(c._replace(origin=c.origin or origin(c.plugin)) for c in result.crashes))
        return result, loaded

    def check_many(self, paths: Sequence[str], jobs: int = 1) -> list[FileResult]:
        """Check files in order; with ``jobs`` > 1 in that many worker processes."""
        return [r for chunk in self.iter_checks(paths, jobs) for r in chunk]

    def iter_checks(self, paths: Sequence[str], jobs: int = 1) -> Generator[list[FileResult], None, None]:
        """Results in order, a chunk at a time (for a progress bar)."""
        if jobs <= 1 or len(paths) < 4 * jobs:
            for p in paths:
                yield [self.check_path(p)]
            return
        from concurrent.futures import ProcessPoolExecutor

        self.prepare(paths)  # settings and plugin failures are reported from this process only
        size = max(1, min(50, len(paths) // (jobs * 4)))
        chunks = (list(paths[i : i + size]) for i in range(0, len(paths), size))
        from afspraken.checking.workers import ignore_interrupts, starting, stop

        with ProcessPoolExecutor(jobs, initializer=ignore_interrupts) as pool:
            try:
                with starting():  # map() submits every chunk now, and so starts the workers
                    results = pool.map(_check_chunk, ((self.options, c) for c in chunks))
                yield from results
            except BaseException:  # Ctrl-C, or the caller stopped early: end the workers now
                stop(pool)
                raise

    def _used(self) -> list[Environment]:
        """Every environment used so far; where the sets follow the soort, the ones per soort."""
        return [v for env in self._envs.values() for v in (list(env.variants.values()) if env.by_kind else [env])]

    def active_rules(self) -> dict[str, Any]:
        """Every rule that runs under some config used so far (for output formats)."""
        return {a.rule.id: a.rule for env in self._used() or self._envs.values() for a in env.rules}

    def rule_origins(self) -> dict[str, str]:
        """Rule id -> the rule set that switched it on (for output formats)."""
        return {rule_id: name for env in self._used() or self._envs.values() for rule_id, name in env.origin.items()}

    @property
    def origins(self) -> Mapping[str, str]:
        """:meth:`rule_origins`, looked up when asked: a streamed report describes its rules at the
        end, when the rule sets chosen by the files' soort are known too."""
        return _Origins(self)

    def rule_url(self) -> str:
        """The ``rule_url`` template of the configs used so far (the first that sets one)."""
        return next((env.rule_url for env in self._envs.values() if env.rule_url), "")

    def report(self, files: Sequence[FileResult] = ()) -> Report:
        """The report of this run: ``files`` plus what is not tied to a file."""
        rulesets: dict[str, None] = {}
        for env in self._used() or list(self._envs.values()):
            rulesets.update(dict.fromkeys(env.rulesets))
        for r in files:  # worker processes chose the sets per soort: the files say which
            rulesets.update(dict.fromkeys(r.rulesets))
        return Report(tuple(files), tuple(rulesets), tuple(self.registry.failures), tuple(self.problems))


class _Origins(Mapping[str, str]):
    def __init__(self, checker: Checker) -> None:
        self.checker = checker

    def __getitem__(self, rule_id: str) -> str:
        return self.checker.rule_origins()[rule_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self.checker.rule_origins())

    def __len__(self) -> int:
        return len(self.checker.rule_origins())


_WORKER: dict[str, Checker] = {}  # one Checker per worker process, reused for every chunk


def _check_chunk(args: tuple[dict[str, Any], list[str]]) -> list[FileResult]:
    """A worker's part: only the results (the parent already knows the failures of the set-up)."""
    options, paths = args
    key = repr(sorted(options.items()))
    checker = _WORKER.get(key)
    if checker is None:
        checker = _WORKER[key] = Checker(**options)
    return [checker.check_path(p) for p in paths]
