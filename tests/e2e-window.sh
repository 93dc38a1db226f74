#!/bin/bash
# The window end to end, as a reporter uses it, under Xvfb at 1366×768:
# create a draft, type the whole sample article (title, sapo, four
# paragraphs, byline, place, date), add a 12 MP photo through the file
# dialog (or the path field when no dialog can be shown), caption it and
# place it between paragraphs 2 and 3, close the window, start again, find
# the draft in the list, open it and export it to HTML. Screenshots of each
# step go to $OUT/shots; the script fails if the draft on disk or the export
# does not hold exactly what was typed.
#
# Not part of `cargo test` (it needs a display server and takes ~3 minutes):
#   apt-get install xvfb xdotool imagemagick python3-xlib
#   cargo build --release && tests/e2e-window.sh [/tmp/tinxa-e2e]
#
# Typing: xdotool types characters missing from the keyboard map by
# remapping a spare key for each one, which races with the application and
# drops letters; the Vietnamese letters are therefore mapped onto spare
# keycodes first (xmodmap), so every character is one plain key press.
# Even so, typed faster than about 60 ms a key, xdotool's key events lose a
# mapped letter now and then (1 in ~3,500 at 40 ms, ~1 in 150 at 20 ms);
# hence the slow typing.
# Coordinates are those of the window's layout at 1366×768 (the window fits
# itself to 1280×720 there).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN="$ROOT/target/release/tinxa"
SAMPLE="$ROOT/examples/cao-son-2024-01-25.txt"
PHOTO=$(realpath "$ROOT/../shared/photos/photo03_ColdRipple.jpg")
OUT=${1:-/tmp/tinxa-e2e}
HOME_DIR="$OUT/home"
DISP=:97
export DISPLAY=$DISP
PY=/usr/bin/python3

[ -x "$BIN" ] || { echo "build first: cargo build --release"; exit 2; }
rm -rf "$OUT"
mkdir -p "$OUT/shots" "$OUT/out"

Xvfb $DISP -screen 0 1366x768x24 >/dev/null 2>&1 &
XVFB=$!
APP=
cleanup() {
	[ -n "$APP" ] && kill "$APP" 2>/dev/null || true
	kill $XVFB 2>/dev/null || true
}
trap cleanup EXIT
sleep 1

shot() { import -window root "$OUT/shots/$1.png"; echo "  screenshot $1"; }

# WM_DELETE_WINDOW, what a window manager's close button sends.
close_window() {
	$PY - "$1" <<'EOF'
import sys
from Xlib import display, protocol, X
d = display.Display()
w = d.create_resource_object('window', int(sys.argv[1]))
p, dw = d.intern_atom('WM_PROTOCOLS'), d.intern_atom('WM_DELETE_WINDOW')
w.send_event(protocol.event.ClientMessage(window=w, client_type=p,
             data=(32, [dw, X.CurrentTime, 0, 0, 0])), event_mask=X.NoEventMask)
d.flush()
EOF
}

start_app() {
	TINXA_HOME="$HOME_DIR" ICED_BACKEND=tiny-skia "$BIN" >"$OUT/app.log" 2>&1 &
	APP=$!
	for _ in $(seq 1 200); do
		WIN=$(xdotool search --onlyvisible --name "Tin" 2>/dev/null | head -1) && [ -n "$WIN" ] && break
		sleep 0.05
	done
	sleep 1.5 # the window fits itself to the screen on its first tick
	xdotool windowfocus "$WIN"
}

click() { xdotool mousemove "$1" "$2" click 1; sleep 0.3; }
type_text() { xdotool type --delay 60 "$@"; }

# Windows other than the app's (a file dialog) that are on screen.
other_windows() {
	local w g
	for w in $(xdotool search --onlyvisible --name "" 2>/dev/null || true); do
		[ "$w" = "$WIN" ] && continue
		g=$(xdotool getwindowgeometry "$w" 2>/dev/null | awk '/Geometry/ {print $2}')
		if [ -n "$g" ] && [ "${g%x*}" -gt 200 ] && [ "$g" != "1366x768" ]; then
			echo "$w"
		fi
	done
}

# Answers a file dialog with `path`, or the app's path field if no dialog came.
answer_dialog() {
	sleep 2
	local dlg
	dlg=$(other_windows | head -n 1 || true)
	if [ -n "$dlg" ]; then
		echo "  native dialog ($dlg)"
		xdotool windowfocus "$dlg"
		sleep 0.3
		xdotool key ctrl+l
		xdotool key ctrl+a
		type_text "$1"
		sleep 1 # let the dialog take the typed path before Return
		xdotool key Return
		sleep 1
		xdotool windowfocus "$WIN"
	else
		echo "  no dialog: path field"
		xdotool key ctrl+a
		type_text "$1"
		xdotool key Return
	fi
}

# Text pieces of the sample: paragraphs 1, 2, 4, 5; paragraph 3 is the
# caption line, the last line the byline.
"$PY" - "$SAMPLE" "$OUT" <<'EOF'
import sys
paras = open(sys.argv[1], encoding='utf-8').read().strip('\n').split('\n\n')
for i, p in enumerate(paras):
    open(f'{sys.argv[2]}/p{i}.txt', 'w', encoding='utf-8').write(p.strip('\n'))
