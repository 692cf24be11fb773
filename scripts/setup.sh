#!/usr/bin/env bash
# Checks what Canopy needs on a fresh Debian machine and restores the NuGet packages (idempotent).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if ! command -v dotnet >/dev/null; then
  echo "setup: the .NET 10 SDK is required (https://learn.microsoft.com/dotnet/core/install/linux-debian)" >&2
  exit 1
fi
dotnet restore "$root/Canopy.sln" --nologo -v q
