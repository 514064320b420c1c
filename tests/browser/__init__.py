"""Browser tests: the built site in Debian's Chromium (a package, so its conftest has its own name)."""