extra = 'Xã Cao Sơn dự hội nghị quán triệt văn bản mới Sáng cán bộ đảng viên xã do Tỉnh ủy Bắc Kạn tổ chức theo hình thức trực tiếp kết hợp trực tuyến Bến tàu gỗ trong sương sớm'
chars = sorted({c for c in ''.join(paras) + extra if ord(c) > 127})
with open(f'{sys.argv[2]}/keys.xmodmap', 'w') as f:
    for i, c in enumerate(chars):
        f.write(f'keycode {150 + i} = U{ord(c):04X} U{ord(c):04X}\n')
EOF
xmodmap "$OUT/keys.xmodmap"

TITLE="Xã Cao Sơn dự hội nghị quán triệt văn bản mới"
SAPO="Sáng 25/01/2024, cán bộ, đảng viên xã Cao Sơn dự Hội nghị thông tin thời sự và quán triệt, triển khai văn bản mới của Trung ương, của tỉnh do Tỉnh ủy Bắc Kạn tổ chức theo hình thức trực tiếp kết hợp trực tuyến."
CAPTION=$(cat "$OUT/p2.txt")
BYLINE=$(cat "$OUT/p5.txt")

echo "1. first start"
start_app
shot 01-first-start

echo "2. new draft: title, sapo, paragraphs 1-2"
xdotool key ctrl+n
sleep 1.5
click 320 103
type_text "$TITLE"
click 320 200
type_text "$SAPO"
click 320 480
type_text --file "$OUT/p0.txt"
xdotool key Return Return
type_text --file "$OUT/p1.txt"
sleep 1
shot 02-two-paragraphs

echo "3. add the photo"
click 94 678
answer_dialog "$PHOTO"
sleep 3
# Scroll the form down to the photo card.
xdotool mousemove 320 680
for _ in 1 2 3 4 5 6; do xdotool click 5; sleep 0.1; done
sleep 0.5
shot 03-photo-card
click 385 203
type_text "$CAPTION"
click 385 285
type_text "Bến tàu gỗ trong sương sớm"
# The body's cursor is still at the end of paragraph 2: place the photo there.
click 214 345
sleep 0.5
click 320 462
type_text "$BYLINE"
click 160 529
type_text "xã Cao Sơn"
click 470 529
type_text "25/01/2024"
shot 04-caption-placed

echo "4. paragraphs 3-4"
click 320 90                 # the body, at the top of the scrolled form
xdotool key ctrl+End Return Return
type_text --file "$OUT/p3.txt"
xdotool key Return Return
type_text --file "$OUT/p4.txt"
sleep 2.5
shot 05-whole-article

echo "5. close the window"
close_window "$WIN"
for _ in $(seq 1 50); do kill -0 "$APP" 2>/dev/null || break; sleep 0.1; done
kill -0 "$APP" 2>/dev/null && { echo "FAIL: the window did not close"; exit 1; }
APP=

ID=$(ls -t "$HOME_DIR/drafts" | head -1)
TINXA_HOME="$HOME_DIR" "$BIN" show "$ID" >"$OUT/show.txt"
"$PY" - "$OUT" "$TITLE" "$CAPTION" "$BYLINE" <<'EOF'
import sys
out, title, caption, byline = sys.argv[1:]
s = open(f'{out}/show.txt', encoding='utf-8').read()
p = [open(f'{out}/p{i}.txt', encoding='utf-8').read() for i in (0, 1, 3, 4)]
# The credit may follow the caption ("— Tác giả", filled from the photo's own metadata).
photo_at = s.find(f"{p[1]}\n\n[Ảnh: {caption}")
checks = {
    'title': s.startswith(title + '\n'),
    'paragraphs 1-4': all(x in s for x in p),
    'photo between paragraphs 2 and 3': photo_at >= 0 and s.find(f"]\n\n{p[2]}", photo_at) > photo_at,
    'byline last': s.rstrip('\n').endswith('\n' + byline),
}
for k, v in checks.items():
    print(f'  {"ok  " if v else "FAIL"} {k}')
import difflib
for x in p:
    if x not in s:
        best = max(s.split('\n\n'), key=lambda y: difflib.SequenceMatcher(None, y, x).ratio())
        for op in difflib.SequenceMatcher(None, best, x).get_opcodes():
            if op[0] != 'equal':
                print(f'       got {best[op[1]-8:op[2]+8]!r}, typed {x[op[3]-8:op[4]+8]!r}')
sys.exit(0 if all(checks.values()) else 1)
EOF
[ ! -e "$HOME_DIR/drafts/$ID/lock.ron" ] || { echo "FAIL: lock left behind"; exit 1; }
[ ! -e "$HOME_DIR/drafts/$ID/journal.log" ] || { echo "FAIL: journal left behind"; exit 1; }

echo "6. start again, open the draft from the list"
start_app
shot 06-reopened-list
click 1077 193
sleep 2
shot 07-reopened-editor

echo "7. export to HTML"
click 580 21
answer_dialog "$OUT/out/xa-cao-son.html"
sleep 4
shot 08-exported
HTML="$OUT/out/xa-cao-son.html"
[ -s "$HTML" ] || { echo "FAIL: no export at $HTML"; exit 1; }
grep -q "<figcaption>$CAPTION" "$HTML" || { echo "FAIL: caption not in the export"; exit 1; }
grep -q 'data:image/jpeg;base64,' "$HTML" || { echo "FAIL: photo not embedded"; exit 1; }
echo "  exported $(stat -c %s "$HTML") bytes"
close_window "$WIN"
sleep 1
echo "PASS: screenshots in $OUT/shots"
