"""Tests of the afspraken-prestatieafspraken plugin (a package, so that its module names never clash with the core's tests)."""
