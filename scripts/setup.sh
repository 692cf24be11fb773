#!/usr/bin/env bash
# Checks what Canopy needs on a fresh Debian machine and restores the NuGet packages (idempotent).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if ! command -v dotnet >/dev/null; then
  echo "setup: the .NET 10 SDK is required (https://learn.microsoft.com/dotnet/core/install/linux-debian)" >&2
  exit 1
fi
# Debian packages: coinor-cbc (the MILP solver behind `canopy bench wta --solver exact`).
for pkg in coinor-cbc; do
  if ! dpkg -s "$pkg" >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ]; then apt-get install -y "$pkg"; else echo "setup: please install $pkg (sudo apt-get install -y $pkg)" >&2; fi
  fi
done
dotnet restore "$root/Canopy.sln" --nologo -v q
