#!/usr/bin/env bash
# Installs what Canopy needs on a fresh Debian machine with the .NET 10 SDK: the missing Debian packages (as root),
# then the NuGet and npm packages. Idempotent.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if ! command -v dotnet >/dev/null; then
  echo "setup: the .NET 10 SDK is required (https://learn.microsoft.com/dotnet/core/install/linux-debian)" >&2
  exit 1
fi
# Debian packages, each with the command that shows it is there:
#   tshark, text2pcap (wireshark-common): independent ASTERIX decoder for the codec's oracle tests
#   xmllint (libxml2-utils): CoT schema and KML checks; protoc (protobuf-compiler): TAK protobuf checks
#   cbc (coinor-cbc): the MILP solver behind `canopy bench wta --solver exact`
#   chromium, node, npm: the web console's build and its browser tests
#   sqlite3: the record store's tamper tests edit the SQLite file with it
#   initdb and pg_ctl of PostgreSQL 15, psql (postgresql): the store and kill tests start a private PostgreSQL
#   /usr/lib/rabbitmq/bin/rabbitmq-server (rabbitmq-server; run directly, as the caller): federation (`canopy shield`, the messaging and federation tests) starts a private RabbitMQ on 127.0.0.1
declare -A packages=([tshark]=tshark [text2pcap]=wireshark-common [xmllint]=libxml2-utils [protoc]=protobuf-compiler
  [cbc]=coinor-cbc [chromium]=chromium [node]=nodejs [npm]=npm [sqlite3]=sqlite3 [psql]=postgresql)
missing=()
for cmd in "${!packages[@]}"; do command -v "$cmd" >/dev/null || missing+=("${packages[$cmd]}"); done
[ -x /usr/lib/postgresql/15/bin/initdb ] || missing+=(postgresql-15)
# The Debian package starts a system-wide broker on 0.0.0.0:5672; Canopy only starts private ones, so it is stopped and disabled.
stop_system_broker=false
if [ ! -x /usr/lib/rabbitmq/bin/rabbitmq-server ]; then missing+=(rabbitmq-server); stop_system_broker=true; fi
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${missing[*]}" >&2
  echo "wireshark-common wireshark-common/install-setuid boolean false" | $sudo debconf-set-selections
  $sudo apt-get update -q >/dev/null
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
  if $stop_system_broker && command -v systemctl >/dev/null && systemctl is-system-running >/dev/null 2>&1; then
    $sudo systemctl disable --now rabbitmq-server >/dev/null 2>&1 || true
  fi
fi
dotnet restore "$root/Canopy.sln" --nologo -v q
# The web console's packages (its build runs from ./canopy and from the browser tests).
if [ ! -d "$root/web/node_modules" ]; then (cd "$root/web" && npm ci --no-audit --no-fund >/dev/null); fi
