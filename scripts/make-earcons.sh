#!/usr/bin/env bash
# Regenerates resources/earcons/{start,stop}.wav (run once; the WAVs are committed). Needs sox.
# Short two-note blips, 16 kHz mono PCM16, faded so they do not click: rising = listening, falling = done.
set -euo pipefail
cd "$(dirname "$0")/../resources/earcons"
blip() { sox -n -r 16000 -c 1 -b 16 "$1" synth 0.06 sine "$2" fade q 0.005 0.06 0.02 vol 0.35; }
blip a.wav 660; blip b.wav 990
sox a.wav b.wav start.wav
sox b.wav a.wav stop.wav
rm a.wav b.wav
