#!/usr/bin/env bash
# Install the Debian packages the tests need when they are missing: Virtuoso Open Source 7
# (integration test of the saved queries), Chromium (map tests) and a JDK (the OWL 2 DL profile check and
# HermiT, from owlready2's jar, compiled and run by tests/test_owl.py). Needs root or sudo.
set -euo pipefail
need=()
command -v virtuoso-t >/dev/null 2>&1 && command -v isql-vt >/dev/null 2>&1 || need+=(virtuoso-opensource)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v javac >/dev/null 2>&1 && command -v java >/dev/null 2>&1 || need+=(default-jdk-headless)
[ ${#need[@]} -eq 0 ] && exit 0
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "installing Debian packages: ${need[*]}" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
# the package may start its own service; the tests run their own servers on free ports
$SUDO service virtuoso-opensource-7 stop >/dev/null 2>&1 || true
