"""Commands that list what is loaded: ``rules``, ``rulesets``, ``plugins``."""

from __future__ import annotations

import sys

from afspraken.reporting.escaping import dumps
from pathlib import Path
from typing import Any, Optional

import click

from afspraken.commands.options import CONFIG, LANG, PLUGIN, REGELSET, command, option, output_format


def _environment(regelsets: tuple[str, ...], plugins: tuple[str, ...], config: Optional[Path]) -> Any:
    """A Checker and the environment of the working folder (every hook called once)."""
    from afspraken.checking.run import Checker

    checker = Checker(regelsets=regelsets, plugins=plugins, config=config)
    return checker, checker.environment(Path.cwd())


def _report_setup_failures(checker: Any, lang: str, rulesets_are_errors: bool = False) -> bool:
    """Print broken settings and plugins on stderr; whether there were any."""
    from afspraken.reporting import Context
    from afspraken.reporting.text import problems

    from afspraken.reporting.escaping import escape

    warnings = [p for p in checker.registry.warnings if p not in checker.problems]
    for p in warnings:  # a plugin's rule set that could not be read: an error only where it is used
        label = "" if rulesets_are_errors else f"{'waarschuwing' if lang == 'nl' else 'warning'}: "
        click.echo(escape(f"{p.location}: {label}{p.message(lang)}"), err=True)
    if checker.problems or checker.registry.failures:
        click.echo(problems(checker.report(()), Context(lang)), err=True, nl=False)
        return True
    return False


def _setup(regelsets: tuple[str, ...], plugins: tuple[str, ...], config: Optional[Path], lang: str, rulesets_are_errors: bool = False) -> Any:
    """The environment of the working folder. A broken plugin does not hide the healthy ones:
    its failure goes to stderr and the command goes on (exit 0); broken settings (the config,
    a rule set) change what is listed, so the command lists what it can, then exits 2."""
    checker, env = _environment(regelsets, plugins, config)
    _report_setup_failures(checker, lang, rulesets_are_errors)
    return env


def finish(env: Any) -> None:
    """Exit 2 after listing when the settings were broken (see :func:`_setup`)."""
    if env.problems:
        sys.exit(2)


def table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    lines = [fmt.format(*header).rstrip(), fmt.format(*("-" * w for w in widths)).rstrip()]
    lines += [fmt.format(*r).rstrip() for r in rows]
    return "\n".join(lines)


def markdown_table(rows: list[list[str]], header: list[str]) -> str:
    esc = [[str(c).replace("|", "\\|") for c in r] for r in rows]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in esc]
    return "\n".join(lines)


@command("rules", help_en="Show the rules of the active rule sets: id, title, severity, rule set and plugin.")
@REGELSET
@PLUGIN
@CONFIG
@option("--alle", is_flag=True, help="Ook regels die in geen actieve regelset staan.", help_en="Also rules that are in no active rule set.")
@output_format("text", "json", "markdown")
@LANG
def rules_command(regelsets: tuple[str, ...], plugins: tuple[str, ...], config: Optional[Path], alle: bool, fmt: str, lang: str) -> None:
    """Toon de regels van de actieve regelsets: id, titel, ernst, regelset en plugin."""
    env = _setup(regelsets, plugins, config, lang)
    from afspraken.checking.engine import ALWAYS

    active = {a.rule.id: a for a in env.rules}
    always = [r for r in ALWAYS if r not in active and r not in env.off and r in env.registry.rules]
    ids = sorted(env.registry.rules) if alle else [a.rule.id for a in env.rules] + always
    home = _rule_homes(env) if alle else {}
    items = []
    for rule_id in ids:
        rule = env.registry.rules[rule_id]
        severity = active[rule_id].severity.value if rule_id in active else rule.severity.value
        items.append(
            {
                "id": rule.id,
                "title": rule.title(lang),
                "severity": severity,
                "ruleset": env.origin.get(rule_id) or home.get(rule_id) or (("altijd" if lang == "nl" else "always") if rule_id in ALWAYS else "-"),
                "plugin": rule.plugin,
                "active": rule_id in active or (rule_id in ALWAYS and rule_id not in env.off),
            }
        )
    if fmt == "json":
        click.echo(dumps(items, indent=2))
        return finish(env)
    header = ["id", "titel" if lang == "nl" else "title", "ernst" if lang == "nl" else "severity", "regelset" if lang == "nl" else "rule set", "plugin"]
    from afspraken.rules import Severity

    rows = [[i["id"], i["title"], Severity(i["severity"]).label(lang), i["ruleset"], i["plugin"]] for i in items]
    click.echo(markdown_table(rows, header) if fmt == "markdown" else table(rows, header))
    inactive = len(env.registry.rules) - len(ids)
    if not alle and inactive:
        click.echo(
            f"\n{inactive} geïnstalleerde regel(s) niet actief; toon alle regels met: afspraken rules --alle"
            if lang == "nl"
            else f"\n{inactive} installed rule(s) not active; list every rule with: afspraken rules --alle",
            err=fmt == "markdown",
        )
    finish(env)


def _rule_homes(env: Any) -> dict[str, str]:
    """Rule id -> the first registered rule set that lists it."""
    homes: dict[str, str] = {}
    for name, loaded in env.registry.rulesets.items():
        for rule_id in loaded.regels:
            homes.setdefault(rule_id, name)
    return homes


