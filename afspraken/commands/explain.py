"""``afspraken explain``: what a rule checks, why, and how to fix it."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import click

from afspraken.commands.listing import _setup, finish
from afspraken.commands.options import CONFIG, LANG, PLUGIN, argument, command, complete_rules


@command(help_en="Explain a rule: what, why (with the quote), an example, the fix and the parameters.")
@argument("rule_id", metavar="REGEL", metavar_en="RULE", shell_complete=complete_rules)
@PLUGIN
@CONFIG
@LANG
def explain(rule_id: str, plugins: tuple[str, ...], config: Optional[Path], lang: str) -> None:
    """Leg een regel uit: wat, waarom (met citaat), voorbeeld, oplossing en parameters."""
    from afspraken.reporting.explaining import explain_rule
    from afspraken.reading.messages import suggest

    env = _setup((), plugins, config, lang)
    rule = env.registry.rules.get(rule_id)
    if rule is None:
        failed = [f for f in env.registry.failures if rule_id.startswith(f"{f.plugin}/")]
        if failed:  # its failure is on stderr already
            raise click.UsageError(
                f"onbekende regel '{rule_id}': plugin '{failed[0].plugin}' kon niet laden (zie hierboven)"
                if lang == "nl"
                else f"unknown rule '{rule_id}': plugin '{failed[0].plugin}' failed to load (see above)"
            )
        hint = suggest(rule_id, env.registry.rules)
        raise click.UsageError(
            f"onbekende regel '{rule_id}'{hint.nl} (alle regels: afspraken rules --alle)"
            if lang == "nl"
            else f"unknown rule '{rule_id}'{hint.en} (every rule: afspraken rules --alle)"
        )
    click.echo(explain_rule(rule, lang))
    finish(env)
