"""Plugins: the hook specifications, the plugin manager, and the registry built once per run."""
