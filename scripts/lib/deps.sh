# Installs what IKP Desk needs and is missing, on Debian 12 / Ubuntu 22.04 or newer.
# Sourced by scripts/run and scripts/test; safe to run again (it skips what is there).

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
NODE_MIN_MAJOR=20
NODE_MIN_MINOR=19

APP_PACKAGES=(libwebkit2gtk-4.1-dev build-essential curl wget file libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev pkg-config libdbus-1-dev)
# The minutes tests read the exported notulen back with real readers: LibreOffice
# (DOCX to PDF; Calc reads the budget workbook back as CSV), poppler (pdftotext, pdftoppm, pdfinfo) and qpdf. gnome-keyring is the
# Secret Service the device-key test keeps its key in. Syncthing carries bundles between
# two data dirs through a shared folder in the sync_folder test. xclip reads what the app
# put on the X clipboard ("Salin ringkasan"); dunst is the notification service the
# reminders test reads the app's notifications back from.
TEST_PACKAGES=(xvfb xclip dunst webkit2gtk-driver dbus libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils qpdf gnome-keyring syncthing)
# The Windows key store test cross-builds for Windows (mingw-w64 links) and runs under
# Wine's Credential Manager; installed without Wine's recommends (32-bit Wine, fonts).
WINDOWS_TEST_PACKAGES=(gcc-mingw-w64-x86-64 wine64)

say() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_apt_packages() {
  ensure_apt_packages_with "" "$@"
}

# $1: extra apt-get options ("--no-install-recommends" or ""); the rest: packages.
ensure_apt_packages_with() {
  local options="$1"
  shift
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    say "Installing system packages: ${missing[*]}"
    as_root apt-get update -qq
    # shellcheck disable=SC2086 # $options is zero or one word
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $options "${missing[@]}"
  fi
}

ensure_rust() {
  [ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"
  if ! command -v cargo >/dev/null; then
    say "Installing the Rust toolchain (rustup)"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal -c rustfmt,clippy
    . "$HOME/.cargo/env"
  fi
  rustup component list --installed 2>/dev/null | grep -q clippy || rustup component add clippy rustfmt 2>/dev/null || true
}

node_is_recent() {
  command -v node >/dev/null || return 1
  local version major minor
  version="$(node --version | tr -d v)"
  major="${version%%.*}"
  minor="$(echo "$version" | cut -d. -f2)"
  [ "$major" -gt "$NODE_MIN_MAJOR" ] || { [ "$major" -eq "$NODE_MIN_MAJOR" ] && [ "$minor" -ge "$NODE_MIN_MINOR" ]; }
}

ensure_node() {
  local local_node="$HOME/.local/share/ikp-desk/node"
  [ -x "$local_node/bin/node" ] && export PATH="$local_node/bin:$PATH"
  if ! node_is_recent; then
    # Debian's own nodejs is too old for Vite 8: take the official Node.js 22 build.
    say "Installing Node.js 22 into $local_node"
    local arch
    case "$(uname -m)" in x86_64) arch=x64 ;; aarch64) arch=arm64 ;; *) arch="$(uname -m)" ;; esac
    local version
    version="$(curl -fsSL https://nodejs.org/dist/latest-v22.x/SHASUMS256.txt | grep -o "node-v22[^ ]*-linux-$arch.tar.xz" | head -1)"
    mkdir -p "$local_node"
    curl -fsSL "https://nodejs.org/dist/latest-v22.x/$version" | tar -xJ -C "$local_node" --strip-components=1
    export PATH="$local_node/bin:$PATH"
  fi
}

ensure_ui_packages() {
  local stamp="$ROOT/ui/node_modules/.package-lock.json"
  if [ ! -f "$stamp" ] || [ "$ROOT/ui/package-lock.json" -nt "$stamp" ]; then
    say "Installing UI packages (npm ci)"
    (cd "$ROOT/ui" && npm ci --no-audit --no-fund)
  fi
}

ensure_tauri_driver() {
  if ! command -v tauri-driver >/dev/null; then
    say "Installing tauri-driver"
    cargo install tauri-driver --locked --version '^2'
  fi
}

ensure_app_deps() {
  ensure_apt_packages "${APP_PACKAGES[@]}"
  ensure_rust
  ensure_node
  ensure_ui_packages
}

ensure_windows_test_deps() {
  ensure_apt_packages_with --no-install-recommends "${WINDOWS_TEST_PACKAGES[@]}"
  rustup target list --installed | grep -qx x86_64-pc-windows-gnu || rustup target add x86_64-pc-windows-gnu
}

ensure_test_deps() {
  ensure_app_deps
  ensure_apt_packages "${TEST_PACKAGES[@]}"
  ensure_windows_test_deps
  ensure_tauri_driver
}
