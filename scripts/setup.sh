#!/usr/bin/env bash
# Checks what Canopy needs on a fresh Debian machine, installs the missing Debian packages, restores the NuGet and npm packages (idempotent).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if ! command -v dotnet >/dev/null; then
  echo "setup: the .NET 10 SDK is required (https://learn.microsoft.com/dotnet/core/install/linux-debian)" >&2
  exit 1
fi
# Debian packages the tests need (one list for everyone): installed as root when a command is missing.
packages=(chromium nodejs npm)
commands=(chromium node npm)
missing=()
for i in "${!packages[@]}"; do
  command -v "${commands[$i]}" >/dev/null || missing+=("${packages[$i]}")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: missing ${missing[*]}: run as root, or: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
dotnet restore "$root/Canopy.sln" --nologo -v q
# The web console's packages (its build runs from ./canopy and from the browser tests).
if [ ! -d "$root/web/node_modules" ]; then (cd "$root/web" && npm ci --no-audit --no-fund >/dev/null); fi
