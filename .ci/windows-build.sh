#!/usr/bin/env bash
# Cross-compiles tinxa.exe for 64-bit Windows from Linux, with the icon and
# version information embedded (build.rs + winresource), and checks the result.
#
#   .ci/windows-build.sh            # the `dist` profile: what is shipped
#   .ci/windows-build.sh release    # or: dev (= debug, quick), release
#
# One-time setup (Debian):
#   rustup target add x86_64-pc-windows-gnu
#   apt-get install gcc-mingw-w64-x86-64      # linker, windres, objdump
# Environment: CARGO_TARGET_DIR (default ./target), JOBS (cargo -j, default 2).
# Prints the path of tinxa.exe on stdout; everything else goes to stderr.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target}
profile=${1:-dist}
jobs=${JOBS:-2}
triple=x86_64-pc-windows-gnu

if ! rustup target list --installed | grep -qx "$triple"; then
  echo "windows-build: run: rustup target add $triple" >&2
  exit 2
fi
for tool in x86_64-w64-mingw32-gcc x86_64-w64-mingw32-windres x86_64-w64-mingw32-objdump; do
  command -v "$tool" >/dev/null || { echo "windows-build: missing $tool; run: apt-get install gcc-mingw-w64-x86-64" >&2; exit 2; }
done

cargo build -j "$jobs" --profile "$profile" --target "$triple" --bin tinxa >&2
case "$profile" in
  dev) dir=debug ;;
  *) dir=$profile ;;
esac
exe=$CARGO_TARGET_DIR/$triple/$dir/tinxa.exe

# The resources must be there: an icon group (type 14), its icons (type 3)
# and the version information (type 16).
python3 - "$exe" <<'PY'
import struct, sys
data = open(sys.argv[1], "rb").read()
pe = struct.unpack_from("<I", data, 0x3C)[0]
assert data[pe:pe + 4] == b"PE\0\0", "not a PE file"
nsec = struct.unpack_from("<H", data, pe + 6)[0]
opt_size = struct.unpack_from("<H", data, pe + 20)[0]
subsystem = struct.unpack_from("<H", data, pe + 24 + 68)[0]
sec = pe + 24 + opt_size
for i in range(nsec):
    name, vsize, vaddr, rsize, raddr = struct.unpack_from("<8sIIII", data, sec + 40 * i)
    if name.rstrip(b"\0") == b".rsrc":
        break
else:
    sys.exit("tinxa.exe has no resources: the icon was not embedded")
named, ids = struct.unpack_from("<HH", data, raddr + 12)
types = [struct.unpack_from("<I", data, raddr + 16 + 8 * k)[0] for k in range(named + ids)]
missing = {3: "icon", 14: "icon group", 16: "version"}.keys() - set(types)
if missing:
    sys.exit(f"tinxa.exe lacks resource types {sorted(missing)}")
kind = {2: "GUI (no console window)", 3: "console"}.get(subsystem, str(subsystem))
print(f"resources: icon, icon group, version info; subsystem: {kind}", file=sys.stderr)
PY
ls -l "$exe" >&2
echo "$exe"
