#!/usr/bin/env bash
# Checks what Canopy needs on a fresh Debian machine and restores the NuGet packages (idempotent).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if ! command -v dotnet >/dev/null; then
  echo "setup: the .NET 10 SDK is required (https://learn.microsoft.com/dotnet/core/install/linux-debian)" >&2
  exit 1
fi
# Debian packages the tests use as independent oracles: tshark decodes ASTERIX, text2pcap (wireshark-common) wraps bytes in a pcap.
missing=()
command -v tshark >/dev/null || missing+=(tshark)
command -v text2pcap >/dev/null || missing+=(wireshark-common)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "wireshark-common wireshark-common/install-setuid boolean false" | $sudo debconf-set-selections
  $sudo apt-get update -q
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi
dotnet restore "$root/Canopy.sln" --nologo -v q
