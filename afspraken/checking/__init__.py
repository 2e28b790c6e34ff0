"""Checking: config and rule sets per folder, the engine that runs the rules, and waivers."""