@command("rulesets", help_en="Show the available rule sets: name, description, source and what they extend.")
@PLUGIN
@CONFIG
@output_format("text", "json")
@LANG
def rulesets_command(plugins: tuple[str, ...], config: Optional[Path], fmt: str, lang: str) -> None:
    """Toon de beschikbare regelsets: naam, beschrijving, bron, wat ze uitbreiden en voor welke soort afspraak ze de standaard zijn."""
    from afspraken.checking.rulesets import defaults_by_kind

    env = _setup((), plugins, config, lang, rulesets_are_errors=True)
    items = []
    for p in defaults_by_kind(env.registry)[1]:  # two sets claiming one soort
        click.echo(f"{p.location}: {p.message(lang)}", err=True)
    broken = bool(env.registry.broken_rulesets)  # their problems are on stderr already
    for name, loaded in sorted(env.registry.rulesets.items()):
        problems = _ruleset_problems(env.registry, name)
        broken = broken or bool(problems)
        for p in problems:
            click.echo(f"{p.location}: {p.message(lang)}", err=True)
        items.append(
            {
                "name": name,
                "description": loaded.meta.beschrijving,
                "source": loaded.meta.bron,
                "extends": loaded.meta.breidt_uit,
                "default_for": list(getattr(loaded.meta, "standaard_voor", None) or []),
                "rules": sorted(loaded.regels),
                "plugin": loaded.plugin,
            }
        )
    if fmt == "json":
        click.echo(dumps(items, indent=2))
        return _finish_rulesets(env, broken)
    for item in items:
        extends = ", ".join(item["extends"]) or "-"
        click.echo(click.style(item["name"], bold=True) + f"  ({'breidt uit' if lang == 'nl' else 'extends'}: {extends}; plugin: {item['plugin']})")
        click.echo(f"  {item['description']}")
        click.echo(f"  {'bron' if lang == 'nl' else 'source'}: {item['source']}")
        click.echo(f"  {'standaard voor' if lang == 'nl' else 'default for'}: {', '.join(item['default_for']) or '-'}")
        click.echo(f"  {'regels' if lang == 'nl' else 'rules'}: {', '.join(item['rules']) or '-'}")
    _finish_rulesets(env, broken)


def _ruleset_problems(registry: Any, name: str) -> list[Any]:
    """What is wrong with a registered rule set: read, and then used as ``check --regelset``
    would use it (an unknown rule, ernst or base set shows only then)."""
    from afspraken.checking.config import Config
    from afspraken.checking.rulesets import select

    loaded = registry.rulesets[name]
    return list(dict.fromkeys(loaded.problems or select(registry, Config(), [name]).problems))


def _finish_rulesets(env: Any, broken: bool) -> None:
    """Exit 2 when a rule set, or the settings, are broken (plugins.md says so)."""
    if broken:
        sys.exit(2)
    finish(env)


@command("plugins", help_en="Show the loaded plugins: name, version, hooks, rules and rule sets.")
@PLUGIN
@CONFIG
@output_format("text", "json")
@LANG
def plugins_command(plugins: tuple[str, ...], config: Optional[Path], fmt: str, lang: str) -> None:
    """Toon de geladen plugins: naam, versie, hooks, regels en regelsets."""
    checker, env = _environment((), plugins, config)
    pm, registry = env.registry.pm, env.registry
    items = []
    faulty = {name: found for name in registry.rulesets if (found := _ruleset_problems(registry, name))}
    for name, info in pm.info.items():
        plugin = pm.get_plugin(name)
        hooks = sorted(caller.name for caller in pm.get_hookcallers(plugin) or [])
        items.append(
            {
                "name": name,
                "version": info.version,
                "kind": info.kind,
                "origin": info.origin,
                "hooks": hooks,
                "rules": sorted(r.id for r in registry.rules.values() if r.plugin == name),
                "rulesets": sorted(n for n, f in registry.rulesets.items() if f.plugin == name),
                "broken_rulesets": sorted(n for n, (owner, _) in registry.broken_rulesets.items() if owner == name),
                "faulty_rulesets": sorted(n for n in faulty if registry.rulesets[n].plugin == name),
                "formats": sorted(n for n, f in registry.formats.items() if f.plugin == name),
                "extensions": sorted(registry.extension_owner.get(name, [])),
            }
        )
    failures = [{"plugin": c.plugin, "what": c.what, "stage": c.stage, "subject": c.subject, "error": c.error} for c in checker.registry.failures]
    if fmt == "json":
        click.echo(dumps({"plugins": items, "failures": failures}, indent=2))
    else:
        for item in items:
            kind = {"ingebouwd": "built in", "bestand": "file"}.get(item["kind"], item["kind"]) if lang == "en" else item["kind"]
            click.echo(click.style(item["name"], bold=True) + f" {item['version']}  ({kind}: {item['origin']})")
            click.echo(f"  hooks: {', '.join(item['hooks'])}")
            for key, label in (("rules", "regels"), ("rulesets", "regelsets"), ("formats", "formaten"), ("extensions", "extensies")):
                if item[key]:
                    click.echo(f"  {label if lang == 'nl' else key}: {', '.join(item[key])}")
            if item["broken_rulesets"]:
                label = "regelsets die niet te lezen zijn (zie stderr)" if lang == "nl" else "rule sets that cannot be read (see stderr)"
                click.echo(f"  {label}: {', '.join(item['broken_rulesets'])}")
            if item["faulty_rulesets"]:
                label = "regelsets met fouten (zie stderr)" if lang == "nl" else "rule sets with errors (see stderr)"
                click.echo(f"  {label}: {', '.join(item['faulty_rulesets'])}")
        _report_setup_failures(checker, lang, rulesets_are_errors=True)  # plugins exits 2 for them: no "warning"
    if fmt == "json" and registry.warnings:
        _report_setup_failures(checker, lang, rulesets_are_errors=True)
    for p in dict.fromkeys(p for found in faulty.values() for p in found if p not in checker.problems):
        click.echo(f"{p.location}: {p.message(lang)}", err=True)
    if checker.registry.failures or checker.problems or registry.broken_rulesets or faulty:
        raise SystemExit(2)
