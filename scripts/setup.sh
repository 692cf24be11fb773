#!/usr/bin/env bash
# Checks what Canopy needs on a fresh Debian machine and restores the NuGet packages (idempotent).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if ! command -v dotnet >/dev/null; then
  echo "setup: the .NET 10 SDK is required (https://learn.microsoft.com/dotnet/core/install/linux-debian)" >&2
  exit 1
fi
# Tools the tests use as independent oracles (Debian packages), installed as root when missing.
apt_packages="libxml2-utils protobuf-compiler"
missing=""
for p in $apt_packages; do
  dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
if [ -n "$missing" ]; then
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing
  else
    echo "setup: missing Debian packages:$missing (run scripts/setup.sh as root, or: sudo apt-get install$missing)" >&2
  fi
fi
dotnet restore "$root/Canopy.sln" --nologo -v q
