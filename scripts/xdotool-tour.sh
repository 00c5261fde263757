#!/usr/bin/env bash
# A guide's tour of a real zzkiosk, driven with xdotool on a virtual X screen (Xvfb, no window manager).
#
#   scripts/xdotool-tour.sh [OUT_DIR]        (default: tour-out)
#
# Starts the kiosk fullscreen on the bundled deck, checks that it covers the screen, pages
# through the first section with PageDown, clicks and turns the wheel, opens the overview,
# blacks out, shows the help card, checks that
# Esc, Ctrl+Q, Ctrl+W and Alt+F4 do not quit it, then quits with the staff chord
# Ctrl+Shift+Q and checks the exit code. A screenshot of each step lands in OUT_DIR.
# Prints one line per check and exits 0 when all of them pass.
#
# Needs: Xvfb and xdotool (apt-get install xvfb xdotool), and a Python with zzkiosk installed:
# ZZKIOSK_PY (default .venv/bin/python, else python3). DECK and SIZE may be set too.
set -u
cd "$(dirname "$0")/.."
out=${1:-tour-out}
py=${ZZKIOSK_PY:-$([ -x .venv/bin/python ] && echo .venv/bin/python || echo python3)}
deck=${DECK:-slides}
size=${SIZE:-1920x1080}
mkdir -p "$out"
rm -f "$out"/*.png
failures=0

check() {  # check NAME COMMAND...: run COMMAND, print ok/FAIL
  if "${@:2}"; then echo "ok    $1"; else echo "FAIL  $1"; failures=$((failures + 1)); fi
}

display=:$((90 + RANDOM % 9))
Xvfb "$display" -screen 0 "${size}x24" -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
state=$(mktemp -d)  # a private state and runtime folder: the tour never moves a real kiosk's saved position
trap 'kill $xvfb 2>/dev/null; [ -n "${app:-}" ] && kill $app 2>/dev/null; rm -rf "$state"' EXIT
export DISPLAY=$display QT_QPA_PLATFORM=xcb XDG_STATE_HOME=$state/state XDG_RUNTIME_DIR=$state
for _ in $(seq 50); do xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.1; done

shot() {  # shot NAME: save the whole screen as OUT_DIR/NAME.png
  "$py" - "$out/$1.png" <<'PY'
import sys
from PySide6.QtGui import QGuiApplication
app = QGuiApplication(sys.argv[:1])
sys.exit(0 if app.primaryScreen().grabWindow(0).save(sys.argv[1]) else 1)
PY
}

flat() {  # flat NAME COLOUR: the screenshot is one colour (#000000 or #ffffff) all over
  "$py" - "$out/$1.png" "$2" <<'PY'
import sys
from PySide6.QtGui import QColor, QGuiApplication, QImage
app = QGuiApplication(sys.argv[:1])
image, want = QImage(sys.argv[1]), QColor(sys.argv[2]).rgb()
pixels = [image.pixel(x, y) for x in range(0, image.width(), 37) for y in range(0, image.height(), 29)]
sys.exit(0 if image.width() > 0 and all(p == want for p in pixels) else 1)
PY
}

differ() { ! cmp -s "$out/$1.png" "$out/$2.png"; }
alive() { kill -0 "$app" 2>/dev/null; }
keys() { xdotool key --delay "${2:-150}" $1; sleep "${3:-1}"; }

"$py" -m zzkiosk "$deck" --log-level info >"$out/zzkiosk.log" 2>&1 &
app=$!
for _ in $(seq 100); do window=$(xdotool search --pid "$app" 2>/dev/null | tail -1); [ -n "$window" ] && break; sleep 0.1; done
sleep 2
check "a kiosk window appeared" test -n "${window:-}"
geometry=$(xdotool getwindowgeometry "${window:-0}" 2>/dev/null | tr -d '\n')
check "the window covers the whole ${size} screen ($geometry)" grep -q "Geometry: ${size}" <<<"$geometry"
shot 01-start

keys "Next Next Next" 600 2          # PageDown x3: through the first section into the next
shot 02-paged
check "PageDown moved the show on" differ 01-start 02-paged

xdotool mousemove 960 540 click 1; sleep 1.5   # a left click is next too
shot 02b-clicked
check "a left click moved the show on" differ 02-paged 02b-clicked
xdotool click 4; sleep 1.5           # the wheel up: back again
shot 02c-wheeled
check "the wheel moved the show back" differ 02b-clicked 02c-wheeled

keys "o" 150 3                       # the overview; thumbnails fill in
shot 03-overview
check "O opened the overview" differ 02-paged 03-overview
keys "Escape" 150 1                  # Esc closes it again

keys "b" 150 1                       # black screen
shot 04-black
check "B blacked the screen out" flat 04-black "#000000"
keys "b" 150 1

keys "question" 150 1                # the help card
shot 05-help
check "? showed the help card" differ 02c-wheeled 05-help
keys "question" 150 1

keys "Escape ctrl+q ctrl+w alt+F4" 300 1
check "Esc, Ctrl+Q, Ctrl+W and Alt+F4 did not quit the kiosk" alive
keys "Escape" 150 1                  # (Esc opened the overview: close it)

keys "ctrl+shift+q" 150 0            # the staff chord
for _ in $(seq 50); do alive || break; sleep 0.1; done
check "Ctrl+Shift+Q quit the kiosk" bash -c "! kill -0 $app 2>/dev/null"
wait "$app"; code=$?
app=
check "the exit code is 0 (it was $code)" test "$code" -eq 0
check "the log says why it quit" grep -q "staff quit chord" "$out/zzkiosk.log"

echo "screenshots and the kiosk's log are in $out/"
[ "$failures" -eq 0 ] && echo "tour passed" || echo "tour FAILED: $failures check(s)"
exit $((failures > 0))
