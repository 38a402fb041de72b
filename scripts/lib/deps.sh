# Shared by scripts/test and scripts/example: make sure the tools are there.

need_root() { [ "$(id -u)" -eq 0 ] && echo "" || echo "sudo"; }

ensure_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "error: the .NET 10 SDK is required (https://dot.net); 'dotnet' is not on PATH" >&2
    exit 2
  fi
}

apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo; sudo=$(need_root)
  echo "installing: ${missing[*]}" >&2
  $sudo apt-get update -qq >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

. "$(dirname "${BASH_SOURCE[0]}")/postgres.sh"

ensure_test_dependencies() {
  ensure_dotnet
  # PostgreSQL for the ledger's second backend; fonts for the timeline plots; Debian's Chromium for the dashboard's
  # browser tests (Playwright drives /usr/bin/chromium; it never downloads a browser of its own).
  apt_install postgresql fonts-dejavu-core chromium
}

start_services() { pg_start; }
stop_services() { pg_stop; }
